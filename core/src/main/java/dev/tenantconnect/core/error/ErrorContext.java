package dev.tenantconnect.core.error;

import dev.tenantconnect.core.model.TenantId;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where a service error came from: the tenant, the HTTP status, the service's error code and the request IDs
 * that Microsoft support asks for.
 *
 * @param tenant the tenant the call was made for
 * @param httpStatus the HTTP status, when the error came from an HTTP response
 * @param serviceErrorCode the service's own code (Graph {@code error.code}, Entra {@code error}, AADSTS code)
 * @param requestId the service's request ID ({@code request-id} / {@code innerError.request-id})
 * @param clientRequestId the {@code client-request-id} we sent
 */
public record ErrorContext(Optional<TenantId> tenant, OptionalInt httpStatus, Optional<String> serviceErrorCode,
        Optional<String> requestId, Optional<String> clientRequestId) {

    /** Validates that no component is null. */
    public ErrorContext {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(httpStatus, "httpStatus");
        Objects.requireNonNull(serviceErrorCode, "serviceErrorCode");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(clientRequestId, "clientRequestId");
    }

    /** @return a context with nothing known */
    public static ErrorContext none() {
        return new ErrorContext(Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /**
     * @param tenant the tenant
     * @return a context naming only the tenant
     */
    public static ErrorContext forTenant(TenantId tenant) {
        return none().withTenant(tenant);
    }

    /**
     * @param status the HTTP status
     * @param code the service error code
     * @param requestId the service request ID
     * @return a context describing an HTTP error response
     */
    public static ErrorContext http(int status, String code, String requestId) {
        return new ErrorContext(Optional.empty(), OptionalInt.of(status), Optional.ofNullable(code),
                Optional.ofNullable(requestId), Optional.empty());
    }

    /**
     * @param value the tenant
     * @return a copy naming the tenant
     */
    public ErrorContext withTenant(TenantId value) {
        return new ErrorContext(Optional.of(value), httpStatus, serviceErrorCode, requestId, clientRequestId);
    }

    /**
     * @param value the client request ID we sent
     * @return a copy carrying it
     */
    public ErrorContext withClientRequestId(String value) {
        return new ErrorContext(tenant, httpStatus, serviceErrorCode, requestId, Optional.of(value));
    }

    /** @return a short description for exception messages, e.g. {@code "status 403, code Authorization_RequestDenied, request-id abc"} */
    public String describe() {
        StringBuilder b = new StringBuilder();
        tenant.ifPresent(t -> b.append("tenant ").append(t.value()));
        httpStatus.ifPresent(s -> sep(b).append("status ").append(s));
        serviceErrorCode.ifPresent(c -> sep(b).append("code ").append(c));
        requestId.ifPresent(r -> sep(b).append("request-id ").append(r));
        clientRequestId.ifPresent(r -> sep(b).append("client-request-id ").append(r));
        return b.toString();
    }

    private static StringBuilder sep(StringBuilder b) {
        return b.length() == 0 ? b : b.append(", ");
    }
}
