package dev.tenantconnect.voice;

import dev.tenantconnect.core.tenant.DnsRecord;
import java.util.List;
import java.util.Objects;

/**
 * Where a Direct Routing onboarding subdomain stands (automatic DNS).
 *
 * @param domain the subdomain
 * @param verified whether Microsoft has verified it
 * @param records the DNS records the operator must publish (empty once verified)
 */
public record DomainVerification(String domain, boolean verified, List<DnsRecord> records) {
    /** Validates and copies. */
    public DomainVerification {
        Objects.requireNonNull(domain, "domain");
        records = List.copyOf(records);
    }
}
