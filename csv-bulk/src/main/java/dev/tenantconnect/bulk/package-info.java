/**
 * Bulk assignment from CSV: many users, numbers and add-ons from one file.
 * {@link dev.tenantconnect.bulk.BulkFileFormat} writes the sample file and validates files without a tenant
 * (streaming, constant memory); {@link dev.tenantconnect.bulk.BulkAssignments} plans a file against a tenant (dry
 * run), runs the plan with bounded concurrency and progress, journals every row's outcome durably
 * ({@link dev.tenantconnect.core.job.JobJournal}), resumes interrupted jobs and writes the results file. It takes the root
 * client's wiring: {@code BulkAssignments.of(client, journal)}.
 */
package dev.tenantconnect.bulk;
