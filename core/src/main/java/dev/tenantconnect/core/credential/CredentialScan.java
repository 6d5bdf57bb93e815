package dev.tenantconnect.core.credential;

import java.util.List;
import java.util.Objects;

/**
 * Every readable record of a store, and every record that could not be read (named, never shown), so that one damaged
 * record never hides the others.
 *
 * @param records the readable records, ordered by tenant and service
 * @param damaged the records skipped, each naming its tenant and service and what failed
 */
public record CredentialScan(List<CredentialRecord> records, List<Damaged> damaged) {
    /** Validates and copies. */
    public CredentialScan {
        records = List.copyOf(Objects.requireNonNull(records, "records"));
        damaged = List.copyOf(Objects.requireNonNull(damaged, "damaged"));
    }

    /**
     * A record skipped because it is damaged; reading it throws
     * {@link dev.tenantconnect.core.error.DamagedRecordException} with the same names and problem.
     *
     * @param tenant the tenant as stored, sanitised (it may not be a valid tenant ID)
     * @param service the service as stored, sanitised
     * @param problem what failed, without secret material
     */
    public record Damaged(String tenant, String service, String problem) {
        /** Rejects nulls. */
        public Damaged {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(problem, "problem");
        }

        /**
         * @param e a damaged record's exception
         * @return the same facts as a value
         */
        public static Damaged of(dev.tenantconnect.core.error.DamagedRecordException e) {
            return new Damaged(e.tenant(), e.service(), e.problem());
        }
    }

    /** @return whether every stored record was readable */
    public boolean complete() {
        return damaged.isEmpty();
    }
}
