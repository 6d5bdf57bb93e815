package dev.tenantconnect.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The allowed module graph, checked on the compiled classes (each module's Maven enforcer rule {@code module-graph}
 * checks the same on the declared dependencies): a module's production code uses only the modules it may depend on.
 * This module depends on every other module, so it sees all their classes.
 */
class ModuleGraphTest {
    /** Every production class of every module, imported once for both architecture tests. */
    private static final JavaClasses ALL = ModuleBoundariesTest.ALL;

    /** Module -> its base packages. */
    private static final Map<String, List<String>> PACKAGES = new LinkedHashMap<>();
    /** Module -> the modules it may use. */
    private static final Map<String, Set<String>> ALLOWED = new LinkedHashMap<>();

    static {
        module("leak-scanner", List.of("leaks", "fidelity"), Set.of());
        module("core", List.of("core"), Set.of());
        module("graph-adapter", List.of("graph"), Set.of("core"));
        module("teams-voice", List.of("voice"), Set.of("core", "graph-adapter"));
        module("charts", List.of("charts"), Set.of("core"));
        module("csv-bulk", List.of("bulk"), Set.of("core", "graph-adapter", "teams-voice"));
        module("jdbc-store", List.of("jdbc"), Set.of("core"));
        // the leak scanner is provided: used when a test has it on its class path, never needed by the simulator
        module("testkit", List.of("testkit"), Set.of("core", "leak-scanner"));
        module("spring-boot-autoconfigure", List.of("spring"), Set.of("core", "graph-adapter", "teams-voice",
                "jdbc-store"));
    }

    private static void module(String name, List<String> packages, Set<String> allowed) {
        PACKAGES.put(name, packages.stream().map(p -> "dev.tenantconnect." + p).toList());
        ALLOWED.put(name, allowed);
    }

    static Stream<String> modules() {
        return ALLOWED.keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("modules")
    void a_module_uses_only_the_modules_it_may_depend_on(String module) {
        String[] own = PACKAGES.get(module).stream().map(p -> p + "..").toArray(String[]::new);
        String[] forbidden = PACKAGES.entrySet().stream()
                .filter(e -> !e.getKey().equals(module) && !ALLOWED.get(module).contains(e.getKey()))
                .flatMap(e -> e.getValue().stream()).map(p -> p + "..").toArray(String[]::new);
        String[] applications = {"dev.tenantconnect.examples..", "dev.tenantconnect.benchmarks.."};
        assertThat(ALL.stream().anyMatch(c -> Stream.of(own).anyMatch(p -> c.getPackageName()
                .startsWith(p.substring(0, p.length() - 2))))).as("classes of " + module + " imported").isTrue();
        noClasses().that().resideInAnyPackage(own)
                .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                .orShould().dependOnClassesThat().resideInAnyPackage(applications)
                .because(module + " may depend only on " + ALLOWED.get(module) + " (README, module map)")
                .check(ALL);
    }

    @Test
    void core_and_the_stores_never_need_micrometer_or_spring() {
        noClasses().that().resideInAnyPackage("dev.tenantconnect.core..", "dev.tenantconnect.jdbc..")
                .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..", "org.springframework..")
                .because("metrics and audit live behind core's SPIs; Micrometer and Spring stay in the "
                        + "spring-boot-* modules (README, module map)")
                .check(ALL);
    }

    @Test
    void every_module_of_the_sdk_is_in_the_graph() {
        Set<String> packages = new java.util.TreeSet<>();
        ALL.forEach(c -> {
            String[] parts = c.getPackageName().split("\\.");
            if (parts.length >= 3) {
                packages.add(String.join(".", parts[0], parts[1], parts[2]));
            }
        });
        packages.removeAll(Set.of("dev.tenantconnect.examples", "dev.tenantconnect.benchmarks"));
        assertThat(PACKAGES.values().stream().flatMap(List::stream).toList())
                .as("a new module (or base package) needs its place in the allowed graph")
                .containsAll(packages);
    }
}
