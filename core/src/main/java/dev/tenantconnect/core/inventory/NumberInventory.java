package dev.tenantconnect.core.inventory;

import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.number.NumberState;
import dev.tenantconnect.core.number.NumberTransition;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The operator's number inventory. Every state change goes through the lifecycle's transition table and is
 * recorded; allocation is atomic (two concurrent allocations never return the same number). Implementations:
 * {@link InMemoryNumberInventory} here, the JDBC store for several instances; all pass the published contract test
 * ({@code NumberInventoryContract} in the core test-jar). Thread-safe.
 */
public interface NumberInventory {

    /**
     * Imports numbers as {@code AVAILABLE}; numbers already present are skipped, not changed. All or nothing.
     *
     * @param numbers the numbers (a {@link dev.tenantconnect.core.model.PhoneNumberRange} works)
     * @param attributes their attributes
     * @param actor who imports
     * @return how many were added and how many already existed
     */
    ImportResult importNumbers(Iterable<PhoneNumber> numbers, NumberAttributes attributes, String actor);

    /**
     * @param number a number
     * @return its inventory record
     */
    Optional<InventoryNumber> find(PhoneNumber number);

    /**
     * Picks an available number matching the request and reserves it, atomically.
     *
     * @param request what to allocate
     * @return the reserved number, or empty when none matches
     */
    Optional<InventoryNumber> allocate(AllocationRequest request);

    /**
     * The most numbers {@link #allocate(AllocationRequest, int)} or {@link #allocate(AllocationRequest, List)} reserves
     * in one call.
     */
    int MAX_BATCH = 10_000;

    /**
     * Picks up to {@code count} available numbers matching the request and reserves them, all in one transaction: each
     * is picked as {@link #allocate(AllocationRequest)} would pick it after the ones before, and recorded the same way
     * (history, allocation). Concurrent callers never get the same number. This default calls
     * {@link #allocate(AllocationRequest)} once per number; the stores in this SDK do it in one transaction (the JDBC
     * store on PostgreSQL in one statement for {@link SelectionStrategy#LOWEST}).
     *
     * @param request what to allocate
     * @param count how many, 1 to {@link #MAX_BATCH}
     * @return the reserved numbers in the order picked; fewer than {@code count} when the matching pool runs short
     *     (empty when none matches)
     * @throws dev.tenantconnect.core.error.ValidationException if {@code count} is out of range
     */
    default List<InventoryNumber> allocate(AllocationRequest request, int count) {
        checkBatch(count);
        List<InventoryNumber> out = new java.util.ArrayList<>(Math.min(count, 1024));
        while (out.size() < count) {
            Optional<InventoryNumber> next = allocate(request);
            if (next.isEmpty()) {
                break;
            }
            out.add(next.get());
        }
        return out;
    }

    /**
     * Picks one available number matching the request for each holder and reserves it, all in one transaction: the
     * i-th number picked (as {@link #allocate(AllocationRequest, int)} picks them) is reserved for the i-th holder, as
     * if {@link #allocate(AllocationRequest)} had been called with that holder (reservation, history actor,
     * allocation record); the request's own holder is not used. Each number records who holds it, so a caller that
     * loses the answer, or dies before recording it, finds every number again by its holder. When the pool runs
     * short, the first holders get a number and the last ones none. This default calls
     * {@link #allocate(AllocationRequest)} once per holder; the stores in this SDK do it in one transaction (the JDBC
     * store on PostgreSQL in one statement for {@link SelectionStrategy#LOWEST}).
     *
     * @param request what to allocate (its holder is replaced by each of {@code holders})
     * @param holders who holds each number, 1 to {@link #MAX_BATCH}, none blank
     * @return the reserved numbers, the i-th held by {@code holders.get(i)}; fewer than {@code holders} when the
     *     matching pool runs short (empty when none matches)
     * @throws dev.tenantconnect.core.error.ValidationException if there are no holders, too many, or a blank one
     */
    default List<InventoryNumber> allocate(AllocationRequest request, List<String> holders) {
        checkHolders(holders);
        List<InventoryNumber> out = new java.util.ArrayList<>(Math.min(holders.size(), 1024));
        for (String holder : holders) {
            Optional<InventoryNumber> next = allocate(request.toBuilder().holder(holder).build());
            if (next.isEmpty()) {
                break;
            }
            out.add(next.get());
        }
        return out;
    }

    /**
     * @param holders the holders of a batch
     * @throws dev.tenantconnect.core.error.ValidationException unless there are 1 to {@link #MAX_BATCH}, none blank
     */
    static void checkHolders(List<String> holders) {
        checkBatch(holders.size());
        for (String h : holders) {
            if (h == null || h.isBlank()) {
                throw new dev.tenantconnect.core.error.ValidationException("holders", "must not hold a blank "
                        + "holder");
            }
        }
    }

    /**
     * @param count a batch size
     * @throws dev.tenantconnect.core.error.ValidationException unless it is 1 to {@link #MAX_BATCH}
     */
    static void checkBatch(int count) {
        if (count < 1 || count > MAX_BATCH) {
            throw new dev.tenantconnect.core.error.ValidationException("count", "must be 1 to " + MAX_BATCH
                    + " numbers in one allocation");
        }
    }

    /**
     * Reserves one specific available number for a tenant.
     *
     * @param number the number
     * @param tenant the tenant
     * @param holder who holds it
     * @param ttl how long the reservation lasts
     * @return the reserved number
     * @throws dev.tenantconnect.core.error.NumberConflictException when it is not available
     */
    InventoryNumber reserve(PhoneNumber number, TenantId tenant, String holder, Duration ttl);

    /**
     * Moves a number along the lifecycle (the table decides what is legal; leaving quarantine waits for the
     * policy's period).
     *
     * @param number the number
     * @param to the new state
     * @param expectedVersion the version the caller read
     * @param actor who
     * @param reason why
     * @return the updated number
     */
    InventoryNumber move(PhoneNumber number, NumberState to, long expectedVersion, String actor, String reason);

    /**
     * Records a failed step: the number enters the failure state with the reason.
     *
     * @param number the number
     * @param failureState a failure state allowed from the current one
     * @param expectedVersion the version the caller read
     * @param actor who
     * @param reason what failed
     * @return the updated number
     */
    InventoryNumber fail(PhoneNumber number, NumberState failureState, long expectedVersion, String actor,
            String reason);

    /**
     * An operator's forced move outside the transition table (recorded as forced).
     *
     * @param number the number
     * @param to the state to force
     * @param actor the operator
     * @param reason the justification
     * @return the updated number
     */
    InventoryNumber force(PhoneNumber number, NumberState to, String actor, String reason);

    /**
     * @param number a number
     * @return every recorded move, oldest first ("what happened to this number")
     */
    List<NumberTransition> history(PhoneNumber number);

    /**
     * Returns expired reservations to the pool.
     *
     * @return how many were released
     */
    int expireReservations();

    /**
     * The numbers a tenant holds: reserved for it, on their way into it, in it (assigned or not), on their way out,
     * or in a failure state of one of those steps. A released number — quarantined, or back in the pool — is no longer
     * the tenant's and is not listed, although a quarantined number still records the tenant it left (see
     * {@link #find}).
     *
     * @param tenant a tenant
     * @return the numbers held by it, lowest first
     */
    List<InventoryNumber> byTenant(TenantId tenant);

    /**
     * @param lookBack the window for the allocation rate
     * @return the capacity view
     */
    CapacityReport capacity(Duration lookBack);
}
