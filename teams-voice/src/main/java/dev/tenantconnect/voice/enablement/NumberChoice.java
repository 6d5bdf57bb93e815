package dev.tenantconnect.voice.enablement;

import dev.tenantconnect.core.inventory.AllocationRequest;
import dev.tenantconnect.core.model.PhoneNumber;
import java.util.Objects;

/** Which number a user gets: a specific one, or one the inventory picks. */
public sealed interface NumberChoice permits NumberChoice.Specific, NumberChoice.Pick {

    /**
     * This exact number.
     *
     * @param number the number
     */
    record Specific(PhoneNumber number) implements NumberChoice {
        /** Rejects null. */
        public Specific {
            Objects.requireNonNull(number, "number");
        }
    }

    /**
     * Auto-select an available number from the operator's inventory.
     *
     * @param criteria what to allocate
     */
    record Pick(AllocationRequest criteria) implements NumberChoice {
        /** Rejects null. */
        public Pick {
            Objects.requireNonNull(criteria, "criteria");
        }
    }
}
