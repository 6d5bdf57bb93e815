package dev.tenantconnect.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.tenantconnect.core.error.TenantConnectException;
import java.util.ArrayList;
import java.util.List;

/** The rules of the house that the compiler cannot check, for the core module. */
@AnalyzeClasses(packages = "dev.tenantconnect.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

    @ArchTest
    static final ArchRule core_depends_only_on_the_jdk_slf4j_resilience4j_and_jackson_core = classes()
            .that().resideInAPackage("dev.tenantconnect.core..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", "org.slf4j..",
                    "io.github.resilience4j..", "dev.tenantconnect.core..", "com.fasterxml.jackson.core..",
                    "com.fasterxml.jackson.annotation..");

    @ArchTest
    static final ArchRule public_api_never_exposes_internal_types = methods()
            .that().arePublic().and().areDeclaredInClassesThat().resideOutsideOfPackage("..internal..")
            .and().areDeclaredInClassesThat().arePublic()
            .should(new ArchCondition<JavaMethod>("not use internal types in their signature") {
                @Override
                public void check(JavaMethod method, ConditionEvents events) {
                    List<JavaClass> types = new ArrayList<>(method.getRawParameterTypes());
                    types.add(method.getRawReturnType());
                    for (JavaClass t : types) {
                        if (t.getPackageName().contains(".internal")) {
                            events.add(SimpleConditionEvent.violated(method,
                                    method.getFullName() + " exposes internal type " + t.getName()));
                        }
                    }
                }
            });

    @ArchTest
    static final ArchRule every_exception_is_a_tenant_connect_exception = classes()
            .that().resideInAPackage("dev.tenantconnect.core.error").and().haveSimpleNameEndingWith("Exception")
            .should().beAssignableTo(TenantConnectException.class);

    @ArchTest
    static final ArchRule no_standard_streams = NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule slf4j_only = NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
}
