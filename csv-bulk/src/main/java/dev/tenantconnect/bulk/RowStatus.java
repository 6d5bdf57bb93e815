package dev.tenantconnect.bulk;

import java.util.Locale;

/** A row's status in the results file. */
public enum RowStatus {
    /** The row's writes are applied (or were found applied, when an interrupted row was reconciled). */
    DONE,
    /** Nothing to do: the tenant and the platform already matched the row. */
    SKIPPED,
    /** The row could not be applied; the results say why and what to do. Nothing of it is half-done. */
    FAILED,
    /** Not run yet: the job stopped (first failure, stop request, crash) before the row; resume runs it. */
    PENDING;

    /** @return the text written to the results file */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
