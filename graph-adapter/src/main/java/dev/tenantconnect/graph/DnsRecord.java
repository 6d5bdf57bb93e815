package dev.tenantconnect.graph;

import java.util.Objects;

/**
 * A DNS record the operator must publish for domain verification.
 *
 * @param type the record type, e.g. {@code TXT}
 * @param label the host label
 * @param value the record value, e.g. {@code MS=ms12345678}
 * @param ttl the time to live in seconds
 */
public record DnsRecord(String type, String label, String value, int ttl) {
    /** Rejects nulls. */
    public DnsRecord {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(value, "value");
    }
}
