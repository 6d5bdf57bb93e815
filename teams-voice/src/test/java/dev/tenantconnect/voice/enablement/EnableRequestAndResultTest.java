package dev.tenantconnect.voice.enablement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.addon.AddonCatalog;
import dev.tenantconnect.core.addon.AddonTarget;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.core.problem.Problem;
import dev.tenantconnect.core.problem.ProblemCode;
import dev.tenantconnect.core.tenant.TeamsPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Requests and results are built by name, copied with one field changed, and say what they hold. */
class EnableRequestAndResultTest {
    static final PhoneNumber NUMBER = PhoneNumber.parse("+6590000001");

    @Test
    void teams_policies_are_typed_values_one_per_type_and_a_bad_one_is_refused_when_the_request_is_built() {
        EnableRequest typed = EnableRequest.builder(UserRef.parse("alice@contoso.com"),
                new NumberChoice.Specific(NUMBER)).teamsPolicies(List.of(TeamsPolicy.of("TeamsCallingPolicy",
                        "AllowCalling"), TeamsPolicy.of("TenantDialPlan", "SG"))).build();

        assertThat(typed.teamsPolicies()).containsExactlyInAnyOrder(TeamsPolicy.of("TeamsCallingPolicy",
                "AllowCalling"), TeamsPolicy.of("TenantDialPlan", "SG"));
        assertThat(TeamsPolicy.toMap(typed.teamsPolicies())).isEqualTo(Map.of("TeamsCallingPolicy", "AllowCalling",
                "TenantDialPlan", "SG"));
        assertThat(typed.toBuilder().teamsPolicies(typed.teamsPolicies()).build()).isEqualTo(typed);
        assertThatThrownBy(() -> typed.toBuilder().teamsPolicies(TeamsPolicy.fromMap(Map.of("Teams Calling Policy",
                "AllowCalling")))).isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("policyType"));
        assertThatThrownBy(() -> typed.toBuilder().teamsPolicies(List.of(TeamsPolicy.of("TenantDialPlan", "A"),
                TeamsPolicy.of("TenantDialPlan", "B")))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("one policy per type");
        BatchItem item = BatchItem.builder(1, UserRef.parse("alice@contoso.com"), NUMBER,
                AddonCatalog.standard().parseSet(List.of("device_import_msteams_OC")))
                .teamsPolicies(typed.teamsPolicies()).build();
        assertThat(item.teamsPolicies()).isEqualTo(typed.teamsPolicies());
    }

    @Test
    void a_batch_item_and_a_single_user_request_convert_into_each_other_and_a_request_still_to_be_settled_is_refused() {
        BatchItem item = BatchItem.builder(7, UserRef.parse("alice@contoso.com"), NUMBER,
                AddonCatalog.standard().parseSet(List.of("device_import_msteams_OC", "call_recording")))
                .locationId("loc-1").teamsPolicies(List.of(TeamsPolicy.of("TeamsCallingPolicy", "AllowCalling")))
                .build();

        EnableRequest request = item.toRequest();

        assertThat(request.number()).isEqualTo(new NumberChoice.Specific(NUMBER));
        assertThat(request.addons()).contains(item.addons());
        assertThat(BatchItem.of(7, request)).isEqualTo(item);
        assertThatThrownBy(() -> BatchItem.of(7, request.toBuilder().addonCodes(List.of("call_recording")).build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("addons"));
        assertThatThrownBy(() -> BatchItem.of(7, request.toBuilder().number(new NumberChoice.Pick(
                dev.tenantconnect.core.inventory.AllocationRequest.lowest(dev.tenantconnect.core.model.TenantId.parse(
                        "6b17bc95-fa47-49bf-8b00-000000000001"), "SG", "test"))).build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("number"));
    }

    @Test
    void a_request_is_built_by_name_and_to_builder_changes_one_field() {
        EnableRequest r = EnableRequest.builder(UserRef.parse("alice@contoso.com"), new NumberChoice.Specific(NUMBER))
                .addons(AddonCatalog.standard().parseSet(List.of("device_import_msteams_OC", "call_recording")))
                .locationId("loc-1").teamsPolicies(List.of(TeamsPolicy.of("TeamsCallingPolicy", "AllowCalling")))
                .build();

        assertThat(r.addonCodes()).containsExactly("device_import_msteams_OC", "call_recording");
        assertThat(r.locationId()).contains("loc-1");
        EnableRequest other = r.toBuilder().user(UserRef.parse("bob@contoso.com")).build();
        assertThat(other.user()).isEqualTo(UserRef.parse("bob@contoso.com"));
        assertThat(other).isEqualTo(EnableRequest.builder(UserRef.parse("bob@contoso.com"), r.number())
                .addonCodes(r.addonCodes()).locationId("loc-1").teamsPolicies(r.teamsPolicies()).build());
        assertThat(other.addons()).as("the add-on set is kept, not only its codes").isEqualTo(r.addons())
                .hasValueSatisfying(set -> assertThat(set.target()).isEqualTo(AddonTarget.USER));
        EnableRequest fromCodes = r.toBuilder().addonCodes(List.of("device_import_msteams_OC", "x")).build();
        assertThat(fromCodes.addons()).as("codes are checked later, by the preflight").isEmpty();
        assertThat(fromCodes.toBuilder().build()).isEqualTo(fromCodes);
        assertThat(fromCodes.toString()).contains("a***@contoso.com", "x").doesNotContain("alice")
                .doesNotContain(NUMBER.e164());
    }

    @Test
    void a_result_shows_its_step_and_problems_but_not_the_whole_number() {
        EnableResult r = EnableResult.builder().failed(Step.PREFLIGHT).number(NUMBER)
                .problem(Problem.of(ProblemCode.USAGE_LOCATION_MISSING, "user", "usage location is not set"))
                .problem(Problem.of(ProblemCode.ADDON_UNKNOWN, "addonCodes", "unknown add-on code 'x'")).build();

        assertThat(r.succeeded()).isFalse();
        assertThat(r.has(ProblemCode.USAGE_LOCATION_MISSING)).isTrue();
        assertThat(r.toString()).contains("PREFLIGHT", "USAGE_LOCATION_MISSING user: usage location is not set",
                "ADDON_UNKNOWN addonCodes: unknown add-on code 'x'").doesNotContain(NUMBER.e164());
        EnableResult fixed = r.toBuilder().build();
        assertThat(fixed).isEqualTo(r);
    }

    @Test
    void problems_without_the_step_that_failed_are_refused() {
        assertThatThrownBy(() -> EnableResult.builder().problem(Problem.of(ProblemCode.OTHER, "user", "x")).build())
                .isInstanceOf(IllegalStateException.class);
        assertThat(EnableResult.builder().build().succeeded()).isTrue();
    }
}
