package dev.tenantconnect.jdbc;

import dev.tenantconnect.core.error.ConcurrentUpdateException;
import dev.tenantconnect.core.error.ErrorContext;
import dev.tenantconnect.core.error.NumberConflictException;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.inventory.AllocationRequest;
import dev.tenantconnect.core.inventory.CapacityReport;
import dev.tenantconnect.core.inventory.ImportResult;
import dev.tenantconnect.core.inventory.InventoryNumber;
import dev.tenantconnect.core.inventory.NumberAttributes;
import dev.tenantconnect.core.inventory.NumberInventory;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.inventory.NumberUsage;
import dev.tenantconnect.core.inventory.Reservation;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.number.NumberLifecycle;
import dev.tenantconnect.core.number.NumberState;
import dev.tenantconnect.core.number.NumberStatus;
import dev.tenantconnect.core.number.NumberTransition;
import dev.tenantconnect.jdbc.internal.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import javax.sql.DataSource;

/**
 * A {@link NumberInventory} in a database, shared by every instance of the operator's platform. Allocation on
 * PostgreSQL takes the candidate row with {@code SELECT ... FOR UPDATE SKIP LOCKED}, so concurrent allocators on any
 * number of instances never get the same number and never wait on each other's rows; the lowest-first pick (the
 * default, and what bulk runs use) is one statement, one round trip to the database, whose data-modifying
 * {@code WITH} parts reserve the rows, write their history and record the allocations — one number or a batch
 * ({@link #allocate(AllocationRequest, int)}, or with a holder per number, {@link #allocate(AllocationRequest, List)}).
 * On H2 it is a compare-and-set on the row's version, retried. Every move goes through the lifecycle's table and is
 * recorded in the history in the same transaction. Expired reservations rejoin the pool when
 * {@link #expireReservations()} runs, and allocation sweeps them first (looking at most once a second); reserving a
 * specific number whose reservation has run out takes it. Thread-safe.
 */
public final class JdbcNumberInventory implements NumberInventory {
    private static final String COLUMNS = "digits, ext, country, prefix, number_type, usage_kind, tags, state, "
            + "failure_reason, tenant_id, holder, reserved_until, state_since, version";
    private static final int CAS_ATTEMPTS = 10_000;
    private final Jdbc db;
    private final NumberLifecycle lifecycle;
    private final Clock clock;
    private final RandomGenerator random;

    /**
     * @param dataSource the database ({@link JdbcStores#migrate} applied)
     * @param lifecycle the transition table and quarantine policy
     * @param clock reservations, history and capacity
     * @param random the source for {@link dev.tenantconnect.core.inventory.SelectionStrategy#RANDOM}
     */
    public JdbcNumberInventory(DataSource dataSource, NumberLifecycle lifecycle, Clock clock, RandomGenerator random) {
        this.db = new Jdbc(dataSource);
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    // ---- reading ------------------------------------------------------------------------------------------------

    private static String ext(PhoneNumber n) {
        return n.extension().orElse("");
    }

    private static InventoryNumber row(ResultSet rs) throws SQLException {
        String ext = rs.getString("ext");
        PhoneNumber number = new PhoneNumber(rs.getString("digits"), ext.isEmpty() ? Optional.empty()
                : Optional.of(ext));
        String tags = rs.getString("tags");
        NumberAttributes attributes = new NumberAttributes(rs.getString("country"), rs.getString("prefix"),
                NumberType.valueOf(rs.getString("number_type")), NumberUsage.valueOf(rs.getString("usage_kind")),
                tags.isEmpty() ? Set.of() : new LinkedHashSet<>(List.of(tags.split(","))));
        NumberState state = NumberState.valueOf(rs.getString("state"));
        String reason = rs.getString("failure_reason");
        NumberStatus status = reason == null ? NumberStatus.of(state) : NumberStatus.failed(state, reason);
        Optional<TenantId> tenant = Optional.ofNullable(rs.getString("tenant_id")).map(TenantId::parse);
        Instant until = Jdbc.instant(rs.getObject("reserved_until"));
        Optional<Reservation> reservation = state == NumberState.RESERVED && tenant.isPresent() && until != null
                ? Optional.of(new Reservation(tenant.get(), rs.getString("holder"), until)) : Optional.empty();
        return new InventoryNumber(number, attributes, status, tenant, reservation,
                Jdbc.instant(rs.getObject("state_since")), rs.getLong("version"));
    }

    private static Optional<InventoryNumber> select(Connection c, PhoneNumber n, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM tc_number WHERE digits = ? AND "
                + "ext = ?" + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, n.digits());
            ps.setString(2, ext(n));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    @Override
    public Optional<InventoryNumber> find(PhoneNumber number) {
        return db.tx("reading a number", c -> select(c, number, false));
    }

    @Override
    public List<InventoryNumber> byTenant(TenantId tenant) {
        return db.tx("listing a tenant's numbers", c -> {
            // a released number (quarantined, or back in the pool) is no longer the tenant's
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM tc_number WHERE tenant_id = ? "
                    + "AND state NOT IN (?, ?) ORDER BY digits, ext")) {
                ps.setString(1, tenant.toString());
                ps.setString(2, NumberState.QUARANTINED.name());
                ps.setString(3, NumberState.AVAILABLE.name());
                List<InventoryNumber> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public List<NumberTransition> history(PhoneNumber number) {
        return db.tx("reading a number's history", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT from_state, to_state, at, actor, reason, forced "
                    + "FROM tc_number_history WHERE digits = ? AND ext = ? ORDER BY id")) {
                ps.setString(1, number.digits());
                ps.setString(2, ext(number));
                List<NumberTransition> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new NumberTransition(NumberState.valueOf(rs.getString(1)),
                                NumberState.valueOf(rs.getString(2)), Jdbc.instant(rs.getObject(3)), rs.getString(4),
                                rs.getString(5), rs.getBoolean(6)));
                    }
                }
                return out;
            }
        });
    }

    // ---- writing ------------------------------------------------------------------------------------------------

    @Override
    public ImportResult importNumbers(Iterable<PhoneNumber> input, NumberAttributes attributes, String actor) {
        List<PhoneNumber> all = new ArrayList<>();
        for (PhoneNumber n : input) {
            attributes.requireImportable(n);
            all.add(n);
        }
        Instant now = Jdbc.micros(clock.instant());
        return db.tx("importing numbers", c -> {
            Set<PhoneNumber> fresh = new LinkedHashSet<>();
            Set<PhoneNumber> existing = new HashSet<>();
            for (int from = 0; from < all.size(); from += 500) {
                List<PhoneNumber> chunk = all.subList(from, Math.min(all.size(), from + 500));
                try (PreparedStatement ps = c.prepareStatement("SELECT digits, ext FROM tc_number WHERE digits IN ("
                        + String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i).digits());
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String e = rs.getString(2);
                            existing.add(new PhoneNumber(rs.getString(1), e.isEmpty() ? Optional.empty()
                                    : Optional.of(e)));
                        }
                    }
                }
            }
            long present = 0;
            for (PhoneNumber n : all) {
                if (existing.contains(n) || !fresh.add(n)) {
                    present++;
                }
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO tc_number (" + COLUMNS + ") VALUES "
                    + "(?, ?, ?, ?, ?, ?, ?, 'AVAILABLE', NULL, NULL, NULL, NULL, ?, 1)");
                    PreparedStatement hist = c.prepareStatement(HISTORY_INSERT)) {
                for (PhoneNumber n : fresh) {
                    ins.setString(1, n.digits());
                    ins.setString(2, ext(n));
                    ins.setString(3, attributes.country());
                    ins.setString(4, attributes.prefix());
                    ins.setString(5, attributes.type().name());
                    ins.setString(6, attributes.usage().name());
                    ins.setString(7, String.join(",", attributes.tags()));
                    ins.setObject(8, Jdbc.ts(now));
                    ins.addBatch();
                    history(hist, n, new NumberTransition(NumberState.AVAILABLE, NumberState.AVAILABLE, now, actor,
                            "imported", false));
                    hist.addBatch();
                }
                ins.executeBatch();
                hist.executeBatch();
            }
            return new ImportResult(fresh.size(), present);
        });
    }

    private static final String HISTORY_INSERT = "INSERT INTO tc_number_history (digits, ext, from_state, to_state, "
            + "at, actor, reason, forced) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private static void history(PreparedStatement ps, PhoneNumber n, NumberTransition t) throws SQLException {
        ps.setString(1, n.digits());
        ps.setString(2, ext(n));
        ps.setString(3, t.from().name());
        ps.setString(4, t.to().name());
        ps.setObject(5, Jdbc.ts(t.at()));
        ps.setString(6, t.actor());
        ps.setString(7, t.reason());
        ps.setBoolean(8, t.forced());
    }

    private static void record(Connection c, PhoneNumber n, NumberTransition t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(HISTORY_INSERT)) {
            history(ps, n, t);
            ps.executeUpdate();
        }
    }

    /**
     * Writes a number's new state if its version is still the one read; records the transition.
     *
     * @return the updated number, or empty if another writer changed it first
     */
    private static Optional<InventoryNumber> write(Connection c, InventoryNumber n, NumberStatus status,
            Optional<TenantId> tenant, Optional<Reservation> reservation, NumberTransition t) throws SQLException {
        Instant at = Jdbc.micros(t.at());
        try (PreparedStatement ps = c.prepareStatement("UPDATE tc_number SET state = ?, failure_reason = ?, "
                + "tenant_id = ?, holder = ?, reserved_until = ?, state_since = ?, version = version + 1 "
                + "WHERE digits = ? AND ext = ? AND version = ?")) {
            ps.setString(1, status.state().name());
            ps.setString(2, status.failureReason().orElse(null));
            ps.setString(3, tenant.map(TenantId::toString).orElse(null));
            ps.setString(4, reservation.map(Reservation::holder).orElse(null));
            ps.setObject(5, reservation.map(r -> Jdbc.ts(r.expiresAt())).orElse(null));
            ps.setObject(6, Jdbc.ts(at));
            ps.setString(7, n.number().digits());
            ps.setString(8, ext(n.number()));
            ps.setLong(9, n.version());
            if (ps.executeUpdate() != 1) {
                return Optional.empty();
            }
        }
        record(c, n.number(), t);
        return Optional.of(new InventoryNumber(n.number(), n.attributes(), status, tenant,
                reservation.map(r -> new Reservation(r.tenant(), r.holder(), Jdbc.micros(r.expiresAt()))), at,
                n.version() + 1));
    }

    /** A reservation whose time is up goes back to the pool first (recorded), as if the sweep had run. */
    private Optional<InventoryNumber> expireIfDue(Connection c, InventoryNumber n, Instant now) throws SQLException {
        if (n.status().state() == NumberState.RESERVED && n.reservation().isPresent()
                && !n.reservation().get().expiresAt().isAfter(now)) {
            NumberTransition t = lifecycle.move(NumberState.RESERVED, NumberState.AVAILABLE, n.stateSince(),
                    "inventory", "reservation expired");
            return write(c, n, NumberStatus.of(NumberState.AVAILABLE), Optional.empty(), Optional.empty(), t);
        }
        return Optional.of(n);
    }

    private Optional<InventoryNumber> reserveRow(Connection c, InventoryNumber n, TenantId tenant, String holder,
            Duration ttl, String reason, boolean picked) throws SQLException {
        Instant now = clock.instant();
        Optional<InventoryNumber> cur = expireIfDue(c, n, now);
        if (cur.isEmpty() || cur.get().status().state() != NumberState.AVAILABLE) {
            return Optional.empty();
        }
        NumberTransition t = lifecycle.move(NumberState.AVAILABLE, NumberState.RESERVED, cur.get().stateSince(), holder,
                reason);
        Optional<InventoryNumber> done = write(c, cur.get(), NumberStatus.of(NumberState.RESERVED),
                Optional.of(tenant), Optional.of(new Reservation(tenant, holder, t.at().plus(ttl))), t);
        if (done.isPresent()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tc_allocation (tenant_id, digits, picked, at) "
                    + "VALUES (?, ?, ?, ?)")) {
                ps.setString(1, tenant.toString());
                ps.setString(2, n.number().digits());
                ps.setBoolean(3, picked);
                ps.setObject(4, Jdbc.ts(t.at()));
                ps.executeUpdate();
            }
        }
        return done;
    }

    private static String reason(AllocationRequest r) {
        return "allocated (" + r.strategy().name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    @Override
    public Optional<InventoryNumber> allocate(AllocationRequest r) {
        List<InventoryNumber> one = oneStatement(r) ? claim(r, 1) : inOneTransaction(r, 1);
        return one.isEmpty() ? Optional.empty() : Optional.of(one.get(0));
    }

    /**
     * Reserves up to {@code count} numbers in one transaction: on PostgreSQL with the lowest-first pick, one
     * statement; otherwise the numbers are picked one after another as {@link #allocate(AllocationRequest)} picks them,
     * inside one transaction (on H2 holding the allocation lock throughout).
     */
    @Override
    public List<InventoryNumber> allocate(AllocationRequest r, int count) {
        NumberInventory.checkBatch(count);
        return oneStatement(r) ? claim(r, count) : inOneTransaction(r, count);
    }

    /**
     * One number per holder in one transaction: on PostgreSQL with the lowest-first pick, one statement that numbers
     * the picked rows in order and joins them to the holders; otherwise picked one after another as
     * {@link #allocate(AllocationRequest)} picks them, each with its holder, inside one transaction.
     */
    @Override
    public List<InventoryNumber> allocate(AllocationRequest r, List<String> holders) {
        NumberInventory.checkHolders(holders);
        List<String> all = List.copyOf(holders);
        return oneStatement(r) ? claim(r, all.size(), Optional.of(all))
                : inOneTransaction(r, all.size(), i -> r.toBuilder().holder(all.get(i)).build());
    }

    private List<InventoryNumber> inOneTransaction(AllocationRequest r, int count) {
        return inOneTransaction(r, count, i -> r);
    }

    /**
     * Picks up to {@code count} numbers one after another in one transaction, the i-th for {@code nth.apply(i)};
     * retried whole after a lost compare-and-set or a lock timeout, and after sweeping expired reservations when one
     * is due.
     */
    private List<InventoryNumber> inOneTransaction(AllocationRequest r, int count,
            java.util.function.IntFunction<AllocationRequest> nth) {
        String reason = reason(r);
        for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
            try {
                return db.tx("allocating numbers", c -> {
                    List<InventoryNumber> out = new ArrayList<>(Math.min(count, 1024));
                    while (out.size() < count) {
                        Optional<Optional<InventoryNumber>> one = attempt(c, nth.apply(out.size()), reason);
                        if (one.isEmpty()) {
                            throw new TryAgain(); // roll back what this transaction reserved, then sweep or retry
                        }
                        if (one.get().isEmpty()) {
                            break;
                        }
                        out.add(one.get().get());
                    }
                    return out;
                });
            } catch (TryAgain e) {
                // rolled back
            } catch (dev.tenantconnect.core.error.StoreException e) {
                if (!Jdbc.retryable(e)) {
                    throw e;
                }
                continue;
            }
            if (reservationsDueNow()) {
                expireReservations(); // expired reservations rejoin the pool before anything is picked
            }
        }
        throw new ConcurrentUpdateException("allocation for tenant " + r.tenant() + " (contention)", 0, 0);
    }

    /** Rolls back an allocation transaction that lost a compare-and-set or found a sweep due. */
    private static final class TryAgain extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TryAgain() {
            super("allocation to be retried", null, false, false);
        }
    }

    /** Whether the request is served by {@link #claim}: PostgreSQL, lowest first. */
    private boolean oneStatement(AllocationRequest r) {
        return db.postgres() && r.strategy() == dev.tenantconnect.core.inventory.SelectionStrategy.LOWEST;
    }

    /**
     * The lowest {@code count} available matching numbers, reserved for the tenant in one statement (auto-commit: one
     * round trip): the pick skips rows other allocators hold locked, the update reserves them, and the same
     * statement writes each one's history and allocation record. Expired reservations are swept first when due (looked
     * for at most once a second).
     */
    private List<InventoryNumber> claim(AllocationRequest r, int count) {
        return claim(r, count, Optional.empty());
    }

    /**
     * {@link #claim(AllocationRequest, int)}, or with {@code holders} the i-th picked row (lowest first) reserved for
     * the i-th holder: the picked rows are numbered in order and joined to the holders' array by position, and each
     * history row names its own holder.
     */
    private List<InventoryNumber> claim(AllocationRequest r, int count, Optional<List<String>> holders) {
        if (probeDue() && reservationsDueNow()) {
            expireReservations(); // expired reservations rejoin the pool before anything is picked
        }
        // the table decides (AVAILABLE -> RESERVED needs no waiting period, so the time since does not matter)
        NumberTransition t = lifecycle.move(NumberState.AVAILABLE, NumberState.RESERVED, clock.instant(), r.holder(),
                reason(r));
        Instant at = Jdbc.micros(t.at());
        Filter f = filter(r);
        String returning = ("n." + COLUMNS.replace(", ", ", n."));
        // the limit is written out, not bound: a generic plan for "LIMIT $1" may sort the whole pool instead of
        // walking the index for the first rows
        boolean each = holders.isPresent();
        String sql = "WITH pick AS (SELECT digits, ext FROM tc_number" + f.where + " ORDER BY digits, ext LIMIT "
                + count + " FOR UPDATE SKIP LOCKED), "
                + (each ? "numbered AS (SELECT digits, ext, ROW_NUMBER() OVER (ORDER BY digits, ext) AS i FROM pick), "
                        + "holders AS (SELECT h, i FROM UNNEST(CAST(? AS TEXT[])) WITH ORDINALITY AS x(h, i)), " : "")
                + "claimed AS (UPDATE tc_number n SET state = 'RESERVED', failure_reason = NULL, tenant_id = ?, "
                + "holder = " + (each ? "holders.h" : "?") + ", reserved_until = ?, state_since = ?, "
                + "version = n.version + 1 FROM "
                + (each ? "numbered JOIN holders ON holders.i = numbered.i WHERE n.digits = numbered.digits AND "
                        + "n.ext = numbered.ext" : "pick WHERE n.digits = pick.digits AND n.ext = pick.ext")
                + " RETURNING " + returning + "), "
                + "recorded AS (INSERT INTO tc_number_history (digits, ext, from_state, to_state, at, actor, reason, "
                + "forced) SELECT digits, ext, 'AVAILABLE', 'RESERVED', ?, " + (each ? "holder" : "?")
                + ", ?, FALSE FROM claimed), "
                + "counted AS (INSERT INTO tc_allocation (tenant_id, digits, picked, at) SELECT ?, digits, TRUE, ? "
                + "FROM claimed) "
                + "SELECT " + COLUMNS + " FROM claimed ORDER BY digits, ext";
        for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
            try {
                return db.statement("allocating numbers", c -> {
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        int i = bind(ps, f.args);
                        if (each) {
                            ps.setArray(++i, c.createArrayOf("text", holders.get().toArray()));
                        }
                        ps.setString(++i, r.tenant().toString());
                        if (!each) {
                            ps.setString(++i, r.holder());
                        }
                        ps.setObject(++i, Jdbc.ts(at.plus(r.reservationTtl())));
                        ps.setObject(++i, Jdbc.ts(at));
                        ps.setObject(++i, Jdbc.ts(at));
                        if (!each) {
                            ps.setString(++i, t.actor());
                        }
                        ps.setString(++i, t.reason());
                        ps.setString(++i, r.tenant().toString());
                        ps.setObject(++i, Jdbc.ts(at));
                        List<InventoryNumber> out = new ArrayList<>(Math.min(count, 1024));
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                out.add(row(rs));
                            }
                        }
                        return out;
                    }
                });
            } catch (dev.tenantconnect.core.error.StoreException e) {
                if (!Jdbc.retryable(e)) {
                    throw e;
                }
            }
        }
        throw new ConcurrentUpdateException("allocation for tenant " + r.tenant() + " (contention)", 0, 0);
    }

    /** The WHERE clause (and its arguments) of the rows a request may pick. */
    private record Filter(String where, List<Object> args) {
    }

    private static Filter filter(AllocationRequest r) {
        StringBuilder where = new StringBuilder(" WHERE state = 'AVAILABLE' AND country = ? AND usage_kind = ?");
        List<Object> args = new ArrayList<>(List.of(r.country(), r.usage().name()));
        r.type().ifPresent(t -> {
            where.append(" AND number_type = ?");
            args.add(t.name());
        });
        r.prefix().ifPresent(p -> {
            where.append(" AND digits LIKE ?");
            args.add(p.replace("%", "").replace("_", "") + "%");
        });
        return new Filter(where.toString(), args);
    }

    /**
     * One allocation attempt in one transaction.
     *
     * @return the final answer (a number, or empty when none is left), or empty to try again (a sweep is due, or
     *     another allocator took the candidate first)
     */
    private Optional<Optional<InventoryNumber>> attempt(Connection c, AllocationRequest r, String reason)
            throws SQLException {
        if (!db.postgres()) { // no SKIP LOCKED: allocators queue on the lock row instead of colliding
            try (PreparedStatement ps = c.prepareStatement("SELECT name FROM tc_lock WHERE name = 'allocate' FOR "
                    + "UPDATE")) {
                ps.executeQuery().close();
            }
        }
        if (probeDue() && reservationsDue(c)) {
            return Optional.empty();
        }
        Optional<InventoryNumber> candidate = candidate(c, r);
        if (candidate.isEmpty()) {
            return Optional.of(Optional.empty());
        }
        Optional<InventoryNumber> won = reserveRow(c, candidate.get(), r.tenant(), r.holder(), r.reservationTtl(),
                reason, true);
        return won.isPresent() ? Optional.of(won) : Optional.empty();
    }

    /**
     * Whether to look for expired reservations now: at most once a second per instance (by the clock), so the probe
     * costs nothing measurable; {@link #expireReservations()} sweeps on demand.
     */
    private boolean probeDue() {
        long now = clock.millis();
        long last = lastProbe.get();
        return now - last >= 1000 && lastProbe.compareAndSet(last, now);
    }

    private final java.util.concurrent.atomic.AtomicLong lastProbe = new java.util.concurrent.atomic.AtomicLong(
            Long.MIN_VALUE / 2);

    private boolean reservationsDueNow() {
        return db.tx("looking for expired reservations", this::reservationsDue);
    }

    /** One indexed probe: is any reservation past its time? */
    private boolean reservationsDue(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM tc_number WHERE state = 'RESERVED' AND "
                + "reserved_until <= ? LIMIT 1")) {
            ps.setObject(1, Jdbc.ts(Jdbc.micros(clock.instant())));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The row the strategy picks, locked where the database can skip locked rows. */
    private Optional<InventoryNumber> candidate(Connection c, AllocationRequest r) throws SQLException {
        Filter f = filter(r);
        StringBuilder where = new StringBuilder(f.where);
        List<Object> args = f.args;
        switch (r.strategy()) {
            case SEQUENTIAL_AFTER_LAST -> {
                Optional<String> last = lastPicked(c, r.tenant());
                if (last.isPresent()) {
                    Optional<InventoryNumber> after = first(c, where + " AND digits > ?", plus(args, last.get()), 0);
                    if (after.isPresent()) {
                        return after;
                    }
                }
            }
            case KEEP_RANGES_TOGETHER -> {
                Optional<InventoryNumber> beside = first(c, where + " AND ext = '' AND EXISTS (SELECT 1 FROM tc_number h"
                        + " WHERE h.tenant_id = ? AND h.ext = '' AND LENGTH(h.digits) = LENGTH(tc_number.digits) AND "
                        + "(CAST(h.digits AS BIGINT) = CAST(tc_number.digits AS BIGINT) + 1 OR "
                        + "CAST(h.digits AS BIGINT) = CAST(tc_number.digits AS BIGINT) - 1))",
                        plus(args, r.tenant().toString()), 0);
                if (beside.isPresent()) {
                    return beside;
                }
            }
            case RANDOM -> {
                long count;
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM tc_number" + where)) {
                    bind(ps, args);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        count = rs.getLong(1);
                    }
                }
                if (count > 0) {
                    Optional<InventoryNumber> any = first(c, where.toString(), args, random.nextLong(count));
                    if (any.isPresent()) {
                        return any;
                    }
                }
            }
            default -> {
            }
        }
        return first(c, where.toString(), args, 0);
    }

    private static List<Object> plus(List<Object> args, Object more) {
        List<Object> all = new ArrayList<>(args);
        all.add(more);
        return all;
    }

    private Optional<InventoryNumber> first(Connection c, String where, List<Object> args, long offset)
            throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM tc_number" + where + " ORDER BY digits, ext LIMIT 1"
                + (offset > 0 ? " OFFSET " + offset : "") + (db.postgres() ? " FOR UPDATE SKIP LOCKED" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    /** @return the index of the last parameter set */
    private static int bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
        return args.size();
    }

    private static Optional<String> lastPicked(Connection c, TenantId tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT digits FROM tc_allocation WHERE tenant_id = ? AND "
                + "picked = TRUE ORDER BY id DESC LIMIT 1")) {
            ps.setString(1, tenant.toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static InventoryNumber require(Connection c, PhoneNumber number, TenantId tenant) throws SQLException {
        return select(c, number, true).orElseThrow(() -> new NumberConflictException("number " + number.redacted()
                + " is not in the inventory", tenant == null ? ErrorContext.none() : ErrorContext.forTenant(tenant)));
    }

    @Override
    public InventoryNumber reserve(PhoneNumber number, TenantId tenant, String holder, Duration ttl) {
        return db.tx("reserving a number", c -> {
            InventoryNumber n = require(c, number, tenant);
            return reserveRow(c, n, tenant, holder, ttl, "reserved", false).orElseThrow(() ->
                    new NumberConflictException("number " + number.redacted() + " is " + n.status().state()
                            + ", not available", ErrorContext.forTenant(tenant)));
        });
    }

    private static InventoryNumber checkVersion(Connection c, PhoneNumber number, long expected) throws SQLException {
        InventoryNumber n = require(c, number, null);
        if (n.version() != expected) {
            throw new ConcurrentUpdateException("number " + number.redacted(), expected, n.version());
        }
        return n;
    }

    private InventoryNumber apply(Connection c, InventoryNumber n, NumberStatus status, NumberTransition t)
            throws SQLException {
        NumberState to = status.state();
        Optional<TenantId> tenant = to == NumberState.AVAILABLE ? Optional.empty() : n.tenant();
        Optional<Reservation> reservation = to == NumberState.RESERVED ? n.reservation() : Optional.empty();
        return write(c, n, status, tenant, reservation, t).orElseThrow(() -> new ConcurrentUpdateException(
                "number " + n.number().redacted(), n.version(), n.version() + 1));
    }

    @Override
    public InventoryNumber move(PhoneNumber number, NumberState to, long expectedVersion, String actor,
            String reason) {
        if (to.isFailure()) {
            throw new ValidationException("to", "use fail() to enter failure state " + to + " with a reason");
        }
        return db.tx("moving a number", c -> {
            InventoryNumber n = checkVersion(c, number, expectedVersion);
            NumberTransition t = lifecycle.move(n.status().state(), to, n.stateSince(), actor, reason);
            return apply(c, n, NumberStatus.of(to), t);
        });
    }

    @Override
    public InventoryNumber fail(PhoneNumber number, NumberState failureState, long expectedVersion, String actor,
            String reason) {
        if (!failureState.isFailure()) {
            throw new ValidationException("failureState", failureState + " is not a failure state");
        }
        return db.tx("recording a failed step", c -> {
            InventoryNumber n = checkVersion(c, number, expectedVersion);
            NumberTransition t = lifecycle.move(n.status().state(), failureState, n.stateSince(), actor, reason);
            return apply(c, n, NumberStatus.failed(failureState, reason), t);
        });
    }

    @Override
    public InventoryNumber force(PhoneNumber number, NumberState to, String actor, String reason) {
        return db.tx("forcing a number's state", c -> {
            InventoryNumber n = require(c, number, null);
            NumberTransition t = lifecycle.force(n.status().state(), to, actor, reason);
            return apply(c, n, to.isFailure() ? NumberStatus.failed(to, reason) : NumberStatus.of(to), t);
        });
    }

    @Override
    public int expireReservations() {
        Instant now = Jdbc.micros(clock.instant());
        return db.tx("expiring reservations", c -> {
            List<InventoryNumber> due = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM tc_number WHERE state = "
                    + "'RESERVED' AND reserved_until <= ? ORDER BY digits, ext FOR UPDATE"
                    + (db.postgres() ? " SKIP LOCKED" : ""))) {
                ps.setObject(1, Jdbc.ts(now));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        due.add(row(rs));
                    }
                }
            }
            int released = 0;
            for (InventoryNumber n : due) {
                if (expireIfDue(c, n, now).filter(x -> x.status().state() == NumberState.AVAILABLE).isPresent()) {
                    released++;
                }
            }
            return released;
        });
    }

    @Override
    public CapacityReport capacity(Duration lookBack) {
        expireReservations();
        Instant now = clock.instant();
        return db.tx("reporting capacity", c -> {
            Map<NumberState, Long> byState = new EnumMap<>(NumberState.class);
            Map<TenantId, Long> byTenant = new HashMap<>();
            Map<String, Long> available = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT state, tenant_id, country, prefix, COUNT(*) FROM "
                    + "tc_number GROUP BY state, tenant_id, country, prefix");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    NumberState state = NumberState.valueOf(rs.getString(1));
                    long count = rs.getLong(5);
                    byState.merge(state, count, Long::sum);
                    Optional.ofNullable(rs.getString(2)).map(TenantId::parse)
                            .ifPresent(t -> byTenant.merge(t, count, Long::sum));
                    if (state == NumberState.AVAILABLE) {
                        available.merge(rs.getString(3) + "/" + rs.getString(4), count, Long::sum);
                    }
                }
            }
            long total = byState.values().stream().mapToLong(Long::longValue).sum();
            long recent;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM tc_allocation WHERE at > ?")) {
                ps.setObject(1, Jdbc.ts(now.minus(lookBack)));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    recent = rs.getLong(1);
                }
            }
            double perDay = lookBack.toMillis() == 0 ? 0 : recent / (lookBack.toMillis() / 86_400_000.0);
            return CapacityReport.builder(total).byState(byState).byTenant(byTenant)
                    .availableByCountryAndPrefix(available).allocationsPerDay(perDay).build();
        });
    }

    @Override
    public String toString() {
        return "JdbcNumberInventory[" + (db.postgres() ? "PostgreSQL" : "H2") + "]";
    }
}
