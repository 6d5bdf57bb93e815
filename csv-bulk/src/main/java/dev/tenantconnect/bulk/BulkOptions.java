package dev.tenantconnect.bulk;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a bulk file is planned and run.
 *
 * @param concurrency rows in flight at once for the tenant (the per-tenant rate limiter paces requests beneath)
 * @param failurePolicy continue or stop at the first failed row
 * @param invalidRows refuse a file with invalid rows, or run the valid ones
 * @param numberPool where picked numbers come from (needed when rows use {@code license_number} without a number)
 * @param locationId the emergency location set on assigned numbers, if any
 * @param policies Teams policies granted to every enabled user (type to policy name)
 * @param resultsFile where the results file goes (default: beside the input, {@code NAME.results.csv})
 * @param takeOverNumbers whether a row whose number another user or resource account holds now takes it from them
 *     (unassigned from the holder, then assigned to the row's user); off by default: such a row is invalid and the
 *     plan names the holder — a restore never takes a number away unless asked
 */
public record BulkOptions(int concurrency, FailurePolicy failurePolicy, InvalidRows invalidRows,
        Optional<NumberPool> numberPool, Optional<String> locationId, Map<String, String> policies,
        Optional<Path> resultsFile, boolean takeOverNumbers) {
    /** Validates and copies. */
    public BulkOptions {
        if (concurrency < 1 || concurrency > 64) {
            throw new dev.tenantconnect.core.error.ValidationException("concurrency", "must be 1 to 64");
        }
        Objects.requireNonNull(failurePolicy, "failurePolicy");
        Objects.requireNonNull(invalidRows, "invalidRows");
        Objects.requireNonNull(numberPool, "numberPool");
        Objects.requireNonNull(locationId, "locationId");
        policies = Map.copyOf(policies);
        Objects.requireNonNull(resultsFile, "resultsFile");
    }

    /**
     * Options that take no number from its holder.
     *
     * @param concurrency rows in flight
     * @param failurePolicy continue or stop at the first failed row
     * @param invalidRows refuse a file with invalid rows, or run the valid ones
     * @param numberPool where picked numbers come from
     * @param locationId the emergency location, if any
     * @param policies Teams policies granted to every enabled user
     * @param resultsFile where the results file goes
     */
    public BulkOptions(int concurrency, FailurePolicy failurePolicy, InvalidRows invalidRows,
            Optional<NumberPool> numberPool, Optional<String> locationId, Map<String, String> policies,
            Optional<Path> resultsFile) {
        this(concurrency, failurePolicy, invalidRows, numberPool, locationId, policies, resultsFile, false);
    }

    /** @return 4 rows in flight, continue on failure, reject invalid files, no pool, no location, no policies */
    public static BulkOptions defaults() {
        return new BulkOptions(4, FailurePolicy.CONTINUE, InvalidRows.REJECT_FILE, Optional.empty(),
                Optional.empty(), Map.of(), Optional.empty());
    }

    /**
     * @param value rows in flight at once
     * @return a copy with it
     */
    public BulkOptions withConcurrency(int value) {
        return new BulkOptions(value, failurePolicy, invalidRows, numberPool, locationId, policies,
                resultsFile, takeOverNumbers);
    }

    /**
     * @param value the failure policy
     * @return a copy with it
     */
    public BulkOptions withFailurePolicy(FailurePolicy value) {
        return new BulkOptions(concurrency, value, invalidRows, numberPool, locationId, policies,
                resultsFile, takeOverNumbers);
    }

    /**
     * @param value what to do with invalid rows
     * @return a copy with it
     */
    public BulkOptions withInvalidRows(InvalidRows value) {
        return new BulkOptions(concurrency, failurePolicy, value, numberPool, locationId, policies,
                resultsFile, takeOverNumbers);
    }

    /**
     * @param value where picked numbers come from
     * @return a copy with it
     */
    public BulkOptions withNumberPool(NumberPool value) {
        return new BulkOptions(concurrency, failurePolicy, invalidRows, Optional.of(value), locationId, policies,
                resultsFile, takeOverNumbers);
    }

    /**
     * @param value the emergency location ID
     * @return a copy with it
     */
    public BulkOptions withLocationId(String value) {
        return new BulkOptions(concurrency, failurePolicy, invalidRows, numberPool, Optional.of(value), policies,
                resultsFile, takeOverNumbers);
    }

    /**
     * @param value Teams policies to grant, type to name
     * @return a copy with them
     */
    public BulkOptions withPolicies(Map<String, String> value) {
        return new BulkOptions(concurrency, failurePolicy, invalidRows, numberPool, locationId, value, resultsFile,
                takeOverNumbers);
    }

    /**
     * @param value where the results file goes
     * @return a copy with it
     */
    public BulkOptions withResultsFile(Path value) {
        return new BulkOptions(concurrency, failurePolicy, invalidRows, numberPool, locationId, policies,
                Optional.of(value), takeOverNumbers);
    }

    /**
     * @param value whether rows take their number from whoever holds it now (see {@link #takeOverNumbers()})
     * @return a copy with it
     */
    public BulkOptions withTakeOverNumbers(boolean value) {
        return new BulkOptions(concurrency, failurePolicy, invalidRows, numberPool, locationId, policies, resultsFile,
                value);
    }
}
