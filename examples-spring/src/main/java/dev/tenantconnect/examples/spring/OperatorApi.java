package dev.tenantconnect.examples.spring;

import dev.tenantconnect.bulk.BulkAssignments;
import dev.tenantconnect.bulk.BulkOptions;
import dev.tenantconnect.bulk.BulkPlan;
import dev.tenantconnect.bulk.BulkReport;
import dev.tenantconnect.bulk.ProgressListener;
import dev.tenantconnect.core.audit.Auditor;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.inventory.AllocationRequest;
import dev.tenantconnect.core.job.JobJournal;
import dev.tenantconnect.core.job.JournalEntry;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.voice.Connection;
import dev.tenantconnect.voice.TenantConnectClient;
import dev.tenantconnect.voice.VerifyOptions;
import dev.tenantconnect.voice.enablement.EnableRequest;
import dev.tenantconnect.voice.enablement.EnableResult;
import dev.tenantconnect.voice.enablement.NumberChoice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The platform's REST API; every call acts as the operator named in {@code X-Operator}. */
@RestController
public class OperatorApi {
    private final TenantConnectClient client;
    private final JobJournal journal;
    private final BulkAssignments bulk;

    /**
     * @param client the root client
     * @param journal the bulk job journal
     */
    public OperatorApi(TenantConnectClient client, JobJournal journal) {
        this.client = client;
        this.journal = journal;
        this.bulk = BulkAssignments.of(client, journal);
    }

    /**
     * A connection request: the customer's app registration and its client secret.
     *
     * @param clientId the application (client) ID
     * @param secret the client secret (kept in the credential store, never echoed)
     * @param expiresAt when the secret expires
     */
    public record ConnectRequest(String clientId, String secret, Instant expiresAt) {
        @Override
        public String toString() {
            return "ConnectRequest[clientId=" + clientId + ", secret=***]";
        }
    }

    private static CredentialKey key(String tenant, String service) {
        return new CredentialKey(TenantId.parse(tenant), ServiceId.of(service));
    }

    /**
     * @param operator who is acting
     * @param tenant the customer tenant
     * @param service the operator's service ID
     * @param body the credential
     * @return the tenant's name and the permissions granted
     */
    @PostMapping("/tenants/{tenant}/connections/{service}")
    public Map<String, Object> connect(@RequestHeader("X-Operator") String operator, @PathVariable String tenant,
            @PathVariable String service, @RequestBody ConnectRequest body) {
        Connection c = Auditor.actingAs(operator, () -> client.connections().connect(key(tenant, service),
                ClientSecretCredential.of(ClientId.parse(body.clientId()), Secret.of(body.secret()),
                        body.expiresAt())));
        return Map.of("organization", c.organization().displayName(), "permissions",
                c.grantedPermissions().stream().map(Object::toString).sorted().toList());
    }

    /**
     * @param tenant the customer tenant
     * @param service the service ID
     * @return the verification report (JSON)
     */
    @GetMapping(path = "/tenants/{tenant}/connections/{service}/verification",
            produces = MediaType.APPLICATION_JSON_VALUE)
    public String verify(@PathVariable String tenant, @PathVariable String service) {
        return client.verification().verify(key(tenant, service), VerifyOptions.operatorConnect()).toJson();
    }

    /**
     * Enables a user with the lowest free number of a country.
     *
     * @param operator who is acting
     * @param tenant the customer tenant
     * @param service the service ID
     * @param user the user's principal name or object ID
     * @param country the number's country
     * @return whether it succeeded, and the problems
     */
    @PostMapping("/tenants/{tenant}/connections/{service}/users/{user}/{country}")
    public Map<String, Object> enable(@RequestHeader("X-Operator") String operator, @PathVariable String tenant,
            @PathVariable String service, @PathVariable String user, @PathVariable String country) {
        EnableResult r = Auditor.actingAs(operator, () -> client.enablement().enableUser(key(tenant, service),
                EnableRequest.builder(UserRef.parse(user), new NumberChoice.Pick(AllocationRequest.lowest(
                        TenantId.parse(tenant), country, operator))).addonCodes(List.of("device_import_msteams_OC")).build()));
        return Map.of("succeeded", r.succeeded(), "problems", r.problems().toString());
    }

    /**
     * Plans and runs a bulk file (the CSV body), validating every row before anything is written.
     *
     * @param operator who is acting
     * @param tenant the customer tenant
     * @param service the service ID
     * @param csv the file
     * @return the job ID and its summary
     * @throws IOException when the file cannot be staged
     */
    @PostMapping(path = "/tenants/{tenant}/connections/{service}/bulk", consumes = "text/csv")
    public Map<String, Object> bulk(@RequestHeader("X-Operator") String operator, @PathVariable String tenant,
            @PathVariable String service, @RequestBody String csv) throws IOException {
        Path file = Files.createTempFile("bulk", ".csv");
        Files.writeString(file, csv);
        BulkReport report = Auditor.actingAs(operator, () -> {
            BulkPlan plan = bulk.plan(file, key(tenant, service), BulkOptions.defaults());
            return bulk.run(plan, ProgressListener.NONE);
        });
        return Map.of("jobId", report.jobId(), "summary", report.summary());
    }

    /**
     * @param jobId a bulk job
     * @return its rows so far by outcome
     */
    @GetMapping("/bulk/{jobId}")
    public Map<String, Object> progress(@PathVariable String jobId) {
        JobJournal.JobRecord job = journal.read(jobId).orElseThrow(() -> new IllegalArgumentException(
                "no bulk job " + jobId));
        Map<JournalEntry.Kind, Long> kinds = new EnumMap<>(JournalEntry.Kind.class);
        job.entries().forEach(e -> kinds.merge(e.kind(), 1L, Long::sum));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jobId", jobId);
        kinds.forEach((k, v) -> out.put(k.name().toLowerCase(java.util.Locale.ROOT), v));
        return out;
    }
}
