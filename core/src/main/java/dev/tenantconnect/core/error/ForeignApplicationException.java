package dev.tenantconnect.core.error;

import java.util.List;
import java.util.Objects;

/**
 * An app registration the SDK would have used exists in the tenant but was not made by the SDK (it lacks the SDK's
 * tag, or other principals own it), so nothing is granted to it. Names the application and its owners, so an admin
 * can check it and remove or rename it.
 */
public class ForeignApplicationException extends TenantConnectException {
    private static final long serialVersionUID = 1L;

    private final String application;
    private final List<String> owners;

    /**
     * @param application the application: display name, application ID and alternate key
     * @param owners its owners (UPNs or display names with object IDs)
     * @param reason why it is not taken for the SDK's
     */
    public ForeignApplicationException(String application, List<String> owners, String reason) {
        super("app registration " + Objects.requireNonNull(application, "application") + " exists but was not "
                + "created by this SDK (" + Objects.requireNonNull(reason, "reason") + "); owners: "
                + (owners.isEmpty() ? "none" : String.join(", ", owners)) + ". Nothing was granted to it: check it "
                + "with the tenant's admin, and delete it or choose another name", null);
        this.application = application;
        this.owners = List.copyOf(owners);
    }

    /** @return the application, as named in the message */
    public String application() {
        return application;
    }

    /** @return its owners */
    public List<String> owners() {
        return owners;
    }
}
