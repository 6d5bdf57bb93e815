package dev.tenantconnect.graph;

import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.tenant.TenantNumber;
import dev.tenantconnect.core.tenant.NumberOperation;
import dev.tenantconnect.core.tenant.TeamsUserSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.error.ServiceException;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.PhoneNumberRange;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatedTenant;
import dev.tenantconnect.testkit.SimulatorExtension;
import dev.tenantconnect.testkit.Sku;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TeamsNumbersTest {
    static final TenantId TENANT = GraphConnectorTest.TENANT;
    static final ClientId APP = GraphConnectorTest.APP;
    static final Secret SECRET = Secret.of("numbers-test-secret");

    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create().seededWith(sim -> {
        SimulatedTenant t = sim.tenant(TENANT).domain("contoso.onmicrosoft.com").sku(Sku.OFFICE_365_E5, 10);
        t.app(APP).roles(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR)
                .grant(GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL, GraphPermission.USER_READ_ALL,
                        GraphPermission.TEAMS_USER_CONFIGURATION_READ_ALL)
                .secret(SECRET, Instant.now().plus(Duration.ofDays(30)));
        t.addUser("alice@contoso.onmicrosoft.com", "Alice", "SG", Sku.OFFICE_365_E5);
        t.addNumbers(PhoneNumberRange.parse("+6567891200..+6567891799"), SimulatedTenant.NumberType.OPERATOR_CONNECT);
        t.addNumber(PhoneNumber.parse("+12065550100"), SimulatedTenant.NumberType.DIRECT_ROUTING);
    });

    private TeamsNumbers numbers(MicrosoftCloudSimulator sim) throws Exception {
        return GraphConnectorTest.connector(sim).build().teamsNumbers(TENANT,
                ClientSecretCredential.of(APP, SECRET, Instant.now().plus(Duration.ofDays(30))));
    }

    private static UUID alice(MicrosoftCloudSimulator sim) throws Exception {
        return UUID.fromString(GraphConnectorTest.connector(sim).build().graphClient(TENANT, ClientSecretCredential
                .of(APP, SECRET, Instant.now().plus(Duration.ofDays(30)))).users()
                .byUserId("alice@contoso.onmicrosoft.com").get().getId());
    }

    @Test
    void lists_every_page_and_finds_one_number(MicrosoftCloudSimulator sim) throws Exception {
        TeamsNumbers n = numbers(sim);
        assertThat(n.list(Optional.empty())).hasSize(601);
        assertThat(n.list(Optional.of("numberType eq 'directRouting'"))).singleElement()
                .satisfies(x -> assertThat(x.number()).isEqualTo(PhoneNumber.parse("+12065550100")));
        assertThat(n.find(PhoneNumber.parse("+6567891300")).orElseThrow().unassigned()).isTrue();
        assertThat(n.find(PhoneNumber.parse("+6500000000"))).isEmpty();
    }

    @Test
    void reads_only_the_numbers_asked_for_and_the_whole_list_once_the_service_refuses_or(MicrosoftCloudSimulator sim)
            throws Exception {
        TeamsNumbers n = numbers(sim);
        java.util.List<PhoneNumber> wanted = java.util.stream.IntStream.range(0, 100)
                .mapToObj(i -> PhoneNumber.parse("+65678913" + String.format("%02d", i))).toList();
        sim.journal().clear();
        assertThat(n.listOf(wanted)).extracting(TenantNumber::number).containsExactlyInAnyOrderElementsOf(wanted);
        long filtered = sim.journal().count(dev.tenantconnect.testkit.JournalEndpoints.GRAPH_NUMBERS_LIST);
        assertThat(filtered).as("filtered requests, about 40 numbers each").isEqualTo(n.requestsToList(100, 601))
                .isLessThan(wanted.size());

        // a service that refuses 'or' (Microsoft's page shows none): one 400, then the whole list, from then on
        sim.faults().refuseOrInNumberFilter(true);
        sim.journal().clear();
        assertThat(n.listOf(wanted)).extracting(TenantNumber::number).containsExactlyInAnyOrderElementsOf(wanted);
        assertThat(sim.journal().countStatus(400)).isEqualTo(1);
        assertThat(n.requestsToList(100, 601)).isEqualTo(n.requestsToListAll(601));
        sim.journal().clear();
        assertThat(n.listOf(wanted.subList(0, 3))).hasSize(3);
        assertThat(sim.journal().countStatus(400)).as("not asked again").isZero();
        assertThat(sim.journal().count(dev.tenantconnect.testkit.JournalEndpoints.GRAPH_NUMBERS_LIST))
                .isEqualTo(n.requestsToListAll(601));
    }

    @Test
    void assigns_then_waits_for_the_operation_and_unassigns(MicrosoftCloudSimulator sim) throws Exception {
        TeamsNumbers n = numbers(sim);
        UUID alice = alice(sim);
        sim.faults().operationDelay(Duration.ofMillis(600));

        NumberOperation started = n.beginAssign(PhoneNumber.parse("+6567891201"), alice, NumberType.OPERATOR_CONNECT,
                Optional.empty());
        NumberOperation done = n.await(started.id());

        assertThat(done.succeeded()).isTrue();
        TenantNumber assigned = n.find(PhoneNumber.parse("+6567891201")).orElseThrow();
        assertThat(assigned.assignmentTarget()).contains(alice);
        assertThat(assigned.assignmentStatus()).isEqualTo("userAssigned");

        TeamsUserSettings settings = n.userSettings(alice).orElseThrow();
        assertThat(settings.enterpriseVoiceEnabled()).isTrue();
        assertThat(settings.numbers()).containsExactly(PhoneNumber.parse("+6567891201"));
        assertThat(settings.accountType()).isEqualTo("user");
        assertThat(n.userSettings(UUID.randomUUID())).isEmpty();

        n.updateLocation(PhoneNumber.parse("+6567891201"), "loc-42");
        assertThat(n.find(PhoneNumber.parse("+6567891201")).orElseThrow().locationId()).contains("loc-42");

        assertThat(n.await(n.beginUnassign(PhoneNumber.parse("+6567891201"), NumberType.OPERATOR_CONNECT).id()).succeeded())
                .isTrue();
        assertThat(n.find(PhoneNumber.parse("+6567891201")).orElseThrow().unassigned()).isTrue();
    }

    @Test
    void a_failing_operation_reports_its_detail_and_a_stored_id_can_be_resumed(MicrosoftCloudSimulator sim)
            throws Exception {
        TeamsNumbers n = numbers(sim);
        sim.faults().failOperationsFor("+6567891202");
        String id = n.beginAssign(PhoneNumber.parse("+6567891202"), alice(sim), NumberType.OPERATOR_CONNECT, Optional.empty())
                .id();

        NumberOperation resumed = numbers(sim).await(id);

        assertThat(resumed.succeeded()).isFalse();
        assertThat(resumed.detail()).hasValueSatisfying(d -> assertThat(d).contains("Assignment failed"));
    }

    @Test
    void direct_routing_numbers_are_assigned_with_their_extension(MicrosoftCloudSimulator sim) throws Exception {
        // the simulator keys a Direct Routing number with its extension: +12065550100;ext=123 is its own number
        sim.tenant(TENANT).addNumber(PhoneNumber.parse("+12065550100;ext=123"),
                SimulatedTenant.NumberType.DIRECT_ROUTING);
        TeamsNumbers n = numbers(sim);
        NumberOperation op = n.await(n.beginAssign(PhoneNumber.parse("+12065550100;ext=123"), alice(sim),
                NumberType.DIRECT_ROUTING, Optional.empty()).id());
        assertThat(op.succeeded()).isTrue();
        assertThat(n.find(PhoneNumber.parse("+12065550100;ext=123")).orElseThrow().assignmentTarget())
                .contains(alice(sim));
        assertThat(n.find(PhoneNumber.parse("+12065550100")).orElseThrow().unassigned()).isTrue();
        // a second primary number for the same user is refused
        assertThatThrownBy(() -> n.beginAssign(PhoneNumber.parse("+12065550100"), alice(sim), NumberType.DIRECT_ROUTING,
                Optional.empty())).isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void an_operation_status_wrapped_in_value_as_the_documentation_shows_is_read_too(MicrosoftCloudSimulator sim)
            throws Exception {
        TeamsNumbers n = numbers(sim);
        sim.faults().failOperationsFor("+6567891203");
        String id = n.beginAssign(PhoneNumber.parse("+6567891203"), alice(sim), NumberType.OPERATOR_CONNECT, Optional.empty())
                .id();
        sim.faults().rewriteResponses("GET", ".*/operations.*", body -> "{\"value\":" + body + "}");

        NumberOperation wrapped = n.await(id);

        assertThat(wrapped.succeeded()).isFalse();
        assertThat(wrapped.status()).isEqualTo("failed");
        assertThat(wrapped.detail()).hasValueSatisfying(d -> assertThat(d).contains("Assignment failed"));
        sim.faults().reset();
        sim.faults().rewriteResponses("GET", ".*/operations.*", body -> "{\"value\":[" + body + "]}");
        assertThat(n.status(id)).hasValueSatisfying(op -> assertThat(op.status()).isEqualTo("failed"));
    }
}
