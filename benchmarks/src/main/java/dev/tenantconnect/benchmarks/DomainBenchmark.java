package dev.tenantconnect.benchmarks;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.access.PermissionProfile;
import dev.tenantconnect.core.access.RoleProfile;
import dev.tenantconnect.core.licensing.AssignedPlan;
import dev.tenantconnect.core.licensing.CapabilityStatus;
import dev.tenantconnect.core.licensing.ServicePlan;
import dev.tenantconnect.core.licensing.UserLicenses;
import dev.tenantconnect.core.model.PhoneNumber;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-row domain work of a bulk run, one thread: parsing a phone number as a spreadsheet writes it, evaluating an
 * app's Graph permissions and directory roles against a profile (verify), and deciding whether a user's assigned
 * plans allow Teams calling (plan). Run: {@code mvn -q -pl benchmarks exec:exec -Dbench.args="DomainBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DomainBenchmark {
    private static final String[] NUMBERS = {"+6567891230", "6567891231", "+1 (206) 555-0100", "+44 20 7946 0958",
        "+12065550100;ext=4711", "+4930123456789", "+81 3-1234-5678", "+61 2 9876 5432"};
    private final Set<GraphPermission> held = Set.of(GraphPermission.USER_READ_ALL,
            GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL, GraphPermission.ORGANIZATION_READ_ALL,
            GraphPermission.ROLE_MANAGEMENT_READ_DIRECTORY, GraphPermission.APPLICATION_READ_ALL);
    private final Set<DirectoryRole> roles = Set.of(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR);
    private final List<AssignedPlan> plans = List.of(AssignedPlan.of(ServicePlan.TEAMS, CapabilityStatus.ENABLED),
            AssignedPlan.of(ServicePlan.TEAMS_PHONE, CapabilityStatus.ENABLED),
            AssignedPlan.of(ServicePlan.CALLING_PLAN_DOMESTIC, CapabilityStatus.SUSPENDED));
    private int next;

    /**
     * @return a parsed number (one of eight written as people write them)
     */
    @Benchmark
    public PhoneNumber parsePhoneNumber() {
        next = (next + 1) & 7;
        return PhoneNumber.parse(NUMBERS[next]);
    }

    /**
     * @return whether the permissions and roles satisfy the Operator Connect profiles
     */
    @Benchmark
    public boolean evaluateRolesAndPermissions() {
        return PermissionProfile.OPERATOR_CONNECT.evaluate(held).satisfied()
                && RoleProfile.OPERATOR_CONNECT.evaluate(roles).satisfied();
    }

    /**
     * @return the licensing problem, if any, for a user and for a resource account
     */
    @Benchmark
    public Optional<String> evaluateLicences() {
        UserLicenses l = UserLicenses.of(plans);
        return l.voiceProblem(false).or(() -> l.voiceProblem(true));
    }
}
