package dev.tenantconnect.core.number;

import static dev.tenantconnect.core.number.NumberState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.tenantconnect.core.error.InvalidTransitionException;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NumberLifecycleTest {
    private final FakeClock clock = FakeClock.atEpoch2026();
    private final NumberLifecycle lifecycle = new NumberLifecycle(new QuarantinePolicy(Duration.ofDays(30)), clock);

    @Test
    void the_operator_connect_path_runs_from_available_back_to_available() {
        List<NumberState> path = List.of(AVAILABLE, RESERVED, UPLOADING, IN_TENANT, ASSIGNING, ASSIGNED, UNASSIGNING,
                IN_TENANT, RELEASING, QUARANTINED);
        Instant since = clock.instant();
        for (int i = 0; i + 1 < path.size(); i++) {
            NumberTransition t = lifecycle.move(path.get(i), path.get(i + 1), since, "job-1", "step " + i);
            assertThat(t.forced()).isFalse();
            assertThat(t.at()).isEqualTo(clock.instant());
        }
        Instant quarantinedAt = clock.instant();
        clock.advance(Duration.ofDays(30));
        assertThat(lifecycle.move(QUARANTINED, AVAILABLE, quarantinedAt, "sweeper", "cool-off over").to())
                .isEqualTo(AVAILABLE);
    }

    @Test
    void direct_routing_numbers_skip_the_upload() {
        assertThat(NumberLifecycle.isAllowed(RESERVED, IN_TENANT)).isTrue();
    }

    @Test
    void every_failure_state_can_retry_or_roll_back() {
        assertThat(NumberLifecycle.allowedFrom(UPLOAD_FAILED)).containsExactlyInAnyOrder(UPLOADING, RESERVED);
        assertThat(NumberLifecycle.allowedFrom(ASSIGNMENT_FAILED)).containsExactlyInAnyOrder(ASSIGNING, IN_TENANT);
        assertThat(NumberLifecycle.allowedFrom(UNASSIGNMENT_FAILED)).containsExactlyInAnyOrder(UNASSIGNING, ASSIGNED);
        assertThat(NumberLifecycle.allowedFrom(RELEASE_FAILED)).containsExactlyInAnyOrder(RELEASING, IN_TENANT);
    }

    @Test
    void quarantine_holds_until_the_period_ends() {
        Instant quarantinedAt = clock.instant();
        clock.advance(Duration.ofDays(29));

        assertThatThrownBy(() -> lifecycle.move(QUARANTINED, AVAILABLE, quarantinedAt, "sweeper", "early"))
                .isInstanceOfSatisfying(InvalidTransitionException.class, e -> {
                    assertThat(e.from()).isEqualTo(QUARANTINED);
                    assertThat(e.to()).isEqualTo(AVAILABLE);
                })
                .hasMessageContaining("quarantine ends at 2026-01-31T00:00:00Z");
    }

    @Test
    void an_operator_can_force_a_move_with_a_reason_and_it_is_recorded_as_forced() {
        NumberTransition t = lifecycle.force(QUARANTINED, AVAILABLE, "ops@operator", "customer asked for it back");
        assertThat(t.forced()).isTrue();
        assertThatThrownBy(() -> lifecycle.force(ASSIGNED, AVAILABLE, "ops", " "))
                .isInstanceOf(ValidationException.class).hasMessageContaining("reason");
        assertThatThrownBy(() -> lifecycle.force(ASSIGNED, ASSIGNED, "ops", "x"))
                .isInstanceOf(InvalidTransitionException.class);
    }

    @ParameterizedTest
    @EnumSource(NumberState.class)
    void every_move_outside_the_table_is_refused_with_the_allowed_states(NumberState from) {
        for (NumberState to : NumberState.values()) {
            if (NumberLifecycle.isAllowed(from, to)) {
                continue;
            }
            assertThatThrownBy(() -> lifecycle.move(from, to, clock.instant(), "t", "r"))
                    .isInstanceOfSatisfying(InvalidTransitionException.class,
                            e -> assertThat(e.allowed()).isEqualTo(NumberLifecycle.allowedFrom(from)))
                    .hasMessageContaining("illegal number transition " + from + " -> " + to);
        }
    }

    @Test
    void an_assigned_number_cannot_be_released_or_reallocated_directly() {
        assertThat(NumberLifecycle.allowedFrom(ASSIGNED)).containsExactly(UNASSIGNING);
        assertThat(NumberLifecycle.allowedFrom(AVAILABLE)).containsExactly(RESERVED);
    }

    @Test
    void random_walks_along_the_table_never_fail_and_always_stay_reachable_to_available() {
        qt().withExamples(500).forAll(lists().of(integers().between(0, 10)).ofSizeBetween(1, 60)).checkAssert(choices -> {
            NumberState s = AVAILABLE;
            Instant since = clock.instant();
            for (int c : choices) {
                List<NumberState> next = List.copyOf(NumberLifecycle.allowedFrom(s));
                NumberState to = next.get(c % next.size());
                if (s == QUARANTINED) {
                    since = clock.instant().minus(Duration.ofDays(31));
                }
                assertThat(lifecycle.move(s, to, since, "walker", "random").to()).isEqualTo(to);
                s = to;
                assertThat(canReach(s, AVAILABLE)).as("%s can get back to AVAILABLE", s).isTrue();
            }
        });
    }

    private static boolean canReach(NumberState from, NumberState target) {
        java.util.Deque<NumberState> todo = new java.util.ArrayDeque<>(List.of(from));
        Set<NumberState> seen = java.util.EnumSet.noneOf(NumberState.class);
        while (!todo.isEmpty()) {
            NumberState s = todo.pop();
            if (s == target) {
                return true;
            }
            if (seen.add(s)) {
                todo.addAll(NumberLifecycle.allowedFrom(s));
            }
        }
        return false;
    }

    @Test
    void failure_states_carry_a_reason_and_others_do_not() {
        assertThat(NumberStatus.failed(ASSIGNMENT_FAILED, "operation failed: userNotLicensed").failureReason())
                .contains("operation failed: userNotLicensed");
        assertThatThrownBy(() -> NumberStatus.of(UPLOAD_FAILED)).hasMessageContaining("is required for failure state");
        assertThatThrownBy(() -> new NumberStatus(ASSIGNED, Optional.of("x")))
                .hasMessageContaining("only allowed for failure states");
    }

    @Test
    void quarantine_policy_rejects_negative_periods_and_zero_disables_it() {
        assertThatThrownBy(() -> new QuarantinePolicy(Duration.ofDays(-1))).isInstanceOf(ValidationException.class);
        Instant now = clock.instant();
        assertThat(new QuarantinePolicy(Duration.ZERO).isOver(now, now)).isTrue();
        assertThat(QuarantinePolicy.DEFAULT.period()).isEqualTo(Duration.ofDays(90));
    }
}
