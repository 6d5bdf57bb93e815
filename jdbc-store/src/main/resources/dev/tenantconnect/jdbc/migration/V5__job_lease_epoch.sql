-- Fenced bulk job leases: every lease taken on a job gets the next epoch (its fencing token), and a journal write
-- is accepted only from the holder of the current epoch.
ALTER TABLE tc_job ADD COLUMN lease_epoch BIGINT DEFAULT 0 NOT NULL;
