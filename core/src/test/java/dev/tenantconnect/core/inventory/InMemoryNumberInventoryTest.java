package dev.tenantconnect.core.inventory;

import dev.tenantconnect.core.number.NumberLifecycle;
import dev.tenantconnect.core.number.QuarantinePolicy;
import dev.tenantconnect.core.testing.FakeClock;
import java.util.SplittableRandom;

class InMemoryNumberInventoryTest extends NumberInventoryContract {
    @Override
    protected NumberInventory newInventory(FakeClock clock, QuarantinePolicy quarantine) {
        return new InMemoryNumberInventory(new NumberLifecycle(quarantine, clock), clock, new SplittableRandom(7));
    }
}
