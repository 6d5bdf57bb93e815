package dev.tenantconnect.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.audit.AuditAction;
import dev.tenantconnect.core.audit.AuditEvent;
import dev.tenantconnect.core.audit.AuditSink;
import dev.tenantconnect.core.audit.Slf4jAuditSink;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.CredentialStore;
import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.metrics.MetricNames;
import dev.tenantconnect.core.metrics.MetricTags;
import dev.tenantconnect.core.metrics.MetricsRecorder;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.jdbc.JdbcAuditLog;
import dev.tenantconnect.jdbc.JdbcCredentialStore;
import dev.tenantconnect.voice.Connections;
import dev.tenantconnect.voice.TenantConnectClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** What the auto-configuration makes of the tenantconnect.* properties, and what an application can override. */
class TenantConnectAutoConfigurationTest {
    private static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000d1");
    private static final CredentialKey KEY = new CredentialKey(TENANT, ServiceId.of("oc-main"));
    private static final Secret SECRET = Secret.of("autoconfigure-test-secret");
    private static int databases;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TenantConnectAutoConfiguration.class));

    @TempDir
    Path dir;

    private static ClientSecretCredential credential(Instant expiry) {
        return ClientSecretCredential.of(ClientId.parse("11ae0dff-4d1f-6ddf-8000-0000000000d1"), SECRET, expiry);
    }

    private static DataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:autoconfig" + (++databases) + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    private Path keyFile() throws Exception {
        Path f = dir.resolve("store.key");
        Files.writeString(f, Base64.getEncoder().encodeToString(new byte[32]));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    @Test
    void a_missing_credential_store_type_fails_the_start_naming_the_property() {
        runner.run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining(
                    "tenantconnect.credential-store.type is required");
        });
    }

    @Test
    void an_unknown_store_type_and_a_jdbc_store_without_a_database_fail_the_start_clearly() {
        runner.withPropertyValues("tenantconnect.credential-store.type=cloud").run(ctx -> assertThat(
                ctx.getStartupFailure()).rootCause().hasMessageContaining("must be jdbc, file or memory, not 'cloud'"));
        runner.withPropertyValues("tenantconnect.credential-store.type=jdbc").run(ctx -> assertThat(
                ctx.getStartupFailure()).rootCause().hasMessageContaining("needs the application's DataSource"));
    }

    @Test
    void memory_store_without_a_database_gives_a_client_its_services_slf4j_audit_and_no_metrics() {
        runner.withPropertyValues("tenantconnect.credential-store.type=memory").run(ctx -> {
            assertThat(ctx).hasNotFailed().hasSingleBean(TenantConnectClient.class).hasSingleBean(Connections.class);
            assertThat(ctx.getBean(CredentialStore.class)).isInstanceOf(InMemoryCredentialStore.class);
            assertThat(ctx.getBean(AuditSink.class)).isInstanceOf(Slf4jAuditSink.class);
            assertThat(ctx.getBean(MetricsRecorder.class)).isSameAs(MetricsRecorder.noop());
            assertThat(ctx.getBean(TenantConnectClient.class).connector().cloud().name()).isEqualTo("global");
        });
    }

    @Test
    void jdbc_on_the_applications_database_migrates_stores_and_audits_every_credential_change_there()
            throws Exception {
        DataSource ds = h2();
        Path key = keyFile();
        runner.withBean(DataSource.class, () -> ds).withPropertyValues("tenantconnect.credential-store.type=jdbc",
                "tenantconnect.store-key.file=" + key, "tenantconnect.audit.principal=ops-portal").run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    assertThat(ctx.getBean(CredentialStore.class)).isInstanceOf(JdbcCredentialStore.class);
                    assertThat(ctx.getBean(AuditSink.class)).isInstanceOf(JdbcAuditLog.class);
                    TenantConnectClient client = ctx.getBean(TenantConnectClient.class);

                    client.credentials().create(KEY, credential(Instant.now().plus(Duration.ofDays(10))));

                    List<AuditEvent> rows = new JdbcAuditLog(ds).find(TENANT, Instant.EPOCH);
                    assertThat(rows).singleElement().satisfies(e -> {
                        assertThat(e.action()).isEqualTo(AuditAction.CREDENTIAL_CREATE);
                        assertThat(e.principal()).isEqualTo("ops-portal");
                        assertThat(e.toString()).doesNotContain(SECRET.revealAsString());
                    });
                    assertThat(client.inventory()).isNotNull();
                    Health health = ctx.getBean(TenantConnectHealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("credentials", 1).containsEntry("expired", 0L)
                            .containsEntry("expiringWithin30Days", 1L);
                    Info.Builder info = new Info.Builder();
                    ctx.getBean(TenantConnectInfoContributor.class).contribute(info);
                    assertThat(info.build().get("tenantconnect")).isInstanceOf(Map.class)
                            .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                            .containsEntry("cloud", "global").containsEntry("tenantsConnected", 1L);
                });
    }

    @Test
    void the_health_indicator_is_down_when_the_store_does_not_answer() {
        CredentialStore broken = (CredentialStore) java.lang.reflect.Proxy.newProxyInstance(
                CredentialStore.class.getClassLoader(), new Class<?>[] {CredentialStore.class}, (proxy, m, args) -> {
                    throw new dev.tenantconnect.core.error.StoreException("database unreachable", null);
                });
        runner.withBean(CredentialStore.class, () -> broken).run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(TenantConnectHealthIndicator.class).health().getStatus()).isEqualTo(Status.DOWN);
        });
    }

    @Test
    void an_applications_own_bean_replaces_the_auto_configured_one() {
        InMemoryCredentialStore own = new InMemoryCredentialStore();
        runner.withBean(CredentialStore.class, () -> own).run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(CredentialStore.class)).isSameAs(own);
            assertThat(ctx.getBean(TenantConnectClient.class).credentials()).isNotSameAs(own)
                    .isInstanceOf(dev.tenantconnect.core.audit.AuditingCredentialStore.class);
        });
    }

    @Test
    void with_a_meter_registry_meters_go_to_micrometer_without_the_tenant_tag_unless_switched_on() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        runner.withBean(MeterRegistry.class, () -> registry).withPropertyValues(
                "tenantconnect.credential-store.type=memory").run(ctx -> {
                    assertThat(ctx.getBean(MetricsRecorder.class)).isInstanceOf(MicrometerMetricsRecorder.class);
                    ctx.getBean(TenantConnectClient.class).metrics().count(MetricNames.HTTP_REQUESTS,
                            MetricTags.of("service", "graph", MetricTags.TENANT, TENANT.value()), 1);
                    assertThat(registry.get(MetricNames.HTTP_REQUESTS).counter().getId().getTag("tenant")).isNull();
                });
        SimpleMeterRegistry tagged = new SimpleMeterRegistry();
        runner.withBean(MeterRegistry.class, () -> tagged).withPropertyValues(
                "tenantconnect.credential-store.type=memory", "tenantconnect.metrics.tenant-tag=true").run(ctx -> {
                    ctx.getBean(TenantConnectClient.class).metrics().count(MetricNames.HTTP_REQUESTS,
                            MetricTags.of("service", "graph", MetricTags.TENANT, TENANT.value()), 1);
                    assertThat(tagged.get(MetricNames.HTTP_REQUESTS).tag("tenant", TENANT.value()).counter().count())
                            .isEqualTo(1.0);
                });
    }
}
