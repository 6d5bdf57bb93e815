package dev.tenantconnect.voice.enablement;

import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.error.TenantConnectException;
import dev.tenantconnect.core.error.TransportException;
import dev.tenantconnect.core.inventory.InventoryNumber;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.core.number.NumberState;
import dev.tenantconnect.core.provisioning.Consent;
import dev.tenantconnect.core.provisioning.NumberUpload;
import dev.tenantconnect.core.provisioning.SyncStatus;
import dev.tenantconnect.core.resilience.CallContext;
import dev.tenantconnect.core.tenant.NumberOperation;
import dev.tenantconnect.core.tenant.TeamsNumbers;
import dev.tenantconnect.core.tenant.TenantNumber;
import dev.tenantconnect.core.tenant.UserInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of {@link UserEnablement#enableAll}: the tenant's numbers read once, uploads in batches with their sync
 * read back a page at a time, one paced write per user, and the assignments confirmed in rounds rather than by
 * polling each operation: each round reads the numbers still pending ({@link TeamsNumbers#listOf}, Graph's
 * {@code $filter} on {@code telephoneNumber}), or the whole list when that takes fewer requests.
 */
final class EnablementBatch {
    private static final Logger LOG = LoggerFactory.getLogger(EnablementBatch.class);
    private static final int ROUND_AT = 250;
    private static final Duration ROUND_EVERY = Duration.ofSeconds(5);
    private static final Duration ROUND_AT_END = Duration.ofMillis(200);
    private static final Duration TICK = Duration.ofMillis(50);
    /** Writes sent for one item at most, when answers are lost or requests refused. */
    private static final int MAX_ATTEMPTS = 3;
    /**
     * Numbers uploaded together before their assignments start: the first group one provisioning batch, so the first
     * assignments start soon; each later one twice the one before (fewer sync polls per number), up to
     * {@value #UPLOAD_GROUP_MAX}.
     */
    private static final int UPLOAD_GROUP_FIRST = 100;
    private static final int UPLOAD_GROUP_MAX = 400;

    private final UserEnablement e;
    private final CredentialKey key;
    private final TenantId tenant;
    private final TeamsNumbers numbers;
    private final BatchOptions options;
    private final BiConsumer<BatchItem, EnableResult> onResult;
    private Optional<Consent> consent;
    /** Reads the consent and makes sure of the account ahead of the first upload; null when not needed. */
    private volatile Thread ahead;
    /** Each item's user by object ID, resolved before any work starts (read-only afterwards). */
    private final Map<BatchItem, UUID> ids = new IdentityHashMap<>();
    private dev.tenantconnect.core.tenant.TenantDirectory directory;
    /** How many numbers the tenant holds, as far as this run knows: what it listed plus what it uploaded. */
    private final AtomicInteger tenantSize = new AtomicInteger();

    /**
     * An assignment started and not yet confirmed: {@code sent} before its write went, {@code started} when its
     * answer came (or was lost); {@code attempts} counts the writes sent for it.
     */
    private record Pending(BatchItem item, Optional<String> operationId, Instant sent, Instant started, int attempts,
            String lastError) {
    }

    EnablementBatch(UserEnablement e, CredentialKey key, BatchOptions options,
            BiConsumer<BatchItem, EnableResult> onResult) {
        this.e = e;
        this.key = key;
        this.tenant = key.tenant();
        this.numbers = e.graph.teamsNumbers(tenant, e.credential(key));
        this.options = options;
        this.onResult = onResult;
    }

    void run(List<BatchItem> items) {
        provisioningAhead(items);
        try {
            runItems(items);
        } finally {
            awaitAhead();
        }
    }

    private void runItems(List<BatchItem> items) {
        Map<PhoneNumber, TenantNumber> inTenant = index(numbers.list());
        tenantSize.set(inTenant.size());
        List<BatchItem> toUpload = new ArrayList<>();
        List<BatchItem> ready = new ArrayList<>();
        for (BatchItem it : items) {
            try {
                Optional<UUID> id = resolve(it);
                if (id.isEmpty()) {
                    fail(it, Step.PREFLIGHT, "the user " + it.user().redacted() + " was not found in the tenant",
                            Optional.empty());
                    continue;
                }
                ids.put(it, id.get());
                prepare(it, inTenant, toUpload, ready);
            } catch (TenantConnectException ex) {
                fail(it, Step.PREFLIGHT, ex.getMessage(), Optional.empty());
            }
        }
        assignAndConfirm(ready, toUpload);
    }

    /**
     * When some item's number may need an upload, reads the tenant's consent and makes sure of its operator account
     * on a thread of its own while the tenant's numbers are read: the first upload then goes as soon as the numbers
     * are known instead of three round trips later. What fails here the upload tries again itself.
     */
    private void provisioningAhead(List<BatchItem> items) {
        if (e.provisioning == null || items.stream().noneMatch(this::mayNeedUpload)) {
            return;
        }
        Thread t = new Thread(dev.tenantconnect.core.audit.Auditor.carrying(() -> {
            try {
                if (consent().isPresent()) {
                    e.provisioning.prepareUpload(tenant);
                }
            } catch (RuntimeException ex) {
                LOG.debug("reading the consent of tenant {} ahead of its uploads failed: {}", tenant, ex.toString());
            }
        }), "tenantconnect-provisioning-ahead");
        t.setDaemon(true);
        ahead = t;
        t.start();
    }

    private boolean mayNeedUpload(BatchItem it) {
        return e.inventory.find(it.number()).map(n -> n.attributes().type() == NumberType.OPERATOR_CONNECT
                && switch (n.status().state()) {
                    case AVAILABLE, RESERVED, UPLOADING, UPLOAD_FAILED -> true;
                    default -> false;
                }).orElse(false);
    }

    /** Waits for {@link #provisioningAhead}, so an upload never makes sure of the account at the same time. */
    private void awaitAhead() {
        Thread t = ahead;
        if (t == null) {
            return;
        }
        try {
            t.join();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** The item's user by object ID: as given, or looked up by user principal name. */
    private Optional<UUID> resolve(BatchItem it) {
        if (it.user() instanceof UserRef.ObjectId o) {
            return Optional.of(o.id());
        }
        if (directory == null) {
            directory = e.graph.directory(tenant, e.credential(key));
        }
        return directory.user(it.user()).map(UserInfo::id);
    }

    private UUID id(BatchItem it) {
        return ids.get(it);
    }

    private static Map<PhoneNumber, TenantNumber> index(List<TenantNumber> list) {
        Map<PhoneNumber, TenantNumber> out = new HashMap<>();
        list.forEach(n -> out.put(n.number(), n));
        return out;
    }

    /** Brings the item's number to "in the tenant" (or queues its upload), or finishes the item at once. */
    private void prepare(BatchItem it, Map<PhoneNumber, TenantNumber> inTenant, List<BatchItem> toUpload,
            List<BatchItem> ready) {
        Optional<InventoryNumber> found = e.inventory.find(it.number());
        if (found.isEmpty()) {
            fail(it, Step.PREFLIGHT, "the number is not in the operator's inventory", Optional.empty());
            return;
        }
        InventoryNumber n = found.get();
        boolean ours = n.tenant().map(tenant::equals).orElse(false);
        if (n.status().state() != NumberState.AVAILABLE && !ours) {
            fail(it, Step.PREFLIGHT, "the number is " + n.status().state() + " for another tenant", Optional.empty());
            return;
        }
        TenantNumber t = inTenant.get(it.number());
        if (t != null && t.assignmentTarget().map(id(it)::equals).orElse(false)) {
            e.converge(n, tenant);
            succeed(it, Optional.empty(), true, List.of());
            return;
        }
        if (t != null && !t.unassigned()) {
            fail(it, Step.PREFLIGHT, "the number is assigned to someone else in the tenant", Optional.empty());
            return;
        }
        if (n.status().state() == NumberState.AVAILABLE) {
            n = e.lifecycle.reserveForUpload(n.number(), tenant);
        }
        switch (n.status().state()) {
            case RESERVED, UPLOAD_FAILED, UPLOADING -> {
                if (n.attributes().type() != NumberType.OPERATOR_CONNECT) {
                    e.lifecycle.move(n, NumberState.IN_TENANT, "direct routing: no upload");
                    ready.add(it);
                } else if (t != null) {
                    if (n.status().state() != NumberState.UPLOADING) {
                        n = e.lifecycle.move(n, NumberState.UPLOADING, "found in the tenant");
                    }
                    e.lifecycle.move(n, NumberState.IN_TENANT, "synced");
                    ready.add(it);
                } else {
                    toUpload.add(it);
                }
            }
            case ASSIGNING -> {
                e.lifecycle.retryAssignment(e.lifecycle.interruptedAssignment(n));
                ready.add(it);
            }
            case ASSIGNMENT_FAILED -> {
                e.lifecycle.retryAssignment(n);
                ready.add(it);
            }
            case IN_TENANT -> ready.add(it);
            default -> fail(it, Step.ASSIGN, "the number is " + n.status().state() + ", not in the tenant",
                    Optional.empty());
        }
    }

    /** Uploads in the provisioning API's batches; returns the items whose numbers synced. */
    private List<BatchItem> upload(List<BatchItem> items) {
        if (items.isEmpty()) {
            return List.of();
        }
        Map<PhoneNumber, Optional<String>> outcome = uploadNumbers(e, tenant,
                items.stream().map(BatchItem::number).toList(), this::consent);
        List<BatchItem> synced = new ArrayList<>();
        for (BatchItem it : items) {
            Optional<String> problem = outcome.get(it.number());
            if (problem.isEmpty()) {
                synced.add(it);
            } else {
                fail(it, Step.UPLOAD, problem.get(), Optional.empty());
            }
        }
        return synced;
    }

    /** The tenant's consent, read once per batch (every upload group asks). */
    private synchronized Optional<Consent> consent() {
        if (consent == null) {
            consent = e.provisioning.consents().stream().filter(c -> c.tenant().equals(tenant)).findFirst();
        }
        return consent;
    }

    /**
     * Uploads reserved (or interrupted) Operator Connect numbers in the provisioning API's batches and reads their
     * sync back a page at a time. A synced number goes to IN_TENANT; a failed one is released (AVAILABLE).
     *
     * @return per number: empty when synced, else why not
     */
    static Map<PhoneNumber, Optional<String>> uploadNumbers(UserEnablement e, TenantId tenant,
            List<PhoneNumber> numbers, java.util.function.Supplier<Optional<Consent>> consents) {
        Map<PhoneNumber, Optional<String>> out = new LinkedHashMap<>();
        if (e.provisioning == null) {
            numbers.forEach(n -> out.put(n, Optional.of(uploadFailed(e, n, "an Operator Connect number must be "
                    + "uploaded, but no OperatorProvisioning is configured"))));
            return out;
        }
        Optional<Consent> consent;
        try {
            consent = consents.get();
        } catch (TenantConnectException ex) {
            numbers.forEach(n -> out.put(n, Optional.of(uploadFailed(e, n, ex.getMessage()))));
            return out;
        }
        Map<PhoneNumber, Boolean> waiting = new LinkedHashMap<>();
        List<NumberUpload> uploads = new ArrayList<>();
        for (PhoneNumber number : numbers) {
            InventoryNumber n = e.inventory.find(number).orElseThrow();
            String country = n.attributes().country();
            if (consent.isEmpty() || !consent.get().allows(country)) {
                out.put(number, Optional.of(uploadFailed(e, number, "the tenant has not consented to the operator "
                        + "for numbers of " + country)));
                continue;
            }
            if (n.status().state() != NumberState.UPLOADING) {
                e.lifecycle.move(n, NumberState.UPLOADING, "upload to the tenant");
            }
            waiting.put(number, Boolean.TRUE);
            uploads.add(new NumberUpload(number, country, n.attributes().usage(),
                    List.of("InboundCalling", "OutboundCalling"), Optional.empty()));
        }
        if (waiting.isEmpty()) {
            return out;
        }
        try {
            e.provisioning.upload(tenant, uploads).forEach(s -> settle(e, s, waiting, out));
            if (!waiting.isEmpty()) {
                // the upload's own answer was the first look: the first read waits the policy's first delay
                java.util.concurrent.atomic.AtomicBoolean answered = new java.util.concurrent.atomic.AtomicBoolean(
                        true);
                e.policies.consistencyFor(tenant).awaitVisible(CallContext.idempotent("numbers synced", tenant), () -> {
                    if (answered.getAndSet(false)) {
                        return Optional.empty();
                    }
                    e.provisioning.statuses(tenant, List.copyOf(waiting.keySet())).values()
                            .forEach(s -> settle(e, s, waiting, out));
                    return waiting.isEmpty() ? Optional.of(Boolean.TRUE) : Optional.empty();
                });
            }
        } catch (TenantConnectException ex) {
            List.copyOf(waiting.keySet()).forEach(n -> out.put(n, Optional.of(uploadFailed(e, n, ex.getMessage()))));
        }
        return out;
    }

    private static void settle(UserEnablement e, SyncStatus s, Map<PhoneNumber, Boolean> waiting,
            Map<PhoneNumber, Optional<String>> out) {
        if (!waiting.containsKey(s.number()) || s.state() == SyncStatus.State.PENDING) {
            return;
        }
        waiting.remove(s.number());
        if (s.state() == SyncStatus.State.FAILED) {
            out.put(s.number(), Optional.of(uploadFailed(e, s.number(), "upload failed: "
                    + String.join("; ", s.errors()))));
            return;
        }
        e.lifecycle.synced(s.number());
        out.put(s.number(), Optional.empty());
    }

    /** The same compensation as a single enablement: the reservation is released. Returns {@code why}. */
    private static String uploadFailed(UserEnablement e, PhoneNumber number, String why) {
        e.lifecycle.uploadFailedFromAnyStep(number, why);
        return why;
    }

    /**
     * Assigns the ready items at once and the others as their uploads sync, a group at a time (the first
     * {@value #UPLOAD_GROUP_FIRST} numbers, each later group twice as large), so the first assignments do not wait
     * for the last upload; confirms everything started.
     */
    private void assignAndConfirm(List<BatchItem> ready, List<BatchItem> toUpload) {
        if (ready.isEmpty() && toUpload.isEmpty()) {
            return;
        }
        Map<PhoneNumber, Pending> pending = new ConcurrentHashMap<>();
        AtomicInteger submitted = new AtomicInteger();
        AtomicInteger expected = new AtomicInteger(ready.size());
        java.util.concurrent.atomic.AtomicBoolean uploadsDone = new java.util.concurrent.atomic.AtomicBoolean(
                toUpload.isEmpty());
        java.util.concurrent.atomic.AtomicReference<RuntimeException> uploadError =
                new java.util.concurrent.atomic.AtomicReference<>();
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(options.concurrency(), r -> {
            Thread th = new Thread(r, "tenantconnect-assign-" + threadNo.incrementAndGet());
            th.setDaemon(true);
            return th;
        });
        // each item's tenant write runs as the operator acting on the thread that hands it over, and as one
        // observation (a bulk row) carrying Graph's client-request-id and request-id of that write
        Consumer<BatchItem> start = it -> workers.execute(dev.tenantconnect.core.audit.Auditor.carrying(() -> {
            try {
                if (!options.stop().getAsBoolean()) {
                    dev.tenantconnect.core.metrics.Observations.observe(e.metrics,
                            dev.tenantconnect.core.metrics.MetricNames.OP_BULK_ROW,
                            dev.tenantconnect.core.metrics.MetricTags.of(dev.tenantconnect.core.metrics.MetricTags
                                    .TENANT, tenant.value()), () -> {
                                dev.tenantconnect.core.metrics.Observations.attribute(
                                        dev.tenantconnect.core.metrics.MetricNames.ATTR_ROW, Long.toString(it.id()));
                                begin(it, pending);
                                return null;
                            });
                }
            } finally {
                submitted.incrementAndGet();
            }
        }));
        Thread uploader = new Thread(dev.tenantconnect.core.audit.Auditor.carrying(() -> {
            try {
                awaitAhead();
                int size = UPLOAD_GROUP_FIRST;
                for (int from = 0; from < toUpload.size(); from += size, size = Math.min(UPLOAD_GROUP_MAX, 2 * size)) {
                    List<BatchItem> group = toUpload.subList(from, Math.min(toUpload.size(), from + size));
                    if (options.stop().getAsBoolean()) {
                        break; // not uploaded, still reserved: a resumed run takes them from here
                    }
                    List<BatchItem> synced = upload(group);
                    tenantSize.addAndGet(synced.size());
                    expected.addAndGet(synced.size());
                    synced.forEach(start);
                }
            } catch (RuntimeException ex) {
                LOG.warn("uploading numbers to tenant {} stopped: {}", tenant, ex.getMessage());
                uploadError.set(ex);
            } finally {
                uploadsDone.set(true);
            }
        }), "tenantconnect-upload");
        uploader.setDaemon(true);
        try {
            ready.forEach(start);
            uploader.start();
            confirm(pending, () -> uploadsDone.get() && submitted.get() == expected.get(),
                    () -> uploadsDone.get() ? expected.get() - submitted.get() : Integer.MAX_VALUE);
        } finally {
            workers.shutdownNow();
        }
        if (uploadError.get() != null) {
            // the items of the groups not uploaded have no result: the caller reports them failed with this
            throw uploadError.get() instanceof TenantConnectException t ? t : new dev.tenantconnect.core.error
                    .ConfigurationException("uploading numbers stopped: " + uploadError.get().getMessage());
        }
    }

    private void begin(BatchItem it, Map<PhoneNumber, Pending> pending) {
        InventoryNumber n;
        try {
            n = e.lifecycle.moveLatest(it.number(), NumberState.ASSIGNING, "assign to user");
        } catch (TenantConnectException ex) {
            fail(it, Step.ASSIGN, ex.getMessage(), Optional.empty());
            return;
        }
        send(it, n.attributes().type(), 1, pending);
    }

    private void send(BatchItem it, dev.tenantconnect.core.inventory.NumberType numberType, int attempt, Map<PhoneNumber, Pending> pending) {
        Instant sent = e.clock.instant();
        try {
            NumberOperation op = numbers.beginAssign(it.number(), id(it), numberType,
                    it.locationId());
            pending.put(it.number(), new Pending(it, Optional.of(op.id()), sent, e.clock.instant(), attempt, ""));
        } catch (TransportException lost) {
            if (!lost.requestMayHaveBeenSent() && attempt < MAX_ATTEMPTS) {
                // it never left (e.g. the server refused the stream): nothing to confirm, send it again
                sleep(Duration.ofMillis(100L * attempt));
                send(it, numberType, attempt + 1, pending);
                return;
            }
            // the answer was lost, perhaps after the assignment was applied: the tenant's list will tell
            LOG.debug("the answer to an assignment in tenant {} was lost: {}", tenant, lost.getMessage());
            pending.put(it.number(), new Pending(it, Optional.empty(), sent, e.clock.instant(), attempt,
                    lost.getMessage()));
        } catch (dev.tenantconnect.core.error.MalformedResponseException unreadable) {
            // an answer that could not be read is an unknown outcome, exactly like a lost one: the tenant decides
            LOG.debug("the answer to an assignment in tenant {} could not be read: {}", tenant,
                    unreadable.getMessage());
            pending.put(it.number(), new Pending(it, Optional.empty(), sent, e.clock.instant(), attempt,
                    unreadable.getMessage()));
        } catch (dev.tenantconnect.core.error.ServiceException conflict) {
            boolean transientAnswer = conflict.status() == 429 || conflict.status() >= 500;
            if (transientAnswer || (attempt > 1 && (conflict.status() == 400 || conflict.status() == 409))) {
                // a server error may or may not have applied the write (and a repeat may find the first one
                // applied after all): the tenant's list will tell, and a write that never landed is sent again
                pending.put(it.number(), new Pending(it, Optional.empty(), sent, e.clock.instant(), attempt,
                        conflict.getMessage()));
            } else {
                assignFailed(it, conflict.getMessage(), Optional.empty());
            }
        } catch (TenantConnectException ex) {
            assignFailed(it, ex.getMessage(), Optional.empty());
        }
    }

    /**
     * Reads the tenant's numbers in rounds until every started assignment is confirmed, failed or out of time. A
     * round reads only the assignments at least as old as the quickest one seen landing in this batch so far: a
     * younger one cannot have landed yet, and reading it would spend the tenant's budget the writes need.
     */
    private void confirm(Map<PhoneNumber, Pending> pending, java.util.function.BooleanSupplier allStarted,
            java.util.function.IntSupplier toSend) {
        Instant lastRound = e.clock.instant();
        Duration quickest = Duration.ZERO;
        while (true) {
            boolean started = allStarted.getAsBoolean();
            if (started && pending.isEmpty()) {
                return;
            }
            Instant now0 = e.clock.instant();
            Duration since = Duration.between(lastRound, now0);
            // the quickest landing seen is counted from before its write went (so it holds the write's way there,
            // which a later read's way there makes up for) to the start of the read that saw it; a pending
            // assignment is that old counted from its answer, which came after Teams had it
            Instant bornBy = now0.minus(quickest);
            // what is read is what was pending before the read: an assignment sent during it waits for the next round
            List<PhoneNumber> wanted = pending.values().stream().filter(p -> !p.started().isAfter(bornBy))
                    .sorted(java.util.Comparator.comparing(Pending::started)).map(p -> p.item().number()).toList();
            int full = perRequest();
            // once every write is out, no round until every assignment left can have landed: one read takes them all
            boolean due = !wanted.isEmpty() && (started ? wanted.size() == pending.size()
                    && since.compareTo(ROUND_AT_END) >= 0
                    // a round's worth is read while at least another round's worth is still to be sent; the last
                    // stretch waits for the end, where one read takes everything left
                    : wanted.size() >= full && toSend.getAsInt() >= full || since.compareTo(ROUND_EVERY) >= 0);
            if (!due) {
                sleep(TICK);
                continue;
            }
            if (!started && wanted.size() > full && numbers.requestsToList(wanted.size(), tenantSize.get())
                    <= numbers.requestsToListAll(tenantSize.get())) {
                // while writes go on, a filtered read takes the oldest in whole requests; the rest wait a round
                wanted = wanted.subList(0, wanted.size() / full * full);
            }
            lastRound = now0;
            Map<PhoneNumber, TenantNumber> now;
            try {
                now = index(read(wanted));
            } catch (TenantConnectException ex) {
                LOG.warn("reading the numbers of tenant {} to confirm assignments failed: {}", tenant, ex.getMessage());
                now = Map.of();
            }
            Instant at = e.clock.instant();
            LOG.debug("confirmation round for tenant {}: {} pending, {} numbers listed", tenant, pending.size(),
                    now.size());
            for (PhoneNumber number : wanted) {
                Pending p = pending.get(number);
                if (p == null) {
                    continue;
                }
                TenantNumber t = now.get(number);
                boolean landed = t != null && t.assignmentTarget().map(id(p.item())::equals).orElse(false)
                        && t.activationState().equals("activated");
                boolean failed = t != null && t.activationState().endsWith("Failed");
                // an answer lost before Teams applied the write: the number is still unassigned and idle
                boolean neverApplied = p.operationId().isEmpty() && t != null && t.unassigned()
                        && t.activationState().equals("activated");
                if (neverApplied && p.attempts() < MAX_ATTEMPTS && t.numberType().known().isPresent()) {
                    pending.remove(p.item().number());
                    send(p.item(), t.numberType().require(), p.attempts() + 1, pending);
                    continue;
                }
                boolean late = Duration.between(p.started(), at).compareTo(options.confirmBudget()) > 0;
                if (landed) {
                    pending.remove(p.item().number());
                    // from before its write went to the start of the read: never less than the service took to
                    // apply it less the read's way there, however late the write's answer came
                    Duration took = Duration.between(p.sent(), lastRound);
                    quickest = quickest.isZero() || took.compareTo(quickest) < 0 ? took : quickest;
                    assigned(p);
                } else if (failed || late || neverApplied) {
                    pending.remove(p.item().number());
                    String why = failed ? p.operationId().flatMap(this::detail)
                            .orElse("the assignment operation failed")
                            : neverApplied ? "the assignment request was lost " + MAX_ATTEMPTS
                                    + " times before Teams applied it (last: " + p.lastError() + ")"
                            : "the assignment did not show in the tenant within " + options.confirmBudget();
                    assignFailed(p.item(), why, p.operationId());
                }
            }
        }
    }

    /**
     * How many pending numbers make a round worth its reads: {@value #ROUND_AT} where reading the tenant's whole list
     * costs no more than reading that many by {@code $filter} (a small tenant: waiting for more costs nothing more),
     * otherwise as many as one filtered request takes (a large tenant: every filtered request costs the same whenever
     * it is sent, so there is nothing to gain by waiting).
     */
    private int perRequest() {
        int size = tenantSize.get();
        if (numbers.requestsToListAll(size) <= numbers.requestsToList(ROUND_AT, size)) {
            return ROUND_AT;
        }
        int one = numbers.requestsToList(1, size);
        int lo = 1;
        int hi = ROUND_AT;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (numbers.requestsToList(mid, size) <= one) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * The tenant's records of the pending numbers: only those ({@code $filter}) unless reading the whole list takes
     * fewer requests — every read costs the tenant's budget, which the assignments need.
     */
    private List<TenantNumber> read(List<PhoneNumber> wanted) {
        int size = tenantSize.get();
        return numbers.requestsToList(wanted.size(), size) <= numbers.requestsToListAll(size) ? numbers.listOf(wanted)
                : numbers.list();
    }

    private Optional<String> detail(String operationId) {
        try {
            return numbers.status(operationId).flatMap(NumberOperation::detail);
        } catch (TenantConnectException ex) {
            return Optional.empty();
        }
    }

    private void assigned(Pending p) {
        BatchItem it = p.item();
        try {
            e.lifecycle.assigned(it.number());
        } catch (TenantConnectException ex) {
            fail(it, Step.RECORD, ex.getMessage(), p.operationId());
            return;
        }
        List<String> warnings = e.grantPolicies(key, id(it), it.teamsPolicies());
        succeed(it, p.operationId(), false, warnings);
    }

    private void assignFailed(BatchItem it, String why, Optional<String> operationId) {
        try {
            InventoryNumber n = e.inventory.find(it.number()).orElseThrow();
            if (n.status().state() == NumberState.ASSIGNING) {
                e.lifecycle.assignmentFailed(n, why);
            }
        } catch (TenantConnectException ex) {
            LOG.warn("recording a failed assignment in tenant {} failed: {}", tenant, ex.getMessage());
        }
        fail(it, Step.ASSIGN, why, operationId);
    }

    private void succeed(BatchItem it, Optional<String> operationId, boolean converged, List<String> warnings) {
        e.billing.accept(new BillingEvent(BillingEvent.Kind.ENABLED, tenant, id(it), it.number(), it.addons(),
                e.clock.instant()));
        LOG.debug("enabled a user in tenant {} with number {}", tenant, it.number().redacted());
        onResult.accept(it, EnableResult.builder().user(id(it)).number(it.number()).operationId(operationId)
                .converged(converged).warnings(warnings).build());
    }

    private void fail(BatchItem it, Step step, String why, Optional<String> operationId) {
        onResult.accept(it, EnableResult.builder().failed(step).problem(UserEnablement.problemAt(step, why))
                .user(Optional.ofNullable(id(it))).number(it.number()).operationId(operationId).build());
    }

    private void sleep(Duration d) {
        try {
            e.sleeper.sleep(d);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new dev.tenantconnect.core.error.TransportException("interrupted while confirming assignments",
                    dev.tenantconnect.core.error.ErrorContext.forTenant(tenant), false, ex);
        }
    }
}
