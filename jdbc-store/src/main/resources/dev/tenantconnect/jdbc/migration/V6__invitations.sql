-- App-registration invitations (the operator hands an invitation to the customer admin, who completes the registration), and the names they claim: a name belongs to one service per
-- tenant (compared without case), enforced by the primary key of tc_invitation_name, so two instances cannot give
-- the same name to two services.
CREATE TABLE tc_invitation (
    id                     VARCHAR(36)   NOT NULL PRIMARY KEY,
    tenant_id              VARCHAR(36)   NOT NULL,
    service_id             VARCHAR(64)   NOT NULL,
    name                   VARCHAR(64)   NOT NULL,
    status                 VARCHAR(16)   NOT NULL,
    application_id         VARCHAR(36),
    application_object_id  VARCHAR(36),
    failure                VARCHAR(4000),
    created_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at             TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX tc_invitation_tenant ON tc_invitation (tenant_id, created_at);

CREATE TABLE tc_invitation_name (
    tenant_id   VARCHAR(36) NOT NULL,
    name_key    VARCHAR(64) NOT NULL,
    service_id  VARCHAR(64) NOT NULL,
    PRIMARY KEY (tenant_id, name_key)
);
