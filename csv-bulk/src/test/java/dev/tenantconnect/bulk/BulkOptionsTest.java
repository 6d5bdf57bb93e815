package dev.tenantconnect.bulk;

import dev.tenantconnect.core.tenant.TeamsPolicy;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.inventory.NumberType;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BulkOptionsTest {
    @Test
    void the_builder_starts_from_the_defaults() {
        BulkOptions d = BulkOptions.builder().build();
        assertThat(d).isEqualTo(BulkOptions.defaults()).hasSameHashCodeAs(BulkOptions.defaults());
        assertThat(d.concurrency()).isEqualTo(4);
        assertThat(d.failurePolicy()).isEqualTo(FailurePolicy.CONTINUE);
        assertThat(d.invalidRows()).isEqualTo(InvalidRows.REJECT_FILE);
        assertThat(d.numberPool()).isEmpty();
        assertThat(d.locationId()).isEmpty();
        assertThat(d.policies()).isEmpty();
        assertThat(d.resultsFile()).isEmpty();
        assertThat(d.takeOverNumbers()).isFalse();
    }

    @Test
    void to_builder_and_the_with_methods_change_one_field_and_copy_the_rest() {
        NumberPool pool = NumberPool.builder("SG", NumberType.OPERATOR_CONNECT).prefix("6567").build();
        BulkOptions o = BulkOptions.builder().concurrency(8).numberPool(pool).locationId("loc-1")
                .policies(Set.of(TeamsPolicy.of("TeamsCallingPolicy", "AllowCalling"))).resultsFile(Path.of("out.csv"))
                .build();
        assertThat(o.toBuilder().build()).isEqualTo(o);
        BulkOptions taken = o.withTakeOverNumbers(true);
        assertThat(taken).isNotEqualTo(o).isEqualTo(o.toBuilder().takeOverNumbers(true).build());
        assertThat(taken.numberPool()).contains(pool);
        assertThat(taken.concurrency()).isEqualTo(8);
        assertThat(o.withConcurrency(2).locationId()).contains("loc-1");
        assertThat(o.toString()).contains("concurrency=8", "loc-1");
    }

    @Test
    void two_policies_of_one_type_are_refused_naming_the_field() {
        Set<TeamsPolicy> twice = Set.of(TeamsPolicy.of("TeamsCallingPolicy", "AllowCalling"),
                TeamsPolicy.of("TeamsCallingPolicy", "DisallowCalling"));
        assertThatThrownBy(() -> BulkOptions.builder().policies(twice))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("policies"));
        assertThat(BulkOptions.defaults().withPolicies(Set.of(TeamsPolicy.of("TenantDialPlan", "SG.dial")))
                .policies()).containsExactly(TeamsPolicy.of("TenantDialPlan", "SG.dial"));
    }

    @Test
    void concurrency_outside_one_to_sixty_four_is_refused_naming_the_field() {
        assertThatThrownBy(() -> BulkOptions.defaults().withConcurrency(65))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("concurrency"));
        assertThatThrownBy(() -> BulkOptions.builder().concurrency(0))
                .isInstanceOf(ValidationException.class);
    }
}
