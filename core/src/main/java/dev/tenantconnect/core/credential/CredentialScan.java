package dev.tenantconnect.core.credential;

import dev.tenantconnect.core.error.DamagedRecordException;
import java.util.List;
import java.util.Objects;

/**
 * Every readable record of a store, and every record that could not be read (named, never shown), so that one damaged
 * record never hides the others.
 *
 * @param records the readable records, ordered by tenant and service
 * @param damaged the records skipped, each naming its tenant and service and what failed
 */
public record CredentialScan(List<CredentialRecord> records, List<DamagedRecordException> damaged) {
    /** Validates and copies. */
    public CredentialScan {
        records = List.copyOf(Objects.requireNonNull(records, "records"));
        damaged = List.copyOf(Objects.requireNonNull(damaged, "damaged"));
    }

    /** @return whether every stored record was readable */
    public boolean complete() {
        return damaged.isEmpty();
    }
}
