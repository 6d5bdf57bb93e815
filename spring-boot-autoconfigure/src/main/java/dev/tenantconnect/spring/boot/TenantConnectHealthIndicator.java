package dev.tenantconnect.spring.boot;

import dev.tenantconnect.core.credential.CredentialRecord;
import dev.tenantconnect.core.credential.CredentialScan;
import dev.tenantconnect.core.credential.CredentialStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the SDK: UP when the credential store answers, DOWN when it does not; details count the stored
 * credentials, those expired and those expiring within the warning window, and damaged records — counts only,
 * never a tenant's credential.
 */
public final class TenantConnectHealthIndicator implements HealthIndicator {
    private final CredentialStore store;
    private final Clock clock;
    private final Duration warning;

    /**
     * @param store the credential store
     * @param clock the clock
     * @param warning credentials expiring within it count as expiring
     */
    public TenantConnectHealthIndicator(CredentialStore store, Clock clock, Duration warning) {
        this.store = store;
        this.clock = clock;
        this.warning = warning;
    }

    @Override
    public Health health() {
        CredentialScan scan;
        try {
            scan = store.scan();
        } catch (RuntimeException e) {
            return Health.down().withDetail("credentialStore", "unreachable: " + e.getClass().getSimpleName())
                    .build();
        }
        Instant now = clock.instant();
        long expired = 0;
        long expiring = 0;
        for (CredentialRecord r : scan.records()) {
            Instant at = r.credential().expiresAt().orElse(Instant.MAX);
            if (!at.isAfter(now)) {
                expired++;
            } else if (at.isBefore(now.plus(warning))) {
                expiring++;
            }
        }
        return Health.up().withDetail("credentialStore", "reachable")
                .withDetail("credentials", scan.records().size()).withDetail("expired", expired)
                .withDetail("expiringWithin" + warning.toDays() + "Days", expiring)
                .withDetail("damaged", scan.damaged().size()).build();
    }
}
