package dev.tenantconnect.voice.enablement;

import dev.tenantconnect.core.inventory.AllocationRequest;
import dev.tenantconnect.core.inventory.CapacityReport;
import dev.tenantconnect.core.inventory.ImportResult;
import dev.tenantconnect.core.inventory.InventoryNumber;
import dev.tenantconnect.core.inventory.NumberAttributes;
import dev.tenantconnect.core.inventory.NumberInventory;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.number.NumberState;
import dev.tenantconnect.core.number.NumberTransition;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An inventory that "kills the process" at its k-th write: the pipeline's steps are separated by inventory writes,
 * so a kill there stands for a crash between any two steps — before the write lands, or right after it.
 */
final class KillingInventory implements NumberInventory {
    /** The simulated crash: nothing after it runs. */
    static final class Killed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Killed(int write, boolean afterWrite) {
            super("killed at inventory write " + write + (afterWrite ? ", after it landed" : ", before it landed"));
        }
    }

    private final NumberInventory delegate;
    private final int killAt;
    private final boolean afterWrite;
    private int writes;

    KillingInventory(NumberInventory delegate, int killAt, boolean afterWrite) {
        this.delegate = delegate;
        this.killAt = killAt;
        this.afterWrite = afterWrite;
    }

    /** @return whether the kill happened */
    boolean killed() {
        return writes >= killAt;
    }

    private synchronized <T> T write(Supplier<T> w) {
        writes++;
        if (writes == killAt && !afterWrite) {
            throw new Killed(writes, false);
        }
        T out = w.get();
        if (writes == killAt) {
            throw new Killed(writes, true);
        }
        return out;
    }

    @Override
    public ImportResult importNumbers(Iterable<PhoneNumber> numbers, NumberAttributes attributes, String actor) {
        return delegate.importNumbers(numbers, attributes, actor);
    }

    @Override
    public Optional<InventoryNumber> find(PhoneNumber number) {
        return delegate.find(number);
    }

    @Override
    public Optional<InventoryNumber> allocate(AllocationRequest request) {
        return write(() -> delegate.allocate(request));
    }

    @Override
    public InventoryNumber reserve(PhoneNumber number, TenantId tenant, String holder, Duration ttl) {
        return write(() -> delegate.reserve(number, tenant, holder, ttl));
    }

    @Override
    public InventoryNumber move(PhoneNumber number, NumberState to, long expectedVersion, String actor,
            String reason) {
        return write(() -> delegate.move(number, to, expectedVersion, actor, reason));
    }

    @Override
    public InventoryNumber fail(PhoneNumber number, NumberState failureState, long expectedVersion, String actor,
            String reason) {
        return write(() -> delegate.fail(number, failureState, expectedVersion, actor, reason));
    }

    @Override
    public InventoryNumber force(PhoneNumber number, NumberState to, String actor, String reason) {
        return write(() -> delegate.force(number, to, actor, reason));
    }

    @Override
    public List<NumberTransition> history(PhoneNumber number) {
        return delegate.history(number);
    }

    @Override
    public int expireReservations() {
        return delegate.expireReservations();
    }

    @Override
    public List<InventoryNumber> byTenant(TenantId tenant) {
        return delegate.byTenant(tenant);
    }

    @Override
    public CapacityReport capacity(Duration lookBack) {
        return delegate.capacity(lookBack);
    }
}
