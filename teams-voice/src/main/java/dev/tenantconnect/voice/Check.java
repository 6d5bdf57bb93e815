package dev.tenantconnect.voice;

import java.util.Objects;

/**
 * One line of a verification report.
 *
 * @param name a stable name, e.g. {@code directory-roles}
 * @param status the outcome
 * @param evidence what was found (no secrets, no personal data)
 * @param remediation what an admin does to fix it; empty when nothing is needed
 */
public record Check(String name, CheckStatus status, String evidence, String remediation) {
    /** Rejects nulls. */
    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(remediation, "remediation");
    }
}
