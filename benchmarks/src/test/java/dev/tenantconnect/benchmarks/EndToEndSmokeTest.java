package dev.tenantconnect.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end harness at smoke size, so it cannot rot: every scenario runs and its structural figures hold. The
 * timing figures belong to docs/BENCHMARKS.md, never to assertions here.
 */
class EndToEndSmokeTest {

    @Test
    void every_scenario_runs_and_reports_one_line() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<EndToEnd.Line> lines = EndToEnd.run(EndToEnd.Settings.SMOKE, new PrintStream(bytes, true,
                StandardCharsets.UTF_8));

        assertThat(lines).extracting(EndToEnd.Line::scenario).hasSize(6);
        assertThat(lines).allSatisfy(l -> assertThat(l.failedRows()).as(l.scenario()).isZero());
        EndToEnd.Line sdk = lines.get(0);
        assertThat(sdk.enabled()).isEqualTo(EndToEnd.Settings.SMOKE.users());
        assertThat(sdk.tokenRequestsPerTenant()).as("one token per tenant for the whole job").isEqualTo(1.0);
        EndToEnd.Line baseline = lines.get(1);
        assertThat(baseline.requestsPerUser()).as("the baseline polls; the SDK does not")
                .isGreaterThan(sdk.requestsPerUser());
        EndToEnd.Line many = lines.get(3);
        assertThat(many.enabled()).isEqualTo((long) EndToEnd.Settings.SMOKE.tenants()
                * EndToEnd.Settings.SMOKE.tenantUsers());
        EndToEnd.Line tokens = lines.get(4);
        assertThat(tokens.tokenRequestsPerTenant()).as("64 concurrent callers, one token request").isEqualTo(1.0);
        EndToEnd.Line replication = lines.get(5);
        assertThat(replication.note()).contains("full=false");
        assertThat(sdk.sdkCpu().toNanos()).as("the SDK's threads were measured").isPositive();
        assertThat(sdk.simulatorCpu().toNanos()).as("the simulator's threads were told apart").isPositive();
        // the settings, the load average before, the header, where the simulator runs, six scenarios, the load
        // average after
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).hasSize(11);
    }

    @Test
    void with_the_simulator_in_its_own_process_the_counts_come_from_its_journal_and_its_cpu_from_that_process() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EndToEnd.Settings small = new EndToEnd.Settings(30, 2, 10, java.time.Duration.ZERO, 200, 20,
                java.time.Duration.ofMillis(50), 2, 8, false).withSimulatorProcess(true);

        List<EndToEnd.Line> lines = EndToEnd.run(small, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("simulated cloud in its own process");
        assertThat(lines).extracting(EndToEnd.Line::scenario).hasSize(6);
        assertThat(lines).allSatisfy(l -> assertThat(l.failedRows()).as(l.scenario()).isZero());
        EndToEnd.Line sdk = lines.get(0);
        assertThat(sdk.enabled()).isEqualTo(30);
        assertThat(sdk.requestsPerUser()).as("counted by the simulator's journal endpoint").isGreaterThan(1.0);
        assertThat(sdk.tokenRequestsPerTenant()).as("one token per tenant for the whole job").isEqualTo(1.0);
        assertThat(lines.get(4).tokenRequestsPerTenant()).as("64 concurrent callers, one token request")
                .isEqualTo(1.0);
        assertThat(lines.get(5).note()).contains("full=false");
        assertThat(sdk.simulatorCpu().toNanos()).as("the simulator process's CPU time").isPositive();
    }
}
