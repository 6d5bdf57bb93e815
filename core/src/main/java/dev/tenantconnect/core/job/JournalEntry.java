package dev.tenantconnect.core.job;

import dev.tenantconnect.core.model.PhoneNumber;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One durable record of a bulk job's progress on a row.
 *
 * @param line the row's file line
 * @param kind what happened
 * @param number the number involved, if any
 * @param user the user's object ID, if known
 * @param error why the row failed or was skipped (empty otherwise)
 * @param remediation what to do about a failure (empty otherwise)
 * @param at when it was recorded
 */
public record JournalEntry(long line, Kind kind, Optional<PhoneNumber> number, Optional<UUID> user, String error,
        String remediation, Instant at) {
    /** Validates. */
    public JournalEntry {
        if (line < 1) {
            throw new IllegalArgumentException("line must be positive");
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(remediation, "remediation");
        Objects.requireNonNull(at, "at");
    }

    /** What a journal entry records. */
    public enum Kind {
        /** The row's work began (a row started but not finished is reconciled with the tenant on resume). */
        STARTED,
        /** A number was picked and reserved for the row (resume reuses it instead of picking another). */
        ALLOCATED,
        /** The row is done. */
        DONE,
        /** The row failed. */
        FAILED,
        /** The row needed nothing. */
        SKIPPED;

        /** @return whether this kind ends the row's work */
        public boolean terminal() {
            return this == DONE || this == FAILED || this == SKIPPED;
        }
    }

    @Override
    public String toString() {
        return "JournalEntry[line " + line + ", " + kind + ", number=" + number.map(PhoneNumber::redacted).orElse("-")
                + "]";
    }
}
