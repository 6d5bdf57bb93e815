/**
 * Durable jobs: the {@link dev.tenantconnect.core.job.JobJournal} port where a long job (a bulk file run) records
 * each row's progress so that it resumes after a crash without redoing finished rows, with leases that keep one
 * runner per job and fence off a stale one; {@link dev.tenantconnect.core.job.FileJobJournal} keeps it in a
 * directory (the JDBC store shares it between instances).
 */
package dev.tenantconnect.core.job;
