package dev.tenantconnect.voice;

import dev.tenantconnect.core.billing.BillingReport;
import dev.tenantconnect.core.billing.UsageLedger;
import dev.tenantconnect.core.credential.CredentialRecord;
import dev.tenantconnect.core.credential.CredentialStore;
import dev.tenantconnect.core.inventory.CapacityHistory;
import dev.tenantconnect.core.inventory.CapacityReport;
import dev.tenantconnect.core.inventory.NumberInventory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Figures across tenants: credential expiry, billing from the usage ledger, number capacity and its daily history.
 * From {@link TenantConnectClient#reports()}; it uses the client's clock, ledger and inventory.
 */
public final class Reports {
    private final CredentialStore credentials;
    private final UsageLedger ledger;
    private final Supplier<NumberInventory> inventory;
    private final Clock clock;

    Reports(CredentialStore credentials, UsageLedger ledger, Supplier<NumberInventory> inventory, Clock clock) {
        this.credentials = Objects.requireNonNull(credentials);
        this.ledger = Objects.requireNonNull(ledger);
        this.inventory = Objects.requireNonNull(inventory);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Days until expiry of every stored credential, soonest first (one secret per service).
     *
     * @param warnWithin flag credentials expiring within this
     * @return one line per stored credential
     */
    public List<ExpiryEntry> credentialExpiry(Duration warnWithin) {
        Instant now = clock.instant();
        List<ExpiryEntry> out = new ArrayList<>();
        for (CredentialRecord r : credentials.listAll()) {
            Optional<Instant> at = r.credential().expiresAt();
            CheckStatus status = at.map(t -> !t.isAfter(now) ? CheckStatus.FAIL
                    : Duration.between(now, t).compareTo(warnWithin) < 0 ? CheckStatus.WARN : CheckStatus.PASS)
                    .orElse(CheckStatus.WARN);
            out.add(new ExpiryEntry(r.key(), r.credential().method(), at,
                    at.map(t -> Duration.between(now, t).toDays()), status));
        }
        out.sort(Comparator.comparing(e -> e.expiresAt().orElse(Instant.MIN)));
        return out;
    }

    /**
     * @param from the period's start, inclusive
     * @param to the period's end, exclusive
     * @return user-days and peak users per tenant and add-on, from the client's usage ledger
     * @throws dev.tenantconnect.core.error.ValidationException when {@code to} is not after {@code from}
     */
    public BillingReport billing(Instant from, Instant to) {
        return BillingReport.compute(ledger, from, to);
    }

    /**
     * @param lookBack the window for the allocation rate
     * @return the inventory's capacity now
     * @throws dev.tenantconnect.core.error.ConfigurationException when the client has no inventory
     */
    public CapacityReport capacity(Duration lookBack) {
        return inventory.get().capacity(lookBack);
    }

    /**
     * Records today's capacity (today by the client's clock, in UTC) in a history, replacing an earlier snapshot of
     * the same day.
     *
     * @param history the history to record into
     * @param lookBack the window for the allocation rate
     * @return the snapshot's report
     */
    public CapacityReport recordCapacity(CapacityHistory history, Duration lookBack) {
        CapacityReport now = capacity(lookBack);
        history.record(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), now);
        return now;
    }
}
