package dev.tenantconnect.voice;

import dev.tenantconnect.core.credential.CredentialKey;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every finding of a setup verification at once (the check that closes a manual connection or the app-registration
 * wizard). A failing check never hides the others. Renders as text for people and JSON for machines.
 *
 * @param key which connection was verified
 * @param checkedAt when
 * @param checks every check, in a fixed order
 */
public record VerificationReport(CredentialKey key, Instant checkedAt, List<Check> checks) {
    /** Validates and copies. */
    public VerificationReport {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(checkedAt, "checkedAt");
        checks = List.copyOf(checks);
    }

    /** @return the worst status of all checks */
    public CheckStatus overall() {
        return checks.stream().map(Check::status).max(Comparator.naturalOrder()).orElse(CheckStatus.PASS);
    }

    /** @return whether nothing failed (warnings allowed) */
    public boolean usable() {
        return checks.stream().noneMatch(c -> c.status() == CheckStatus.FAIL || c.status() == CheckStatus.SKIPPED);
    }

    /**
     * @param name a check name
     * @return that check, if present
     */
    public Optional<Check> check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** @return a fixed-width text rendering, one check a line, remediation indented below */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append("Verification of ").append(key).append(" at ").append(checkedAt).append(": ").append(overall())
                .append('\n');
        for (Check c : checks) {
            b.append(String.format("  %-7s %-22s %s%n", c.status(), c.name(), c.evidence()));
            if (!c.remediation().isEmpty()) {
                b.append(String.format("  %-7s %-22s -> %s%n", "", "", c.remediation()));
            }
        }
        return b.toString();
    }

    /** @return a JSON rendering */
    public String toJson() {
        StringBuilder b = new StringBuilder();
        b.append("{\"tenant\":").append(q(key.tenant().value())).append(",\"service\":").append(q(key.service().value()))
                .append(",\"checkedAt\":").append(q(checkedAt.toString())).append(",\"overall\":")
                .append(q(overall().name())).append(",\"checks\":[");
        for (int i = 0; i < checks.size(); i++) {
            Check c = checks.get(i);
            b.append(i == 0 ? "" : ",").append("{\"name\":").append(q(c.name())).append(",\"status\":")
                    .append(q(c.status().name())).append(",\"evidence\":").append(q(c.evidence()))
                    .append(",\"remediation\":").append(q(c.remediation())).append('}');
        }
        return b.append("]}").toString();
    }

    private static String q(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
