-- Bulk jobs any instance can join: a job's rows split into work units, each claimed by one runner at a time with a
-- lease fenced like a job's (V5): every claim takes the unit's next epoch, and a journal write is accepted only from
-- the holder of the unit's current epoch. A unit of a later stage is claimed only once every unit of the earlier
-- stages is done; the last stage assembles the results file (its unit has no lines), so it is written once.
CREATE TABLE tc_job_unit (
    job_id       VARCHAR(64)    NOT NULL,
    unit_no      INTEGER        NOT NULL,
    stage        INTEGER        NOT NULL,
    lines        VARCHAR(65536) NOT NULL,   -- the rows' file lines, ascending, comma-separated
    done         BOOLEAN        DEFAULT FALSE NOT NULL,
    lease_token  VARCHAR(64),
    lease_until  TIMESTAMP WITH TIME ZONE,
    lease_epoch  BIGINT         DEFAULT 0 NOT NULL,
    PRIMARY KEY (job_id, unit_no)
);
CREATE INDEX tc_job_unit_open ON tc_job_unit (job_id, done, stage, unit_no);
