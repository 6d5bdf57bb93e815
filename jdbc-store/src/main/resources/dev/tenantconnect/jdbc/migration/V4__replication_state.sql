-- Where each tenant's next incremental replication starts.
CREATE TABLE tc_replication_state (
    tenant_id    VARCHAR(36)  NOT NULL PRIMARY KEY,
    delta_link   VARCHAR(8000) NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
