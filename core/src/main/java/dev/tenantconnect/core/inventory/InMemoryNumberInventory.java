package dev.tenantconnect.core.inventory;

import dev.tenantconnect.core.error.ConcurrentUpdateException;
import dev.tenantconnect.core.error.ErrorContext;
import dev.tenantconnect.core.error.NumberConflictException;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.number.NumberLifecycle;
import dev.tenantconnect.core.number.NumberState;
import dev.tenantconnect.core.number.NumberStatus;
import dev.tenantconnect.core.number.NumberTransition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

/**
 * A {@link NumberInventory} in memory, for tests, the demo and single-node use. One lock guards everything, which
 * makes allocation trivially atomic.
 */
public final class InMemoryNumberInventory implements NumberInventory {
    private final NumberLifecycle lifecycle;
    private final Clock clock;
    private final RandomGenerator random;
    private final ReentrantLock lock = new ReentrantLock();
    private final TreeMap<PhoneNumber, InventoryNumber> numbers = new TreeMap<>();
    private final Map<PhoneNumber, List<NumberTransition>> history = new HashMap<>();
    private final Map<TenantId, PhoneNumber> lastAllocated = new HashMap<>();
    private final List<Instant> allocations = new ArrayList<>();
    /** No reservation expires before this: until then a reservation needs no scan of every number. */
    private Instant nextExpiry = Instant.MAX;

    /**
     * @param lifecycle the transition table and quarantine policy
     * @param clock the clock for reservations, history and capacity
     * @param random the source for {@link SelectionStrategy#RANDOM}
     */
    public InMemoryNumberInventory(NumberLifecycle lifecycle, Clock clock, RandomGenerator random) {
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public ImportResult importNumbers(Iterable<PhoneNumber> input, NumberAttributes attributes, String actor) {
        List<PhoneNumber> fresh = new ArrayList<>();
        long present = 0;
        lock.lock();
        try {
            for (PhoneNumber n : input) {
                attributes.requireImportable(n);
                if (numbers.containsKey(n) || fresh.contains(n)) {
                    present++;
                } else {
                    fresh.add(n);
                }
            }
            Instant now = clock.instant();
            for (PhoneNumber n : fresh) {
                numbers.put(n, new InventoryNumber(n, attributes, NumberStatus.of(NumberState.AVAILABLE),
                        Optional.empty(), Optional.empty(), now, 1));
                history.put(n, new ArrayList<>(List.of(new NumberTransition(NumberState.AVAILABLE,
                        NumberState.AVAILABLE, now, actor, "imported", false))));
            }
            return new ImportResult(fresh.size(), present);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<InventoryNumber> find(PhoneNumber number) {
        lock.lock();
        try {
            return Optional.ofNullable(numbers.get(number));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<InventoryNumber> allocate(AllocationRequest r) {
        lock.lock();
        try {
            expireReservationsLocked();
            List<InventoryNumber> candidates = numbers.values().stream()
                    .filter(n -> n.status().state() == NumberState.AVAILABLE)
                    .filter(n -> n.attributes().country().equals(r.country()))
                    .filter(n -> r.prefix().map(p -> n.number().digits().startsWith(p)).orElse(true))
                    .filter(n -> n.attributes().usage() == r.usage())
                    .filter(n -> r.type().map(t -> t == n.attributes().type()).orElse(true))
                    .toList();
            if (candidates.isEmpty()) {
                return Optional.empty();
            }
            InventoryNumber pick = pick(candidates, r);
            InventoryNumber reserved = reserveLocked(pick, r.tenant(), r.holder(), r.reservationTtl(),
                    "allocated (" + r.strategy().name().toLowerCase(java.util.Locale.ROOT) + ")");
            lastAllocated.put(r.tenant(), reserved.number());
            return Optional.of(reserved);
        } finally {
            lock.unlock();
        }
    }

    /** Picks the numbers one after another under the one lock: no other caller runs in between. */
    @Override
    public List<InventoryNumber> allocate(AllocationRequest r, int count) {
        lock.lock();
        try {
            return NumberInventory.super.allocate(r, count);
        } finally {
            lock.unlock();
        }
    }

    /** One number per holder, picked one after another under the one lock: no other caller runs in between. */
    @Override
    public List<InventoryNumber> allocate(AllocationRequest r, List<String> holders) {
        lock.lock();
        try {
            return NumberInventory.super.allocate(r, holders);
        } finally {
            lock.unlock();
        }
    }

    private InventoryNumber pick(List<InventoryNumber> candidates, AllocationRequest r) {
        switch (r.strategy()) {
            case RANDOM:
                return candidates.get(random.nextInt(candidates.size()));
            case SEQUENTIAL_AFTER_LAST: {
                PhoneNumber last = lastAllocated.get(r.tenant());
                if (last != null) {
                    for (InventoryNumber c : candidates) {
                        if (c.number().compareTo(last) > 0) {
                            return c;
                        }
                    }
                }
                return candidates.get(0);
            }
            case KEEP_RANGES_TOGETHER: {
                for (InventoryNumber c : candidates) {
                    if (heldBy(neighbour(c.number(), -1), r.tenant()) || heldBy(neighbour(c.number(), 1), r.tenant())) {
                        return c;
                    }
                }
                return candidates.get(0);
            }
            default:
                return candidates.get(0);
        }
    }

    private static Optional<PhoneNumber> neighbour(PhoneNumber n, int delta) {
        long v = Long.parseLong(n.digits()) + delta;
        String d = Long.toString(v);
        if (d.length() != n.digits().length() || v <= 0) {
            return Optional.empty();
        }
        return Optional.of(new PhoneNumber(d, Optional.empty()));
    }

    private boolean heldBy(Optional<PhoneNumber> n, TenantId tenant) {
        return n.map(numbers::get).flatMap(InventoryNumber::tenant).map(tenant::equals).orElse(false);
    }

    @Override
    public InventoryNumber reserve(PhoneNumber number, TenantId tenant, String holder, Duration ttl) {
        lock.lock();
        try {
            expireReservationsLocked();
            InventoryNumber n = require(number);
            if (n.status().state() != NumberState.AVAILABLE) {
                throw new NumberConflictException("number " + number.redacted() + " is " + n.status().state()
                        + ", not available", ErrorContext.forTenant(tenant));
            }
            return reserveLocked(n, tenant, holder, ttl, "reserved");
        } finally {
            lock.unlock();
        }
    }

    private InventoryNumber reserveLocked(InventoryNumber n, TenantId tenant, String holder, Duration ttl,
            String reason) {
        NumberTransition t = lifecycle.move(n.status().state(), NumberState.RESERVED, n.stateSince(), holder, reason);
        InventoryNumber updated = new InventoryNumber(n.number(), n.attributes(), NumberStatus.of(NumberState.RESERVED),
                Optional.of(tenant), Optional.of(new Reservation(tenant, holder, t.at().plus(ttl))), t.at(),
                n.version() + 1);
        numbers.put(n.number(), updated);
        history.get(n.number()).add(t);
        allocations.add(t.at());
        Instant expires = updated.reservation().orElseThrow().expiresAt();
        if (expires.isBefore(nextExpiry)) {
            nextExpiry = expires;
        }
        return updated;
    }

    @Override
    public InventoryNumber move(PhoneNumber number, NumberState to, long expectedVersion, String actor,
            String reason) {
        if (to.isFailure()) {
            throw new ValidationException("to", "use fail() to enter failure state " + to + " with a reason");
        }
        lock.lock();
        try {
            InventoryNumber n = check(number, expectedVersion);
            NumberTransition t = lifecycle.move(n.status().state(), to, n.stateSince(), actor, reason);
            return apply(n, NumberStatus.of(to), t);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public InventoryNumber fail(PhoneNumber number, NumberState failureState, long expectedVersion, String actor,
            String reason) {
        if (!failureState.isFailure()) {
            throw new ValidationException("failureState", failureState + " is not a failure state");
        }
        lock.lock();
        try {
            InventoryNumber n = check(number, expectedVersion);
            NumberTransition t = lifecycle.move(n.status().state(), failureState, n.stateSince(), actor, reason);
            return apply(n, NumberStatus.failed(failureState, reason), t);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public InventoryNumber force(PhoneNumber number, NumberState to, String actor, String reason) {
        lock.lock();
        try {
            InventoryNumber n = require(number);
            NumberTransition t = lifecycle.force(n.status().state(), to, actor, reason);
            NumberStatus status = to.isFailure() ? NumberStatus.failed(to, reason) : NumberStatus.of(to);
            return apply(n, status, t);
        } finally {
            lock.unlock();
        }
    }

    private InventoryNumber apply(InventoryNumber n, NumberStatus status, NumberTransition t) {
        NumberState to = status.state();
        Optional<TenantId> tenant = to == NumberState.AVAILABLE ? Optional.empty() : n.tenant();
        Optional<Reservation> reservation = to == NumberState.RESERVED ? n.reservation() : Optional.empty();
        InventoryNumber updated = new InventoryNumber(n.number(), n.attributes(), status, tenant, reservation, t.at(),
                n.version() + 1);
        numbers.put(n.number(), updated);
        history.get(n.number()).add(t);
        return updated;
    }

    private InventoryNumber require(PhoneNumber number) {
        InventoryNumber n = numbers.get(number);
        if (n == null) {
            throw new NumberConflictException("number " + number.redacted() + " is not in the inventory",
                    ErrorContext.none());
        }
        return n;
    }

    private InventoryNumber check(PhoneNumber number, long expectedVersion) {
        InventoryNumber n = require(number);
        if (n.version() != expectedVersion) {
            throw new ConcurrentUpdateException("number " + number.redacted(), expectedVersion, n.version());
        }
        return n;
    }

    @Override
    public List<NumberTransition> history(PhoneNumber number) {
        lock.lock();
        try {
            return List.copyOf(history.getOrDefault(number, List.of()));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int expireReservations() {
        lock.lock();
        try {
            return expireReservationsLocked();
        } finally {
            lock.unlock();
        }
    }

    private int expireReservationsLocked() {
        Instant now = clock.instant();
        if (now.isBefore(nextExpiry)) {
            // every reservation runs until nextExpiry or later (a reservation is only made by reserveLocked): a
            // bulk run reserving thousands of numbers no longer walks them all for every one
            return 0;
        }
        int released = 0;
        Instant next = Instant.MAX;
        for (InventoryNumber n : new ArrayList<>(numbers.values())) {
            if (n.status().state() == NumberState.RESERVED && n.reservation().isPresent()) {
                Instant expires = n.reservation().get().expiresAt();
                if (!expires.isAfter(now)) {
                    NumberTransition t = lifecycle.move(NumberState.RESERVED, NumberState.AVAILABLE,
                            n.stateSince(), "inventory", "reservation expired");
                    apply(n, NumberStatus.of(NumberState.AVAILABLE), t);
                    released++;
                } else if (expires.isBefore(next)) {
                    next = expires;
                }
            }
        }
        nextExpiry = next;
        return released;
    }

    @Override
    public List<InventoryNumber> byTenant(TenantId tenant) {
        lock.lock();
        try {
            return numbers.values().stream().filter(n -> n.tenant().map(tenant::equals).orElse(false))
                    .filter(n -> n.status().state() != NumberState.QUARANTINED
                            && n.status().state() != NumberState.AVAILABLE).toList();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public CapacityReport capacity(Duration lookBack) {
        lock.lock();
        try {
            expireReservationsLocked();
            Map<NumberState, Long> byState = new EnumMap<>(NumberState.class);
            Map<TenantId, Long> byTenant = new HashMap<>();
            Map<String, Long> available = new TreeMap<>();
            for (InventoryNumber n : numbers.values()) {
                byState.merge(n.status().state(), 1L, Long::sum);
                n.tenant().ifPresent(t -> byTenant.merge(t, 1L, Long::sum));
                if (n.status().state() == NumberState.AVAILABLE) {
                    available.merge(n.attributes().country() + "/" + n.attributes().prefix(), 1L, Long::sum);
                }
            }
            long total = numbers.size();
            long free = byState.getOrDefault(NumberState.AVAILABLE, 0L);
            Instant since = clock.instant().minus(lookBack);
            long recent = allocations.stream().filter(a -> a.isAfter(since)).count();
            double perDay = lookBack.toMillis() == 0 ? 0 : recent / (lookBack.toMillis() / 86_400_000.0);
            return CapacityReport.builder(total).byState(byState).byTenant(byTenant)
                    .availableByCountryAndPrefix(available).allocationsPerDay(perDay).build();
        } finally {
            lock.unlock();
        }
    }
}
