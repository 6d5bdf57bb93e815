package dev.tenantconnect.voice;

import java.util.Objects;

/**
 * One line of a verification report.
 *
 * @param name a stable name, one of {@link #NAMES}, e.g. {@link #DIRECTORY_ROLES}
 * @param status the outcome
 * @param evidence what was found (no secrets, no personal data)
 * @param remediation what an admin does to fix it; empty when nothing is needed
 */
public record Check(String name, CheckStatus status, String evidence, String remediation) {
    /** The app-only token was (or was not) issued for the stored credential. */
    public static final String TOKEN = "token";
    /** The token's tenant is the tenant asked for. */
    public static final String TENANT = "tenant";
    /** The app has an enabled service principal in the tenant. */
    public static final String SERVICE_PRINCIPAL = "service-principal";
    /** The service principal holds the directory roles the stage needs. */
    public static final String DIRECTORY_ROLES = "directory-roles";
    /** The app holds the Graph application permissions the stage needs, and no more. */
    public static final String GRAPH_PERMISSIONS = "graph-permissions";
    /** Days until the stored secret or certificate expires. */
    public static final String CREDENTIAL_EXPIRY = "credential-expiry";
    /** Teams Phone licences free in the tenant. */
    public static final String TEAMS_PHONE_LICENCES = "teams-phone-licences";
    /** Every check name, in the order a report lists them. */
    public static final java.util.List<String> NAMES = java.util.List.of(TOKEN, TENANT, SERVICE_PRINCIPAL,
            DIRECTORY_ROLES, GRAPH_PERMISSIONS, CREDENTIAL_EXPIRY, TEAMS_PHONE_LICENCES);

    /** Rejects nulls. */
    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(remediation, "remediation");
    }
}
