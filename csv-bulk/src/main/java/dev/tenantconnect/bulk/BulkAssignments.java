package dev.tenantconnect.bulk;

import dev.tenantconnect.bulk.internal.JobParameters;
import dev.tenantconnect.bulk.internal.Remediation;
import dev.tenantconnect.bulk.internal.ResultsWriter;
import dev.tenantconnect.core.addon.AddonTarget;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.CredentialRecord;
import dev.tenantconnect.core.credential.CredentialStore;
import dev.tenantconnect.core.credential.TenantCredential;
import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.error.TenantConnectException;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.extension.Extension;
import dev.tenantconnect.core.extension.ExtensionStore;
import dev.tenantconnect.core.extension.InMemoryExtensionStore;
import dev.tenantconnect.core.inventory.AllocationRequest;
import dev.tenantconnect.core.inventory.InventoryNumber;
import dev.tenantconnect.core.inventory.NumberInventory;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.inventory.NumberUsage;
import dev.tenantconnect.core.inventory.SelectionStrategy;
import dev.tenantconnect.core.job.JobHeader;
import dev.tenantconnect.core.job.JobJournal;
import dev.tenantconnect.core.job.JournalEntry;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.core.number.NumberState;
import dev.tenantconnect.graph.GraphConnector;
import dev.tenantconnect.core.tenant.NumberOperation;
import dev.tenantconnect.graph.TeamsNumbers;
import dev.tenantconnect.graph.TenantDirectory;
import dev.tenantconnect.core.tenant.TenantNumber;
import dev.tenantconnect.core.tenant.UserInfo;
import dev.tenantconnect.voice.enablement.BatchItem;
import dev.tenantconnect.voice.enablement.BatchOptions;
import dev.tenantconnect.voice.enablement.EnableResult;
import dev.tenantconnect.voice.enablement.EnablementPreflight;
import dev.tenantconnect.voice.enablement.UserEnablement;
import dev.tenantconnect.core.problem.Problem;
import dev.tenantconnect.core.problem.ProblemCode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bulk assignment from a CSV file: validate without a tenant, plan against the tenant (dry
 * run), run the plan with bounded concurrency and progress, resume an interrupted job, write the results file.
 * Every row's outcome is journaled durably before it is counted, so a job killed at any moment resumes without
 * redoing a finished row; a row that was in flight is re-planned against the tenant (did the assignment land?)
 * before anything is retried. Thread-safe: many jobs (for different tenants) may run at once.
 *
 * <pre>{@code
 * BulkPlan plan = bulk.plan(Path.of("users.csv"), key, BulkOptions.defaults());
 * System.out.print(plan.toText());
 * BulkReport report = bulk.run(plan, progress -> bar.stepTo(progress.finished()));
 * }</pre>
 */
public final class BulkAssignments {
    private static final Logger LOG = LoggerFactory.getLogger(BulkAssignments.class);
    private static final Duration RESERVATION = Duration.ofMinutes(30);
    /** Rows prepared and enabled together; their STARTED entries are written before the chunk's writes begin. */
    private static final int CHUNK = 2_000;
    /** From this many users in a file, the plan reads the whole directory instead of batching lookups. */
    static final int READ_WHOLE_DIRECTORY_AT = 100;

    private final GraphConnector graph;
    private final CredentialStore store;
    private final NumberInventory inventory;
    private final UserEnablement enablement;
    private final ExtensionStore extensions;
    private final JobJournal journal;
    private final BulkFileFormat format;
    private final Clock clock;
    private final java.util.function.Consumer<dev.tenantconnect.core.billing.UsageEvent> usage;
    private final EnablementPreflight preflight;

    private BulkAssignments(Builder b) {
        this.graph = b.graph;
        this.store = b.store;
        this.inventory = b.inventory;
        this.enablement = b.enablement;
        this.extensions = b.extensions;
        this.journal = b.journal;
        this.format = b.format;
        this.clock = b.clock;
        this.usage = b.usage;
        this.preflight = EnablementPreflight.of(b.format.catalog());
    }

    /**
     * Bulk assignment on the root client's wiring: its connector, credential store, inventory, enablement (so the
     * same clock, sleeper and resilience policies), extension store, add-on catalogue and usage ledger.
     *
     * @param client the root client (it needs a number inventory)
     * @param journal where jobs are journaled durably
     * @return bulk assignment sharing the client's wiring
     * @throws dev.tenantconnect.core.error.ConfigurationException when the client has no number inventory
     */
    public static BulkAssignments of(dev.tenantconnect.voice.TenantConnectClient client, JobJournal journal) {
        return new Builder().graph(client.connector()).store(client.credentials()).inventory(client.inventory())
                .enablement(client.enablement()).extensions(client.extensions()).journal(journal)
                .format(BulkFileFormat.of(client.addons())).clock(client.clock()).usage(client.usage()::record)
                .build();
    }

    /**
     * Wiring piece by piece, for code written before the root client; prefer
     * {@link #of(dev.tenantconnect.voice.TenantConnectClient, JobJournal)}, which cannot diverge from it.
     *
     * @return a builder; graph, store, inventory, enablement and journal are required
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the file format (template, validation without a tenant) */
    public BulkFileFormat format() {
        return format;
    }

    /**
     * The file checks that need no tenant (see {@link BulkFileFormat#validate}).
     *
     * @param file the CSV file
     * @return what was found
     */
    public FileReport validate(Path file) {
        return format.validate(file);
    }

    /**
     * Plans a file against a tenant without writing anything: file checks, then users (looked up in batches of
     * {@value TenantDirectory#BATCH_SIZE}), licences, the tenant's numbers, the inventory and the extensions.
     *
     * @param file the CSV file
     * @param key the tenant connection
     * @param options how to run it
     * @return the plan
     */
    public BulkPlan plan(Path file, CredentialKey key, BulkOptions options) {
        List<BulkRow> rows = new ArrayList<>();
        FileReport report = format.read(file, rows::add);
        List<PlannedRow> planned = report.readToEnd() ? planRows(key, rows, options) : List.of();
        return new BulkPlan(file, report, key, options, planned, clock.instant());
    }

    private List<PlannedRow> planRows(CredentialKey key, List<BulkRow> rows, BulkOptions options) {
        if (rows.isEmpty()) {
            return List.of();
        }
        TenantId tenant = key.tenant();
        TenantCredential cred = credential(key);
        TenantDirectory dir = graph.directory(tenant, cred);
        List<UserRef> refs = rows.stream().filter(r -> r.user() instanceof RowUser.Ref)
                .map(r -> ((RowUser.Ref) r.user()).ref()).toList();
        Map<UserRef, Optional<UserInfo>> byRef = lookUp(dir, refs);
        Map<String, List<UserInfo>> byName = new HashMap<>();
        rows.stream().filter(r -> r.user() instanceof RowUser.DisplayName)
                .map(r -> ((RowUser.DisplayName) r.user()).name()).distinct()
                .forEach(n -> byName.put(n, dir.usersByDisplayName(n)));
        boolean anyTeamsNumber = rows.stream().anyMatch(r -> r.teams() && r.wantsNumber());
        Map<PhoneNumber, TenantNumber> tenantNumbers = new HashMap<>();
        Map<UUID, TenantNumber> numberOfUser = new HashMap<>();
        if (anyTeamsNumber) {
            for (TenantNumber n : graph.teamsNumbers(tenant, cred).list(Optional.empty())) {
                tenantNumbers.put(n.number(), n);
                n.assignmentTarget().ifPresent(u -> numberOfUser.put(u, n));
            }
        }
        Map<UUID, Long> teamsUserLine = new HashMap<>();
        List<PlannedRow> out = new ArrayList<>(rows.size());
        for (BulkRow row : rows) {
            out.add(planRow(tenant, row, options, byRef, byName, tenantNumbers, numberOfUser, teamsUserLine));
        }
        return out;
    }

    /**
     * Finds the file's users: a large file reads the whole directory a page of 999 at a time (one throttled request
     * per page), a small one asks for its users 20 per JSON batch (one throttled request per user).
     */
    private static Map<UserRef, Optional<UserInfo>> lookUp(TenantDirectory dir, List<UserRef> refs) {
        if (refs.size() < READ_WHOLE_DIRECTORY_AT) {
            return dir.users(refs);
        }
        Optional<TenantDirectory.UserDelta> all = dir.usersDelta(Optional.empty());
        if (all.isEmpty()) {
            return dir.users(refs);
        }
        Map<UUID, UserInfo> byId = new HashMap<>();
        Map<String, UserInfo> byUpn = new HashMap<>();
        for (UserInfo u : all.get().changed()) {
            byId.put(u.id(), u);
            byUpn.put(u.userPrincipalName().toLowerCase(java.util.Locale.ROOT), u);
        }
        Map<UserRef, Optional<UserInfo>> out = new HashMap<>();
        for (UserRef r : refs) {
            out.put(r, Optional.ofNullable(r instanceof UserRef.ObjectId o ? byId.get(o.id())
                    : byUpn.get(((UserRef.Upn) r).upn().toLowerCase(java.util.Locale.ROOT))));
        }
        return out;
    }

    private PlannedRow planRow(TenantId tenant, BulkRow row, BulkOptions options,
            Map<UserRef, Optional<UserInfo>> byRef, Map<String, List<UserInfo>> byName,
            Map<PhoneNumber, TenantNumber> tenantNumbers, Map<UUID, TenantNumber> numberOfUser,
            Map<UUID, Long> teamsUserLine) {
        List<RowProblem> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long line = row.line();
        // the user
        Optional<UserInfo> user = Optional.empty();
        if (row.user() instanceof RowUser.Ref r) {
            user = byRef.getOrDefault(r.ref(), Optional.empty());
            if (user.isEmpty()) {
                problems.add(new RowProblem(line, BulkFileFormat.USER, "no such user in the tenant",
                        ProblemCode.USER_NOT_FOUND));
            }
        } else if (row.user() instanceof RowUser.DisplayName d) {
            List<UserInfo> found = byName.getOrDefault(d.name(), List.of());
            if (found.isEmpty()) {
                problems.add(new RowProblem(line, BulkFileFormat.USER, "no user has this display name in the tenant; "
                        + "write the user principal name", ProblemCode.USER_NOT_FOUND));
            } else if (found.size() > 1) {
                problems.add(new RowProblem(line, BulkFileFormat.USER, found.size() + " users have this display "
                        + "name (" + String.join(", ", found.stream().map(UserInfo::userPrincipalName).sorted()
                                .toList()) + "); write the user principal name of the one you mean",
                        ProblemCode.USER_AMBIGUOUS));
            } else {
                user = Optional.of(found.get(0));
            }
        }
        Optional<UUID> userId = user.map(UserInfo::id);
        Optional<TenantNumber> current = userId.map(numberOfUser::get);
        Optional<InventoryNumber> inv = Optional.empty();
        if (row.teams()) {
            // the rules single-user enablement checks too, from the facts this plan read a page at a time
            EnablementPreflight.Facts.Builder facts = EnablementPreflight.Facts.builder(tenant, clock.instant())
                    .addons(row.addons());
            user.ifPresent(u -> facts.user(new EnablementPreflight.UserFacts(u.id(), u.assignedPlans(),
                    u.usageLocation())));
            if (row.wantsNumber() && row.number().isPresent()) {
                inv = inventory.find(row.number().get());
                facts.number(row.number().get(), inv);
                current.ifPresent(c -> facts.usersNumber(c.number()));
            }
            for (Problem p : preflight.check(facts.build()).problems()) {
                if (p.code() != ProblemCode.USER_NOT_FOUND) { // reported above, with the display-name cases
                    problems.add(new RowProblem(line, column(p), p.message(), p.code()));
                }
            }
        }
        if (row.teams() && user.isPresent()) {
            if (row.wantsNumber()) {
                Long first = teamsUserLine.putIfAbsent(user.get().id(), line);
                if (first != null) {
                    problems.add(new RowProblem(line, BulkFileFormat.USER, "the same user as line " + first
                            + " (a user holds one Teams number)", ProblemCode.USER_DUPLICATE));
                }
            }
        }
        // the number
        List<Operation> ops = new ArrayList<>();
        Optional<PhoneNumber> number = row.number();
        boolean tenantDone = false;
        if (row.teams() && row.wantsNumber()) {
            if (row.number().isPresent()) {
                PhoneNumber n = row.number().get();
                TenantNumber inTenant = tenantNumbers.get(n);
                boolean heldByOther = inTenant != null && !inTenant.unassigned()
                        && !inTenant.assignmentTarget().equals(userId) && userId.isPresent();
                if (heldByOther) {
                    takeOverProblem(inTenant, inv, options).ifPresentOrElse(
                            why -> problems.add(new RowProblem(line, BulkFileFormat.NUMBER, why,
                                    ProblemCode.NUMBER_ASSIGNED_TO_ANOTHER_USER)),
                            () -> notes.add("the number is taken over from " + holder(inTenant) + ", who holds it "
                                    + "now (take-over asked for)"));
                }
                tenantDone = inTenant != null && userId.isPresent() && inTenant.assignmentTarget().equals(userId);
                if (problems.isEmpty() && !tenantDone) {
                    if (inv.get().status().state() == NumberState.AVAILABLE) {
                        ops.add(Operation.RESERVE);
                    }
                    if (heldByOther) {
                        ops.add(Operation.TAKE_OVER);
                    }
                    if (inTenant == null && inv.get().attributes().type() == NumberType.OPERATOR_CONNECT) {
                        ops.add(Operation.UPLOAD);
                    }
                    ops.add(Operation.ASSIGN);
                }
                if (tenantDone && inv.isPresent() && inv.get().status().state() != NumberState.ASSIGNED) {
                    ops.add(Operation.ASSIGN); // the inventory catches up with the tenant, without a tenant write
                }
            } else if (current.isPresent()) {
                number = Optional.of(current.get().number());
                tenantDone = true;
                notes.add("the user already has a number in the tenant; it is kept");
            } else if (options.numberPool().isEmpty()) {
                problems.add(new RowProblem(line, BulkFileFormat.NUMBER, "is empty and license_number asks for a "
                        + "number: configure a number pool to pick from (BulkOptions.withNumberPool)",
                        ProblemCode.NUMBER_MISSING));
            } else {
                ops.add(Operation.ALLOCATE);
                if (options.numberPool().get().type() == NumberType.OPERATOR_CONNECT) {
                    ops.add(Operation.UPLOAD);
                }
                ops.add(Operation.ASSIGN);
            }
        } else if (!row.teams()) {
            notes.add("not a Teams extension: nothing is written to the tenant");
        } else {
            notes.add("no number: only the extension's add-ons are recorded");
        }
        if (!problems.isEmpty()) {
            return new PlannedRow(row, PlannedRow.Action.INVALID, List.of(), userId, number, problems, notes);
        }
        Extension wanted = new Extension(tenant, row.extKey(), userId.orElseThrow(), number, row.addonCodes(),
                clock.instant());
        boolean recorded = extensions.find(tenant, row.extKey()).map(wanted::sameHoldings).orElse(false);
        if (ops.isEmpty() && recorded) {
            return new PlannedRow(row, PlannedRow.Action.NOTHING, List.of(), userId, number, List.of(), notes);
        }
        ops.add(Operation.RECORD);
        return new PlannedRow(row, PlannedRow.Action.APPLY, ops, userId, number, List.of(), notes);
    }

    /**
     * Why a row may not take its number from the user who holds it now; empty when it may (asked for, and the
     * inventory has the number assigned or free in this tenant).
     */
    /** The bulk file's column for a preflight problem's field. */
    private static String column(Problem p) {
        return switch (p.field()) {
            case EnablementPreflight.FIELD_ADDONS -> BulkFileFormat.ADDON;
            case EnablementPreflight.FIELD_NUMBER -> BulkFileFormat.NUMBER;
            case EnablementPreflight.FIELD_USER -> BulkFileFormat.USER;
            default -> "-";
        };
    }

    private static Optional<String> takeOverProblem(TenantNumber held, Optional<InventoryNumber> inv,
            BulkOptions options) {
        if (!options.takeOverNumbers()) {
            return Optional.of("is held now by " + holder(held) + " in the tenant; it is not taken away (take it "
                    + "over with BulkOptions.withTakeOverNumbers, --take-over-numbers)");
        }
        if (inv.isPresent() && inv.get().status().state() != NumberState.ASSIGNED
                && inv.get().status().state() != NumberState.IN_TENANT) {
            return Optional.of("is held now by " + holder(held) + " in the tenant but the inventory has it "
                    + inv.get().status().state() + "; replicate the tenant first, then take it over");
        }
        return Optional.empty();
    }

    private static String holder(TenantNumber n) {
        String kind = n.assignmentStatus().equals("voiceApplicationAssigned") ? "resource account " : "user ";
        return kind + n.assignmentTarget().map(UUID::toString).orElse("?");
    }

    /**
     * Runs a plan to the end and writes the results file.
     *
     * @param plan the plan
     * @param listener receives progress after each row
     * @return what happened to every row
     * @throws ValidationException if the plan is not {@link BulkPlan#runnable() runnable}; nothing is written then
     */
    public BulkReport run(BulkPlan plan, ProgressListener listener) {
        return start(plan, listener).await();
    }

    /**
     * Starts running a plan in the background.
     *
     * @param plan the plan
     * @param listener receives progress after each row
     * @return the running job
     * @throws ValidationException if the plan is not {@link BulkPlan#runnable() runnable}; nothing is written then
     */
    public BulkJob start(BulkPlan plan, ProgressListener listener) {
        if (!plan.runnable()) {
            List<RowProblem> problems = plan.problems();
            throw new ValidationException("file", "the file has " + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s") + " and nothing was written; first: "
                    + problems.stream().limit(5).map(RowProblem::toString).toList());
        }
        String jobId = UUID.randomUUID().toString();
        JobHeader header = new JobHeader(jobId, plan.key(), plan.source().toAbsolutePath(), plan.file().sha256(),
                JobParameters.of(plan.options()), clock.instant());
        journal.create(header);
        Map<Long, List<RowProblem>> invalid = new LinkedHashMap<>();
        plan.file().problems().stream().filter(p -> p.line() > 0)
                .forEach(p -> invalid.computeIfAbsent(p.line(), l -> new ArrayList<>()).add(p));
        // rows the file checks rejected (run with InvalidRows.SKIP_ROWS) are failed up front, with every problem
        invalid.forEach((line, ps) -> journal.append(jobId, new JournalEntry(line, JournalEntry.Kind.FAILED,
                Optional.empty(), Optional.empty(), String.join("; ", ps.stream().map(p -> p.column() + ": "
                        + p.rule()).toList()), Remediation.forCodes(ps.stream().map(RowProblem::code).toList()),
                clock.instant())));
        LOG.info("bulk job {} created for tenant {}: {} rows, {} to apply", jobId, plan.key().tenant(),
                plan.file().rows(), plan.writes());
        return launch(header, plan.rows(), Map.of(), Set.of(), listener);
    }

    /**
     * Resumes a job: rows done or skipped are not redone; rows in flight when the job stopped are re-planned against
     * the tenant first (an assignment that landed is recognised, a reserved number is reused); rows that failed are
     * retried, because their cause (a licence, a usage location, consent, a missing number in the pool, throttling)
     * may have been fixed since: each is planned again against the tenant — a row whose cause remains fails again with
     * the same remediation, a number a failed row left in the tenant is reused, never a second one. Then the rest
     * run. Rows the file itself gets wrong cannot be fixed by a resume: correct the file and run it as a new job.
     *
     * @param jobId the job
     * @param listener receives progress after each row
     * @return what happened to every row
     * @throws ValidationException if the job is unknown or its file changed since the job started
     */
    public BulkReport resume(String jobId, ProgressListener listener) {
        JobJournal.JobRecord rec = journal.read(jobId).orElseThrow(() -> new ValidationException("jobId",
                "no bulk job with this ID"));
        JobHeader h = rec.header();
        Map<Long, JournalEntry> last = lastByLine(rec.entries());
        Set<Long> inFlight = new LinkedHashSet<>();
        Map<Long, PhoneNumber> allocated = new HashMap<>();
        for (JournalEntry e : rec.entries()) {
            if (e.kind() == JournalEntry.Kind.ALLOCATED) {
                allocated.put(e.line(), e.number().orElseThrow());
            }
        }
        last.forEach((line, e) -> {
            if (!e.kind().terminal()) {
                inFlight.add(line);
            }
        });
        List<BulkRow> rows = new ArrayList<>();
        FileReport report = format.read(h.source(), rows::add);
        if (!report.sha256().equals(h.sha256())) {
            throw new ValidationException("file", "changed since job " + jobId + " started; start a new job with "
                    + "the changed file instead");
        }
        // a number reserved for a row whose ALLOCATED entry was lost in a crash is found by its holder
        for (InventoryNumber n : inventory.byTenant(h.key().tenant())) {
            n.reservation().filter(r -> r.holder().startsWith(holderPrefix(jobId))).ifPresent(r -> {
                long line = Long.parseLong(r.holder().substring(holderPrefix(jobId).length()));
                if (n.status().state() == NumberState.RESERVED && !last.getOrDefault(line, dummy(line)).kind()
                        .terminal()) {
                    allocated.putIfAbsent(line, n.number());
                }
            });
        }
        // a failed row keeps its number only while the inventory still holds it for this tenant (reserved by this
        // row, or left in the tenant unassigned); a number released back to the pool is picked afresh
        last.forEach((line, e) -> {
            if (e.kind() == JournalEntry.Kind.FAILED && allocated.containsKey(line)) {
                boolean held = inventory.find(allocated.get(line)).map(n -> n.status().state() == NumberState.IN_TENANT
                        && n.tenant().map(h.key().tenant()::equals).orElse(false)
                        || n.status().state() == NumberState.RESERVED && n.reservation().map(r -> r.holder()
                                .equals(holderPrefix(jobId) + line)).orElse(false)).orElse(false);
                if (!held) {
                    allocated.remove(line);
                }
            }
        });
        List<BulkRow> todo = new ArrayList<>();
        for (BulkRow r : rows) {
            JournalEntry e = last.get(r.line());
            if (e != null && e.kind().terminal() && e.kind() != JournalEntry.Kind.FAILED) {
                continue;
            }
            PhoneNumber reserved = allocated.get(r.line());
            todo.add(reserved == null || r.number().isPresent() ? r : new BulkRow(r.line(), r.extKey(),
                    Optional.of(reserved), true, r.user(), r.addonCodes(), r.addons(), r.cells()));
        }
        List<PlannedRow> planned = planRows(h.key(), todo, options(h));
        LOG.info("bulk job {} resumed: {} rows left, {} were in flight", jobId, todo.size(), inFlight.size());
        return launch(h, planned, allocated, inFlight, listener).await();
    }

    private static JournalEntry dummy(long line) {
        return new JournalEntry(line, JournalEntry.Kind.STARTED, Optional.empty(), Optional.empty(), "", "",
                Instant.EPOCH);
    }

    private static String holderPrefix(String jobId) {
        return "bulk:" + jobId + ":";
    }

    private static Map<Long, JournalEntry> lastByLine(List<JournalEntry> entries) {
        Map<Long, JournalEntry> last = new LinkedHashMap<>();
        for (JournalEntry e : entries) {
            if (e.kind() != JournalEntry.Kind.ALLOCATED) {
                last.put(e.line(), e);
            }
        }
        return last;
    }

    private BulkJob launch(JobHeader h, List<PlannedRow> rows, Map<Long, PhoneNumber> allocated, Set<Long> inFlight,
            ProgressListener listener) {
        JobJournal.Lease lease = journal.lease(h.jobId());
        Run run = new Run(h, rows, allocated, inFlight, listener, lease);
        run.begin();
        return run;
    }

    /** @return the options a job runs with, from its header */
    private static BulkOptions options(JobHeader h) {
        return JobParameters.options(h.parameters());
    }

    /** One run of a job over its remaining rows. */
    private final class Run implements BulkJob {
        final JobHeader h;
        final BulkOptions options;
        final List<PlannedRow> rows;
        final Map<Long, PhoneNumber> allocated;
        final Set<Long> inFlight;
        final ProgressListener listener;
        final JobJournal.Lease lease;
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicInteger finished = new AtomicInteger();
        final Instant started = clock.instant();
        final CompletableFuture<BulkReport> result = new CompletableFuture<>();
        long done;
        long skipped;
        long failed;

        Run(JobHeader h, List<PlannedRow> rows, Map<Long, PhoneNumber> allocated, Set<Long> inFlight,
                ProgressListener listener, JobJournal.Lease lease) {
            this.h = h;
            this.options = options(h);
            this.rows = rows;
            this.allocated = allocated;
            this.inFlight = inFlight;
            this.listener = listener;
            this.lease = lease;
        }

        /**
         * Runs in two phases: rows naming their number first, then rows picking one from the pool — so a picked
         * number can never be one that a later row of the same file names. Each phase goes in chunks: every row of a
         * chunk is journalled as started (and its number allocated), then the chunk's users are enabled together
         * through {@link UserEnablement#enableAll}, each row journalled as it concludes.
         */
        void begin() {
            List<PlannedRow> named = rows.stream().filter(r -> !r.operations().contains(Operation.ALLOCATE)).toList();
            List<PlannedRow> picking = rows.stream().filter(r -> r.operations().contains(Operation.ALLOCATE)).toList();
            Thread driver = new Thread(() -> {
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
                    finish();
                }
            }, "tenantconnect-bulk-" + h.jobId().substring(0, 8));
            driver.setDaemon(true);
            driver.start();
        }

        private void runChunk(List<PlannedRow> chunk) {
            Map<Long, PlannedRow> byLine = new HashMap<>();
            List<BatchItem> items = new ArrayList<>();
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
                    case APPLY -> prepare(p).ifPresent(item -> {
                        byLine.put(item.id(), p);
                        items.add(item);
                    });
                }
            }
            Set<Long> concluded = java.util.concurrent.ConcurrentHashMap.newKeySet();
            BatchOptions batch = new BatchOptions(options.concurrency(), BatchOptions.DEFAULT.confirmBudget(),
                    stop::get);
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
        }

        /** Journals the row as started and holds its number; empty when the row concluded already. */
        private Optional<BatchItem> prepare(PlannedRow p) {
            BulkRow row = p.row();
            TenantId tenant = h.key().tenant();
            lease.append(entry(p, JournalEntry.Kind.STARTED, p.number(), p.user(), "", ""));
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
                if (p.operations().contains(Operation.ALLOCATE)) {
                    NumberPool pool = options.numberPool().orElseThrow();
                    AllocationRequest.Builder criteria = AllocationRequest.builder(tenant, pool.country())
                            .usage(row.addons().target() == AddonTarget.RESOURCE_ACCOUNT
                                    ? NumberUsage.VOICE_APPLICATION : NumberUsage.USER).type(pool.type())
                            .strategy(SelectionStrategy.LOWEST).holder(holderPrefix(h.jobId()) + row.line())
                            .reservationTtl(RESERVATION);
                    pool.prefix().ifPresent(criteria::prefix);
                    Optional<InventoryNumber> picked = inventory.allocate(criteria.build());
                    if (picked.isEmpty()) {
                        conclude(entry(p, JournalEntry.Kind.FAILED, Optional.empty(), p.user(),
                                "no available number in the pool " + pool.country() + pool.prefix().map(x -> " "
                                        + x).orElse(""), "import more numbers into the inventory, then resume"));
                        return Optional.empty();
                    }
                    number = Optional.of(picked.get().number());
                    lease.append(entry(p, JournalEntry.Kind.ALLOCATED, number, p.user(), "", ""));
                }
                BatchItem.Builder item = BatchItem.builder(row.line(), new UserRef.ObjectId(user),
                        number.orElseThrow(), row.addons()).policies(options.policies());
                row.locationId().or(options::locationId).ifPresent(item::locationId);
                return Optional.of(item.build());
            } catch (TenantConnectException e) {
                number.ifPresent(n -> releaseIfHeld(n, row.line()));
                conclude(entry(p, JournalEntry.Kind.FAILED, number, p.user(), e.getMessage(),
                        Remediation.forException(e)));
                return Optional.empty();
            }
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
                NumberOperation op = tn.await(tn.beginUnassign(n, now.orElseThrow().numberType()).id());
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
            lease.append(outcome); // fenced: refused once another runner has taken the job over
            finished.incrementAndGet();
            report(outcome);
            if (outcome.kind() == JournalEntry.Kind.FAILED
                    && options.failurePolicy() == FailurePolicy.STOP_AT_FIRST_FAILURE) {
                stop.set(true);
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
            listener.onProgress(new BulkProgress(h.jobId(), rows.size(), done, skipped, failed, elapsed, rate, eta));
        }

        void finish() {
            try {
                lease.close();
                if (result.isDone()) {
                    return;
                }
                result.complete(results(h, Duration.between(started, clock.instant()),
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
    }

    /** Builds the report and the results file of a job from its journal: every row of the file exactly once. */
    private BulkReport results(JobHeader h, Duration elapsed, boolean stopped) {
        List<JournalEntry> entries = journal.read(h.jobId()).orElseThrow().entries();
        Map<Long, JournalEntry> last = lastByLine(entries);
        List<RowOutcome> outcomes = new ArrayList<>();
        Path results = options(h).resultsFile().orElseGet(() -> defaultResults(h.source()));
        String sha = ResultsWriter.write(records -> format.readRaw(h.source(), records::accept).sha256(), results,
                line -> {
                    JournalEntry e = last.get(line);
                    RowOutcome o;
                    if (e == null || !e.kind().terminal()) {
                        o = new RowOutcome(line, RowStatus.PENDING, Optional.empty(), Optional.empty(), "", "");
                    } else {
                        o = new RowOutcome(line, switch (e.kind()) {
                            case DONE -> RowStatus.DONE;
                            case SKIPPED -> RowStatus.SKIPPED;
                            default -> RowStatus.FAILED;
                        }, e.number(), e.user(), e.error(), e.remediation());
                    }
                    outcomes.add(o);
                    return new ResultsWriter.Row(o.status().text(), o.number().map(n -> n.digits()
                            + n.extension().map(x -> ";ext=" + x).orElse("")).orElse(""),
                            o.user().map(UUID::toString).orElse(""), o.error(), o.remediation());
                });
        if (!sha.equals(h.sha256())) {
            LOG.warn("bulk job {}: the input file changed while the job ran; the results follow the new file",
                    h.jobId());
        }
        BulkReport r = new BulkReport(h.jobId(), outcomes, results, elapsed, stopped);
        LOG.info("{}", r.summary());
        return r;
    }

    private static Path defaultResults(Path source) {
        String name = source.getFileName().toString();
        String stem = name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4)
                : name;
        return source.toAbsolutePath().resolveSibling(stem + ".results.csv");
    }

    private TenantCredential credential(CredentialKey key) {
        return store.require(key).credential();
    }

    /** Configures {@link BulkAssignments}. */
    public static final class Builder {
        private GraphConnector graph;
        private CredentialStore store;
        private NumberInventory inventory;
        private UserEnablement enablement;
        private ExtensionStore extensions = new InMemoryExtensionStore();
        private JobJournal journal;
        private BulkFileFormat format = BulkFileFormat.standard();
        private Clock clock = Clock.systemUTC();
        private java.util.function.Consumer<dev.tenantconnect.core.billing.UsageEvent> usage = e -> { };

        private Builder() {
        }

        /**
         * @param value the Graph connector (required)
         * @return this
         */
        public Builder graph(GraphConnector value) {
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
         * @param value the number inventory (required; the same one the enablement uses)
         * @return this
         */
        public Builder inventory(NumberInventory value) {
            this.inventory = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value the per-user pipeline each row runs through (required)
         * @return this
         */
        public Builder enablement(UserEnablement value) {
            this.enablement = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value where extensions are recorded (default: in memory)
         * @return this
         */
        public Builder extensions(ExtensionStore value) {
            this.extensions = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value where jobs are journaled (required, e.g. {@link dev.tenantconnect.core.job.FileJobJournal})
         * @return this
         */
        public Builder journal(JobJournal value) {
            this.journal = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value the file format (default: {@link BulkFileFormat#standard()})
         * @return this
         */
        public Builder format(BulkFileFormat value) {
            this.format = Objects.requireNonNull(value);
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
         * @param value receives a usage event for every add-on change a row makes without a tenant write (a row
         *     without a number, or new add-ons for a user who already holds the number); changes that enable a user
         *     are billed through the enablement's {@code billing} consumer. Wire both to the same
         *     {@link dev.tenantconnect.core.billing.UsageLedger}, e.g. {@code .usage(ledger::record)}
         * @return this
         */
        public Builder usage(java.util.function.Consumer<dev.tenantconnect.core.billing.UsageEvent> value) {
            this.usage = java.util.Objects.requireNonNull(value);
            return this;
        }

        /** @return the bulk service */
        public BulkAssignments build() {
            if (graph == null || store == null || inventory == null || enablement == null || journal == null) {
                throw new ConfigurationException("BulkAssignments needs a GraphConnector, a CredentialStore, a "
                        + "NumberInventory, a UserEnablement and a JobJournal");
            }
            return new BulkAssignments(this);
        }
    }
}
