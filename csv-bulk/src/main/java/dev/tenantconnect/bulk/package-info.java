/**
 * Bulk assignment from CSV (seed 001): sample file, streaming validation, dry-run plans, runs with progress, per-row result files, journal and resume. Filled by issue #6.
 */
package dev.tenantconnect.bulk;
