package dev.tenantconnect.core.job;

import java.util.List;
import java.util.Optional;

/**
 * Where jobs (bulk file runs) record their progress, durably, so a job killed at any moment resumes without
 * redoing finished rows. Implementations: {@link FileJobJournal}; the JDBC store ({@code JdbcJobJournal}) shares jobs
 * between instances. Every implementation passes the published {@code JobJournalContract} (core's test-jar).
 * Thread-safe.
 */
public interface JobJournal {
    /**
     * Records a new job.
     *
     * @param header the job
     * @throws dev.tenantconnect.core.error.StoreException if a job with that ID exists or writing fails
     */
    void create(JobHeader header);

    /**
     * Appends an entry; it is durable (survives a crash of this process or machine) when this method returns.
     *
     * @param jobId the job
     * @param entry the entry
     */
    void append(String jobId, JournalEntry entry);

    /**
     * @param jobId a job ID
     * @return the job and its entries in the order appended, if the job exists
     */
    Optional<JobRecord> read(String jobId);

    /** @return the IDs of every recorded job, oldest first */
    List<String> jobIds();

    /**
     * Takes the exclusive right to run a job: two runners (threads, processes or instances) never run one job at
     * once; a crashed runner's lease ends with it.
     *
     * @param jobId the job
     * @return the lease, released by closing it
     * @throws JobBusyException if another runner holds it
     */
    Lease lease(String jobId);

    /**
     * The right to run one job; close to release. Every lease carries a fencing token, its epoch, which grows with
     * every lease taken on the job: a runner writes through its lease, and a write from a lease that is no longer
     * the job's current one (another runner took the job over) is refused with a {@link LeaseLostException}.
     */
    interface Lease extends AutoCloseable {
        /** @return the fencing token: greater than that of every earlier lease on the job */
        long epoch();

        /**
         * Appends an entry as this lease's holder; durable when this method returns.
         *
         * @param entry the entry
         * @throws LeaseLostException if another runner has taken the job over since this lease was taken
         */
        void append(JournalEntry entry);

        /**
         * Appends entries in order as this lease's holder, all durable when this method returns. The stores of this
         * SDK write them at once (one disk flush, one transaction); this default appends one at a time.
         *
         * @param entries the entries, in order
         * @throws LeaseLostException if another runner has taken the job over since this lease was taken
         */
        default void appendAll(List<JournalEntry> entries) {
            entries.forEach(this::append);
        }

        @Override
        void close();
    }

    /**
     * A job with its journal.
     *
     * @param header the job
     * @param entries its entries, in the order appended
     */
    record JobRecord(JobHeader header, List<JournalEntry> entries) {
        /** Copies. */
        public JobRecord {
            java.util.Objects.requireNonNull(header, "header");
            entries = List.copyOf(entries);
        }
    }
}
