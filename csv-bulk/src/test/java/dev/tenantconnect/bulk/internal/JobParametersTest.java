package dev.tenantconnect.bulk.internal;

import dev.tenantconnect.core.tenant.TeamsPolicy;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.bulk.BulkOptions;
import dev.tenantconnect.bulk.FailurePolicy;
import dev.tenantconnect.bulk.InvalidRows;
import dev.tenantconnect.bulk.NumberPool;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.job.JobHeader;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A bulk job's options survive the trip through its journal header, and old headers still resume. */
class JobParametersTest {
    private static final CredentialKey KEY = new CredentialKey(TenantId.parse(
            "6b17bc95-fa47-49bf-8b00-0000000000c1"), ServiceId.of("oc-main"));

    private static BulkOptions roundTrip(BulkOptions o) {
        JobHeader h = new JobHeader("job-1", KEY, Path.of("/data/users.csv"), "ab".repeat(32), JobParameters.of(o),
                Instant.parse("2026-11-22T10:00:00Z"));
        return JobParameters.options(JobHeader.fromJson(h.toJson()).parameters());
    }

    @Test
    void every_option_survives_the_journal_header() {
        BulkOptions full = BulkOptions.builder().concurrency(7).failurePolicy(FailurePolicy.STOP_AT_FIRST_FAILURE)
                .invalidRows(InvalidRows.SKIP_ROWS)
                .numberPool(NumberPool.builder("SG", NumberType.DIRECT_ROUTING).prefix("+6567").build()).locationId("loc-1")
                .policies(Set.of(TeamsPolicy.of("TeamsCallingPolicy", "AllowCalling"), TeamsPolicy.of("TenantDialPlan",
                        "SG.dial")))
                .resultsFile(Path.of("/data/out/users.results.csv")).takeOverNumbers(true).build();
        assertThat(roundTrip(full)).isEqualTo(full);
        assertThat(roundTrip(BulkOptions.defaults())).isEqualTo(BulkOptions.defaults());
    }

    @Test
    void a_header_of_an_earlier_version_resumes_with_its_options() {
        JobHeader old = JobHeader.fromJson("""
                {"jobId": "job-old", "tenant": "6b17bc95-fa47-49bf-8b00-0000000000c1", "service": "oc-main",
                 "source": "/data/users.csv", "sha256": "%s", "createdAt": "2026-11-22T10:00:00Z",
                 "options": {"concurrency": 3, "failurePolicy": "CONTINUE", "invalidRows": "REJECT_FILE",
                             "numberPool": {"country": "SG", "type": "OPERATOR_CONNECT"},
                             "policies": {"TeamsCallingPolicy": "AllowCalling"}, "takeOverNumbers": true}}
                """.formatted("ab".repeat(32)));
        assertThat(JobParameters.options(old.parameters())).isEqualTo(BulkOptions.defaults().withConcurrency(3)
                .withNumberPool(NumberPool.operatorConnect("SG")).withPolicies(Set.of(TeamsPolicy.of(
                        "TeamsCallingPolicy", "AllowCalling"))).withTakeOverNumbers(true));
    }

    @Test
    void a_header_without_the_options_a_run_needs_is_refused_by_name() {
        assertThatThrownBy(() -> JobParameters.options(Map.of("concurrency", "3")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("failurePolicy");
    }
}
