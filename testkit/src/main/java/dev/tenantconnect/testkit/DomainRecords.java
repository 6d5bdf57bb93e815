package dev.tenantconnect.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.UUID;

/**
 * The verification records Entra offers for a domain beside the TXT record: an MX record whose {@code mailExchange}
 * is the verification code under {@code msv1.invalid} with {@code preference} 32767 — either record proves
 * ownership (https://learn.microsoft.com/graph/api/domain-list-verificationdnsrecords, response example;
 * CSDL {@code microsoft.graph.domainDnsMxRecord}: {@code mailExchange}, {@code preference}).
 */
final class DomainRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DomainRecords() {
    }

    /**
     * @param domain the domain (lower case)
     * @param txt its TXT verification value, {@code MS=ms12345678}
     * @return its MX verification record
     */
    static ObjectNode mx(String domain, String txt) {
        String code = txt.startsWith("MS=") ? txt.substring(3) : txt;
        ObjectNode mx = JSON.createObjectNode();
        mx.put("@odata.type", "#microsoft.graph.domainDnsMxRecord");
        mx.put("id", UUID.nameUUIDFromBytes(("mx:" + domain).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString());
        mx.put("isOptional", false);
        mx.put("label", domain);
        mx.put("recordType", "Mx");
        mx.put("supportedService", "Email");
        mx.put("ttl", 3600);
        mx.put("mailExchange", code.toLowerCase(Locale.ROOT) + ".msv1.invalid");
        mx.put("preference", 32767);
        return mx;
    }
}
