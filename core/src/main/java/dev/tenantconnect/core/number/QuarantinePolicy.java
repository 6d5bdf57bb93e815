package dev.tenantconnect.core.number;

import dev.tenantconnect.core.error.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long a released number cools off before it can be allocated again, so that calls meant for its previous
 * holder stop arriving first.
 *
 * @param period the cool-off period; zero disables quarantine
 */
public record QuarantinePolicy(Duration period) {
    /** The default cool-off: 90 days. */
    public static final QuarantinePolicy DEFAULT = new QuarantinePolicy(Duration.ofDays(90));

    /** Rejects negative periods. */
    public QuarantinePolicy {
        Objects.requireNonNull(period, "period");
        if (period.isNegative()) {
            throw new ValidationException("quarantinePeriod", "must not be negative");
        }
    }

    /**
     * @param quarantinedAt when the number entered quarantine
     * @return when it may be reused
     */
    public Instant endsAt(Instant quarantinedAt) {
        return quarantinedAt.plus(period);
    }

    /**
     * @param quarantinedAt when the number entered quarantine
     * @param now the current time
     * @return whether the number may be reused now
     */
    public boolean isOver(Instant quarantinedAt, Instant now) {
        return !now.isBefore(endsAt(quarantinedAt));
    }
}
