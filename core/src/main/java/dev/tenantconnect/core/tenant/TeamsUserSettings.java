package dev.tenantconnect.core.tenant;

import dev.tenantconnect.core.model.PhoneNumber;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A user's Teams configuration as Graph reports it ({@code admin/teams/userConfigurations}).
 *
 * @param user the user's object ID
 * @param accountType {@code user}, {@code resourceAccount}, ...
 * @param enterpriseVoiceEnabled whether the user can make and receive PSTN calls
 * @param numbers the numbers assigned
 * @param policies effective policies, type to policy name
 */
public record TeamsUserSettings(UUID user, String accountType, boolean enterpriseVoiceEnabled,
        List<PhoneNumber> numbers, Map<String, String> policies) {
    /** Validates and copies. */
    public TeamsUserSettings {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(accountType, "accountType");
        numbers = List.copyOf(numbers);
        policies = Map.copyOf(policies);
    }
}
