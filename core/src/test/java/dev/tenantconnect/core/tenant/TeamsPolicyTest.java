package dev.tenantconnect.core.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenantconnect.core.error.ValidationException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TeamsPolicyTest {
    @Test
    void a_policy_names_its_type_and_name_and_reads_as_the_warnings_quote_it() {
        TeamsPolicy p = TeamsPolicy.of("TeamsCallingPolicy", "Allow Calling");

        assertEquals("TeamsCallingPolicy", p.type());
        assertEquals("TeamsCallingPolicy 'Allow Calling'", p.toString());
    }

    @Test
    void a_bad_type_or_name_is_refused_naming_the_field() {
        assertEquals("policyType", assertThrows(ValidationException.class,
                () -> TeamsPolicy.of("Teams Calling", "AllowCalling")).field());
        assertEquals("policyType", assertThrows(ValidationException.class,
                () -> TeamsPolicy.of("", "AllowCalling")).field());
        assertEquals("policyName", assertThrows(ValidationException.class,
                () -> TeamsPolicy.of("TenantDialPlan", " ")).field());
        assertEquals("policyName", assertThrows(ValidationException.class,
                () -> TeamsPolicy.of("TenantDialPlan", "line\nbreak")).field());
    }

    @Test
    void a_map_of_type_to_name_converts_both_ways_and_a_type_given_twice_is_refused() {
        Set<TeamsPolicy> fromMap = TeamsPolicy.fromMap(Map.of("TeamsCallingPolicy", "AllowCalling"));

        assertEquals(Set.of(TeamsPolicy.of("TeamsCallingPolicy", "AllowCalling")), fromMap);
        assertEquals(Map.of("TeamsCallingPolicy", "AllowCalling"), TeamsPolicy.toMap(fromMap));
        ValidationException twice = assertThrows(ValidationException.class, () -> TeamsPolicy.toMap(List.of(
                TeamsPolicy.of("TenantDialPlan", "A"), TeamsPolicy.of("TenantDialPlan", "B"))));
        assertEquals("policies", twice.field());
        assertTrue(twice.getMessage().contains("TenantDialPlan"));
    }
}
