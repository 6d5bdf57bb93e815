package dev.tenantconnect.testkit;

import static dev.tenantconnect.testkit.Seeds.CLIENT;
import static dev.tenantconnect.testkit.Seeds.SECRET;
import static dev.tenantconnect.testkit.Seeds.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.graph.admin.teams.telephonenumbermanagement.numberassignments.microsoftgraphteamsadministrationassignnumber.AssignNumberPostRequestBody;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.models.Organization;
import com.microsoft.graph.models.User;
import com.microsoft.graph.models.UserCollectionResponse;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.models.teamsadministration.NumberAssignment;
import com.microsoft.graph.models.teamsadministration.NumberType;
import com.microsoft.graph.models.teamsadministration.TelephoneNumberLongRunningOperation;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import com.microsoft.kiota.http.middleware.RetryHandler;
import com.microsoft.kiota.http.middleware.options.HeadersInspectionOption;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.testing.TestCertificates;
import java.net.URI;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real MSAL4J and Microsoft Graph SDK v6 must parse everything the simulator serves. */
class MicrosoftClientsFidelityTest {
    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create().seededWith(sim -> Seeds.contoso(sim, 120));

    private static ConfidentialClientApplication msal(MicrosoftCloudSimulator sim,
            com.microsoft.aad.msal4j.IClientCredential credential) throws Exception {
        return ConfidentialClientApplication.builder(CLIENT.value(), credential)
                .authority(sim.baseUrl() + "/" + TENANT.value() + "/")
                .instanceDiscovery(false)
                .sslSocketFactory(sim.sslContext().getSocketFactory())
                .build();
    }

    private static String token(ConfidentialClientApplication app) throws Exception {
        IAuthenticationResult r = app.acquireToken(ClientCredentialParameters
                .builder(Set.of("https://graph.microsoft.com/.default")).build()).get();
        return r.accessToken();
    }

    private static GraphServiceClient graph(MicrosoftCloudSimulator sim, String accessToken) throws Exception {
        X509TrustManager tm = sim.trustManager();
        OkHttpClient.Builder b = GraphClientFactory.create()
                .sslSocketFactory(sim.sslContext().getSocketFactory(), tm);
        b.interceptors().removeIf(i -> i instanceof RetryHandler);
        AccessTokenProvider tokens = new AccessTokenProvider() {
            @Override
            public String getAuthorizationToken(URI uri, Map<String, Object> context) {
                return accessToken;
            }

            @Override
            public AllowedHostsValidator getAllowedHostsValidator() {
                return new AllowedHostsValidator("127.0.0.1");
            }
        };
        GraphServiceClient g = new GraphServiceClient(new BaseBearerTokenAuthenticationProvider(tokens), b.build());
        g.getRequestAdapter().setBaseUrl(sim.graphBaseUrl());
        return g;
    }

    @Test
    void msal_acquires_tokens_with_a_client_secret(MicrosoftCloudSimulator sim) throws Exception {
        String token = token(msal(sim, ClientCredentialFactory.createFromSecret(SECRET)));
        assertThat(token.split("\\.")).hasSize(3);
    }

    @Test
    void msal_acquires_tokens_with_a_certificate_assertion(MicrosoftCloudSimulator sim) throws Exception {
        TestCertificates.Issued cert = TestCertificates.selfSigned("RSA", "operator", Instant.now().plus(
                Duration.ofDays(365)));
        sim.tenant(TENANT).app(CLIENT).certificate(cert.certificate());

        String token = token(msal(sim, ClientCredentialFactory.createFromCertificate(cert.keys().getPrivate(),
                cert.certificate())));

        assertThat(token).isNotBlank();
        TestCertificates.Issued unknown = TestCertificates.selfSigned("RSA", "stranger", Instant.now().plus(
                Duration.ofDays(365)));
        assertThatThrownBy(() -> token(msal(sim, ClientCredentialFactory.createFromCertificate(
                unknown.keys().getPrivate(), unknown.certificate()))))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(MsalServiceException.class)
                .hasMessageContaining("AADSTS700027");
    }

    @Test
    void msal_surfaces_entra_errors(MicrosoftCloudSimulator sim) {
        assertThatThrownBy(() -> token(msal(sim, ClientCredentialFactory.createFromSecret("wrong"))))
                .hasCauseInstanceOf(MsalServiceException.class).hasMessageContaining("AADSTS7000215");
    }

    @Test
    void graph_sdk_reads_organization_and_pages_through_users(MicrosoftCloudSimulator sim) throws Exception {
        GraphServiceClient g = graph(sim, token(msal(sim, ClientCredentialFactory.createFromSecret(SECRET))));

        Organization org = g.organization().get().getValue().get(0);
        assertThat(org.getId()).isEqualTo(TENANT.value());
        assertThat(org.getVerifiedDomains()).extracting(d -> d.getIsDefault()).contains(true);

        List<User> all = new ArrayList<>();
        UserCollectionResponse page = g.users().get(rc -> {
            rc.queryParameters.top = 50;
            rc.queryParameters.select = new String[] {"id", "userPrincipalName", "assignedPlans", "usageLocation"};
        });
        while (page != null) {
            all.addAll(page.getValue());
            String next = page.getOdataNextLink();
            page = next == null ? null : g.users().withUrl(next).get();
        }
        assertThat(all).hasSize(121);
        assertThat(all.get(0).getAssignedPlans()).extracting(p -> p.getServicePlanId().toString())
                .contains("4828c8ec-dc2e-4779-b502-87ac9ce28ab7");
        assertThat(all.get(0).getUsageLocation()).isEqualTo("SG");
    }

    @Test
    void graph_sdk_assigns_a_number_and_polls_the_operation(MicrosoftCloudSimulator sim) throws Exception {
        GraphServiceClient g = graph(sim, token(msal(sim, ClientCredentialFactory.createFromSecret(SECRET))));
        String userId = g.users().byUserId("user5@contoso.onmicrosoft.com").get().getId();

        AssignNumberPostRequestBody body = new AssignNumberPostRequestBody();
        body.setTelephoneNumber("+6567891205");
        body.setAssignmentTargetId(userId);
        body.setNumberType(NumberType.OperatorConnect);
        HeadersInspectionOption headers = new HeadersInspectionOption(false, true);
        g.admin().teams().telephoneNumberManagement().numberAssignments()
                .microsoftGraphTeamsAdministrationAssignNumber().post(body, rc -> rc.options.add(headers));

        String location = headers.getResponseHeaders().get("Location").iterator().next();
        String opId = location.substring(location.indexOf("('") + 2, location.indexOf("')"));
        TelephoneNumberLongRunningOperation op = g.admin().teams().telephoneNumberManagement().operations()
                .byTelephoneNumberLongRunningOperationId(opId).get();
        assertThat(op.getStatus().value).isEqualTo("succeeded");
        assertThat(op.getNumbers()).hasSize(1);

        List<NumberAssignment> assigned = g.admin().teams().telephoneNumberManagement().numberAssignments()
                .get(rc -> rc.queryParameters.filter = "telephoneNumber eq '+6567891205'").getValue();
        assertThat(assigned).singleElement().satisfies(n -> {
            assertThat(n.getAssignmentTargetId()).isEqualTo(userId);
            assertThat(n.getNumberType()).isEqualTo(NumberType.OperatorConnect);
            assertThat(n.getAssignmentStatus().value).isEqualTo("userAssigned");
        });
    }

    @Test
    void graph_sdk_parses_graph_errors_with_request_ids(MicrosoftCloudSimulator sim) throws Exception {
        sim.tenant(TENANT).app(CLIENT).revoke(GraphPermission.USER_READ_ALL);
        GraphServiceClient g = graph(sim, token(msal(sim, ClientCredentialFactory.createFromSecret(SECRET))));

        assertThatThrownBy(() -> g.users().get()).isInstanceOfSatisfying(ODataError.class, e -> {
            assertThat(e.getResponseStatusCode()).isEqualTo(403);
            assertThat(e.getError().getCode()).isEqualTo("Authorization_RequestDenied");
            assertThat(e.getError().getInnerError().getRequestId()).isNotBlank();
        });
    }

    @Test
    void msal_device_code_flow_waits_for_the_admin_then_refreshes(MicrosoftCloudSimulator sim) throws Exception {
        com.microsoft.aad.msal4j.PublicClientApplication app = com.microsoft.aad.msal4j.PublicClientApplication
                .builder("04b07795-8ddb-461a-bbee-02f9e1bf7b46")
                .authority("https://login.microsoftonline.com/" + TENANT.value() + "/")
                .instanceDiscovery(false)
                .httpClient(new LoginRedirectingHttpClient(sim))
                .build();
        Set<String> scopes = Set.of("https://graph.microsoft.com/Application.ReadWrite.All");
        java.util.concurrent.CompletableFuture<String> shown = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<IAuthenticationResult> signIn = app.acquireToken(
                com.microsoft.aad.msal4j.DeviceCodeFlowParameters.builder(scopes,
                        code -> shown.complete(code.userCode())).build());

        String userCode = shown.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(sim.deviceCodes().awaitFirstPoll(userCode, Duration.ofSeconds(10)))
                .as("the device polled while the admin had not approved yet").isTrue();
        sim.deviceCodes().approve(userCode, TENANT,
                dev.tenantconnect.core.model.UserRef.Upn.parse("admin@contoso1.onmicrosoft.com"),
                Set.of(dev.tenantconnect.core.access.DirectoryRole.APPLICATION_ADMINISTRATOR));
        IAuthenticationResult result = signIn.get(20, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(result.account().username()).isEqualTo("admin@contoso1.onmicrosoft.com");
        GraphServiceClient g = graph(sim, result.accessToken());
        com.microsoft.graph.models.Application created = new com.microsoft.graph.models.Application();
        created.setDisplayName("OpConnect02");
        assertThat(g.applications().post(created).getAppId()).isNotBlank();

        IAuthenticationResult refreshed = app.acquireTokenSilently(com.microsoft.aad.msal4j.SilentParameters
                .builder(scopes, result.account()).forceRefresh(true).build()).get();
        assertThat(refreshed.accessToken()).isNotEqualTo(result.accessToken());
        assertThat(sim.journal().entries(e -> e.endpoint().equals("entra.token") && e.status() == 200)).hasSize(2);
    }

    @Test
    void msal_with_the_production_authority_caches_app_tokens(MicrosoftCloudSimulator sim) throws Exception {
        ConfidentialClientApplication app = ConfidentialClientApplication.builder(CLIENT.value(),
                        ClientCredentialFactory.createFromSecret(SECRET))
                .authority("https://login.microsoftonline.com/" + TENANT.value() + "/")
                .instanceDiscovery(false)
                .httpClient(new LoginRedirectingHttpClient(sim))
                .build();
        String first = token(app);
        String second = token(app);

        assertThat(second).isEqualTo(first);
        assertThat(sim.journal().tokenRequests(TENANT)).isEqualTo(1);
    }

    @Test
    void trust_store_holds_only_the_simulator_certificate(MicrosoftCloudSimulator sim) throws Exception {
        KeyStore ts = sim.trustStore();
        assertThat(java.util.Collections.list(ts.aliases())).containsExactly("tenantconnect-simulator");
        assertThat(sim.certificate().getSubjectX500Principal().getName()).contains("tenantconnect-simulator");
    }
}
