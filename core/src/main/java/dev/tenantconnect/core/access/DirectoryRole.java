package dev.tenantconnect.core.access;

import dev.tenantconnect.core.internal.Checks;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An Entra built-in directory role, identified by its <b>role template ID</b> — never by display name, which
 * Microsoft has changed over time (e.g. "Lync Service Administrator" became "Skype for Business Administrator").
 *
 * @param templateId the role template ID (also {@code roleTemplateId} on an activated {@code directoryRole})
 */
public record DirectoryRole(UUID templateId) {
    /**
     * Teams Communications Administrator (needed for Operator Connect; see
     * https://learn.microsoft.com/en-us/microsoftteams/operator-connect-plan).
     */
    public static final DirectoryRole TEAMS_COMMUNICATIONS_ADMINISTRATOR = of("baf37b3a-610e-45da-9e62-d9d1e5e8914b");
    /** Teams Administrator. */
    public static final DirectoryRole TEAMS_ADMINISTRATOR = of("69091246-20e8-4a56-aa4d-066075b2a7a8");
    /** Teams Telephony Administrator. */
    public static final DirectoryRole TEAMS_TELEPHONY_ADMINISTRATOR = of("aa38014f-0993-46e9-9b45-30501a20909d");
    /** Skype for Business Administrator (formerly Lync Service Administrator). */
    public static final DirectoryRole SKYPE_FOR_BUSINESS_ADMINISTRATOR = of("75941009-915a-4869-abe7-691bff18279e");
    /** Domain Name Administrator. */
    public static final DirectoryRole DOMAIN_NAME_ADMINISTRATOR = of("8329153b-31d0-4727-b945-745eb3bc5f31");
    /** User Administrator. */
    public static final DirectoryRole USER_ADMINISTRATOR = of("fe930be7-5e62-47db-91af-98c3a49a38b1");
    /** Application Administrator. */
    public static final DirectoryRole APPLICATION_ADMINISTRATOR = of("9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3");
    /** Cloud Application Administrator. */
    public static final DirectoryRole CLOUD_APPLICATION_ADMINISTRATOR = of("158c047a-c907-4556-b7ef-446551a6b5f7");
    /** Global Administrator. */
    public static final DirectoryRole GLOBAL_ADMINISTRATOR = of("62e90394-69f5-4237-9190-012177145e10");
    /** Privileged Role Administrator. */
    public static final DirectoryRole PRIVILEGED_ROLE_ADMINISTRATOR = of("e8611ab8-c189-46e8-94e1-60213ab1f814");
    /** Teams Communications Support Engineer. */
    public static final DirectoryRole TEAMS_COMMUNICATIONS_SUPPORT_ENGINEER = of("f70938a0-fc10-4177-9e90-2178f8765737");
    /** Teams Communications Support Specialist. */
    public static final DirectoryRole TEAMS_COMMUNICATIONS_SUPPORT_SPECIALIST =
            of("fcf91098-03e3-41a9-b5ba-6f0ec8188a12");
    /** License Administrator. */
    public static final DirectoryRole LICENSE_ADMINISTRATOR = of("4d6ac14f-3453-41d0-bef9-a3e0c569773a");
    /** Global Reader. */
    public static final DirectoryRole GLOBAL_READER = of("f2ef992c-3afb-46b9-b7cf-a126ee74c451");
    /** Teams Reader. */
    public static final DirectoryRole TEAMS_READER = of("1076ac91-f3d9-41a7-a339-dcdf5f480acc");
    /** Directory Readers. */
    public static final DirectoryRole DIRECTORY_READERS = of("88d8e3e3-8f55-4a1e-953a-9b9898b8876b");

    private static final Map<UUID, String> NAMES = Map.ofEntries(
            Map.entry(TEAMS_COMMUNICATIONS_ADMINISTRATOR.templateId, "Teams Communications Administrator"),
            Map.entry(TEAMS_ADMINISTRATOR.templateId, "Teams Administrator"),
            Map.entry(TEAMS_TELEPHONY_ADMINISTRATOR.templateId, "Teams Telephony Administrator"),
            Map.entry(SKYPE_FOR_BUSINESS_ADMINISTRATOR.templateId, "Skype for Business Administrator"),
            Map.entry(DOMAIN_NAME_ADMINISTRATOR.templateId, "Domain Name Administrator"),
            Map.entry(USER_ADMINISTRATOR.templateId, "User Administrator"),
            Map.entry(APPLICATION_ADMINISTRATOR.templateId, "Application Administrator"),
            Map.entry(CLOUD_APPLICATION_ADMINISTRATOR.templateId, "Cloud Application Administrator"),
            Map.entry(GLOBAL_ADMINISTRATOR.templateId, "Global Administrator"),
            Map.entry(PRIVILEGED_ROLE_ADMINISTRATOR.templateId, "Privileged Role Administrator"),
            Map.entry(TEAMS_COMMUNICATIONS_SUPPORT_ENGINEER.templateId, "Teams Communications Support Engineer"),
            Map.entry(TEAMS_COMMUNICATIONS_SUPPORT_SPECIALIST.templateId, "Teams Communications Support Specialist"),
            Map.entry(LICENSE_ADMINISTRATOR.templateId, "License Administrator"),
            Map.entry(GLOBAL_READER.templateId, "Global Reader"),
            Map.entry(TEAMS_READER.templateId, "Teams Reader"),
            Map.entry(DIRECTORY_READERS.templateId, "Directory Readers"));

    /** Rejects null. */
    public DirectoryRole {
        Objects.requireNonNull(templateId, "templateId");
    }

    private static DirectoryRole of(String id) {
        return new DirectoryRole(UUID.fromString(id));
    }

    /**
     * @param templateId a role template ID as Graph returns it
     * @return the role (known or not)
     */
    public static DirectoryRole ofTemplateId(String templateId) {
        return new DirectoryRole(Checks.guid("roleTemplateId", templateId));
    }

    /** @return the current portal name for the roles this SDK knows, empty for others */
    public Optional<String> knownName() {
        return Optional.ofNullable(NAMES.get(templateId));
    }

    /** @return whether this SDK knows the role by name */
    public boolean isKnown() {
        return NAMES.containsKey(templateId);
    }

    /** @return every role this SDK knows by name */
    public static Map<UUID, DirectoryRole> known() {
        return NAMES.keySet().stream().map(DirectoryRole::new)
                .collect(Collectors.toUnmodifiableMap(DirectoryRole::templateId, Function.identity()));
    }

    /** @return the portal name, or {@code "role <templateId>"} for roles the SDK does not know */
    @Override
    public String toString() {
        return knownName().orElseGet(() -> "role " + templateId);
    }
}
