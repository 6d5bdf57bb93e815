package dev.tenantconnect.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.credential.TenantCredential;
import dev.tenantconnect.core.error.AuthenticationFailedException;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.error.ResourceNotFoundException;
import dev.tenantconnect.core.error.ServiceException;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.licensing.AssignedPlan;
import dev.tenantconnect.core.licensing.CapabilityStatus;
import dev.tenantconnect.core.licensing.ServicePlan;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.core.tenant.AppCredentialInfo;
import dev.tenantconnect.core.tenant.AppRegistrations;
import dev.tenantconnect.core.tenant.AppTokenClaims;
import dev.tenantconnect.core.tenant.CreatedApplication;
import dev.tenantconnect.core.tenant.DirectoryWrites;
import dev.tenantconnect.core.tenant.DnsRecord;
import dev.tenantconnect.core.tenant.MicrosoftTenants;
import dev.tenantconnect.core.tenant.NewSecret;
import dev.tenantconnect.core.tenant.NumberOperation;
import dev.tenantconnect.core.tenant.PolicyGrantResult;
import dev.tenantconnect.core.tenant.SkuInfo;
import dev.tenantconnect.core.tenant.TeamsNumberType;
import dev.tenantconnect.core.tenant.TeamsNumbers;
import dev.tenantconnect.core.tenant.TeamsPolicies;
import dev.tenantconnect.core.tenant.TenantDirectory;
import dev.tenantconnect.core.tenant.TenantNumber;
import dev.tenantconnect.core.tenant.UserInfo;
import dev.tenantconnect.testkit.Sku;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every implementation of the Microsoft-side ports must show, written once and run against each: the
 * graph-adapter on the {@link dev.tenantconnect.testkit.MicrosoftCloudSimulator} and the testkit's
 * {@link dev.tenantconnect.testkit.InMemoryMicrosoftTenants} — so the fake cannot drift from what the adapter does on
 * (simulated) Microsoft. Extend it, give it the ports and a way to seed a fresh tenant.
 */
public abstract class MicrosoftPortsContract {
    /** The display name a seeded tenant's organization has. */
    protected static final String ORGANIZATION = "Contoso Contract";
    /** The verified domain a seeded tenant has; seeded users live on it. */
    protected static final String DOMAIN = "contract.example";

    /** Seeds one fresh tenant in which the operator's app holds every permission the ports need. */
    protected interface Seeding {
        /** @return the tenant */
        TenantId tenant();

        /** @return a client secret credential of the operator's app in it */
        TenantCredential credential();

        /**
         * Seeds a user; SKUs {@link Sku#TEAMS_PHONE_STANDARD} and {@link Sku#M365_E3} (10 units each) are there.
         *
         * @param upn the UPN, on {@link #DOMAIN}
         * @param displayName the display name
         * @param usageLocation two-letter country
         * @param licenses the SKUs assigned
         * @return the object ID
         */
        UUID addUser(String upn, String displayName, String usageLocation, Sku... licenses);

        /**
         * @param number a number to put in the tenant's Teams inventory, unassigned
         * @param type its kind
         */
        void addNumber(PhoneNumber number, NumberType type);

        /**
         * @param type a policy type
         * @param name its name
         */
        void policy(String type, String name);
    }

    /**
     * @return a fresh tenant with {@link #ORGANIZATION} as its name, {@link #DOMAIN} verified, the two SKUs bought
     *     and the operator's app registered with every permission
     */
    protected abstract Seeding freshTenant();

    /** @return the implementation under test, for the tenant of the last {@link #freshTenant()} */
    protected abstract MicrosoftTenants ports();

    private Seeding seed;

    @BeforeEach
    void seedTenant() {
        seed = freshTenant();
    }

    private TenantDirectory directory() {
        return ports().directory(seed.tenant(), seed.credential());
    }

    private TeamsNumbers numbers() {
        return ports().teamsNumbers(seed.tenant(), seed.credential());
    }

    private static boolean teamsPhone(UserInfo u) {
        return u.assignedPlans().stream().map(AssignedPlan::plan).anyMatch(ServicePlan.TEAMS_PHONE::equals)
                && u.assignedPlans().stream().filter(p -> p.plan().equals(ServicePlan.TEAMS_PHONE))
                        .allMatch(p -> p.status() == CapabilityStatus.ENABLED);
    }

    @Test
    void the_organization_is_the_tenant_with_its_name_and_verified_domains() {
        var org = directory().organization();

        assertEquals(seed.tenant(), org.id());
        assertEquals(ORGANIZATION, org.displayName());
        assertTrue(org.verifiedDomains().contains(DOMAIN), org.verifiedDomains().toString());
    }

    @Test
    void a_user_is_found_by_upn_and_by_object_id_with_usage_location_and_licences() {
        UUID alice = seed.addUser("alice@" + DOMAIN, "Alice", "SG", Sku.TEAMS_PHONE_STANDARD);
        UUID bob = seed.addUser("bob@" + DOMAIN, "Bob", "GB", Sku.M365_E3);

        UserInfo byUpn = directory().user(UserRef.parse("ALICE@" + DOMAIN)).orElseThrow();
        UserInfo byId = directory().user(UserRef.parse(bob.toString())).orElseThrow();

        assertEquals(alice, byUpn.id());
        assertEquals(Optional.of("SG"), byUpn.usageLocation());
        assertTrue(teamsPhone(byUpn));
        assertEquals(Optional.of(UserRef.Upn.parse("bob@" + DOMAIN)), byId.userPrincipalName());
        assertFalse(teamsPhone(byId));
        assertEquals(Optional.empty(), directory().user(UserRef.parse("nobody@" + DOMAIN)));
    }

    @Test
    void many_users_are_answered_in_the_order_asked_with_the_unknown_ones_empty() {
        UUID alice = seed.addUser("alice@" + DOMAIN, "Alice", "SG", Sku.TEAMS_PHONE_STANDARD);
        UserRef nobody = UserRef.parse("nobody@" + DOMAIN);
        UserRef a = UserRef.parse("alice@" + DOMAIN);

        Map<UserRef, Optional<UserInfo>> found = directory().users(List.of(nobody, a, a));

        assertEquals(List.of(nobody, a), List.copyOf(found.keySet()));
        assertEquals(Optional.empty(), found.get(nobody));
        assertEquals(alice, found.get(a).orElseThrow().id());
    }

    @Test
    void users_are_found_by_exact_display_name_all_of_them() {
        UUID one = seed.addUser("pat.lee@" + DOMAIN, "Pat Lee", "SG");
        UUID two = seed.addUser("pat.lee2@" + DOMAIN, "Pat Lee", "SG");
        seed.addUser("pat@" + DOMAIN, "Pat", "SG");

        assertEquals(Set.of(one, two), Set.copyOf(directory().usersByDisplayName("Pat Lee").stream()
                .map(UserInfo::id).toList()));
        assertEquals(List.of(), directory().usersByDisplayName("Nobody Here"));
    }

    @Test
    void a_delta_read_returns_everyone_first_and_then_only_what_changed() {
        UUID alice = seed.addUser("alice@" + DOMAIN, "Alice", "SG");
        TenantDirectory.UserDelta first = directory().usersDelta(Optional.empty()).orElseThrow();
        assertTrue(first.changed().stream().anyMatch(u -> u.id().equals(alice)));
        assertFalse(first.deltaLink().isEmpty());

        UUID bob = seed.addUser("bob@" + DOMAIN, "Bob", "SG");
        TenantDirectory.UserDelta next = directory().usersDelta(Optional.of(first.deltaLink())).orElseThrow();

        assertEquals(List.of(bob), next.changed().stream().map(UserInfo::id).toList());
        assertEquals(List.of(), next.removed());
    }

    @Test
    void subscribed_skus_count_bought_and_assigned_licences() {
        seed.addUser("alice@" + DOMAIN, "Alice", "SG", Sku.TEAMS_PHONE_STANDARD);
        seed.addUser("bob@" + DOMAIN, "Bob", "SG", Sku.TEAMS_PHONE_STANDARD);

        SkuInfo phone = directory().subscribedSkus().stream()
                .filter(s -> s.skuId().equals(Sku.TEAMS_PHONE_STANDARD.skuId())).findFirst().orElseThrow();

        assertEquals(10, phone.enabledUnits());
        assertEquals(2, phone.consumedUnits());
        assertEquals(8, phone.available());
        assertTrue(phone.servicePlans().contains(ServicePlan.TEAMS_PHONE));
    }

    @Test
    void a_number_is_assigned_and_unassigned_through_operations_that_finish() {
        PhoneNumber n = PhoneNumber.parse("+6567890101");
        seed.addNumber(n, NumberType.OPERATOR_CONNECT);
        UUID alice = seed.addUser("alice@" + DOMAIN, "Alice", "SG", Sku.TEAMS_PHONE_STANDARD);
        TenantNumber before = numbers().find(n).orElseThrow();
        assertTrue(before.unassigned());
        assertEquals(TeamsNumberType.OPERATOR_CONNECT, before.numberType());

        NumberOperation assigned = numbers().await(numbers().beginAssign(n, alice, NumberType.OPERATOR_CONNECT,
                Optional.empty()).id());

        assertTrue(assigned.succeeded(), assigned.toString());
        TenantNumber held = numbers().find(n).orElseThrow();
        assertEquals(Optional.of(alice), held.assignmentTarget());
        assertEquals("userAssigned", held.assignmentStatus());
        assertEquals(List.of(n), numbers().assignedTo(alice).stream().map(TenantNumber::number).toList());
        assertEquals(List.of(n), numbers().userSettings(alice).orElseThrow().numbers());
        assertTrue(numbers().list().stream().anyMatch(x -> x.number().equals(n)));

        assertTrue(numbers().await(numbers().beginUnassign(n, NumberType.OPERATOR_CONNECT).id()).succeeded());
        assertTrue(numbers().find(n).orElseThrow().unassigned());
        assertEquals(List.of(), numbers().assignedTo(alice));
    }

    @Test
    void a_token_for_the_apps_credential_names_the_tenant_and_the_app_and_carries_its_permissions() {
        ClientId app = ((ClientSecretCredential) seed.credential()).clientId();

        for (AppTokenClaims claims : List.of(ports().tokenClaims(seed.tenant(), seed.credential()),
                ports().freshTokenClaims(seed.tenant(), seed.credential()))) {
            assertEquals(seed.tenant(), claims.tenant());
            assertEquals(app.value(), claims.clientId());
            assertTrue(claims.roles().containsAll(Set.of(GraphPermission.ORGANIZATION_READ_ALL,
                    GraphPermission.USER_READWRITE_ALL, GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL)),
                    () -> "roles " + claims.roles());
        }
    }

    @Test
    void a_token_for_an_app_the_tenant_does_not_know_is_refused() {
        TenantCredential stranger = ClientSecretCredential.of(ClientId.parse("11ae0dff-4d1f-6ddf-8000-0000000000ff"),
                Secret.of("contract-stranger"), Instant.parse("2099-01-01T00:00:00Z"));

        assertThrows(AuthenticationFailedException.class, () -> ports().freshTokenClaims(seed.tenant(), stranger));
    }

    @Test
    void a_number_already_held_is_refused_with_400_and_an_unknown_one_is_not_found() {
        PhoneNumber n = PhoneNumber.parse("+6567890102");
        seed.addNumber(n, NumberType.OPERATOR_CONNECT);
        UUID alice = seed.addUser("alice@" + DOMAIN, "Alice", "SG", Sku.TEAMS_PHONE_STANDARD);
        UUID bob = seed.addUser("bob@" + DOMAIN, "Bob", "SG", Sku.TEAMS_PHONE_STANDARD);
        numbers().await(numbers().beginAssign(n, alice, NumberType.OPERATOR_CONNECT, Optional.empty()).id());

        ServiceException held = assertThrows(ServiceException.class, () -> numbers().beginAssign(n, bob,
                NumberType.OPERATOR_CONNECT, Optional.empty()));
        assertEquals(400, held.status());
        ServiceException unknown = assertThrows(ServiceException.class, () -> numbers().beginAssign(
                PhoneNumber.parse("+6567890199"), bob, NumberType.OPERATOR_CONNECT, Optional.empty()));
        assertInstanceOf(ResourceNotFoundException.class, unknown);
        assertEquals(404, unknown.status());
        assertEquals(Optional.empty(), numbers().find(PhoneNumber.parse("+6567890199")));
    }

    @Test
    void a_policy_is_granted_by_name_and_an_unknown_one_is_reported_not_found() {
        UUID alice = seed.addUser("alice@" + DOMAIN, "Alice", "SG", Sku.TEAMS_PHONE_STANDARD);
        seed.policy("TeamsMeetingPolicy", "Contract");
        TeamsPolicies policies = ports().teamsPolicies(seed.tenant(), seed.credential());

        assertTrue(policies.policyId("TeamsMeetingPolicy", "Contract").isPresent());
        assertEquals(PolicyGrantResult.Outcome.APPLIED, policies.grant(alice, "TeamsMeetingPolicy", "Contract")
                .outcome());
        assertEquals(PolicyGrantResult.Outcome.POLICY_NOT_FOUND, policies.grant(alice, "TeamsMeetingPolicy",
                "Nope").outcome());
    }

    @Test
    void a_domain_is_added_unverified_with_a_txt_record_to_publish() {
        DirectoryWrites writes = ports().directoryWrites(seed.tenant(), seed.credential());
        assertEquals(Optional.empty(), writes.domainVerified("sbc.contract.example"));

        writes.addDomain("sbc.contract.example");

        assertEquals(Optional.of(false), writes.domainVerified("sbc.contract.example"));
        List<DnsRecord> records = writes.verificationRecords("sbc.contract.example");
        assertTrue(records.stream().anyMatch(r -> r.type().equals("TXT") && r.value().startsWith("MS=ms")),
                records.toString());
        assertFalse(writes.verifyDomain("sbc.contract.example"));
        assertEquals(Optional.of(true), writes.domainVerified(DOMAIN));
    }

    @Test
    void a_user_created_is_found_by_upn_and_gone_once_deleted() {
        DirectoryWrites writes = ports().directoryWrites(seed.tenant(), seed.credential());
        UserRef.Upn upn = UserRef.Upn.parse("activation@" + DOMAIN);
        assertEquals(Optional.empty(), writes.findUser(upn));

        UUID created = writes.createUser(upn, "Activation", "SG");

        assertEquals(Optional.of(created), writes.findUser(upn));
        assertEquals(created, directory().user(upn).orElseThrow().id());
        writes.deleteUser(created);
        assertEquals(Optional.empty(), writes.findUser(upn));
    }

    @Test
    void an_application_is_upserted_by_its_alternate_key_once() {
        AppRegistrations apps = ports().appRegistrations(seed.tenant(), seed.credential());
        assertEquals(Optional.empty(), apps.findByUniqueName("tc-contract"));

        CreatedApplication made = apps.upsert("tc-contract", "Contract App", List.of("tenantconnect"));
        CreatedApplication again = apps.upsert("tc-contract", "Contract App", List.of("tenantconnect"));

        assertTrue(made.created());
        assertFalse(again.created());
        assertEquals(made.objectId(), again.objectId());
        assertEquals(made.appId(), apps.findByUniqueName("tc-contract").orElseThrow().appId());
        assertEquals(List.of("tenantconnect"), apps.tags(made.objectId()));
        assertEquals(made.objectId(), apps.objectId(made.appId()));
    }

    @Test
    void a_secret_added_is_listed_without_its_text_and_gone_once_removed() {
        AppRegistrations apps = ports().appRegistrations(seed.tenant(), seed.credential());
        CreatedApplication app = apps.upsert("tc-secret", "Secret App", List.of());
        Instant expiry = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        NewSecret secret = apps.addPassword(app.appId(), "oc-main", expiry);

        AppCredentialInfo listed = apps.credentials(app.appId()).stream()
                .filter(c -> c.keyId().equals(secret.keyId())).findFirst().orElseThrow();
        assertEquals(AppCredentialInfo.Kind.SECRET, listed.kind());
        assertEquals("oc-main", listed.displayName());
        assertFalse(listed.toString().contains(secret.secret().revealAsString()));
        apps.removePassword(app.appId(), secret.keyId());
        assertTrue(apps.credentials(app.appId()).stream().noneMatch(c -> c.keyId().equals(secret.keyId())));
    }

    @Test
    void a_service_principal_created_for_an_application_is_found_and_reported() {
        AppRegistrations apps = ports().appRegistrations(seed.tenant(), seed.credential());
        CreatedApplication app = apps.upsert("tc-principal", "Principal App", List.of());
        assertEquals(Optional.empty(), apps.findServicePrincipal(app.appId()));

        UUID sp = apps.createServicePrincipal(app.appId());

        assertEquals(Optional.of(sp), apps.findServicePrincipal(app.appId()));
        assertEquals(sp, directory().servicePrincipal(app.appId()).orElseThrow().id());
        assertNotEquals(sp, apps.graphServicePrincipal());
    }
}
