package dev.tenantconnect.bulk;

import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.CredentialStore;
import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.extension.ExtensionStore;
import dev.tenantconnect.core.extension.InMemoryExtensionStore;
import dev.tenantconnect.core.inventory.NumberInventory;
import dev.tenantconnect.core.job.JobJournal;
import dev.tenantconnect.core.tenant.MicrosoftTenants;
import dev.tenantconnect.voice.enablement.UserEnablement;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

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
    private final BulkFileFormat format;
    private final BulkPlanner planner;
    private final BulkRunner runner;
    private final BulkRecovery recovery;

    private BulkAssignments(Builder b) {
        BulkWiring w = new BulkWiring(b.graph, b.store, b.inventory, b.enablement, b.extensions, b.journal, b.format,
                b.clock, b.usage, b.sleeper);
        this.format = b.format;
        this.planner = new BulkPlanner(w);
        this.runner = new BulkRunner(w, new BulkResults(w), planner);
        this.recovery = runner.recovery();
    }

    /**
     * Bulk assignment on the root client's wiring: its Microsoft ports (connector or fake), credential store,
     * inventory, enablement (so the same clock, sleeper and resilience policies), extension store, add-on catalogue
     * and usage ledger.
     *
     * @param client the root client (it needs a number inventory)
     * @param journal where jobs are journaled durably; its rows are counted into the client's metrics recorder
     *     ({@code tenantconnect.bulk.rows} by outcome, equal to the journal's row-ending entries)
     * @return bulk assignment sharing the client's wiring
     * @throws dev.tenantconnect.core.error.ConfigurationException when the client has no number inventory
     */
    public static BulkAssignments of(dev.tenantconnect.voice.TenantConnectClient client, JobJournal journal) {
        return new Builder().microsoft(client.microsoft()).store(client.credentials()).inventory(client.inventory())
                .enablement(client.enablement()).extensions(client.extensions())
                .journal(dev.tenantconnect.core.metrics.Metering.journal(journal, client.metrics()))
                .format(BulkFileFormat.of(client.addons())).clock(client.clock()).sleeper(client.sleeper())
                .usage(client.usage()::record).build();
    }

    /**
     * Wiring piece by piece, for code written before the root client; prefer
     * {@link #of(dev.tenantconnect.voice.TenantConnectClient, JobJournal)}, which cannot diverge from it.
     *
     * @return a builder; microsoft, store, inventory, enablement and journal are required
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
     * Plans a file against a tenant without writing anything: file checks, then users (looked up in batches, or the
     * whole directory read for a large file), licences, the tenant's numbers, the inventory and the extensions.
     *
     * @param file the CSV file
     * @param key the tenant connection
     * @param options how to run it
     * @return the plan
     */
    public BulkPlan plan(Path file, CredentialKey key, BulkOptions options) {
        return planner.plan(file, key, options);
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
        return runner.start(plan, listener);
    }

    /**
     * Starts a job that every instance of the operator's platform can work at once: the plan's rows are split into
     * work units of up to {@code unitRows} rows (rows that name their number first, then rows that pick one from the
     * pool), and this instance starts working them at once, as {@link #join} does; other instances call
     * {@link #join} with the returned job's ID. Each unit is worked by one instance at a time under a fenced lease;
     * a unit whose instance died is taken over once its lease has run out (rows it concluded are not redone, rows it
     * left in flight are reconciled with the tenant first). The results file is written once, by the instance that
     * claims the job's last unit after every row is concluded. Needs a job journal the instances share that splits
     * jobs ({@code JdbcJobJournal}).
     *
     * @param plan the plan
     * @param unitRows how many rows a work unit holds at most (e.g. 200: a unit is also re-planned against the
     *     tenant when claimed, so very small units cost reads)
     * @param listener receives progress after each row this instance concludes (the totals are those of the unit
     *     it works)
     * @return this instance's part in the job: {@link BulkJob#await()} returns once every row of the job is
     *     concluded — by any instance — with the report of the whole job
     * @throws ValidationException if the plan is not runnable, {@code unitRows < 1}, or the plan stops at the first
     *     failure (a joined job runs with {@link FailurePolicy#CONTINUE})
     * @throws ConfigurationException if the journal does not split jobs (e.g. a {@code FileJobJournal})
     */
    public BulkJob startJoinable(BulkPlan plan, int unitRows, ProgressListener listener) {
        return runner.startJoinable(plan, unitRows, listener);
    }

    /**
     * Joins a job started with {@link #startJoinable} on any instance: this instance claims the job's work units
     * not done and not held by another instance, one at a time, until every unit is done, waiting (with the
     * {@link Builder#sleeper(dev.tenantconnect.core.resilience.Sleeper) sleeper}) while the units left are held by
     * others — so it also takes over the units of an instance that died, once their lease has run out. Joining a
     * job that is done returns its report at once. {@link BulkJob#stop()} releases the unit in hand (another
     * instance takes it over).
     *
     * @param jobId the job
     * @param listener receives progress after each row this instance concludes (the totals are those of the unit
     *     it works)
     * @return this instance's part in the job: {@link BulkJob#await()} returns once every row of the job is
     *     concluded, with the report of the whole job
     * @throws ValidationException if the job is unknown, was not started to be joined, or its file changed
     * @throws ConfigurationException if the journal does not split jobs
     */
    public BulkJob join(String jobId, ProgressListener listener) {
        return runner.join(jobId, listener);
    }

    /**
     * Resumes a job: rows done or skipped are not redone; rows in flight when the job stopped are re-planned against
     * the tenant first (an assignment that landed is recognised, a reserved number is reused); rows that failed are
     * retried, because their cause (a licence, a usage location, consent, a missing number in the pool, throttling)
     * may have been fixed since: each is planned again against the tenant — a row whose cause remains fails again with
     * the same remediation, a number a failed row left in the tenant is reused, never a second one. Then the rest
     * run. Rows the file itself gets wrong cannot be fixed by a resume: correct the file and run it as a new job.
     * A job started with {@link #startJoinable} is resumed by {@link #join joining} it (failed rows stay failed).
     *
     * @param jobId the job
     * @param listener receives progress after each row
     * @return what happened to every row
     * @throws ValidationException if the job is unknown or its file changed since the job started
     */
    public BulkReport resume(String jobId, ProgressListener listener) {
        return recovery.resume(jobId, listener);
    }

    /** Configures {@link BulkAssignments}. */
    public static final class Builder {
        private MicrosoftTenants graph;
        private CredentialStore store;
        private NumberInventory inventory;
        private UserEnablement enablement;
        private ExtensionStore extensions = new InMemoryExtensionStore();
        private JobJournal journal;
        private BulkFileFormat format = BulkFileFormat.standard();
        private Clock clock = Clock.systemUTC();
        private java.util.function.Consumer<dev.tenantconnect.core.billing.UsageEvent> usage = e -> { };
        private dev.tenantconnect.core.resilience.Sleeper sleeper = dev.tenantconnect.core.resilience.Sleeper.system();

        private Builder() {
        }

        /**
         * @param value the Microsoft side bulk reads and writes tenants through (required): a
         *     {@code GraphConnector}, or any implementation of the ports
         * @return this
         */
        public Builder microsoft(MicrosoftTenants value) {
            this.graph = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Same as {@link #microsoft(MicrosoftTenants)}, under its former name.
         *
         * @param value the Microsoft side (required)
         * @return this
         */
        public Builder graph(MicrosoftTenants value) {
            return microsoft(value);
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

        /**
         * @param value how an instance that joined a job waits while the units left are held by other instances
         *     (default: {@link dev.tenantconnect.core.resilience.Sleeper#system()})
         * @return this
         */
        public Builder sleeper(dev.tenantconnect.core.resilience.Sleeper value) {
            this.sleeper = Objects.requireNonNull(value);
            return this;
        }

        /** @return the bulk service */
        public BulkAssignments build() {
            if (graph == null || store == null || inventory == null || enablement == null || journal == null) {
                throw new ConfigurationException("BulkAssignments needs MicrosoftTenants (e.g. a GraphConnector), "
                        + "a CredentialStore, a NumberInventory, a UserEnablement and a JobJournal");
            }
            return new BulkAssignments(this);
        }
    }
}