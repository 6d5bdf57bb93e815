package dev.tenantconnect.core.job;

import java.util.List;
import java.util.Optional;

/**
 * A job's rows split into work units that runners on any instance claim, so that several instances work one job at
 * once: a unit is leased to one runner at a time, its lease fenced like a job's ({@link JobJournal.Lease#epoch()}
 * grows with every claim of the unit, and a write through an older claim is refused with a
 * {@link LeaseLostException}); a runner that dies leaves its unit to be claimed again once the lease has run out.
 * Implemented by journals shared between instances ({@code JdbcJobJournal}, with {@code SELECT ... FOR UPDATE SKIP
 * LOCKED} on PostgreSQL); {@link FileJobJournal} belongs to one process and does not split jobs. Thread-safe.
 */
public interface JobUnits {
    /**
     * Records a job's units; done once, right after the job is {@link JobJournal#create created}.
     *
     * @param jobId the job
     * @param units its units, indexes 0 to n-1
     * @throws dev.tenantconnect.core.error.StoreException if the job is unknown or already split
     */
    void split(String jobId, List<WorkUnit> units);

    /**
     * Claims a unit to work: one not done, not leased (or whose lease ran out), of the lowest stage that has units
     * not done, lowest index first. Never waits on a unit another runner is claiming.
     *
     * @param jobId the job
     * @return the claim, or empty when no unit can be claimed now (all done, or the rest leased or in a later stage)
     */
    Optional<UnitLease> claim(String jobId);

    /**
     * @param jobId the job
     * @return its units in index order (empty when the job was not split)
     */
    List<WorkUnit> units(String jobId);

    /**
     * A claimed unit: journal writes go through it, fenced by its epoch, and renew its lease; {@link #close()}
     * releases it without completing it (another runner may claim it at once).
     */
    interface UnitLease extends JobJournal.Lease {
        /** @return the unit claimed */
        WorkUnit unit();

        /** @return how long the claim lasts without a write or a {@link #renew()} */
        java.time.Duration ttl();

        /**
         * Extends the claim by its {@link #ttl()} without writing (a heartbeat, for rows that take long).
         *
         * @throws LeaseLostException if another runner has claimed the unit since
         */
        void renew();

        /**
         * Marks the unit done and releases it.
         *
         * @throws LeaseLostException if another runner has claimed the unit since
         */
        void complete();
    }
}
