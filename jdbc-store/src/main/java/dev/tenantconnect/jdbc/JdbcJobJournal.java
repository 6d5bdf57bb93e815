package dev.tenantconnect.jdbc;

import dev.tenantconnect.core.job.JobBusyException;
import dev.tenantconnect.core.job.JobHeader;
import dev.tenantconnect.core.job.JobJournal;
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
 * refused with a {@link LeaseLostException}, in the same transaction that would have written it. Thread-safe.
 */
public final class JdbcJobJournal implements JobJournal {
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
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tc_job_entry (job_id, line, kind, number, "
                + "user_id, error, remediation, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, jobId);
            ps.setLong(2, e.line());
            ps.setString(3, e.kind().name());
            ps.setString(4, e.number().map(PhoneNumber::toString).orElse(null));
            ps.setString(5, e.user().map(UUID::toString).orElse(null));
            ps.setString(6, e.error());
            ps.setString(7, e.remediation());
            ps.setObject(8, Jdbc.ts(e.at()));
            ps.executeUpdate();
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
                appendFenced(jobId, entry, held);
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
    private void appendFenced(String jobId, JournalEntry e, long epoch) {
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
            insert(c, jobId, e);
            return null;
        });
    }

    @Override
    public String toString() {
        return "JdbcJobJournal[lease " + leaseTtl + "]";
    }
}
