package dev.tenantconnect.core.error;

import dev.tenantconnect.core.model.TenantId;
import java.util.Objects;
import java.util.Optional;

/**
 * The credential works, but for another tenant than the one asked for: the token's {@code tid} (or the
 * organization Graph returns) differs. Usually a tenant ID pasted from the wrong customer.
 */
public class TenantMismatchException extends ServiceException {
    private static final long serialVersionUID = 1L;

    private final TenantId expected;
    private final TenantId actual;

    /**
     * @param expected the tenant asked for
     * @param actual the tenant the credential belongs to
     */
    public TenantMismatchException(TenantId expected, TenantId actual) {
        super("the credential belongs to tenant " + actual + ", not " + expected, ErrorContext.forTenant(expected),
                Optional.empty(), null);
        this.expected = Objects.requireNonNull(expected);
        this.actual = Objects.requireNonNull(actual);
    }

    /** @return the tenant asked for */
    public TenantId expected() {
        return expected;
    }

    /** @return the tenant the credential belongs to */
    public TenantId actual() {
        return actual;
    }
}
