package dev.tenantconnect.core.tenant;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A DNS record the operator may publish for domain verification. Entra offers a TXT and an MX record; publishing
 * either proves ownership.
 *
 * @param type the record type: {@code TXT} or {@code MX} (Graph's {@code recordType}, upper case)
 * @param label the host label
 * @param value what the record holds: a TXT record's {@code text} (e.g. {@code MS=ms12345678}), an MX record's
 *     {@code mailExchange} host (e.g. {@code ms12345678.msv1.invalid})
 * @param ttl the time to live in seconds
 * @param preference an MX record's preference; empty for other types
 */
public record DnsRecord(String type, String label, String value, int ttl, OptionalInt preference) {
    /** Rejects nulls. */
    public DnsRecord {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(preference, "preference");
    }

    /**
     * A record without a preference (TXT).
     *
     * @param type the record type
     * @param label the host label
     * @param value the record value
     * @param ttl the time to live in seconds
     */
    public DnsRecord(String type, String label, String value, int ttl) {
        this(type, label, value, ttl, OptionalInt.empty());
    }
}
