package dev.tenantconnect.voice.replication;

import dev.tenantconnect.core.addon.AddonLicense;
import dev.tenantconnect.core.billing.UsageEvent;
import dev.tenantconnect.core.billing.UsageLedger;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.CredentialRecord;
import dev.tenantconnect.core.credential.CredentialStore;
import dev.tenantconnect.core.credential.TenantCredential;
import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.extension.Extension;
import dev.tenantconnect.core.extension.ExtensionStore;
import dev.tenantconnect.core.inventory.InventoryNumber;
import dev.tenantconnect.core.inventory.NumberInventory;
import dev.tenantconnect.core.licensing.UserLicenses;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.number.NumberState;
import dev.tenantconnect.core.error.LeaseHeldException;
import dev.tenantconnect.core.replication.ReplicationLease;
import dev.tenantconnect.core.replication.ReplicationLeaseLostException;
import dev.tenantconnect.core.replication.ReplicationLeases;
import dev.tenantconnect.core.replication.ReplicationStateStore;
import dev.tenantconnect.core.resilience.Sleeper;
import dev.tenantconnect.graph.GraphConnector;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.tenant.MicrosoftTenants;
import dev.tenantconnect.core.tenant.TeamsNumbers;
import dev.tenantconnect.core.tenant.TenantDirectory;
import dev.tenantconnect.core.tenant.TenantNumber;
import dev.tenantconnect.core.tenant.UserInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the operator's view of customer tenants in step (background replication), with the app's
 * credential so no session times out. The first run of a tenant reads every user; later runs read only the users
 * changed since (Graph delta query, link kept in a {@link ReplicationStateStore}) and the tenant's number
 * assignments, so an unchanged tenant costs two requests. An expired delta link (410) falls back to a full read.
 * Each run reports drift between the tenant and the operator's inventory and extensions; a user we enabled who was
 * deleted or lost the Teams Phone licence stops being billed at the moment it was observed. {@link #replicateAll}
 * runs on the caller's executor. Thread-safe.
 *
 * <p>Several instances: built with {@link Builder#leases(ReplicationLeases, String, Duration)}, a pass over a tenant
 * runs on one instance at a time (a fenced lease per tenant, e.g. the JDBC store's); an instance that finds the lease
 * held leaves the tenant to the holder, so {@code replicateAll} over the same tenants on every instance spreads them
 * over the instances. While a pass runs, a heartbeat thread (one per leased pass, waiting on the injected
 * {@link Sleeper}) renews the lease every third of its TTL, so a pass may take longer than the TTL; every write of the
 * pass (the delta link, usage events) is preceded by a check that the lease is still current. A pass whose lease was
 * lost (a renewal refused: this instance stalled past the TTL and another took the tenant over) stops before its next
 * write with a {@link ReplicationLeaseLostException}.
 */
public final class Replicator {
    private static final Logger LOG = LoggerFactory.getLogger(Replicator.class);
    private final MicrosoftTenants graph;
    private final CredentialStore store;
    private final NumberInventory inventory;
    private final ExtensionStore extensions;
    private final ReplicationStateStore state;
    private final Optional<UsageLedger> ledger;
    private final dev.tenantconnect.core.metrics.MetricsRecorder metrics;
    private final Clock clock;
    private final Map<TenantId, Map<UUID, UserInfo>> views = new ConcurrentHashMap<>();
    /** The delta link each view was read up to (the shared state may hold a later one, from another instance). */
    private final Map<TenantId, String> viewLinks = new ConcurrentHashMap<>();
    private final boolean withUserSettings;
    private final Optional<ExecutorService> executor;
    private final Map<TenantId, Map<UUID, dev.tenantconnect.core.tenant.TeamsUserSettings>> settings =
            new ConcurrentHashMap<>();
    private final Map<TenantId, Set<UUID>> endedUsers = new ConcurrentHashMap<>();
    private final Optional<ReplicationLeases> leases;
    private final String holder;
    private final Duration leaseTtl;
    private final Duration freshFor;
    private final Sleeper sleeper;

    private Replicator(Builder b) {
        this.graph = b.graph;
        this.store = b.store;
        this.inventory = b.inventory;
        this.extensions = b.extensions;
        this.state = b.state;
        this.ledger = Optional.ofNullable(b.ledger);
        this.clock = b.clock;
        this.metrics = b.metrics;
        this.withUserSettings = b.userSettings;
        this.executor = Optional.ofNullable(b.executor);
        this.leases = Optional.ofNullable(b.leases);
        this.holder = b.holder;
        this.leaseTtl = b.leaseTtl;
        this.freshFor = b.freshFor;
        this.sleeper = b.sleeper;
    }

    /** @return a builder; graph, store, inventory, extensions and state are required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * What one replication of a tenant found.
     *
     * @param tenant the tenant
     * @param fullRead whether every user was read (first run, or the delta link had expired)
     * @param usersChanged users added or changed since the last run (all users on a full read)
     * @param usersRemoved users deleted since the last run
     * @param users the users in the operator's view now
     * @param numbers the numbers the tenant has
     * @param drift the differences between the tenant and the operator's records
     */
    public record Result(TenantId tenant, boolean fullRead, int usersChanged, int usersRemoved, int users,
            List<TenantNumber> numbers, List<DriftFinding> drift) {
        /** Copies. */
        public Result {
            Objects.requireNonNull(tenant, "tenant");
            numbers = List.copyOf(numbers);
            drift = List.copyOf(drift);
        }

        @Override
        public String toString() {
            return "Replicator.Result[" + tenant + ", full=" + fullRead + ", changed=" + usersChanged + ", removed="
                    + usersRemoved + ", users=" + users + ", numbers=" + numbers.size() + ", drift=" + drift.size()
                    + "]";
        }
    }

    /**
     * A tenant's outcome in {@link #replicateAll}: its result, or why it failed.
     *
     * @param key the connection
     * @param result the result, if the replication worked
     * @param error what went wrong, if it did not
     */
    public record Outcome(CredentialKey key, Optional<Result> result, Optional<String> error) {
        /** Rejects nulls. */
        public Outcome {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(error, "error");
        }

        /** @return whether another instance held the tenant's replication lease, so this one left it alone */
        public boolean elsewhere() {
            return result.isEmpty() && error.isEmpty();
        }
    }

    /**
     * Replicates one tenant.
     *
     * @param key the tenant connection (the app's credential)
     * @return what changed and what drifted
     * @throws LeaseHeldException when built with leases and another instance is replicating the tenant (nothing was
     *     read or written)
     * @throws ReplicationLeaseLostException when built with leases and the lease was lost during the pass (it stopped
     *     before its next write)
     */
    public Result replicate(CredentialKey key) {
        return replicate(key, Optional.empty());
    }

    private Result replicate(CredentialKey key, Optional<Instant> skipIfPassedAfter) {
        if (leases.isEmpty()) {
            return replicateMetered(key, Fence.NONE);
        }
        ReplicationLease lease = leases.get().acquire(key.tenant(), holder, leaseTtl, skipIfPassedAfter).orElseThrow(
                () -> new LeaseHeldException("replication of tenant " + key.tenant() + " runs on another instance"));
        Fence fence = new Fence(leases.get(), lease, leaseTtl);
        Thread beat = fence.heartbeat(sleeper);
        try {
            return replicateMetered(key, fence);
        } finally {
            beat.interrupt();
            try {
                beat.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            leases.get().release(fence.current.get());
        }
    }

    /**
     * The lease of one pass: renewed by a heartbeat, checked before every write. {@link #NONE} when the replicator has
     * no leases.
     */
    private static final class Fence {
        static final Fence NONE = new Fence(null, null, null);
        private final ReplicationLeases leases;
        private final AtomicReference<ReplicationLease> current;
        private final Duration ttl;
        private final AtomicBoolean lost = new AtomicBoolean();

        Fence(ReplicationLeases leases, ReplicationLease lease, Duration ttl) {
            this.leases = leases;
            this.current = new AtomicReference<>(lease);
            this.ttl = ttl;
        }

        /** Before a write: the lease must still be this pass's (not lost to a refused renewal, still current). */
        void check() {
            if (leases == null) {
                return;
            }
            ReplicationLease lease = current.get();
            if (lost.get() || !leases.holds(lease)) {
                lost.set(true);
                throw new ReplicationLeaseLostException(lease);
            }
        }

        /** Renews the lease every third of its TTL until interrupted or a renewal is refused. */
        Thread heartbeat(Sleeper sleeper) {
            Duration every = ttl.dividedBy(3);
            ReplicationLease first = current.get();
            Thread beat = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        sleeper.sleep(every);
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (Thread.currentThread().isInterrupted()) {
                        return; // the pass ended while this beat slept
                    }
                    try {
                        Optional<ReplicationLease> renewed = leases.renew(current.get(), ttl);
                        if (renewed.isEmpty()) {
                            LOG.warn("replication of tenant {}: the lease (epoch {}) was taken over or ran out; the "
                                    + "pass stops before its next write", first.tenant(), first.epoch());
                            lost.set(true);
                            return;
                        }
                        current.set(renewed.get());
                    } catch (RuntimeException e) { // the database, briefly: the next beat tries again
                        LOG.warn("replication of tenant {}: renewing the lease failed: {}", first.tenant(),
                                e.toString());
                    }
                }
            }, "tenantconnect-replication-heartbeat-" + first.tenant().value().substring(0, 8));
            beat.setDaemon(true);
            beat.start();
            return beat;
        }
    }

    private Result replicateMetered(CredentialKey key, Fence fence) {
        dev.tenantconnect.core.metrics.MetricTags tags = dev.tenantconnect.core.metrics.MetricTags.of(
                dev.tenantconnect.core.metrics.MetricTags.TENANT, key.tenant().value());
        String outcome = "error";
        try {
            Result r = dev.tenantconnect.core.metrics.Observations.observe(metrics,
                    dev.tenantconnect.core.metrics.MetricNames.OP_REPLICATE, tags, () -> replicateObserved(key, fence));
            outcome = r.fullRead() ? "full" : "delta";
            r.drift().forEach(f -> metrics.count(dev.tenantconnect.core.metrics.MetricNames.REPLICATION_DRIFT,
                    tags.and("kind", f.kind().name().toLowerCase(java.util.Locale.ROOT)), 1));
            return r;
        } finally {
            metrics.count(dev.tenantconnect.core.metrics.MetricNames.REPLICATION_PASSES, tags.and("outcome", outcome),
                    1);
        }
    }

    private Result replicateObserved(CredentialKey key, Fence fence) {
        TenantId tenant = key.tenant();
        TenantCredential credential = store.require(key).credential();
        TenantDirectory dir = graph.directory(tenant, credential);
        Map<UUID, UserInfo> view = views.get(tenant);
        // this instance's view continues from the link it was read up to: another instance's later link (saved in
        // the shared state when it replicated the tenant) would skip the changes between the two passes for this view.
        // A link forgotten in the state (expired) means a full read here too.
        Optional<String> link = view == null ? Optional.empty()
                : state.deltaLink(tenant).flatMap(shared -> Optional.ofNullable(viewLinks.get(tenant)));
        boolean full = link.isEmpty();
        TenantDirectory.UserDelta d;
        List<TenantNumber> numbers = null;
        // incremental: the user changes and the numbers in one JSON batch, one HTTP request for a quiet tenant
        Optional<TenantDirectory.ChangesAndNumbers> quick = link.flatMap(dir::changesAndNumbers);
        if (quick.isPresent()) {
            d = quick.get().users();
            numbers = quick.get().numbers();
        } else {
            if (link.isPresent()) {
                LOG.info("delta link of tenant {} expired; reading every user again", tenant);
                fence.check();
                state.forget(tenant);
                full = true;
            }
            d = dir.usersDelta(Optional.empty()).orElseThrow();
        }
        fence.check(); // the pass may have outlasted its lease and another instance taken the tenant over
        Map<UUID, UserInfo> next = full ? new LinkedHashMap<>() : new LinkedHashMap<>(view);
        d.changed().forEach(u -> next.put(u.id(), u));
        d.removed().forEach(next::remove);
        views.put(tenant, next);
        viewLinks.put(tenant, d.deltaLink());
        state.saveDeltaLink(tenant, d.deltaLink());

        TeamsNumbers teams = graph.teamsNumbers(tenant, credential);
        if (withUserSettings) {
            replicateSettings(tenant, teams, full, d);
        }
        if (numbers == null) {
            numbers = teams.list();
        }
        List<DriftFinding> drift = drift(tenant, next, numbers, fence);
        return new Result(tenant, full, d.changed().size(), d.removed().size(), next.size(), numbers, drift);
    }

    /**
     * Teams user configurations (voice enablement, numbers, effective policies): all of them on a full read, then
     * only those of users the delta says changed — so an unchanged tenant still costs no extra request.
     */
    private void replicateSettings(TenantId tenant, TeamsNumbers teams, boolean full, TenantDirectory.UserDelta d) {
        Map<UUID, dev.tenantconnect.core.tenant.TeamsUserSettings> view;
        if (full || !settings.containsKey(tenant)) {
            view = new ConcurrentHashMap<>();
            teams.allUserSettings().forEach(u -> view.put(u.user(), u));
        } else {
            view = new ConcurrentHashMap<>(settings.get(tenant));
            for (UserInfo u : d.changed()) {
                teams.userSettings(u.id()).ifPresentOrElse(c -> view.put(u.id(), c), () -> view.remove(u.id()));
            }
            d.removed().forEach(view::remove);
        }
        settings.put(tenant, view);
    }

    /**
     * The replicated Teams user configurations of a tenant (kept when the replicator is built with
     * {@link Builder#userSettings(boolean)}).
     *
     * @param tenant a tenant replicated before
     * @return its users' Teams configurations by user ID; empty if not replicated (or not asked for)
     */
    public Map<UUID, dev.tenantconnect.core.tenant.TeamsUserSettings> userSettings(TenantId tenant) {
        return Map.copyOf(settings.getOrDefault(tenant, Map.of()));
    }

    private List<DriftFinding> drift(TenantId tenant, Map<UUID, UserInfo> users, List<TenantNumber> numbers,
            Fence fence) {
        List<DriftFinding> out = new ArrayList<>();
        List<Extension> exts = extensions.listByTenant(tenant);
        Map<PhoneNumber, Extension> byNumber = new HashMap<>();
        exts.forEach(e -> e.number().ifPresent(n -> byNumber.put(n, e)));
        // users we enabled
        for (Extension e : exts) {
            if (e.number().isEmpty()) {
                continue;
            }
            UserInfo u = users.get(e.user());
            boolean resource = e.addonCodes().contains(AddonLicense.OPERATOR_CONNECT_RESOURCE.code());
            if (u == null) {
                out.add(new DriftFinding(DriftFinding.Kind.ENABLED_USER_DELETED, e.number(), Optional.of(e.user()),
                        "extension " + e.extKey() + " names a user the tenant no longer has",
                        DriftFinding.Action.DISABLE));
                observeEnded(tenant, e, fence);
            } else {
                Optional<String> problem = UserLicenses.of(u.assignedPlans()).voiceProblem(resource);
                if (problem.isPresent()) {
                    out.add(new DriftFinding(DriftFinding.Kind.ENABLED_USER_LOST_LICENCE, e.number(),
                            Optional.of(e.user()), "extension " + e.extKey() + ": " + problem.get(),
                            DriftFinding.Action.DISABLE));
                    observeEnded(tenant, e, fence);
                } else {
                    observedBack(tenant, e.user()); // a later loss is observed again
                }
            }
        }
        // numbers
        Map<PhoneNumber, TenantNumber> inTenant = new HashMap<>();
        for (TenantNumber n : numbers) {
            inTenant.put(n.number(), n);
            Optional<InventoryNumber> inv = inventory.find(n.number());
            if (inv.isEmpty()) {
                out.add(new DriftFinding(DriftFinding.Kind.NUMBER_NOT_OURS, Optional.of(n.number()),
                        n.assignmentTarget(), "the tenant has a " + n.numberType() + " number the operator never "
                                + "uploaded", DriftFinding.Action.IGNORE));
            } else if (!n.unassigned() && (inv.get().status().state() != NumberState.ASSIGNED
                    || !inv.get().tenant().map(tenant::equals).orElse(false))) {
                out.add(new DriftFinding(DriftFinding.Kind.ASSIGNED_IN_TENANT_ONLY, Optional.of(n.number()),
                        n.assignmentTarget(), "assigned in the tenant; the inventory shows "
                                + inv.get().status().state(), DriftFinding.Action.ADOPT));
            } else if (!n.unassigned() && byNumber.containsKey(n.number()) && n.assignmentTarget().isPresent()
                    && !n.assignmentTarget().get().equals(byNumber.get(n.number()).user())) {
                // re-assigned in the tenant (Teams admin center, PowerShell) to someone the records do not name:
                // the recorded user's service ended there, and the new holder is not billed until enabled through
                // the platform
                Extension e = byNumber.get(n.number());
                out.add(new DriftFinding(DriftFinding.Kind.ASSIGNED_TO_ANOTHER_USER, Optional.of(n.number()),
                        Optional.of(e.user()), "extension " + e.extKey() + " names user " + e.user() + "; the tenant "
                                + "assigns the number to user " + n.assignmentTarget().get() + ": disable the "
                                + "extension's user, then enable the new holder through the platform (or move the "
                                + "number back with UserEnablement.moveNumber)", DriftFinding.Action.DISABLE));
                observeEnded(tenant, e, fence);
            }
        }
        for (InventoryNumber inv : inventory.byTenant(tenant)) {
            TenantNumber n = inTenant.get(inv.number());
            if (inv.status().state() == NumberState.ASSIGNED && (n == null || n.unassigned())) {
                Extension e = byNumber.get(inv.number());
                out.add(new DriftFinding(DriftFinding.Kind.ASSIGNED_IN_INVENTORY_ONLY, Optional.of(inv.number()),
                        Optional.ofNullable(e).map(Extension::user), n == null ? "the tenant no longer has the number"
                                : "the tenant shows the number unassigned", e != null && n != null
                                        ? DriftFinding.Action.RE_ASSIGN : DriftFinding.Action.RELEASE));
            }
        }
        return out;
    }

    /** A user whose service is whole again: the next time it ends is observed (and billed) again. */
    private void observedBack(TenantId tenant, UUID user) {
        Set<UUID> ended = endedUsers.get(tenant);
        if (ended != null) {
            ended.remove(user);
        }
    }

    /** Billing stops when we first observe the user gone: one usage event per loss, not one per run. */
    private void observeEnded(TenantId tenant, Extension e, Fence fence) {
        if (ledger.isPresent() && !endedUsers.getOrDefault(tenant, Set.of()).contains(e.user())) {
            fence.check();
        }
        if (ledger.isPresent() && endedUsers.computeIfAbsent(tenant, t -> ConcurrentHashMap.newKeySet()).add(e.user())) {
            ledger.get().record(new UsageEvent(tenant, e.user(), UsageEvent.Kind.ENDED, e.number(), Set.of(),
                    clock.instant(), UsageEvent.Source.OBSERVED));
        }
    }

    /**
     * Applies the chosen actions to drift findings of one tenant. {@code ADOPT} brings the inventory to what the
     * tenant shows (the number assigned, for this tenant); {@code RELEASE} records a number the tenant no longer has
     * assigned as back in the tenant, unassigned and tracked for reuse; {@code RE_ASSIGN} assigns the number again to
     * the user the extension names (and waits for Teams); {@code DISABLE} and {@code IGNORE} change nothing in the
     * tenant (billing already stopped when the change was observed). Every inventory change is recorded in the
     * number's history with the finding as the reason.
     *
     * @param key the tenant connection
     * @param chosen the findings with the action to take for each (usually {@link DriftFinding#suggested()})
     * @return per finding, what was done
     */
    public List<String> apply(CredentialKey key, Map<DriftFinding, DriftFinding.Action> chosen) {
        TenantId tenant = key.tenant();
        List<String> done = new ArrayList<>();
        for (Map.Entry<DriftFinding, DriftFinding.Action> c : chosen.entrySet()) {
            DriftFinding f = c.getKey();
            String what = f.kind() + " " + f.number().map(PhoneNumber::redacted).orElse("-");
            switch (c.getValue()) {
                case ADOPT -> {
                    PhoneNumber n = f.number().orElseThrow(() -> new ConfigurationException(what + ": no number"));
                    inventory.force(n, NumberState.ASSIGNED, "replication", "drift adopted: " + f.detail());
                    claim(n, tenant);
                    done.add(what + ": adopted");
                }
                case RELEASE -> {
                    PhoneNumber n = f.number().orElseThrow(() -> new ConfigurationException(what + ": no number"));
                    inventory.force(n, NumberState.IN_TENANT, "replication", "drift released: " + f.detail());
                    done.add(what + ": back in the tenant, unassigned");
                }
                case RE_ASSIGN -> {
                    PhoneNumber n = f.number().orElseThrow(() -> new ConfigurationException(what + ": no number"));
                    UUID user = f.user().orElseThrow(() -> new ConfigurationException(what + ": no user to assign"));
                    TenantCredential credential = store.require(key).credential();
                    var numbers = graph.teamsNumbers(tenant, credential);
                    NumberType type = numbers.find(n).flatMap(t -> t.numberType().known())
                            .orElse(NumberType.OPERATOR_CONNECT);
                    boolean ok = numbers.await(numbers.beginAssign(n, user, type, Optional.empty()).id()).succeeded();
                    done.add(what + (ok ? ": assigned again" : ": the assignment failed in Teams"));
                }
                case DISABLE, IGNORE -> done.add(what + ": " + c.getValue().name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return done;
    }

    /** A number adopted from the tenant belongs to it in the inventory too. */
    private void claim(PhoneNumber n, TenantId tenant) {
        InventoryNumber x = inventory.find(n).orElseThrow();
        if (!x.tenant().map(tenant::equals).orElse(false)) {
            // the inventory's tenant follows reservation; walk the lifecycle for a number that never had one
            x = inventory.force(n, NumberState.AVAILABLE, "replication", "drift adopted: re-homed");
            x = inventory.reserve(n, tenant, "replication", java.time.Duration.ofMinutes(5));
            for (NumberState s : List.of(NumberState.IN_TENANT, NumberState.ASSIGNING, NumberState.ASSIGNED)) {
                x = inventory.move(n, s, x.version(), "replication", "drift adopted");
            }
        }
    }

    /**
     * Replicates many tenants on the caller's executor (its size bounds the total concurrency; per-tenant limits
     * come from the resilience policies). One tenant's failure — throttling that outlasts the retries, a revoked
     * credential — is reported for that tenant and never stops the others.
     *
     * @param keys the tenant connections
     * @param executor where the work runs
     * @return one outcome per key, in the order given
     */
    public List<Outcome> replicateAll(Collection<CredentialKey> keys, ExecutorService executor) {
        return replicateAll(keys, (java.util.concurrent.Executor) executor);
    }

    /**
     * Replicates many tenants on the executor the replicator was built with (the root client's), or one tenant after
     * another on the calling thread when it has none. Failures are isolated per tenant as in
     * {@link #replicateAll(Collection, ExecutorService)}.
     *
     * @param keys the tenant connections
     * @return one outcome per key, in the order given
     */
    public List<Outcome> replicateAll(Collection<CredentialKey> keys) {
        return replicateAll(keys, executor.<java.util.concurrent.Executor>map(e -> e).orElse(Runnable::run));
    }

    private List<Outcome> replicateAll(Collection<CredentialKey> keys, java.util.concurrent.Executor executor) {
        List<CompletableFuture<Outcome>> futures = new ArrayList<>();
        // with leases: a tenant another instance finished within freshFor is left alone (done this round)
        Optional<Instant> skip = leases.map(l -> clock.instant().minus(freshFor));
        for (CredentialKey k : keys) {
            futures.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return new Outcome(k, Optional.of(replicate(k, skip)), Optional.empty());
                } catch (ReplicationLeaseLostException e) {
                    LOG.warn("replication of tenant {} stopped: {}", k.tenant(), e.getMessage());
                    return new Outcome(k, Optional.empty(), Optional.of(e.getClass().getSimpleName() + ": "
                            + e.getMessage()));
                } catch (LeaseHeldException e) {
                    return new Outcome(k, Optional.empty(), Optional.empty());
                } catch (RuntimeException e) {
                    LOG.warn("replication of tenant {} failed: {}", k.tenant(), e.getMessage());
                    return new Outcome(k, Optional.empty(), Optional.of(e.getClass().getSimpleName() + ": "
                            + e.getMessage()));
                }
            }, executor));
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }

    /** Configures a {@link Replicator}. */
    public static final class Builder {
        private dev.tenantconnect.core.metrics.MetricsRecorder metrics =
                dev.tenantconnect.core.metrics.MetricsRecorder.noop();

        /**
         * @param value where replication passes, drift findings and the {@code replicate} observation go (default
         *     nowhere)
         * @return this
         */
        public Builder metrics(dev.tenantconnect.core.metrics.MetricsRecorder value) {
            this.metrics = Objects.requireNonNull(value);
            return this;
        }

        private MicrosoftTenants graph;
        private CredentialStore store;
        private NumberInventory inventory;
        private ExtensionStore extensions;
        private ReplicationStateStore state;
        private UsageLedger ledger;
        private Clock clock = Clock.systemUTC();
        private boolean userSettings;
        private ExecutorService executor;
        private ReplicationLeases leases;
        private String holder;
        private Duration leaseTtl;
        private Duration freshFor = Duration.ZERO;
        private Sleeper sleeper = Sleeper.system();

        private Builder() {
        }

        /**
         * @param value what the lease heartbeat waits with between renewals (default real sleeping); only used with
         *     {@link #leases(ReplicationLeases, String, Duration) leases}
         * @return this
         */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value the connector (this or {@link #microsoft} is required)
         * @return this
         */
        public Builder graph(GraphConnector value) {
            this.graph = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value the Microsoft side as ports, instead of a connector: any implementation of
         *     {@link MicrosoftTenants}, e.g. the testkit's in-memory one for fast unit tests
         * @return this
         */
        public Builder microsoft(MicrosoftTenants value) {
            this.graph = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value the credential store (required)
         * @return this
         */
        public Builder store(CredentialStore value) {
            this.store = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value the number inventory (required)
         * @return this
         */
        public Builder inventory(NumberInventory value) {
            this.inventory = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value the operator's extensions (required)
         * @return this
         */
        public Builder extensions(ExtensionStore value) {
            this.extensions = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value where delta links are kept (required)
         * @return this
         */
        public Builder state(ReplicationStateStore value) {
            this.state = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value receives an observed end of service for users gone from a tenant (optional)
         * @return this
         */
        public Builder ledger(UsageLedger value) {
            this.ledger = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value the clock
         * @return this
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value whether to replicate Teams user configurations too (needs TeamsUserConfiguration.Read.All):
         *     all on a full read, then only changed users' — default off
         * @return this
         */
        public Builder userSettings(boolean value) {
            this.userSettings = value;
            return this;
        }

        /**
         * @param value where {@link #replicateAll(Collection)} runs tenants (its size bounds the concurrency)
         * @return this
         */
        public Builder executor(ExecutorService value) {
            this.executor = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Runs a tenant's pass on one instance at a time.
         *
         * @param value the leases every instance shares (e.g. {@code JdbcReplicationLeases} on their database)
         * @param instance this instance's name (e.g. host name and process ID)
         * @param ttl how long a lease lasts without renewal: a heartbeat renews it every third of it while a pass
         *     runs, so it bounds how long a dead instance keeps its tenants, not how long a pass may take; keep it
         *     well above the longest stall you expect (GC pause, database failover)
         * @return this builder
         */
        public Builder leases(ReplicationLeases value, String instance, Duration ttl) {
            return leases(value, instance, ttl, Duration.ZERO);
        }

        /**
         * Runs a tenant's pass on one instance at a time, and has {@code replicateAll} leave alone a tenant whose
         * pass (on any instance) ended within {@code freshFor}: instances that run {@code replicateAll} over the
         * same tenants on the same schedule share the tenants out instead of each doing all of them.
         *
         * @param value the leases every instance shares (e.g. {@code JdbcReplicationLeases} on their database)
         * @param instance this instance's name (e.g. host name and process ID)
         * @param ttl how long a lease lasts without renewal (renewed every third of it while a pass runs)
         * @param freshFor how recent a pass counts as this round's (shorter than the schedule's interval)
         * @return this builder
         */
        public Builder leases(ReplicationLeases value, String instance, Duration ttl, Duration freshFor) {
            this.leases = Objects.requireNonNull(value, "leases");
            this.holder = Objects.requireNonNull(instance, "instance");
            this.leaseTtl = Objects.requireNonNull(ttl, "ttl");
            if (ttl.compareTo(Duration.ofMillis(3)) < 0) {
                throw new ConfigurationException("leases: ttl must be at least 3 ms (it is renewed every third of "
                        + "it), was " + ttl);
            }
            this.freshFor = Objects.requireNonNull(freshFor, "freshFor");
            return this;
        }

        /** @return the replicator */
        public Replicator build() {
            if (graph == null || store == null || inventory == null || extensions == null || state == null) {
                throw new ConfigurationException("Replicator needs a GraphConnector, a CredentialStore, a "
                        + "NumberInventory, an ExtensionStore and a ReplicationStateStore");
            }
            return new Replicator(this);
        }
    }
}
