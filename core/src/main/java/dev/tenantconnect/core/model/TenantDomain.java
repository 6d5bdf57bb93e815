package dev.tenantconnect.core.model;

import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.internal.Checks;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A verified domain of a tenant (e.g. {@code contoso.onmicrosoft.com}), usable where Microsoft accepts a domain in
 * place of the tenant ID. Canonical form is lower case.
 *
 * @param name the domain name
 */
public record TenantDomain(String name) implements TenantRef {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    /** Validates the domain name syntax (labels of letters, digits and hyphens; at least two labels). */
    public TenantDomain {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > 253) {
            throw new ValidationException("tenantDomain", "must be 1 to 253 characters");
        }
        String[] labels = name.split("\\.", -1);
        if (labels.length < 2) {
            throw new ValidationException("tenantDomain", "must have at least two labels, like contoso.com");
        }
        for (String l : labels) {
            if (!LABEL.matcher(l).matches()) {
                throw new ValidationException("tenantDomain",
                        "each label must be 1-63 letters, digits or inner hyphens, in lower case");
            }
        }
    }

    /**
     * @param raw the domain, any case, surrounding blanks ignored
     * @return the domain in canonical (lower-case) form
     */
    public static TenantDomain parse(String raw) {
        return new TenantDomain(Checks.present("tenantDomain", raw).strip().toLowerCase(Locale.ROOT));
    }

    @Override
    public String value() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
