package dev.tenantconnect.bulk;

import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.CredentialStore;
import dev.tenantconnect.core.credential.TenantCredential;
import dev.tenantconnect.core.extension.Extension;
import dev.tenantconnect.core.extension.ExtensionStore;
import dev.tenantconnect.core.inventory.InventoryNumber;
import dev.tenantconnect.core.inventory.NumberInventory;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.core.number.NumberState;
import dev.tenantconnect.core.tenant.MicrosoftTenants;
import dev.tenantconnect.core.tenant.TenantDirectory;
import dev.tenantconnect.core.tenant.TenantNumber;
import dev.tenantconnect.core.tenant.UserInfo;
import dev.tenantconnect.voice.enablement.EnablementPreflight;
import dev.tenantconnect.core.problem.Problem;
import dev.tenantconnect.core.problem.ProblemCode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Plans a bulk file against a tenant without writing anything: reads the file, looks its users up (in batches, or the
 * whole directory for a large file), reads the tenant's numbers, and decides per row what to write.
 */
final class BulkPlanner {
    /** From this many users in a file, the plan reads the whole directory instead of batching lookups. */
    static final int READ_WHOLE_DIRECTORY_AT = 100;

    private final BulkFileFormat format;
    private final MicrosoftTenants graph;
    private final CredentialStore store;
    private final NumberInventory inventory;
    private final ExtensionStore extensions;
    private final Clock clock;
    private final EnablementPreflight preflight;

    BulkPlanner(BulkWiring w) {
        this.format = w.format;
        this.graph = w.graph;
        this.store = w.store;
        this.inventory = w.inventory;
        this.extensions = w.extensions;
        this.clock = w.clock;
        this.preflight = w.preflight;
    }

    /**
     * Plans a file against a tenant: file checks, then users, licences, the tenant's numbers, the inventory and the
     * extensions.
     */
    BulkPlan plan(Path file, CredentialKey key, BulkOptions options) {
        List<BulkRow> rows = new ArrayList<>();
        FileReport report = format.read(file, rows::add);
        List<PlannedRow> planned = report.readToEnd() ? planRows(key, rows, options) : List.of();
        return new BulkPlan(file, report, key, options, planned, clock.instant());
    }

    /** Plans rows already read from the file (a new job's, or the rows a resumed job has left). */
    List<PlannedRow> planRows(CredentialKey key, List<BulkRow> rows, BulkOptions options) {
        if (rows.isEmpty()) {
            return List.of();
        }
        TenantId tenant = key.tenant();
        TenantCredential cred = credential(key);
        TenantDirectory dir = graph.directory(tenant, cred);
        List<UserRef> refs = rows.stream().filter(r -> r.user() instanceof RowUser.Ref)
                .map(r -> ((RowUser.Ref) r.user()).ref()).toList();
        boolean anyTeamsNumber = rows.stream().anyMatch(r -> r.teams() && r.wantsNumber());
        // the tenant's numbers are read beside its users (two independent reads, each a few round trips)
        java.util.concurrent.CompletableFuture<List<TenantNumber>> listed = new java.util.concurrent
                .CompletableFuture<>();
        if (anyTeamsNumber) {
            Thread reader = new Thread(dev.tenantconnect.core.audit.Auditor.carrying(() -> {
                try {
                    listed.complete(graph.teamsNumbers(tenant, cred).list());
                } catch (RuntimeException | Error e) {
                    listed.completeExceptionally(e);
                }
            }), "tenantconnect-plan-numbers");
            reader.setDaemon(true);
            reader.start();
        } else {
            listed.complete(List.of());
        }
        Map<UserRef, Optional<UserInfo>> byRef = lookUp(dir, refs);
        Map<String, List<UserInfo>> byName = new HashMap<>();
        rows.stream().filter(r -> r.user() instanceof RowUser.DisplayName)
                .map(r -> ((RowUser.DisplayName) r.user()).name()).distinct()
                .forEach(n -> byName.put(n, dir.usersByDisplayName(n)));
        Map<PhoneNumber, TenantNumber> tenantNumbers = new HashMap<>();
        Map<UUID, TenantNumber> numberOfUser = new HashMap<>();
        for (TenantNumber n : joined(listed)) {
            tenantNumbers.put(n.number(), n);
            n.assignmentTarget().ifPresent(u -> numberOfUser.put(u, n));
        }
        Map<UUID, Long> teamsUserLine = new HashMap<>();
        List<PlannedRow> out = new ArrayList<>(rows.size());
        for (BulkRow row : rows) {
            out.add(planRow(tenant, row, options, byRef, byName, tenantNumbers, numberOfUser, teamsUserLine));
        }
        return out;
    }

    /** The read's numbers, or what it threw, as thrown. */
    private static List<TenantNumber> joined(java.util.concurrent.CompletableFuture<List<TenantNumber>> listed) {
        try {
            return listed.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
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
            u.userPrincipalName().ifPresent(upn -> byUpn.put(upn.upn(), u));
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
                        + "name (" + String.join(", ", found.stream().map(u -> u.userPrincipalName().map(UserRef.Upn::upn)
                                .orElse(u.id().toString())).sorted()
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
            return planned(row, PlannedRow.Action.INVALID, List.of(), userId, number, problems, notes);
        }
        Extension wanted = new Extension(tenant, row.extKey(), userId.orElseThrow(), number, row.addonCodes(),
                clock.instant());
        boolean recorded = extensions.find(tenant, row.extKey()).map(wanted::sameHoldings).orElse(false);
        if (ops.isEmpty() && recorded) {
            return planned(row, PlannedRow.Action.NOTHING, List.of(), userId, number, List.of(), notes);
        }
        ops.add(Operation.RECORD);
        return planned(row, PlannedRow.Action.APPLY, ops, userId, number, List.of(), notes);
    }

    /** The bulk file's column for a preflight problem's field. */
    private static String column(Problem p) {
        return switch (p.field()) {
            case EnablementPreflight.FIELD_ADDONS -> BulkFileFormat.ADDON;
            case EnablementPreflight.FIELD_NUMBER -> BulkFileFormat.NUMBER;
            case EnablementPreflight.FIELD_USER -> BulkFileFormat.USER;
            default -> "-";
        };
    }

    /**
     * Why a row may not take its number from the user who holds it now; empty when it may (asked for, and the
     * inventory has the number assigned or free in this tenant).
     */
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

    private static PlannedRow planned(BulkRow row, PlannedRow.Action action, List<Operation> ops,
            Optional<UUID> user, Optional<PhoneNumber> number, List<RowProblem> problems, List<String> notes) {
        PlannedRow.Builder b = PlannedRow.builder(row, action).operations(ops).problems(problems).notes(notes);
        user.ifPresent(b::user);
        number.ifPresent(b::number);
        return b.build();
    }

    private TenantCredential credential(CredentialKey key) {
        return store.require(key).credential();
    }
}
