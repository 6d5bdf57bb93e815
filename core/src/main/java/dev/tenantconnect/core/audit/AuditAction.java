package dev.tenantconnect.core.audit;

/** What was changed: every kind of write the SDK makes to a customer tenant or to the credential store. */
public enum AuditAction {
    /** A number uploaded to the tenant through the operator provisioning API. */
    NUMBER_UPLOAD,
    /** A number released from the tenant through the operator provisioning API. */
    NUMBER_RELEASE,
    /** A number assigned to a user or resource account. */
    NUMBER_ASSIGN,
    /** A number unassigned. */
    NUMBER_UNASSIGN,
    /** A number's emergency location changed. */
    NUMBER_UPDATE,
    /** A Teams policy granted to a user. */
    POLICY_GRANT,
    /** An app registration created. */
    APP_REGISTRATION_CREATE,
    /** An app registration changed (names, tags, certificates set as a whole). */
    APP_REGISTRATION_UPDATE,
    /** An app registration deleted. */
    APP_REGISTRATION_DELETE,
    /** An owner added to an app registration. */
    APP_OWNER_ADD,
    /** A service principal created for an application. */
    SERVICE_PRINCIPAL_CREATE,
    /** A Graph application permission granted (app role assignment). */
    PERMISSION_GRANT,
    /** A Graph application permission removed. */
    PERMISSION_REVOKE,
    /** A directory role assigned. */
    ROLE_ASSIGN,
    /** A directory role assignment removed. */
    ROLE_REMOVE,
    /** A client secret added to an app registration. */
    SECRET_ADD,
    /** A client secret removed. */
    SECRET_REMOVE,
    /** A certificate added to an app registration. */
    CERTIFICATE_ADD,
    /** A certificate removed. */
    CERTIFICATE_REMOVE,
    /** A domain added to the tenant. */
    DOMAIN_ADD,
    /** A domain verified. */
    DOMAIN_VERIFY,
    /** A user created (Direct Routing activation user). */
    USER_CREATE,
    /** A user deleted. */
    USER_DELETE,
    /** A licence assigned to a user. */
    LICENSE_ASSIGN,
    /** Any other write to the tenant (its target names the resource). */
    TENANT_WRITE_OTHER,
    /** A credential stored for a (tenant, service) for the first time. */
    CREDENTIAL_CREATE,
    /** A stored credential replaced (rotation, upgrade). */
    CREDENTIAL_REPLACE,
    /** The previous credential of a record forgotten. */
    CREDENTIAL_RETIRE_PREVIOUS,
    /** A stored credential deleted. */
    CREDENTIAL_DELETE
}
