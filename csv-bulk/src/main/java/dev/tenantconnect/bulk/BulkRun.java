package dev.tenantconnect.bulk;

import dev.tenantconnect.bulk.internal.Remediation;
import dev.tenantconnect.core.addon.AddonTarget;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.CredentialStore;
import dev.tenantconnect.core.credential.TenantCredential;
import dev.tenantconnect.core.error.TenantConnectException;
import dev.tenantconnect.core.extension.Extension;
import dev.tenantconnect.core.extension.ExtensionStore;
import dev.tenantconnect.core.inventory.AllocationRequest;
import dev.tenantconnect.core.inventory.InventoryNumber;
import dev.tenantconnect.core.inventory.NumberInventory;
import dev.tenantconnect.core.inventory.NumberUsage;
import dev.tenantconnect.core.inventory.SelectionStrategy;
import dev.tenantconnect.core.job.JobHeader;
import dev.tenantconnect.core.job.JobJournal;
import dev.tenantconnect.core.job.JournalEntry;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.core.number.NumberState;
import dev.tenantconnect.core.tenant.MicrosoftTenants;
import dev.tenantconnect.core.tenant.NumberOperation;
import dev.tenantconnect.core.tenant.TeamsNumbers;
import dev.tenantconnect.core.tenant.TenantNumber;
import dev.tenantconnect.voice.enablement.BatchItem;
import dev.tenantconnect.voice.enablement.BatchOptions;
import dev.tenantconnect.voice.enablement.EnableResult;
import dev.tenantconnect.voice.enablement.UserEnablement;
import dev.tenantconnect.core.problem.Problem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import static dev.tenantconnect.bulk.BulkResults.holderPrefix;
import static dev.tenantconnect.bulk.BulkResults.options;

/**
 * One run of a job over its remaining rows: rows are journalled as started, their numbers held, the chunk's users
 * enabled together, and each row's outcome journalled (fenced by the job's lease) before it is counted.
 */
final class BulkRun implements BulkJob {
    private static final Logger LOG = LoggerFactory.getLogger(BulkAssignments.class);
    private static final Duration RESERVATION = Duration.ofMinutes(30);
    /** Rows prepared and enabled together; their STARTED entries are written before the chunk's writes begin. */
    private static final int CHUNK = 2_000;
    /** Conclusions written together at most (see {@link #record}). */
    private static final int FLUSH_AT = 64;
    /** How long a conclusion waits for others to be written with, when another comes. */
    private static final Duration FLUSH_AFTER = Duration.ofMillis(50);
    private final List<JournalEntry> unwritten = new ArrayList<>();
    private Instant oldestUnwritten;

    private final MicrosoftTenants graph;
    private final CredentialStore store;
    private final NumberInventory inventory;
    private final UserEnablement enablement;
    private final ExtensionStore extensions;
    private final BulkFileFormat format;
    private final Clock clock;
    private final java.util.function.Consumer<dev.tenantconnect.core.billing.UsageEvent> usage;
    private final BulkResults reports;
    final JobHeader h;
    final BulkOptions options;
    final List<PlannedRow> rows;
    final Map<Long, PhoneNumber> allocated;
    final Set<Long> inFlight;
    final ProgressListener listener;
    final JobJournal.Lease lease;
    /** A share (work unit) of a job several runners work: its lease and the results are its runner's business. */
    final boolean share;
    final AtomicBoolean stop = new AtomicBoolean();
    final AtomicInteger finished = new AtomicInteger();
    final Instant started;
    final CompletableFuture<BulkReport> result = new CompletableFuture<>();
    long done;
    long skipped;
    long failed;

    BulkRun(BulkWiring w, BulkResults results, JobHeader h, List<PlannedRow> rows, Map<Long, PhoneNumber> allocated,
            Set<Long> inFlight, ProgressListener listener, JobJournal.Lease lease, boolean share) {
        this.share = share;
        this.graph = w.graph;
        this.store = w.store;
        this.inventory = w.inventory;
        this.enablement = w.enablement;
        this.extensions = w.extensions;
        this.format = w.format;
        this.clock = w.clock;
        this.usage = w.usage;
        this.reports = results;
        this.started = clock.instant();
        this.h = h;
        this.options = options(h);
        this.rows = rows;
        this.allocated = allocated;
        this.inFlight = inFlight;
        this.listener = listener;
        this.lease = lease;
    }

    /**
     * Starts {@link #drive()} on a thread of its own. It runs in two phases: rows naming their number first, then
     * rows picking one from the pool — so a picked number can never be one that a later row of the same file
     * names. Each phase goes in chunks: every row of a chunk is journalled as started (and its number allocated:
     * the pool's numbers for the chunk in one batch call, {@link NumberInventory#allocate(AllocationRequest, List)}),
     * then the chunk's users are enabled together through {@link UserEnablement#enableAll}, each row journalled as
     * it concludes.
     */
    void begin() {
        // the rows' tenant writes are audited as the operator who started the run (acting on this thread)
        Thread driver = new Thread(dev.tenantconnect.core.audit.Auditor.carrying(this::drive),
                "tenantconnect-bulk-" + h.jobId().substring(0, 8));
        driver.setDaemon(true);
        driver.start();
    }

    /** Runs the rows on this thread (see {@link #begin()}). */
    void drive() {
        List<PlannedRow> named = rows.stream().filter(r -> !r.operations().contains(Operation.ALLOCATE)).toList();
        List<PlannedRow> picking = rows.stream().filter(r -> r.operations().contains(Operation.ALLOCATE)).toList();
        try {
            for (List<PlannedRow> phase : List.of(named, picking)) {
                for (int from = 0; from < phase.size() && !stop.get(); from += CHUNK) {
                    runChunk(phase.subList(from, Math.min(phase.size(), from + CHUNK)));
                }
            }
        } catch (RuntimeException e) {
            stop.set(true);
            LOG.error("bulk job {} stopped: {}", h.jobId(), e.toString());
            result.completeExceptionally(e);
        } finally {
            try {
                writeConclusions();
            } catch (RuntimeException e) {
                stop.set(true);
                LOG.error("bulk job {}: its last conclusions were not written: {}", h.jobId(), e.toString());
                result.completeExceptionally(e);
            }
            finish();
        }
    }

    private void runChunk(List<PlannedRow> chunk) {
        Map<Long, PlannedRow> byLine = new HashMap<>();
        List<BatchItem> items = new ArrayList<>();
        // every row about to change something is journalled as started before any of them does, all at once (one
        // flush to disk, one transaction): a row stopped before its turn is then reconciled like one interrupted,
        // and a number reserved for a pool row and never journalled is found by its holder on resume
        lease.appendAll(chunk.stream().filter(p -> p.action() == PlannedRow.Action.APPLY)
                .map(p -> entry(p, JournalEntry.Kind.STARTED, p.number(), p.user(), "", "")).toList());
        List<PlannedRow> picking = new ArrayList<>();
        for (PlannedRow p : chunk) {
            if (stop.get()) {
                break;
            }
            switch (p.action()) {
                case NOTHING -> conclude(entry(p, inFlight.contains(p.row().line()) ? JournalEntry.Kind.DONE
                        : JournalEntry.Kind.SKIPPED, p.number(), p.user(), inFlight.contains(p.row().line())
                                ? "" : "already matches the tenant", ""));
                case INVALID -> conclude(entry(p, JournalEntry.Kind.FAILED, p.number(), p.user(),
                        String.join("; ", p.problems().stream().map(RowProblem::rule).toList()),
                        Remediation.forCodes(p.problems().stream().map(RowProblem::code).toList())));
                case APPLY -> {
                    if (p.operations().contains(Operation.ALLOCATE)) {
                        picking.add(p);
                    } else {
                        prepare(p).ifPresent(item -> {
                            byLine.put(item.id(), p);
                            items.add(item);
                        });
                    }
                }
            }
        }
        allocate(picking, (p, item) -> {
            byLine.put(item.id(), p);
            items.add(item);
        });
        Set<Long> concluded = java.util.concurrent.ConcurrentHashMap.newKeySet();
        BatchOptions batch = BatchOptions.builder().concurrency(options.concurrency()).stop(stop::get).build();
        try {
            enablement.enableAll(h.key(), items, batch, (item, r) -> {
                concluded.add(item.id());
                conclude(outcome(byLine.get(item.id()), r));
            });
        } catch (TenantConnectException e) {
            for (BatchItem item : items) {
                if (!concluded.contains(item.id())) {
                    PlannedRow p = byLine.get(item.id());
                    releaseIfHeld(item.number(), item.id());
                    conclude(entry(p, JournalEntry.Kind.FAILED, Optional.of(item.number()), p.user(),
                            e.getMessage(), Remediation.forException(e)));
                }
            }
        }
        writeConclusions();
    }

    /**
     * Holds the number of a row naming its number (the row is journalled as started already); empty when the row
     * concluded already. Rows picking from the pool are prepared together by {@link #allocate}.
     */
    private Optional<BatchItem> prepare(PlannedRow p) {
        BulkRow row = p.row();
        TenantId tenant = h.key().tenant();
        UUID user = p.user().orElseThrow();
        Optional<PhoneNumber> number = p.number();
        try {
            if (p.operations().contains(Operation.TAKE_OVER)) {
                Optional<String> refused = takeOver(user, number.orElseThrow());
                if (refused.isPresent()) {
                    conclude(entry(p, JournalEntry.Kind.FAILED, number, p.user(), refused.get(),
                            "check who holds the number in the Teams admin centre, then run the file again"));
                    return Optional.empty();
                }
            }
            if (p.operations().contains(Operation.ASSIGN) && number.isPresent()) {
                unassignedOutside(number.get());
            }
            if (!p.operations().contains(Operation.ASSIGN)) {
                Extension wanted = new Extension(tenant, row.extKey(), user, number, row.addonCodes(),
                        clock.instant());
                boolean changed = !extensions.find(tenant, row.extKey()).map(wanted::sameHoldings).orElse(false);
                extensions.put(wanted);
                if (changed) {
                    // an add-on change without a tenant write (no number, or the number already the user's):
                    // the user holds exactly these add-ons from now on — each one added starts, each one
                    // dropped ends, in the billing report
                    usage.accept(new dev.tenantconnect.core.billing.UsageEvent(tenant, user,
                            dev.tenantconnect.core.billing.UsageEvent.Kind.HOLDS, number,
                            java.util.Set.copyOf(row.addonCodes()), clock.instant(),
                            dev.tenantconnect.core.billing.UsageEvent.Source.PLATFORM));
                }
                conclude(entry(p, JournalEntry.Kind.DONE, number, p.user(), "", ""));
                return Optional.empty();
            }
            return Optional.of(item(p, number.orElseThrow()));
        } catch (TenantConnectException e) {
            number.ifPresent(n -> releaseIfHeld(n, row.line()));
            conclude(entry(p, JournalEntry.Kind.FAILED, number, p.user(), e.getMessage(),
                    Remediation.forException(e)));
            return Optional.empty();
        }
    }

    private BatchItem item(PlannedRow p, PhoneNumber number) {
        BulkRow row = p.row();
        BatchItem.Builder item = BatchItem.builder(row.line(), new UserRef.ObjectId(p.user().orElseThrow()), number,
                row.addons()).teamsPolicies(options.policies());
        row.locationId().or(options::locationId).ifPresent(item::locationId);
        return item.build();
    }

    /**
     * Picks the numbers of a chunk's rows that take one from the pool (journalled as started), one batch call per
     * usage: the i-th row's number is reserved for that row as holder ({@link BulkResults#holderPrefix} and its
     * line), so a crash before the ALLOCATED entries, or a lost answer, leaves every number findable by its row. Each
     * row that got a number is journalled ALLOCATED and handed on; rows the pool ran short for fail.
     */
    private void allocate(List<PlannedRow> group, java.util.function.BiConsumer<PlannedRow, BatchItem> ready) {
        if (group.isEmpty() || stop.get()) {
            return; // started rows without a number: resume picks for them again
        }
        NumberPool pool = options.numberPool().orElseThrow();
        Map<NumberUsage, List<PlannedRow>> byUsage = new java.util.LinkedHashMap<>();
        for (PlannedRow p : group) {
            byUsage.computeIfAbsent(p.row().addons().target() == AddonTarget.RESOURCE_ACCOUNT
                    ? NumberUsage.VOICE_APPLICATION : NumberUsage.USER, u -> new ArrayList<>()).add(p);
        }
        byUsage.forEach((usage, rowsOfUsage) -> {
            for (int from = 0; from < rowsOfUsage.size(); from += NumberInventory.MAX_BATCH) {
                List<PlannedRow> batch = rowsOfUsage.subList(from, Math.min(rowsOfUsage.size(),
                        from + NumberInventory.MAX_BATCH));
                List<String> holders = batch.stream().map(p -> holderPrefix(h.jobId()) + p.row().line()).toList();
                AllocationRequest.Builder criteria = AllocationRequest.builder(h.key().tenant(), pool.country())
                        .usage(usage).type(pool.type()).strategy(SelectionStrategy.LOWEST).holder(holders.get(0))
                        .reservationTtl(RESERVATION);
                pool.prefix().ifPresent(criteria::prefix);
                allocated(batch, holders, criteria.build(), pool, ready);
            }
        });
    }

    private void allocated(List<PlannedRow> batch, List<String> holders, AllocationRequest request, NumberPool pool,
            java.util.function.BiConsumer<PlannedRow, BatchItem> ready) {
        Map<String, PhoneNumber> got = new HashMap<>();
        Optional<TenantConnectException> lost = Optional.empty();
        try {
            for (InventoryNumber n : inventory.allocate(request, holders)) {
                got.put(n.reservation().orElseThrow().holder(), n.number());
            }
        } catch (TenantConnectException e) {
            // the answer may be lost after the numbers were reserved: find them by their holders
            lost = Optional.of(e);
            try {
                Set<String> wanted = Set.copyOf(holders);
                for (InventoryNumber n : inventory.byTenant(h.key().tenant())) {
                    n.reservation().filter(r -> n.status().state() == NumberState.RESERVED
                            && wanted.contains(r.holder())).ifPresent(r -> got.put(r.holder(), n.number()));
                }
            } catch (TenantConnectException again) {
                LOG.warn("bulk job {}: numbers of a failed allocation not looked up: {}", h.jobId(), again.toString());
            }
        }
        Map<PlannedRow, PhoneNumber> picked = new java.util.LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            PlannedRow p = batch.get(i);
            PhoneNumber number = got.get(holders.get(i));
            if (number == null) {
                if (stop.get()) {
                    continue; // started without a number: resume picks for it again
                }
                conclude(lost.map(e -> entry(p, JournalEntry.Kind.FAILED, Optional.empty(), p.user(), e.getMessage(),
                        Remediation.forException(e))).orElseGet(() -> entry(p, JournalEntry.Kind.FAILED,
                                Optional.empty(), p.user(), "no available number in the pool " + pool.country()
                                        + pool.prefix().map(x -> " " + x).orElse(""), "import more numbers into the "
                                                + "inventory, then resume")));
                continue;
            }
            picked.put(p, number);
        }
        // the batch's numbers are journalled together (one write), then handed on
        try {
            lease.appendAll(picked.entrySet().stream().map(x -> entry(x.getKey(), JournalEntry.Kind.ALLOCATED,
                    Optional.of(x.getValue()), x.getKey().user(), "", "")).toList());
        } catch (TenantConnectException e) {
            picked.forEach((p, number) -> {
                releaseIfHeld(number, p.row().line());
                conclude(entry(p, JournalEntry.Kind.FAILED, Optional.of(number), p.user(), e.getMessage(),
                        Remediation.forException(e)));
            });
            return;
        }
        picked.forEach((p, number) -> ready.accept(p, item(p, number)));
    }

    /**
     * Unassigns the number from whoever holds it now (re-read, so a re-run after a lost answer finds it already
     * free); the holder's extension record stops naming it. Empty when done.
     */
    private Optional<String> takeOver(UUID user, PhoneNumber n) {
        TenantId tenant = h.key().tenant();
        TeamsNumbers tn = graph.teamsNumbers(tenant, credential(h.key()));
        Optional<TenantNumber> now = tn.find(n);
        Optional<UUID> holder = now.flatMap(TenantNumber::assignmentTarget).filter(x -> !x.equals(user));
        if (holder.isEmpty()) {
            return Optional.empty();
        }
        List<Extension> held = extensions.byUsers(tenant, List.of(holder.get())).getOrDefault(holder.get(),
                List.of()).stream().filter(x -> x.number().equals(Optional.of(n))).toList();
        dev.tenantconnect.core.addon.AddonSet addons = held.isEmpty()
                ? new dev.tenantconnect.core.addon.AddonSet(Set.of(), AddonTarget.ANY)
                : format.catalog().parseSet(held.get(0).addonCodes());
        boolean tracked = inventory.find(n).map(x -> x.status().state() == NumberState.ASSIGNED).orElse(false);
        if (tracked) { // assigned through the platform: unassigned through it (inventory, billing)
            EnableResult r = enablement.disableUser(h.key(), new dev.tenantconnect.core.model.UserRef.ObjectId(holder.get()), n,
                    addons);
            if (!r.succeeded()) {
                return Optional.of("taking the number over from " + holder.get() + " failed: "
                        + String.join("; ", r.problems().stream().map(Problem::message).toList()));
            }
        } else { // assigned outside the platform (the inventory has it free in the tenant)
            NumberOperation op = tn.await(tn.beginUnassign(n, now.orElseThrow().numberType().require()).id());
            if (!op.succeeded()) {
                return Optional.of("taking the number over from " + holder.get() + " failed: "
                        + op.detail().orElse("the unassignment operation failed"));
            }
        }
        held.forEach(x -> extensions.put(new Extension(tenant, x.extKey(), x.user(), Optional.empty(),
                x.addonCodes(), clock.instant())));
        LOG.info("bulk job {}: number {} taken over from {}", h.jobId(), n.redacted(), holder.get());
        return Optional.empty();
    }

    /**
     * The plan found the number unassigned in the tenant (or just took it over) while the inventory still has it
     * assigned — unassigned outside the platform, e.g. in the Teams admin centre: the inventory follows the
     * tenant, so that the assignment can run.
     */
    private void unassignedOutside(PhoneNumber n) {
        Optional<InventoryNumber> inv = inventory.find(n).filter(x -> x.status().state() == NumberState.ASSIGNED)
                .filter(x -> x.tenant().map(h.key().tenant()::equals).orElse(false));
        if (inv.isPresent()) {
            InventoryNumber x = inventory.move(n, NumberState.UNASSIGNING, inv.get().version(), "bulk " + h.jobId(),
                    "the tenant shows it unassigned");
            inventory.move(n, NumberState.IN_TENANT, x.version(), "bulk " + h.jobId(), "unassigned outside the "
                    + "platform; to be assigned again");
        }
    }

    private JournalEntry outcome(PlannedRow p, EnableResult r) {
        BulkRow row = p.row();
        PhoneNumber number = r.number().orElseThrow();
        if (!r.succeeded()) {
            releaseIfHeld(number, row.line());
            return entry(p, JournalEntry.Kind.FAILED, Optional.of(number), p.user(), r.failedStep().map(s -> s
                    .name().toLowerCase(java.util.Locale.ROOT) + ": ").orElse("") + String.join("; ",
                            r.problems().stream().map(Problem::message).toList()),
                    Remediation.forCodes(r.problems().stream().map(Problem::code).toList()));
        }
        try {
            extensions.put(new Extension(h.key().tenant(), row.extKey(), p.user().orElseThrow(),
                    Optional.of(number), row.addonCodes(), clock.instant()));
        } catch (TenantConnectException e) {
            return entry(p, JournalEntry.Kind.FAILED, Optional.of(number), p.user(), e.getMessage(),
                    Remediation.forException(e));
        }
        return entry(p, JournalEntry.Kind.DONE, Optional.of(number), p.user(), "", "");
    }

    /** Journals a row's outcome and counts it. */
    private void conclude(JournalEntry outcome) {
        record(outcome);
        if (outcome.kind() == JournalEntry.Kind.FAILED
                && options.failurePolicy() == FailurePolicy.STOP_AT_FIRST_FAILURE) {
            stop.set(true);
        }
    }

    /**
     * Journals a row's conclusion. Conclusions come in bursts (a confirmation round concludes hundreds of rows), and
     * each durable write costs a flush to disk or a transaction, so they are written together: once
     * {@value #FLUSH_AT} are waiting, when one waited {@link #FLUSH_AFTER} by the time another comes, and at the
     * end of every chunk; each is counted (progress) once written. A conclusion lost to a crash before its write
     * leaves its row started, and resume reconciles it with the tenant like any interrupted row, so no write is
     * repeated. Fenced: refused once another runner has taken the job over.
     */
    private void record(JournalEntry outcome) {
        synchronized (unwritten) {
            if (unwritten.isEmpty()) {
                oldestUnwritten = clock.instant();
            }
            unwritten.add(outcome);
            if (unwritten.size() >= FLUSH_AT
                    || Duration.between(oldestUnwritten, clock.instant()).compareTo(FLUSH_AFTER) >= 0) {
                writeConclusions();
            }
        }
    }

    /** Writes the conclusions not written yet, in one durable write. */
    private void writeConclusions() {
        synchronized (unwritten) {
            if (unwritten.isEmpty()) {
                return;
            }
            List<JournalEntry> batch = List.copyOf(unwritten);
            unwritten.clear();
            lease.appendAll(batch);
            // counted once durable
            for (JournalEntry e : batch) {
                finished.incrementAndGet();
                report(e);
            }
        }
    }

    /** A number this row reserved but did not get into the tenant goes back to the pool. */
    private void releaseIfHeld(PhoneNumber n, long line) {
        inventory.find(n).filter(x -> x.status().state() == NumberState.RESERVED)
                .filter(x -> x.reservation().map(r -> r.holder().equals(holderPrefix(h.jobId()) + line))
                        .orElse(false))
                .ifPresent(x -> inventory.move(n, NumberState.AVAILABLE, x.version(), "bulk " + h.jobId(),
                        "row " + line + " failed; reservation released"));
    }

    private JournalEntry entry(PlannedRow p, JournalEntry.Kind kind, Optional<PhoneNumber> number,
            Optional<UUID> user, String error, String remediation) {
        return new JournalEntry(p.row().line(), kind, number, user, error, remediation, clock.instant());
    }

    private synchronized void report(JournalEntry outcome) {
        switch (outcome.kind()) {
            case DONE -> done++;
            case SKIPPED -> skipped++;
            case FAILED -> failed++;
            default -> throw new IllegalStateException("not an outcome: " + outcome.kind());
        }
        Duration elapsed = Duration.between(started, clock.instant());
        long finished = done + skipped + failed;
        double rate = elapsed.toMillis() <= 0 ? 0 : finished * 1000.0 / elapsed.toMillis();
        Optional<Duration> eta = rate <= 0 ? Optional.empty()
                : Optional.of(Duration.ofMillis((long) ((rows.size() - finished) * 1000 / rate)));
        BulkProgress.Builder progress = BulkProgress.builder(h.jobId(), rows.size()).finished(done, skipped, failed)
                .elapsed(elapsed).rowsPerSecond(rate);
        eta.ifPresent(progress::eta);
        listener.onProgress(progress.build());
    }

    void finish() {
        if (share) { // the unit's runner completes or releases the unit; the results are assembled once per job
            result.complete(null);
            return;
        }
        try {
            lease.close();
            if (result.isDone()) {
                return;
            }
            result.complete(reports.results(h, Duration.between(started, clock.instant()),
                    finished.get() < rows.size()));
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    @Override
    public String jobId() {
        return h.jobId();
    }

    @Override
    public void stop() {
        stop.set(true);
    }

    @Override
    public BulkReport await() {
        try {
            return result.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    private TenantCredential credential(CredentialKey key) {
        return store.require(key).credential();
    }
}
