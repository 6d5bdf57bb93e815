package dev.tenantconnect.core.error;

import java.util.Objects;

/**
 * One stored record failed its integrity check — tampered, sealed with a key the provider no longer has, not valid
 * Base64, or stored under a key it does not belong to — while the rest of the store is fine. Lists skip such a record
 * and report it; reading that record itself throws this. Names the record (sanitised), never its content.
 */
public class DamagedRecordException extends StoreIntegrityException {
    private static final long serialVersionUID = 1L;

    private final String tenant;
    private final String service;

    /**
     * @param tenant the tenant column as stored (untrusted; sanitised here)
     * @param service the service column as stored (untrusted; sanitised here)
     * @param problem what failed, without secret material
     */
    public DamagedRecordException(String tenant, String service, String problem) {
        super("credential record " + UntrustedText.of(tenant, 40) + "/" + UntrustedText.of(service, 64)
                + " is damaged: " + Objects.requireNonNull(problem, "problem"), null);
        this.tenant = UntrustedText.of(tenant, 40);
        this.service = UntrustedText.of(service, 64);
    }

    /** @return the record's tenant as stored, sanitised */
    public String tenant() {
        return tenant;
    }

    /** @return the record's service as stored, sanitised */
    public String service() {
        return service;
    }

    /** @return what failed, without the record's name */
    public String problem() {
        String m = getMessage();
        return m.substring(m.indexOf(" is damaged: ") + " is damaged: ".length());
    }
}
