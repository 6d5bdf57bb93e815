package dev.tenantconnect.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.model.TenantId;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AllocationRequestTest {
    private static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000001");

    @Test
    void the_builder_defaults_to_the_lowest_user_number_of_any_type_for_thirty_minutes() {
        AllocationRequest r = AllocationRequest.builder(TENANT, "SG").holder("job-1").build();
        assertThat(r.prefix()).isEmpty();
        assertThat(r.usage()).isEqualTo(NumberUsage.USER);
        assertThat(r.type()).isEmpty();
        assertThat(r.strategy()).isEqualTo(SelectionStrategy.LOWEST);
        assertThat(r.reservationTtl()).isEqualTo(Duration.ofMinutes(30));
        assertThat(r).isEqualTo(AllocationRequest.lowest(TENANT, "SG", "job-1"))
                .hasSameHashCodeAs(AllocationRequest.lowest(TENANT, "SG", "job-1"));
    }

    @Test
    void to_builder_copies_every_field_and_changes_only_the_one_set() {
        AllocationRequest r = AllocationRequest.builder(TENANT, "SG").prefix("6567").usage(NumberUsage.CONFERENCE)
                .type(NumberType.DIRECT_ROUTING).strategy(SelectionStrategy.RANDOM).holder("job-1")
                .reservationTtl(Duration.ofMinutes(5)).build();
        assertThat(r.toBuilder().build()).isEqualTo(r);
        AllocationRequest other = r.toBuilder().holder("job-2").build();
        assertThat(other).isNotEqualTo(r);
        assertThat(other.holder()).isEqualTo("job-2");
        assertThat(other.prefix()).isEqualTo(Optional.of("6567"));
        assertThat(other.type()).contains(NumberType.DIRECT_ROUTING);
        assertThat(other.toString()).contains("CONFERENCE", "RANDOM", "job-2");
    }

    @Test
    void a_request_without_a_holder_or_with_a_non_positive_ttl_is_refused_naming_the_field() {
        assertThatThrownBy(() -> AllocationRequest.builder(TENANT, "SG").build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("holder"));
        assertThatThrownBy(() -> AllocationRequest.builder(TENANT, "SG").reservationTtl(Duration.ZERO))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("reservationTtl"));
    }
}
