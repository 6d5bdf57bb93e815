-- One pacing budget per (application, tenant), shared by every instance: a token bucket whose rate any instance's
-- pacer may change and whose pause (a 429's Retry-After) holds every instance. Times are microseconds since the
-- epoch from the instances' clocks. ceiling: the rate in force at the last 429 (rises stop short of it).
CREATE TABLE tc_pacing_budget (
    application_id VARCHAR(36)      NOT NULL,
    tenant_id      VARCHAR(36)      NOT NULL,
    rate           DOUBLE PRECISION NOT NULL,
    tokens         DOUBLE PRECISION NOT NULL,
    refilled_at    BIGINT           NOT NULL,
    paused_until   BIGINT           NOT NULL,
    granted        BIGINT           NOT NULL,
    throttles      BIGINT           NOT NULL,
    rate_set_at    BIGINT           NOT NULL,
    ceiling        DOUBLE PRECISION NOT NULL,
    throttled_at   BIGINT           NOT NULL,
    PRIMARY KEY (application_id, tenant_id)
);

-- One replication pass per tenant at a time across instances: a fenced lease (epoch) per tenant, and when its last
-- pass ended (instances working through the same tenants skip the ones another has just done).
CREATE TABLE tc_replication_lease (
    tenant_id   VARCHAR(36)  NOT NULL PRIMARY KEY,
    holder      VARCHAR(200) NOT NULL,
    epoch       BIGINT       NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    passed_at   TIMESTAMP WITH TIME ZONE
);
