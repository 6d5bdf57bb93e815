package dev.tenantconnect.graph;

import dev.tenantconnect.core.tenant.UserInfo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.licensing.ServicePlan;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatedTenant;
import dev.tenantconnect.testkit.SimulatorExtension;
import dev.tenantconnect.testkit.Sku;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TenantDirectoryUsersTest {
    static final Secret SECRET = Secret.of("directory-users-secret");

    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create().seededWith(sim -> {
        SimulatedTenant t = sim.tenant(GraphConnectorTest.TENANT).domain("contoso.onmicrosoft.com")
                .sku(Sku.OFFICE_365_E5, 100);
        t.app(GraphConnectorTest.APP).grant(GraphPermission.USER_READ_ALL)
                .secret(SECRET, Instant.now().plus(Duration.ofDays(30)));
        for (int i = 0; i < 45; i++) {
            t.addUser("user" + i + "@contoso.onmicrosoft.com", "User " + i, "SG", Sku.OFFICE_365_E5);
        }
        t.addUser("john.a@contoso.onmicrosoft.com", "John", "SG", Sku.OFFICE_365_E5);
        t.addUser("john.b@contoso.onmicrosoft.com", "John", "SG", Sku.OFFICE_365_E5);
        t.addUser("o.brien@contoso.onmicrosoft.com", "Dara O'Brien", "IE", Sku.OFFICE_365_E5);
    });

    private static TenantDirectory directory(MicrosoftCloudSimulator sim) throws Exception {
        return GraphConnectorTest.connector(sim).build().directory(GraphConnectorTest.TENANT,
                ClientSecretCredential.of(GraphConnectorTest.APP, SECRET, Instant.now().plus(Duration.ofDays(30))));
    }

    @Test
    void looks_up_many_users_twenty_per_request_and_reports_missing_ones(MicrosoftCloudSimulator sim)
            throws Exception {
        TenantDirectory dir = directory(sim);
        List<UserRef> refs = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            refs.add(UserRef.parse("user" + i + "@contoso.onmicrosoft.com"));
        }
        refs.add(UserRef.parse("nobody@contoso.onmicrosoft.com"));
        refs.add(UserRef.parse("user0@contoso.onmicrosoft.com"));
        UserRef missingById = UserRef.parse(UUID.randomUUID().toString());
        refs.add(missingById);
        long before = sim.journal().count("graph.batch");

        Map<UserRef, Optional<UserInfo>> found = dir.users(refs);

        assertThat(sim.journal().count("graph.batch") - before).isEqualTo(3);
        assertThat(found).hasSize(47);
        assertThat(found.get(UserRef.parse("nobody@contoso.onmicrosoft.com"))).isEmpty();
        assertThat(found.get(missingById)).isEmpty();
        UserInfo u7 = found.get(UserRef.parse("user7@contoso.onmicrosoft.com")).orElseThrow();
        assertThat(u7.userPrincipalName()).contains(UserRef.Upn.parse("user7@contoso.onmicrosoft.com"));
        assertThat(u7.usageLocation()).contains("SG");
        assertThat(u7.assignedPlans()).anyMatch(p -> p.plan().equals(ServicePlan.TEAMS_PHONE));
    }

    @Test
    void a_batch_of_twenty_lookups_takes_twenty_of_the_tenants_paced_slots_not_one(MicrosoftCloudSimulator sim)
            throws Exception {
        // Graph counts each request of a JSON batch against the budget on its own: the pacer must too. The pacer
        // runs on a fake clock that stands still while the requests go, so its waits are exact
        dev.tenantconnect.core.testing.FakeClock clock = dev.tenantconnect.core.testing.FakeClock.atEpoch2026();
        dev.tenantconnect.core.testing.FakeSleeper sleeper = new dev.tenantconnect.core.testing.FakeSleeper(clock);
        dev.tenantconnect.core.resilience.ResiliencePolicies fixed = dev.tenantconnect.core.resilience
                .ResiliencePolicies.builder(clock, sleeper).guards(dev.tenantconnect.core.resilience.TenantGuards
                        .builder(clock, sleeper).defaultPacing(new dev.tenantconnect.core.resilience.AdaptivePacer
                                .Settings(10, 10, 10)).build()).build();
        TenantDirectory dir = GraphConnectorTest.connector(sim).resilience(fixed).build().directory(
                GraphConnectorTest.TENANT, ClientSecretCredential.of(GraphConnectorTest.APP, SECRET,
                        Instant.now().plus(Duration.ofDays(30))));
        List<UserRef> refs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            refs.add(UserRef.parse("user" + i + "@contoso.onmicrosoft.com"));
        }

        assertThat(dir.users(refs)).hasSize(40).allSatisfy((ref, user) -> assertThat(user).isPresent());

        assertThat(sim.journal().count("graph.batch")).isEqualTo(2);
        assertThat(sleeper.sleeps()).as("two batches of 20 at 10 a second: the second waits for the first's twenty "
                + "slots (one slot each would be 100 ms)").containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void finds_users_by_display_name_including_ambiguous_and_quoted_names(MicrosoftCloudSimulator sim)
            throws Exception {
        TenantDirectory dir = directory(sim);
        assertThat(dir.usersByDisplayName("John")).extracting(u -> u.userPrincipalName().orElseThrow().upn())
                .containsExactlyInAnyOrder("john.a@contoso.onmicrosoft.com", "john.b@contoso.onmicrosoft.com");
        assertThat(dir.usersByDisplayName("Dara O'Brien")).singleElement()
                .extracting(u -> u.userPrincipalName().orElseThrow().upn()).isEqualTo("o.brien@contoso.onmicrosoft.com");
        assertThat(dir.usersByDisplayName("Nobody")).isEmpty();
    }
}
