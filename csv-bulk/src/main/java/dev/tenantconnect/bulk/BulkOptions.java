package dev.tenantconnect.bulk;

import dev.tenantconnect.core.error.ValidationException;
import java.nio.file.Path;
import dev.tenantconnect.core.tenant.TeamsPolicy;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a bulk file is planned and run. Start from {@link #defaults()} or {@link #builder()}; {@link #toBuilder()} and
 * the {@code with...} methods copy one to change a field, so a field added later breaks no caller.
 */
public final class BulkOptions {
    private static final BulkOptions DEFAULTS = builder().build();

    private final int concurrency;
    private final FailurePolicy failurePolicy;
    private final InvalidRows invalidRows;
    private final Optional<NumberPool> numberPool;
    private final Optional<String> locationId;
    private final Set<TeamsPolicy> policies;
    private final Optional<Path> resultsFile;
    private final boolean takeOverNumbers;

    private BulkOptions(Builder b) {
        this.concurrency = b.concurrency;
        this.failurePolicy = b.failurePolicy;
        this.invalidRows = b.invalidRows;
        this.numberPool = Optional.ofNullable(b.numberPool);
        this.locationId = Optional.ofNullable(b.locationId);
        this.policies = b.policies;
        this.resultsFile = Optional.ofNullable(b.resultsFile);
        this.takeOverNumbers = b.takeOverNumbers;
    }

    /** @return 4 rows in flight, continue on failure, reject invalid files, no pool, no location, no policies */
    public static BulkOptions defaults() {
        return DEFAULTS;
    }

    /** @return a builder holding {@link #defaults()} */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these options */
    public Builder toBuilder() {
        Builder b = new Builder().concurrency(concurrency).failurePolicy(failurePolicy).invalidRows(invalidRows)
                .policies(policies).takeOverNumbers(takeOverNumbers);
        b.numberPool = numberPool.orElse(null);
        b.locationId = locationId.orElse(null);
        b.resultsFile = resultsFile.orElse(null);
        return b;
    }

    /** @return rows in flight at once for the tenant (the per-tenant rate limiter paces requests beneath) */
    public int concurrency() {
        return concurrency;
    }

    /** @return continue or stop at the first failed row */
    public FailurePolicy failurePolicy() {
        return failurePolicy;
    }

    /** @return refuse a file with invalid rows, or run the valid ones */
    public InvalidRows invalidRows() {
        return invalidRows;
    }

    /** @return where picked numbers come from (needed when rows use {@code license_number} without a number) */
    public Optional<NumberPool> numberPool() {
        return numberPool;
    }

    /** @return the emergency location set on assigned numbers, if any */
    public Optional<String> locationId() {
        return locationId;
    }

    /** @return Teams policies granted to every enabled user, at most one per policy type */
    public Set<TeamsPolicy> policies() {
        return policies;
    }

    /** @return where the results file goes (default: beside the input, {@code NAME.results.csv}) */
    public Optional<Path> resultsFile() {
        return resultsFile;
    }

    /**
     * @return whether a row whose number another user or resource account holds now takes it from them (unassigned
     *     from the holder, then assigned to the row's user); off by default: such a row is invalid and the plan names
     *     the holder — a restore never takes a number away unless asked
     */
    public boolean takeOverNumbers() {
        return takeOverNumbers;
    }

    /**
     * @param value rows in flight at once
     * @return a copy with it
     */
    public BulkOptions withConcurrency(int value) {
        return toBuilder().concurrency(value).build();
    }

    /**
     * @param value the failure policy
     * @return a copy with it
     */
    public BulkOptions withFailurePolicy(FailurePolicy value) {
        return toBuilder().failurePolicy(value).build();
    }

    /**
     * @param value what to do with invalid rows
     * @return a copy with it
     */
    public BulkOptions withInvalidRows(InvalidRows value) {
        return toBuilder().invalidRows(value).build();
    }

    /**
     * @param value where picked numbers come from
     * @return a copy with it
     */
    public BulkOptions withNumberPool(NumberPool value) {
        return toBuilder().numberPool(value).build();
    }

    /**
     * @param value the emergency location ID
     * @return a copy with it
     */
    public BulkOptions withLocationId(String value) {
        return toBuilder().locationId(value).build();
    }

    /**
     * @param value Teams policies to grant, at most one per policy type
     * @return a copy with them
     * @throws ValidationException naming {@code policies} when a policy type appears twice
     */
    public BulkOptions withPolicies(Set<TeamsPolicy> value) {
        return toBuilder().policies(value).build();
    }

    /**
     * @param value where the results file goes
     * @return a copy with it
     */
    public BulkOptions withResultsFile(Path value) {
        return toBuilder().resultsFile(value).build();
    }

    /**
     * @param value whether rows take their number from whoever holds it now (see {@link #takeOverNumbers()})
     * @return a copy with it
     */
    public BulkOptions withTakeOverNumbers(boolean value) {
        return toBuilder().takeOverNumbers(value).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BulkOptions b && concurrency == b.concurrency && failurePolicy == b.failurePolicy
                && invalidRows == b.invalidRows && numberPool.equals(b.numberPool) && locationId.equals(b.locationId)
                && policies.equals(b.policies) && resultsFile.equals(b.resultsFile)
                && takeOverNumbers == b.takeOverNumbers;
    }

    @Override
    public int hashCode() {
        return Objects.hash(concurrency, failurePolicy, invalidRows, numberPool, locationId, policies, resultsFile,
                takeOverNumbers);
    }

    @Override
    public String toString() {
        return "BulkOptions[concurrency=" + concurrency + ", failurePolicy=" + failurePolicy + ", invalidRows="
                + invalidRows + ", numberPool=" + numberPool.map(NumberPool::toString).orElse("-") + ", locationId="
                + locationId.orElse("-") + ", policies=" + policies + ", resultsFile="
                + resultsFile.map(Path::toString).orElse("-") + ", takeOverNumbers=" + takeOverNumbers + "]";
    }

    /** Configures {@link BulkOptions}; starts from {@link BulkOptions#defaults()}. */
    public static final class Builder {
        private int concurrency = 4;
        private FailurePolicy failurePolicy = FailurePolicy.CONTINUE;
        private InvalidRows invalidRows = InvalidRows.REJECT_FILE;
        private NumberPool numberPool;
        private String locationId;
        private Set<TeamsPolicy> policies = Set.of();
        private Path resultsFile;
        private boolean takeOverNumbers;

        private Builder() {
        }

        /**
         * @param value rows in flight at once for the tenant, 1 to 64 (default 4)
         * @return this
         * @throws ValidationException if it is out of range
         */
        public Builder concurrency(int value) {
            if (value < 1 || value > 64) {
                throw new ValidationException("concurrency", "must be 1 to 64");
            }
            this.concurrency = value;
            return this;
        }

        /**
         * @param value continue or stop at the first failed row (default {@link FailurePolicy#CONTINUE})
         * @return this
         */
        public Builder failurePolicy(FailurePolicy value) {
            this.failurePolicy = Objects.requireNonNull(value, "failurePolicy");
            return this;
        }

        /**
         * @param value refuse a file with invalid rows, or run the valid ones (default
         *     {@link InvalidRows#REJECT_FILE})
         * @return this
         */
        public Builder invalidRows(InvalidRows value) {
            this.invalidRows = Objects.requireNonNull(value, "invalidRows");
            return this;
        }

        /**
         * @param value where picked numbers come from
         * @return this
         */
        public Builder numberPool(NumberPool value) {
            this.numberPool = Objects.requireNonNull(value, "numberPool");
            return this;
        }

        /**
         * @param value the emergency location set on assigned numbers
         * @return this
         */
        public Builder locationId(String value) {
            this.locationId = Objects.requireNonNull(value, "locationId");
            return this;
        }

        /**
         * @param value Teams policies granted to every enabled user, at most one per policy type (default none);
         *     a configuration file's or command line's type-to-name map becomes this set through
         *     {@link TeamsPolicy#fromMap}
         * @return this
         * @throws ValidationException naming {@code policies} when a policy type appears twice
         */
        public Builder policies(Set<TeamsPolicy> value) {
            Objects.requireNonNull(value, "policies");
            TeamsPolicy.toMap(value); // one per type
            this.policies = Collections.unmodifiableSet(new LinkedHashSet<>(value));
            return this;
        }

        /**
         * @param value where the results file goes
         * @return this
         */
        public Builder resultsFile(Path value) {
            this.resultsFile = Objects.requireNonNull(value, "resultsFile");
            return this;
        }

        /**
         * @param value whether rows take their number from whoever holds it now (default off; see
         *     {@link BulkOptions#takeOverNumbers()})
         * @return this
         */
        public Builder takeOverNumbers(boolean value) {
            this.takeOverNumbers = value;
            return this;
        }

        /** @return the options */
        public BulkOptions build() {
            return new BulkOptions(this);
        }
    }
}
