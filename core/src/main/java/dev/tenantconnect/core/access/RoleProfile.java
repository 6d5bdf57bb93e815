package dev.tenantconnect.core.access;

import java.util.Collection;
import java.util.Objects;

/**
 * The directory roles a deployment stage needs (the role table of Direct Routing onboarding), as a {@link Requirement},
 * and whether the stage is onboarding-only (its roles may be removed once onboarding is done). Role names and what they
 * grant: https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/permissions-reference
 *
 * @param name a short stable name, e.g. {@code direct-routing-day-two}
 * @param description what the stage does, for reports
 * @param requirement the roles required
 * @param onboardingOnly whether the roles are needed only while onboarding
 */
public record RoleProfile(String name, String description, Requirement<DirectoryRole> requirement,
        boolean onboardingOnly) {

    /**
     * Operator Connect: Teams Communications Administrator — or Teams Administrator, which includes
     * everything it grants. The first alternative is the least-privileged one.
     */
    public static final RoleProfile OPERATOR_CONNECT = new RoleProfile("operator-connect",
            "Operator Connect number upload and assignment",
            Requirement.anyOfItems(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR, DirectoryRole.TEAMS_ADMINISTRATOR),
            false);

    /**
     * Direct Routing day two and daily replication: Teams Administrator, or Teams Telephony
     * Administrator together with Skype for Business Administrator.
     */
    public static final RoleProfile DIRECT_ROUTING_DAY_TWO = new RoleProfile("direct-routing-day-two",
            "Direct Routing management and daily replication",
            Requirement.anyOf(Requirement.of(DirectoryRole.TEAMS_ADMINISTRATOR),
                    Requirement.allOfItems(DirectoryRole.TEAMS_TELEPHONY_ADMINISTRATOR,
                            DirectoryRole.SKYPE_FOR_BUSINESS_ADMINISTRATOR)),
            false);

    /**
     * Automatic-DNS onboarding: Domain Name Administrator and User Administrator; removable after
     * onboarding, needed again when a site with a new DNS sub-domain is added.
     */
    public static final RoleProfile AUTOMATIC_DNS_ONBOARDING = new RoleProfile("automatic-dns-onboarding",
            "Automatic DNS sub-domain and activation user during onboarding",
            Requirement.allOfItems(DirectoryRole.DOMAIN_NAME_ADMINISTRATOR, DirectoryRole.USER_ADMINISTRATOR), true);

    /**
     * The app-registration wizard: the signed-in admin grants Microsoft Graph application permissions and assigns
     * directory roles, for which Privileged Role Administrator is the least privileged role Microsoft names
     * (https://learn.microsoft.com/en-us/graph/api/serviceprincipal-post-approleassignedto: "the least privileged
     * role supported for Microsoft Graph and Azure AD Graph app roles";
     * https://learn.microsoft.com/en-us/graph/api/rbacapplication-post-roleassignments), or Global Administrator.
     * Application Administrator and Cloud Application Administrator are not enough for either. Creating the
     * application itself needs no role while the tenant keeps the default user permissions.
     */
    public static final RoleProfile APP_REGISTRATION_WIZARD = new RoleProfile("app-registration-wizard",
            "Creating the customer's app registration",
            Requirement.anyOfItems(DirectoryRole.PRIVILEGED_ROLE_ADMINISTRATOR, DirectoryRole.GLOBAL_ADMINISTRATOR),
            true);

    /** Validates the components. */
    public RoleProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(requirement, "requirement");
    }

    /**
     * @param held the roles a principal holds
     * @return the evaluation of this profile
     */
    public Evaluation<DirectoryRole> evaluate(Collection<DirectoryRole> held) {
        return requirement.evaluate(held);
    }

    /**
     * Combines stages a deployment goes through at once (e.g. Direct Routing day two plus automatic DNS).
     *
     * @param name the combined profile's name
     * @param profiles the stages
     * @return a profile requiring all of them; onboarding-only only if all are
     */
    public static RoleProfile combined(String name, RoleProfile... profiles) {
        @SuppressWarnings("unchecked")
        Requirement<DirectoryRole>[] parts = java.util.Arrays.stream(profiles).map(RoleProfile::requirement)
                .toArray(Requirement[]::new);
        boolean onboarding = java.util.Arrays.stream(profiles).allMatch(RoleProfile::onboardingOnly);
        return new RoleProfile(name, "combined: " + String.join(", ",
                java.util.Arrays.stream(profiles).map(RoleProfile::name).toList()), Requirement.allOf(parts),
                onboarding);
    }
}
