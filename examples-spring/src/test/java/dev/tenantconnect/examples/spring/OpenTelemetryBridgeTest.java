package dev.tenantconnect.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.bulk.BulkAssignments;
import dev.tenantconnect.bulk.BulkOptions;
import dev.tenantconnect.bulk.BulkReport;
import dev.tenantconnect.bulk.ProgressListener;
import dev.tenantconnect.core.audit.AuditAction;
import dev.tenantconnect.core.audit.AuditEvent;
import dev.tenantconnect.core.audit.InMemoryAuditSink;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.core.inventory.InMemoryNumberInventory;
import dev.tenantconnect.core.inventory.NumberAttributes;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.inventory.NumberUsage;
import dev.tenantconnect.core.job.FileJobJournal;
import dev.tenantconnect.core.metrics.MetricNames;
import dev.tenantconnect.core.model.PhoneNumberRange;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.number.NumberLifecycle;
import dev.tenantconnect.core.number.QuarantinePolicy;
import dev.tenantconnect.leaks.LeakRegistry;
import dev.tenantconnect.leaks.LeakScanner;
import dev.tenantconnect.spring.boot.MicrometerMetricsRecorder;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatorExtension;
import dev.tenantconnect.voice.TenantConnectClient;
import dev.tenantconnect.voice.VerifyOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK's observations through Micrometer Tracing's OpenTelemetry bridge (the versions Spring Boot manages): connect,
 * verify and each bulk row become OpenTelemetry spans named after the operation, carrying Graph's
 * {@code client-request-id} and {@code request-id} — for a bulk row, the IDs of its own assignment, as in its audit
 * event — so an operator can find Microsoft's request for a failed row. No span attribute holds a secret.
 */
class OpenTelemetryBridgeTest {
    static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey(MetricNames.ATTR_REQUEST_ID);
    static final AttributeKey<String> CLIENT_REQUEST_ID = AttributeKey.stringKey(MetricNames.ATTR_CLIENT_REQUEST_ID);

    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create().seededWith(SampleTenant::seed);

    @TempDir
    Path dir;

    /** Keeps the spans that ended. */
    static final class Spans implements SpanExporter {
        final List<SpanData> ended = new CopyOnWriteArrayList<>();

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            ended.addAll(spans);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }

        List<SpanData> named(String name) {
            return ended.stream().filter(s -> s.getName().equals(name)).toList();
        }
    }

    @Test
    void connect_verify_and_bulk_rows_are_spans_with_microsofts_request_ids() throws Exception {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        Spans spans = new Spans();
        SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans))
                .build();
        OtelCurrentTraceContext context = new OtelCurrentTraceContext();
        OtelTracer tracer = new OtelTracer(provider.get("tenantconnect-test"), context, event -> { },
                new OtelBaggageManager(context, List.of(), List.of()));
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultTracingObservationHandler(tracer));

        Clock clock = Clock.systemUTC();
        InMemoryNumberInventory inventory = new InMemoryNumberInventory(
                new NumberLifecycle(QuarantinePolicy.DEFAULT, clock), clock, new SplittableRandom(1));
        inventory.importNumbers(PhoneNumberRange.parse("+6590000000..+6590000009"),
                NumberAttributes.of("SG", "659000", NumberType.OPERATOR_CONNECT, NumberUsage.USER), "test");
        InMemoryAuditSink audit = new InMemoryAuditSink();
        TenantConnectClient client = TenantConnectClient.builder().endpoints(sim.endpoints())
                .credentials(new InMemoryCredentialStore()).inventory(inventory)
                .acgProvisioning(URI.create(sim.provisioningBaseUrl()), MicrosoftCloudSimulator.PROVISIONING_SCOPE,
                        SampleTenant.OPERATOR, ClientSecretCredential.of(SampleTenant.OPERATOR_APP,
                                SampleTenant.SECRET, Instant.now().plusSeconds(3600)))
                .audit(audit).metrics(new MicrometerMetricsRecorder(new SimpleMeterRegistry(), observations))
                .build();
        CredentialKey key = new CredentialKey(SampleTenant.CUSTOMER, ServiceId.of("oc-main"));
        Instant start = Instant.now().minusSeconds(1);

        client.connections().connect(key, ClientSecretCredential.of(SampleTenant.APP, SampleTenant.SECRET,
                Instant.now().plus(Duration.ofDays(30))));
        client.verification().verify(key, VerifyOptions.operatorConnect());
        Path file = dir.resolve("users.csv");
        Files.writeString(file, "Ext Key,Number,User,Addon license 1\r\n"
                + "1001,6590000001,user1@contoso.onmicrosoft.com,device_import_msteams_OC\r\n"
                + "1002,6590000002,user2@contoso.onmicrosoft.com,device_import_msteams_OC\r\n");
        BulkAssignments bulk = BulkAssignments.of(client, new FileJobJournal(dir.resolve("jobs")));
        BulkReport report = bulk.run(bulk.plan(file, key, BulkOptions.defaults()), ProgressListener.NONE);
        assertThat(report.outcomes()).hasSize(2);

        for (String op : List.of(MetricNames.OP_CONNECT, MetricNames.OP_VERIFY)) {
            assertThat(spans.named(op)).as(op).singleElement().satisfies(s -> {
                assertThat(s.getAttributes().get(REQUEST_ID)).isNotBlank();
                assertThat(s.getAttributes().get(CLIENT_REQUEST_ID)).isNotBlank();
            });
        }
        List<String> assignRequestIds = audit.find(SampleTenant.CUSTOMER, start).stream()
                .filter(e -> e.action() == AuditAction.NUMBER_ASSIGN)
                .map(e -> e.correlation().get(AuditEvent.REQUEST_ID)).toList();
        List<SpanData> rows = spans.named(MetricNames.OP_BULK_ROW);
        assertThat(rows).hasSize(2);
        assertThat(rows).extracting(s -> s.getAttributes().get(REQUEST_ID))
                .containsExactlyInAnyOrderElementsOf(assignRequestIds);
        assertThat(rows).allSatisfy(s -> assertThat(s.getAttributes().get(CLIENT_REQUEST_ID)).isNotBlank());

        LeakRegistry.secret("customer app secret", SampleTenant.SECRET.revealAsString());
        assertThat(spans.ended).allSatisfy(s -> assertThat(LeakScanner.scan("span " + s.getName(),
                s.getAttributes().toString())).isEmpty());
        provider.close();
    }
}
