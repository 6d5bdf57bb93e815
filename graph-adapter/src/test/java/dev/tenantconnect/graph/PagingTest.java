package dev.tenantconnect.graph;

import dev.tenantconnect.core.tenant.TenantNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.error.MalformedResponseException;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.PhoneNumberRange;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatedTenant;
import dev.tenantconnect.testkit.SimulatorExtension;
import dev.tenantconnect.testkit.Sku;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every collection the SDK reads is read to its end, in the paging style Microsoft documents for it. */
class PagingTest {
    static final TenantId TENANT = GraphConnectorTest.TENANT;
    static final ClientId APP = GraphConnectorTest.APP;
    static final Secret SECRET = Secret.of("paging-test-secret");
    static final String NUMBERS = "/admin/teams/telephoneNumberManagement/numberAssignments";

    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create().seededWith(sim -> {
        SimulatedTenant t = sim.tenant(TENANT).domain("contoso.onmicrosoft.com").sku(Sku.OFFICE_365_E5, 40);
        t.app(APP).roles(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR, DirectoryRole.TEAMS_ADMINISTRATOR,
                DirectoryRole.USER_ADMINISTRATOR).grant(GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL,
                        GraphPermission.USER_READ_ALL, GraphPermission.APPLICATION_READ_ALL,
                        GraphPermission.ROLE_MANAGEMENT_READ_DIRECTORY)
                .secret(SECRET, Instant.now().plus(Duration.ofDays(30)));
        for (int i = 0; i < 30; i++) {
            t.addUser("sam" + i + "@contoso.onmicrosoft.com", "Sam Lee", "SG", Sku.OFFICE_365_E5);
        }
        t.addNumbers(PhoneNumberRange.parse("+6567891000..+6567892199"), SimulatedTenant.NumberType.OPERATOR_CONNECT);
    });

    private static ClientSecretCredential credential() {
        return ClientSecretCredential.of(APP, SECRET, Instant.now().plus(Duration.ofDays(30)));
    }

    @Test
    void a_tenant_with_1200_numbers_lists_1200_read_by_top_and_skip(MicrosoftCloudSimulator sim) throws Exception {
        var raw = GraphConnectorTest.connector(sim).build().graphClient(TENANT, credential()).admin().teams()
                .telephoneNumberManagement().numberAssignments();
        var first = raw.get(rc -> rc.queryParameters.top = 1000);
        assertThat(first.getValue()).hasSize(1000);
        assertThat(first.getOdataNextLink()).as("Microsoft documents no nextLink for this list").isNull();
        assertThat(raw.get(rc -> {
            rc.queryParameters.top = 1000;
            rc.queryParameters.skip = 1000;
        }).getValue()).hasSize(200);
        assertThat(raw.get().getValue()).as("default page").hasSize(500);

        long before = sim.journal().count("graph.numbers.list");
        TeamsNumbers numbers = GraphConnectorTest.connector(sim).build().teamsNumbers(TENANT, credential());
        assertThat(numbers.list(Optional.empty())).hasSize(1200).extracting(TenantNumber::number).doesNotHaveDuplicates();
        assertThat(sim.journal().count("graph.numbers.list") - before).as("1,000 then 200").isEqualTo(2);
    }

    @Test
    void a_nextLink_the_service_sends_is_followed(MicrosoftCloudSimulator sim) throws Exception {
        String base = sim.graphBaseUrl() + NUMBERS;
        AtomicInteger page = new AtomicInteger();
        sim.faults().rewriteResponses("GET", ".*/numberAssignments", body -> switch (page.incrementAndGet()) {
            case 1 -> withNextLink(body, base + "?$top=100&$skip=1000");
            case 2 -> withNextLink(body, base + "?$top=100&$skip=1100");
            default -> body;
        });
        TeamsNumbers numbers = GraphConnectorTest.connector(sim).build().teamsNumbers(TENANT, credential());
        assertThat(numbers.list(Optional.empty())).hasSize(1200).extracting(TenantNumber::number).doesNotHaveDuplicates();
        assertThat(page.get()).as("first page, then both links").isEqualTo(3);
    }

    @Test
    void a_nextLink_to_another_host_or_over_http_is_refused(MicrosoftCloudSimulator sim) throws Exception {
        String plainHttp = sim.graphBaseUrl().replace("https://", "http://") + NUMBERS + "?$skip=1000";
        String otherHost = "https://graph.example.net/v1.0" + NUMBERS + "?$skip=1000";
        TeamsNumbers numbers = GraphConnectorTest.connector(sim).build().teamsNumbers(TENANT, credential());
        for (String link : new String[] {plainHttp, otherHost}) {
            sim.faults().reset();
            sim.faults().rewriteResponses("GET", ".*/numberAssignments", body -> withNextLink(body, link));
            long before = sim.journal().count("graph.numbers.list");
            assertThatThrownBy(() -> numbers.list(Optional.empty())).isInstanceOfSatisfying(
                    MalformedResponseException.class, e -> assertThat(e.field()).isEqualTo("$.@odata.nextLink"));
            assertThat(sim.journal().count("graph.numbers.list") - before).as("the link is not requested")
                    .isEqualTo(1);
        }
        sim.faults().reset();
    }

    @Test
    void role_assignments_grants_and_users_by_name_are_read_through_every_page_also_by_the_wizard(MicrosoftCloudSimulator sim)
            throws Exception {
        sim.faults().pageSizeCap(1);
        try {
            TenantDirectory dir = GraphConnectorTest.connector(sim).build().directory(TENANT, credential());
            var sp = dir.servicePrincipal(APP).orElseThrow();
            assertThat(dir.directoryRoles(sp.id())).containsExactlyInAnyOrder(
                    DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR, DirectoryRole.TEAMS_ADMINISTRATOR,
                    DirectoryRole.USER_ADMINISTRATOR);
            assertThat(dir.grantedGraphPermissions(sp.id())).containsExactlyInAnyOrder(
                    GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL, GraphPermission.USER_READ_ALL,
                    GraphPermission.APPLICATION_READ_ALL, GraphPermission.ROLE_MANAGEMENT_READ_DIRECTORY);
            assertThat(dir.usersByDisplayName("Sam Lee")).hasSize(30);
            GraphAppRegistrations apps = GraphConnectorTest.connector(sim).build().appRegistrations(TENANT, credential());
            assertThat(apps.grants(sp.id()).keySet()).as("the wizard's read of the grants").containsExactlyInAnyOrder(
                    GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL, GraphPermission.USER_READ_ALL,
                    GraphPermission.APPLICATION_READ_ALL, GraphPermission.ROLE_MANAGEMENT_READ_DIRECTORY);
            assertThat(apps.roleAssignments(sp.id()).keySet()).as("the wizard's read of the roles")
                    .containsExactlyInAnyOrder(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR,
                            DirectoryRole.TEAMS_ADMINISTRATOR, DirectoryRole.USER_ADMINISTRATOR);
            assertThat(sim.journal().count("graph.users.list")).as("one user a page").isGreaterThanOrEqualTo(30);
        } finally {
            sim.faults().reset();
        }
    }

    private static String withNextLink(String body, String link) {
        try {
            var json = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(body);
            json.put("@odata.nextLink", link);
            return json.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
