package dev.tenantconnect.bulk;

/** What a run does with a plan that has invalid rows. */
public enum InvalidRows {
    /** Refuse to run: nothing is written until the file is clean (the default). */
    REJECT_FILE,
    /** Run the valid rows; the invalid ones are reported failed with their problems. */
    SKIP_ROWS
}
