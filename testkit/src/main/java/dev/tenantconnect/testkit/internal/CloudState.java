package dev.tenantconnect.testkit.internal;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.model.TenantId;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The simulated cloud's data. Every access holds the monitor of the {@code CloudState} instance, so a write is
 * visible to the next read of any API. Not API: tests change it through the public seeding handles.
 */
public final class CloudState {
    /** Tenants by ID. */
    public final Map<TenantId, Tenant> tenants = new LinkedHashMap<>();
    /** The operator's provisioning-API accounts by name. */
    public final Map<String, Account> accounts = new LinkedHashMap<>();
    /** The operator's provisioning-API numbers by E.164 text. */
    public final Map<String, OperatorNumber> operatorNumbers = new LinkedHashMap<>();
    /** Consents (requests for information) by customer tenant. */
    public final Map<TenantId, Consent> consents = new LinkedHashMap<>();

    /** A provisioning-API account: one customer tenant of the operator. */
    public static final class Account {
        /** Account name. */
        public String name;
        /** Correlation ID. */
        public String correlationId;
        /** Customer tenant, or null. */
        public TenantId teamsTenantId;
        /** Operator Connect enabled. */
        public boolean operatorConnectEnabled;
        /** Operator Connect sync enabled. */
        public boolean syncEnabled;
        /** When it was last written. */
        public Instant updatedAt;
        /** The writable document as last PUT (name, correlationId, serviceDetails), or null before any PUT. */
        public com.fasterxml.jackson.databind.node.ObjectNode document;
        /** Incremented by every write: the ETag. */
        public long version;
    }

    /** Civic addresses (provisioning API {@code teamsCivicAddresses}) seeded per customer tenant. */
    public final Map<TenantId, java.util.List<com.fasterxml.jackson.databind.node.ObjectNode>> civicAddresses =
            new java.util.LinkedHashMap<>();

    /** A number on the operator's side. */
    public static final class OperatorNumber {
        /** E.164. */
        public String telephoneNumber;
        /** Account name. */
        public String accountName;
        /** Operator Connect enabled for the number. */
        public boolean operatorConnect;
        /** CallingUserAssignment, FirstPartyAppAssignment, ConferenceAssignment. */
        public String usage;
        /** Capabilities chosen. */
        public final List<String> capabilities = new ArrayList<>();
        /** Civic address ID, or null. */
        public String civicAddressId;
        /** Custom SIP header, or null. */
        public String customSipHeader;
        /** pending, synced or failed. */
        public String status = "pending";
        /** Why it failed. */
        public String error;
        /** When it was last written (sync completes a delay later). */
        public Instant updatedAt;
    }

    /** A customer's consent to the operator (request for information). */
    public static final class Consent {
        /** The RFI ID. */
        public UUID id;
        /** The customer tenant. */
        public TenantId tenant;
        /** active, suspended, removed. */
        public String status = "active";
        /** Countries consented. */
        public final List<String> countries = new ArrayList<>();
        /** Contact name. */
        public String contactName = "Customer Admin";
        /** Contact email. */
        public String contactEmail = "admin@example.com";
        /** When consented. */
        public Instant consentedOn;
        /** Operator's relationship status text. */
        public String relationshipStatus = "ConsentReceived";
        /** Operator's comment. */
        public String relationshipComment = "";
        /** Linked account, or null. */
        public String accountName;
    }

    /** Device-code sign-ins by device code. */
    public final Map<String, DeviceCode> deviceCodes = new LinkedHashMap<>();
    /** Delegated sessions by refresh token. */
    public final Map<String, DelegatedSession> refreshTokens = new LinkedHashMap<>();

    /** A pending or finished device-code sign-in. */
    public static final class DeviceCode {
        /** The code the device polls with. */
        public String deviceCode;
        /** The code the person types. */
        public String userCode;
        /** The public client. */
        public String clientId;
        /** The scopes requested. */
        public String scope;
        /** When the code stops working. */
        public Instant expiresAt;
        /** pending, approved, declined. */
        public String status = "pending";
        /** How often the device has polled. */
        public int polls;
        /** The session once approved. */
        public DelegatedSession session;
    }

    /** A signed-in admin's delegated session. */
    public static final class DelegatedSession {
        /** The admin's tenant. */
        public TenantId tenant;
        /** The admin's object ID. */
        public UUID userId;
        /** The admin's UPN. */
        public String upn;
        /** The public client. */
        public String clientId;
        /** Granted delegated scopes (Graph permission names). */
        public final Set<String> scopes = new LinkedHashSet<>();
        /** The admin's directory roles. */
        public final Set<DirectoryRole> roles = new LinkedHashSet<>();
        /** Whether the session was revoked. */
        public boolean revoked;
    }

    /** One customer tenant. */
    public static final class Tenant {
        /** Tenant ID. */
        public final TenantId id;
        /** Organization display name. */
        public String displayName = "Contoso";
        /** Verified domains; the first is default and initial. */
        public final List<String> domains = new ArrayList<>();
        /** Subscribed SKUs by skuId. */
        public final Map<UUID, Sku> skus = new LinkedHashMap<>();
        /** Users by object ID, in creation order. */
        public final Map<UUID, User> users = new LinkedHashMap<>();
        /** App registrations and their service principals, by client ID. */
        public final Map<UUID, App> apps = new LinkedHashMap<>();
        /** Telephone numbers in the tenant, by E.164 text. */
        public final Map<String, Number> numbers = new LinkedHashMap<>();
        /** Number operations by ID. */
        public final Map<String, Operation> operations = new LinkedHashMap<>();
        /** Domains added but not yet verified, by name. */
        public final Map<String, PendingDomain> pendingDomains = new LinkedHashMap<>();
        /** TXT records the test has "published" in DNS, as domain -> text. */
        public final Map<String, String> publishedTxt = new LinkedHashMap<>();
        /** Grows with every change to a user; delta tokens remember it. */
        public long changeSeq;
        /** Deleted users and the change number of their deletion. */
        public final Map<UUID, Long> deletedUsers = new LinkedHashMap<>();
        /** Delta tokens issued before this change number are expired (410). */
        public long deltaTokensValidFrom;
        /** Teams policies: "type/name" to policy ID. */
        public final Map<String, String> policies = new LinkedHashMap<>();
        /** Policy types Graph's assign action accepts in this tenant. */
        public final Set<String> graphAssignablePolicyTypes = new LinkedHashSet<>();
        /** Policy assignments: user to (type to policy ID). */
        public final Map<UUID, Map<String, String>> policyAssignments = new LinkedHashMap<>();

        /** @param id the tenant ID */
        public Tenant(TenantId id) {
            this.id = id;
        }
    }

    /** A subscribed SKU. */
    public static final class Sku {
        /** skuId. */
        public UUID skuId;
        /** skuPartNumber. */
        public String partNumber;
        /** prepaidUnits.enabled. */
        public int enabledUnits;
        /** service plan IDs and names. */
        public final Map<UUID, String> servicePlans = new LinkedHashMap<>();
    }

    /** A user or resource account. */
    public static final class User {
        /** Object ID. */
        public UUID id;
        /** UPN. */
        public String upn;
        /** Display name. */
        public String displayName;
        /** Two-letter usage location, or null. */
        public String usageLocation;
        /** Whether this is a resource account (auto attendant or call queue). */
        public boolean resourceAccount;
        /** Assigned SKU IDs. */
        public final Set<UUID> skuIds = new LinkedHashSet<>();
        /** Service plans switched off per SKU. */
        public final Map<UUID, Set<UUID>> disabledPlans = new LinkedHashMap<>();
        /** capabilityStatus override per service plan (default Enabled). */
        public final Map<UUID, String> planStatus = new LinkedHashMap<>();
        /** When the user was created (for replication delay). */
        public Instant createdAt = Instant.EPOCH;
        /** The change number of the last change to this user. */
        public long version;
    }

    /** A domain added to the tenant and waiting for DNS verification. */
    public static final class PendingDomain {
        /** The domain name. */
        public String name;
        /** The TXT record value that proves ownership. */
        public String txt;
    }

    /** An app registration with its service principal in this tenant. */
    public static final class App {
        /** Application (client) ID. */
        public UUID clientId;
        /** Application object ID. */
        public UUID objectId;
        /** Service principal object ID, or null before one is created. */
        public UUID servicePrincipalId;
        /** When the application was created (for replication delay). */
        public Instant createdAt = Instant.EPOCH;
        /** When the service principal was created (for replication delay). */
        public Instant servicePrincipalCreatedAt = Instant.EPOCH;
        /** Key IDs of the certificates, in the order of {@link #certificates}. */
        public final List<UUID> certificateKeyIds = new ArrayList<>();
        /** Display name. */
        public String displayName = "Operator Connector";
        /** Whether sign-in is enabled. */
        public boolean enabled = true;
        /** Client secrets. */
        public final List<PasswordCredential> secrets = new ArrayList<>();
        /** Certificates whose keys may sign client assertions. */
        public final List<X509Certificate> certificates = new ArrayList<>();
        /** Graph application permissions granted (admin-consented). */
        public final Set<GraphPermission> granted = new LinkedHashSet<>();
        /** When each permission was granted through the API (seeded grants are effective at once). */
        public final Map<GraphPermission, Instant> grantedAt = new LinkedHashMap<>();
        /** Directory roles held by the service principal. */
        public final Set<DirectoryRole> roles = new LinkedHashSet<>();
        /** The client-provided alternate key (immutable once set), or null. */
        public String uniqueName;
        /** Custom strings that categorise the application ({@code tags}). */
        public final List<String> tags = new ArrayList<>();
        /** Object IDs of the owners (users or service principals). */
        public final List<UUID> owners = new ArrayList<>();
        /** The description ({@code displayName}) of each client secret, by key ID. */
        public final Map<UUID, String> secretNames = new LinkedHashMap<>();
        /** The display name of each certificate, by key ID. */
        public final Map<UUID, String> certificateNames = new LinkedHashMap<>();
        /**
         * The app roles this app holds on the operator number-provisioning API (the token's {@code roles} for that
         * audience); by default what a number-syncing client is given: read, write and delete.
         */
        public final Set<String> provisioningRoles = new LinkedHashSet<>(List.of("ProvisioningAPI.Read",
                "ProvisioningAPI.Write", "ProvisioningAPI.Delete"));

        /** @return the granted Graph permissions as name to app role ID, in grant order */
        public Map<String, UUID> grants() {
            Map<String, UUID> out = new LinkedHashMap<>();
            granted.forEach(p -> out.put(p.name(), p.appRoleId()));
            return out;
        }

        /**
         * Records a grant by the simulated Graph (its own permission catalogue supplies the ID).
         *
         * @param name the permission name
         * @param appRoleId its app role ID on the Graph service principal
         * @param at when it was granted
         * @return false when already granted
         */
        public boolean grant(String name, UUID appRoleId, Instant at) {
            GraphPermission p = new GraphPermission(name, appRoleId);
            if (granted.stream().anyMatch(g -> g.name().equals(name))) {
                return false;
            }
            granted.add(p);
            grantedAt.put(p, at);
            return true;
        }

        /**
         * @param name a permission name
         * @return whether a grant of it was removed
         */
        public boolean revoke(String name) {
            return granted.removeIf(g -> g.name().equals(name));
        }

        /** @return the template IDs of the service principal's directory roles */
        public List<UUID> roleTemplateIds() {
            return roles.stream().map(DirectoryRole::templateId).toList();
        }

        /**
         * @param templateId a role template ID
         * @return false when already held
         */
        public boolean addRole(UUID templateId) {
            return roles.add(new DirectoryRole(templateId));
        }

        /**
         * @param templateId a role template ID
         * @return whether it was held
         */
        public boolean removeRole(UUID templateId) {
            return roles.remove(new DirectoryRole(templateId));
        }
    }

    /**
     * A client secret of an app.
     *
     * @param keyId the key ID
     * @param text the secret text
     * @param endDateTime expiry
     */
    public record PasswordCredential(UUID keyId, String text, Instant endDateTime) {
    }

    /** A telephone number in the tenant's Teams inventory. */
    public static final class Number {
        /** E.164 with '+'. */
        public String telephoneNumber;
        /** operatorConnect, directRouting or callingPlan. */
        public String numberType = "operatorConnect";
        /** unassigned, userAssigned, voiceApplicationAssigned... */
        public String assignmentStatus = "unassigned";
        /** activated, assignmentPending, assignmentFailed... */
        public String activationState = "activated";
        /** Object ID of the user or resource account it is assigned to, or null. */
        public UUID assignmentTargetId;
        /** primary, private, alternate. */
        public String assignmentCategory = "primary";
        /** userAssignment, voiceApplicationAssignment, conferenceAssignment. */
        public final List<String> capabilities = new ArrayList<>(List.of("userAssignment", "voiceApplicationAssignment"));
        /** Two-letter country. */
        public String isoCountryCode = "SG";
        /** City. */
        public String city = "Singapore";
        /** Operator ID. */
        public String operatorId = "5a1f6c1e-0000-4000-8000-00000000a0c1";
        /** Emergency location ID, or null. */
        public String locationId;
        /** Whether assignment operations on this number fail. */
        public boolean failOperations;
    }

    /** An asynchronous number operation. */
    public static final class Operation {
        /** Operation ID. */
        public String id;
        /** assign or unassign. */
        public String kind;
        /** The number. */
        public String telephoneNumber;
        /** Target of an assignment. */
        public UUID targetId;
        /** Assignment category requested. */
        public String category;
        /** When it was accepted. */
        public Instant createdAt;
        /** Whether its outcome has been applied. */
        public boolean finished;
        /** succeeded or failed, once finished. */
        public String outcome;
        /** Why it failed. */
        public String statusDetail;
    }
}
