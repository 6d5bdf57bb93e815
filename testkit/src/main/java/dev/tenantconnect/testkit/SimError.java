package dev.tenantconnect.testkit;

/** Thrown inside an endpoint to answer with an error: HTTP status, service error code and message. */
final class SimError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String code;

    SimError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }
}
