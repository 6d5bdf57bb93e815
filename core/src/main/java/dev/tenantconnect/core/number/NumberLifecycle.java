package dev.tenantconnect.core.number;

import static dev.tenantconnect.core.number.NumberState.*;

import dev.tenantconnect.core.error.InvalidTransitionException;
import dev.tenantconnect.core.error.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The transition table of the number lifecycle, and the only way to make a {@link NumberTransition}. Leaving
 * {@link NumberState#QUARANTINED} for {@link NumberState#AVAILABLE} is additionally guarded by the
 * {@link QuarantinePolicy}. Operators can force a move outside the table; forced moves need a reason and are
 * recorded as forced.
 */
public final class NumberLifecycle {
    private static final Map<NumberState, Set<NumberState>> TABLE;

    static {
        Map<NumberState, Set<NumberState>> t = new EnumMap<>(NumberState.class);
        t.put(AVAILABLE, EnumSet.of(RESERVED));
        // Direct Routing numbers are not uploaded: RESERVED goes straight to IN_TENANT.
        t.put(RESERVED, EnumSet.of(UPLOADING, IN_TENANT, AVAILABLE));
        t.put(UPLOADING, EnumSet.of(IN_TENANT, UPLOAD_FAILED));
        t.put(UPLOAD_FAILED, EnumSet.of(UPLOADING, RESERVED));
        t.put(IN_TENANT, EnumSet.of(ASSIGNING, RELEASING));
        t.put(ASSIGNING, EnumSet.of(ASSIGNED, ASSIGNMENT_FAILED));
        t.put(ASSIGNMENT_FAILED, EnumSet.of(ASSIGNING, IN_TENANT));
        t.put(ASSIGNED, EnumSet.of(UNASSIGNING));
        t.put(UNASSIGNING, EnumSet.of(IN_TENANT, UNASSIGNMENT_FAILED));
        t.put(UNASSIGNMENT_FAILED, EnumSet.of(UNASSIGNING, ASSIGNED));
        t.put(RELEASING, EnumSet.of(QUARANTINED, RELEASE_FAILED));
        t.put(RELEASE_FAILED, EnumSet.of(RELEASING, IN_TENANT));
        t.put(QUARANTINED, EnumSet.of(AVAILABLE));
        for (NumberState s : NumberState.values()) {
            t.put(s, Collections.unmodifiableSet(t.getOrDefault(s, EnumSet.noneOf(NumberState.class))));
        }
        TABLE = Collections.unmodifiableMap(t);
    }

    private final QuarantinePolicy quarantine;
    private final Clock clock;

    /**
     * @param quarantine the cool-off policy for reuse
     * @param clock the clock that stamps transitions and checks quarantine
     */
    public NumberLifecycle(QuarantinePolicy quarantine, Clock clock) {
        this.quarantine = Objects.requireNonNull(quarantine, "quarantine");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param from a state
     * @return the states the table allows after it
     */
    public static Set<NumberState> allowedFrom(NumberState from) {
        return TABLE.get(from);
    }

    /**
     * @param from a state
     * @param to another state
     * @return whether the table allows the move (not counting the quarantine guard)
     */
    public static boolean isAllowed(NumberState from, NumberState to) {
        return TABLE.get(from).contains(to);
    }

    /**
     * Validates and records a move along the table.
     *
     * @param from the current state
     * @param to the requested state
     * @param since when the number entered {@code from} (used for the quarantine guard)
     * @param actor who moves it
     * @param reason why
     * @return the transition, stamped with the clock
     * @throws InvalidTransitionException if the table forbids the move or quarantine has not ended
     */
    public NumberTransition move(NumberState from, NumberState to, Instant since, String actor, String reason) {
        if (!isAllowed(from, to)) {
            throw new InvalidTransitionException(from, to, allowedFrom(from), "");
        }
        Instant now = clock.instant();
        if (from == QUARANTINED && to == AVAILABLE && !quarantine.isOver(since, now)) {
            throw new InvalidTransitionException(from, to, allowedFrom(from),
                    "quarantine ends at " + quarantine.endsAt(since) + "; force the move to skip it");
        }
        return new NumberTransition(from, to, now, actor, reason, false);
    }

    /**
     * Records an operator's forced move outside the table (e.g. straight back to {@code AVAILABLE}).
     *
     * @param from the current state
     * @param to the target state, different from {@code from}
     * @param actor the operator
     * @param reason the justification, required
     * @return the forced transition
     */
    public NumberTransition force(NumberState from, NumberState to, String actor, String reason) {
        if (from == to) {
            throw new InvalidTransitionException(from, to, allowedFrom(from), "number is already " + to);
        }
        if (reason == null || reason.isBlank()) {
            throw new ValidationException("reason", "is required for a forced transition");
        }
        return new NumberTransition(from, to, clock.instant(), actor, reason, true);
    }

    /** @return the quarantine policy in force */
    public QuarantinePolicy quarantine() {
        return quarantine;
    }
}
