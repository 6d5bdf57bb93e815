package dev.tenantconnect.core.error;

import dev.tenantconnect.core.number.NumberState;
import java.util.Objects;
import java.util.Set;

/** A number was asked to move between lifecycle states that the transition table does not connect. */
public class InvalidTransitionException extends TenantConnectException {
    private static final long serialVersionUID = 1L;

    private final NumberState from;
    private final NumberState to;
    private final transient Set<NumberState> allowed;

    /**
     * @param from the current state
     * @param to the requested state
     * @param allowed the states that may follow {@code from}
     * @param detail why the move is refused, beyond "not in the table"; may be empty
     */
    public InvalidTransitionException(NumberState from, NumberState to, Set<NumberState> allowed, String detail) {
        super("illegal number transition " + from + " -> " + to
                + (detail.isEmpty() ? "" : " (" + detail + ")")
                + "; allowed from " + from + ": " + allowed, null);
        this.from = Objects.requireNonNull(from);
        this.to = Objects.requireNonNull(to);
        this.allowed = Set.copyOf(allowed);
    }

    /** @return the state the number is in */
    public NumberState from() {
        return from;
    }

    /** @return the state that was requested */
    public NumberState to() {
        return to;
    }

    /** @return the states that may legally follow {@link #from()} */
    public Set<NumberState> allowed() {
        return allowed;
    }
}
