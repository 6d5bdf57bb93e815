package dev.tenantconnect.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Nothing outside a module imports that module's {@code internal} packages, and no production code can switch off
 * TLS checks. This module depends on every other module, so it sees all their classes.
 */
class ModuleBoundariesTest {
    static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("/test-classes/") && !location.contains("-tests.jar"))
            .importPackages("dev.tenantconnect");

    static {
        if (ALL.stream().noneMatch(c -> c.getPackageName().startsWith("dev.tenantconnect.core"))) {
            throw new IllegalStateException("the core classes were not imported; the rule would check nothing");
        }
    }

    static Stream<String> moduleBasePackages() {
        return Stream.of("core", "graph", "voice", "bulk", "jdbc", "testkit", "examples", "benchmarks")
                .map(area -> "dev.tenantconnect." + area);
    }

    @ParameterizedTest
    @MethodSource("moduleBasePackages")
    void internal_packages_are_used_only_inside_their_module(String base) {
        noClasses().that().resideOutsideOfPackage(base + "..")
                .should().dependOnClassesThat().resideInAPackage(base + ".internal..")
                .allowEmptyShould(true)
                .because("only the API packages of a module are promised to other modules and to users")
                .check(ALL);
    }

    @org.junit.jupiter.api.Test
    void no_production_code_trusts_every_certificate_or_every_host_name() {
        // the testkit is test support: it makes the simulator's own certificate, and is never on a production path
        noClasses().that().resideOutsideOfPackage("dev.tenantconnect.testkit..")
                .should().implement(javax.net.ssl.X509TrustManager.class)
                .orShould().implement(javax.net.ssl.HostnameVerifier.class)
                .orShould().callMethod(okhttp3.OkHttpClient.Builder.class, "hostnameVerifier",
                        javax.net.ssl.HostnameVerifier.class)
                .orShould().callMethod(javax.net.ssl.HttpsURLConnection.class, "setDefaultHostnameVerifier",
                        javax.net.ssl.HostnameVerifier.class)
                .orShould().callMethod(javax.net.ssl.HttpsURLConnection.class, "setDefaultSSLSocketFactory",
                        javax.net.ssl.SSLSocketFactory.class)
                .because("certificates and host names are always verified; a custom endpoint is trusted by adding "
                        + "its certificate (GraphConnector.Builder.trustCertificates), never by switching checks off")
                .check(ALL);
    }
}
