package dev.tenantconnect.core.model;

import dev.tenantconnect.core.internal.Checks;

/**
 * How a customer tenant can be named where Microsoft accepts either form (e.g. the token authority):
 * its tenant ID ({@link TenantId}) or one of its verified domains ({@link TenantDomain}). The two stay distinct
 * types: a domain is never silently treated as an ID.
 */
public sealed interface TenantRef permits TenantId, TenantDomain {

    /** @return the text Microsoft expects in URLs (GUID or domain name) */
    String value();

    /**
     * Parses either a tenant GUID or a domain name.
     *
     * @param raw a GUID or a domain such as {@code contoso.onmicrosoft.com}
     * @return the typed reference
     */
    static TenantRef parse(String raw) {
        String s = Checks.present("tenant", raw);
        return Checks.looksLikeGuid(s) ? TenantId.parse(s) : TenantDomain.parse(s);
    }
}
