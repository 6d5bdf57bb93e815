package dev.tenantconnect.core.tenant;

import dev.tenantconnect.core.error.UntrustedText;
import dev.tenantconnect.core.error.ValidationException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Teams policy to grant a user: its policy type (the name Teams gives the kind of policy, e.g.
 * {@code TeamsCallingPolicy}, {@code TenantDialPlan}, {@code OnlineVoiceRoutingPolicy}) and the policy's name in the
 * tenant (e.g. {@code AllowCalling}). Microsoft Graph grants a policy by these two
 * (https://learn.microsoft.com/graph/api/teamsadministration-teamspolicyassignment-assign).
 *
 * @param type the policy type: letters and digits, starting with a letter
 * @param name the policy's name: not blank, at most 256 characters, no control characters
 */
public record TeamsPolicy(String type, String name) {
    private static final Pattern TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,127}");

    /**
     * Validates.
     *
     * @throws ValidationException naming {@code policyType} or {@code policyName} and the rule broken
     */
    public TeamsPolicy {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        if (!TYPE.matcher(type).matches()) {
            throw new ValidationException("policyType", "must be a Teams policy type such as TeamsCallingPolicy "
                    + "(letters and digits, starting with a letter), not '" + UntrustedText.of(type) + "'");
        }
        if (name.isBlank() || name.length() > 256 || UntrustedText.hasUnsafe(name)) {
            throw new ValidationException("policyName", "must be a policy name (not blank, at most 256 characters, "
                    + "no control characters)");
        }
    }

    /**
     * @param type the policy type
     * @param name the policy's name
     * @return the policy
     * @throws ValidationException naming the field and the rule broken
     */
    public static TeamsPolicy of(String type, String name) {
        return new TeamsPolicy(type, name);
    }

    /**
     * The policies of a map from policy type to policy name, the form configuration files and older callers use.
     *
     * @param byType policy type to policy name
     * @return one policy per type
     * @throws ValidationException naming the field and the rule broken by the first bad entry
     */
    public static Set<TeamsPolicy> fromMap(Map<String, String> byType) {
        Set<TeamsPolicy> out = new LinkedHashSet<>();
        byType.forEach((type, name) -> out.add(new TeamsPolicy(type, name)));
        return Collections.unmodifiableSet(out);
    }

    /**
     * @param policies policies, at most one per type
     * @return policy type to policy name
     * @throws ValidationException naming {@code policies} when a type appears twice
     */
    public static Map<String, String> toMap(Collection<TeamsPolicy> policies) {
        Map<String, String> out = new LinkedHashMap<>();
        for (TeamsPolicy p : policies) {
            if (out.putIfAbsent(p.type(), p.name()) != null) {
                throw new ValidationException("policies", "one policy per type: " + p.type() + " is given twice");
            }
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public String toString() {
        return type + " '" + name + "'";
    }
}
