package dev.tenantconnect.jdbc;

import dev.tenantconnect.core.job.JobBusyException;
import dev.tenantconnect.core.job.JobHeader;
import dev.tenantconnect.core.job.JobJournal;
import dev.tenantconnect.core.job.JobUnits;
import dev.tenantconnect.core.job.WorkUnit;
import dev.tenantconnect.core.job.JournalEntry;
import dev.tenantconnect.core.job.LeaseLostException;
import dev.tenantconnect.core.error.StoreException;
import dev.tenantconnect.core.error.StoreIntegrityException;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.jdbc.internal.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A {@link JobJournal} in the database, so any instance can resume a job another started. Entries are committed
 * before {@link #append} returns. A lease is a row-level claim with an expiry that every append by the holder
 * extends: a running job keeps its lease by making progress, and a job whose instance crashed can be taken over once
 * its lease has run out. Leases are fenced: each takes the job's next epoch (Flyway V5), and a write through a lease
 * whose epoch is no longer current — an instance that stalled past its lease while another took the job over — is
 * refused with a {@link LeaseLostException}, in the same transaction that would have written it.
 *
 * <p>A job split into {@link JobUnits work units} (Flyway V9) is worked by runners on any number of instances at once:
 * a runner claims a unit with {@code SELECT ... FOR UPDATE SKIP LOCKED} on PostgreSQL (a compare-and-set on the
 * unit's epoch on H2), so claimers never wait on each other; the claim takes the unit's next epoch, every write
 * through it is fenced by that epoch and renews the unit's lease, and a unit whose runner died is claimed again once
 * its lease has run out. Thread-safe.
 */
public final class JdbcJobJournal implements JobJournal, JobUnits {
    private final Jdbc db;
    private final Clock clock;
    private final Duration leaseTtl;

    /**
     * @param dataSource the database ({@link JdbcStores#migrate} applied)
     * @param clock lease expiry and timestamps
     * @param leaseTtl how long a lease lasts without progress (longer than the slowest row)
     */
    public JdbcJobJournal(DataSource dataSource, Clock clock, Duration leaseTtl) {
        this.db = new Jdbc(dataSource);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.leaseTtl = Objects.requireNonNull(leaseTtl, "leaseTtl");
        if (leaseTtl.isNegative() || leaseTtl.isZero()) {
            throw new IllegalArgumentException("leaseTtl must be positive");
        }
    }

    @Override
    public void create(JobHeader header) {
        String json = header.toJson();
        db.tx("creating a bulk job", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tc_job (job_id, header, created_at) VALUES "
                    + "(?, ?, ?)")) {
                ps.setString(1, header.jobId());
                ps.setString(2, json);
                ps.setObject(3, Jdbc.ts(header.createdAt()));
                ps.executeUpdate();
            } catch (SQLException e) {
                if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                    throw new StoreException("bulk job " + header.jobId() + " exists already", e);
                }
                throw e;
            }
            return null;
        });
    }

    @Override
    public void append(String jobId, JournalEntry e) {
        Instant now = clock.instant();
        db.tx("appending to a bulk job journal", c -> {
            insert(c, jobId, e);
            // progress renews a held lease
            try (PreparedStatement ps = c.prepareStatement("UPDATE tc_job SET lease_until = ? WHERE job_id = ? AND "
                    + "lease_token IS NOT NULL")) {
                ps.setObject(1, Jdbc.ts(now.plus(leaseTtl)));
                ps.setString(2, jobId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static void insert(Connection c, String jobId, JournalEntry e) throws SQLException {
        insert(c, jobId, List.of(e));
    }

    /** Inserts the entries in order, as one batch. */
    private static void insert(Connection c, String jobId, List<JournalEntry> entries) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tc_job_entry (job_id, line, kind, number, "
                + "user_id, error, remediation, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (JournalEntry e : entries) {
                ps.setString(1, jobId);
                ps.setLong(2, e.line());
                ps.setString(3, e.kind().name());
                ps.setString(4, e.number().map(PhoneNumber::toString).orElse(null));
                ps.setString(5, e.user().map(UUID::toString).orElse(null));
                ps.setString(6, e.error());
                ps.setString(7, e.remediation());
                ps.setObject(8, Jdbc.ts(e.at()));
                if (entries.size() == 1) {
                    ps.executeUpdate();
                } else {
                    ps.addBatch();
                }
            }
            if (entries.size() > 1) {
                ps.executeBatch();
            }
        }
    }

    @Override
    public Optional<JobRecord> read(String jobId) {
        return db.tx("reading a bulk job", c -> {
            JobHeader header;
            try (PreparedStatement ps = c.prepareStatement("SELECT header FROM tc_job WHERE job_id = ?")) {
                ps.setString(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    try {
                        header = JobHeader.fromJson(rs.getString(1));
                    } catch (RuntimeException ex) {
                        throw new StoreIntegrityException("the header of bulk job " + jobId + " cannot be read", ex);
                    }
                }
            }
            List<JournalEntry> entries = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT line, kind, number, user_id, error, remediation, at "
                    + "FROM tc_job_entry WHERE job_id = ? ORDER BY id")) {
                ps.setString(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new JournalEntry(rs.getLong(1), JournalEntry.Kind.valueOf(rs.getString(2)),
                                Optional.ofNullable(rs.getString(3)).map(PhoneNumber::parse),
                                Optional.ofNullable(rs.getString(4)).map(UUID::fromString), rs.getString(5),
                                rs.getString(6), Jdbc.instant(rs.getObject(7))));
                    }
                }
            }
            return Optional.of(new JobRecord(header, entries));
        });
    }

    @Override
    public List<String> jobIds() {
        return db.tx("listing bulk jobs", c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT job_id FROM tc_job ORDER BY created_at, job_id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    @Override
    public Lease lease(String jobId) {
        String token = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Long epoch = db.tx("taking a bulk job's lease", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE tc_job SET lease_token = ?, lease_until = ?, "
                    + "lease_epoch = lease_epoch + 1 WHERE job_id = ? AND (lease_token IS NULL OR lease_until <= ?)")) {
                ps.setString(1, token);
                ps.setObject(2, Jdbc.ts(now.plus(leaseTtl)));
                ps.setString(3, jobId);
                ps.setObject(4, Jdbc.ts(now));
                if (ps.executeUpdate() != 1) {
                    return null;
                }
            }
            return currentEpoch(c, jobId);
        });
        if (epoch == null) {
            if (read(jobId).isEmpty()) {
                throw new StoreException("no bulk job " + jobId, null);
            }
            throw new JobBusyException(jobId);
        }
        long held = epoch;
        return new Lease() {
            @Override
            public long epoch() {
                return held;
            }

            @Override
            public void append(JournalEntry entry) {
                appendFenced(jobId, List.of(entry), held);
            }

            @Override
            public void appendAll(List<JournalEntry> entries) {
                appendFenced(jobId, entries, held);
            }

            @Override
            public void close() {
                db.tx("releasing a bulk job's lease", c -> {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE tc_job SET lease_token = NULL, "
                            + "lease_until = NULL WHERE job_id = ? AND lease_token = ? AND lease_epoch = ?")) {
                        ps.setString(1, jobId);
                        ps.setString(2, token);
                        ps.setLong(3, held);
                        ps.executeUpdate();
                    }
                    return null;
                });
            }
        };
    }

    private static long currentEpoch(Connection c, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT lease_epoch FROM tc_job WHERE job_id = ?")) {
            ps.setString(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /**
     * Appends as the holder of lease {@code epoch}: the job's row is updated (and so locked) first, only while that
     * epoch is still the current one, which renews the lease; otherwise nothing is written.
     */
    private void appendFenced(String jobId, List<JournalEntry> entries, long epoch) {
        Instant now = clock.instant();
        db.tx("appending to a bulk job journal", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE tc_job SET lease_until = ? WHERE job_id = ? AND "
                    + "lease_epoch = ? AND lease_token IS NOT NULL")) {
                ps.setObject(1, Jdbc.ts(now.plus(leaseTtl)));
                ps.setString(2, jobId);
                ps.setLong(3, epoch);
                if (ps.executeUpdate() != 1) {
                    throw new LeaseLostException(jobId, epoch, currentEpoch(c, jobId));
                }
            }
            insert(c, jobId, entries);
            return null;
        });
    }

    @Override
    public String toString() {
        return "JdbcJobJournal[lease " + leaseTtl + "]";
    }

    @Override
    public void split(String jobId, List<WorkUnit> units) {
        db.tx("splitting a bulk job into work units", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT job_id FROM tc_job WHERE job_id = ? FOR UPDATE")) {
                ps.setString(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new StoreException("no bulk job " + jobId, null);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM tc_job_unit WHERE job_id = ?")) {
                ps.setString(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        throw new StoreException("bulk job " + jobId + " is split into work units already", null);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tc_job_unit (job_id, unit_no, stage, lines) "
                    + "VALUES (?, ?, ?, ?)")) {
                for (WorkUnit u : units) {
                    ps.setString(1, jobId);
                    ps.setInt(2, u.index());
                    ps.setInt(3, u.stage());
                    ps.setString(4, String.join(",", u.lines().stream().map(String::valueOf).toList()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<WorkUnit> units(String jobId) {
        return db.tx("reading a bulk job's work units", c -> {
            List<WorkUnit> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT unit_no, stage, lines, done FROM tc_job_unit "
                    + "WHERE job_id = ? ORDER BY unit_no")) {
                ps.setString(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new WorkUnit(rs.getInt(1), rs.getInt(2), lines(rs.getString(3)), rs.getBoolean(4)));
                    }
                }
            }
            return out;
        });
    }

    private static List<Long> lines(String text) {
        return text.isEmpty() ? List.of() : java.util.Arrays.stream(text.split(",")).map(Long::valueOf).toList();
    }

    /** A unit this runner claimed. */
    private record Claimed(WorkUnit unit, long epoch) {
    }

    @Override
    public Optional<UnitLease> claim(String jobId) {
        String token = UUID.randomUUID().toString();
        for (int attempt = 0; attempt < 20; attempt++) {
            Instant now = clock.instant();
            // outer empty: another runner claimed the candidate first, try the next one
            Optional<Optional<Claimed>> r = db.tx("claiming a work unit of a bulk job", c -> {
                Integer stage = null;
                try (PreparedStatement ps = c.prepareStatement("SELECT MIN(stage) FROM tc_job_unit WHERE job_id = ? "
                        + "AND done = FALSE")) {
                    ps.setString(1, jobId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            stage = (Integer) rs.getObject(1, Integer.class);
                        }
                    }
                }
                if (stage == null) {
                    return Optional.of(Optional.empty());
                }
                WorkUnit unit;
                long epoch;
                try (PreparedStatement ps = c.prepareStatement("SELECT unit_no, lines, lease_epoch FROM tc_job_unit "
                        + "WHERE job_id = ? AND done = FALSE AND stage = ? AND (lease_token IS NULL OR lease_until "
                        + "<= ?) ORDER BY unit_no LIMIT 1" + (db.postgres() ? " FOR UPDATE SKIP LOCKED" : ""))) {
                    ps.setString(1, jobId);
                    ps.setInt(2, stage);
                    ps.setObject(3, Jdbc.ts(now));
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return Optional.of(Optional.empty());
                        }
                        unit = WorkUnit.of(rs.getInt(1), stage, lines(rs.getString(2)));
                        epoch = rs.getLong(3);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE tc_job_unit SET lease_token = ?, lease_until = "
                        + "?, lease_epoch = lease_epoch + 1 WHERE job_id = ? AND unit_no = ? AND lease_epoch = ? AND "
                        + "done = FALSE")) {
                    ps.setString(1, token);
                    ps.setObject(2, Jdbc.ts(now.plus(leaseTtl)));
                    ps.setString(3, jobId);
                    ps.setInt(4, unit.index());
                    ps.setLong(5, epoch);
                    if (ps.executeUpdate() != 1) {
                        return Optional.empty();
                    }
                }
                return Optional.of(Optional.of(new Claimed(unit, epoch + 1)));
            });
            if (r.isPresent()) {
                return r.get().map(claimed -> new JdbcUnitLease(jobId, claimed.unit(), claimed.epoch(), token));
            }
        }
        return Optional.empty();
    }

    /** A claimed unit: writes fenced by the unit's epoch and token. */
    private final class JdbcUnitLease implements UnitLease {
        private final String jobId;
        private final WorkUnit unit;
        private final long epoch;
        private final String token;

        JdbcUnitLease(String jobId, WorkUnit unit, long epoch, String token) {
            this.jobId = jobId;
            this.unit = unit;
            this.epoch = epoch;
            this.token = token;
        }

        @Override
        public WorkUnit unit() {
            return unit;
        }

        @Override
        public long epoch() {
            return epoch;
        }

        @Override
        public void append(JournalEntry entry) {
            appendAll(List.of(entry));
        }

        @Override
        public void appendAll(List<JournalEntry> entries) {
            Instant now = clock.instant();
            db.tx("appending to a bulk job journal", c -> {
                fence(c, "lease_until = ?", now.plus(leaseTtl));
                insert(c, jobId, entries);
                return null;
            });
        }

        @Override
        public Duration ttl() {
            return leaseTtl;
        }

        @Override
        public void renew() {
            Instant now = clock.instant();
            db.tx("renewing a work unit's lease", c -> {
                fence(c, "lease_until = ?", now.plus(leaseTtl));
                return null;
            });
        }

        @Override
        public void complete() {
            db.tx("completing a work unit of a bulk job", c -> {
                fence(c, "done = TRUE, lease_token = NULL, lease_until = NULL", null);
                return null;
            });
        }

        /** Updates the unit only while this claim is its current one, else refuses. */
        private void fence(Connection c, String set, Instant until) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("UPDATE tc_job_unit SET " + set + " WHERE job_id = ? AND "
                    + "unit_no = ? AND lease_epoch = ? AND lease_token = ? AND done = FALSE")) {
                int i = 1;
                if (until != null) {
                    ps.setObject(i++, Jdbc.ts(until));
                }
                ps.setString(i++, jobId);
                ps.setInt(i++, unit.index());
                ps.setLong(i++, epoch);
                ps.setString(i, token);
                if (ps.executeUpdate() != 1) {
                    throw new LeaseLostException(jobId, epoch,
                            unitEpoch(c));
                }
            }
        }

        private long unitEpoch(Connection c) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT lease_epoch FROM tc_job_unit WHERE job_id = ? AND "
                    + "unit_no = ?")) {
                ps.setString(1, jobId);
                ps.setInt(2, unit.index());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0;
                }
            }
        }

        @Override
        public void close() {
            db.tx("releasing a work unit of a bulk job", c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE tc_job_unit SET lease_token = NULL, "
                        + "lease_until = NULL WHERE job_id = ? AND unit_no = ? AND lease_epoch = ? AND "
                        + "lease_token = ?")) {
                    ps.setString(1, jobId);
                    ps.setInt(2, unit.index());
                    ps.setLong(3, epoch);
                    ps.setString(4, token);
                    ps.executeUpdate();
                }
                return null;
            });
        }
    }
}
