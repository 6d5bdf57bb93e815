package dev.tenantconnect.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * No public signature of any module mentions OkHttp or the Microsoft Graph SDK (nor Kiota, its request layer): the
 * transport is graph-adapter's implementation detail, so it can change without breaking an embedding application.
 * Checks every public or protected method, constructor and field of every public class outside {@code internal}
 * packages — parameter, return, field and exception types, and the type arguments within them.
 */
public class NoTransportTypesInPublicApiTest {
    private static final List<String> TRANSPORT = List.of("okhttp3.", "com.microsoft.graph.", "com.microsoft.kiota.");
    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("/test-classes/") && !location.contains("-tests.jar"))
            .importPackages("dev.tenantconnect");

    /** @return every public member of a published class that mentions a transport type, one line each */
    static Set<String> violations(JavaClasses classes) {
        Set<String> out = new TreeSet<>();
        for (JavaClass c : classes) {
            if (!published(c)) {
                continue;
            }
            for (JavaMember m : c.getMembers()) {
                if (!m.getModifiers().contains(JavaModifier.PUBLIC) && !m.getModifiers().contains(JavaModifier.PROTECTED)) {
                    continue;
                }
                List<JavaType> types = new ArrayList<>();
                if (m instanceof JavaCodeUnit u) {
                    types.addAll(u.getParameterTypes());
                    types.add(u.getReturnType());
                    types.addAll(u.getThrowsClause().getTypes());
                } else if (m instanceof JavaField f) {
                    types.add(f.getType());
                }
                for (JavaType t : types) {
                    for (JavaClass involved : t.getAllInvolvedRawTypes()) {
                        if (TRANSPORT.stream().anyMatch(involved.getName()::startsWith)) {
                            out.add(m.getFullName() + " mentions " + involved.getName());
                        }
                    }
                }
            }
            for (JavaType parent : interfacesAndSuperclass(c)) {
                for (JavaClass involved : parent.getAllInvolvedRawTypes()) {
                    if (TRANSPORT.stream().anyMatch(involved.getName()::startsWith)) {
                        out.add(c.getName() + " extends or implements " + involved.getName());
                    }
                }
            }
        }
        return out;
    }

    private static List<JavaType> interfacesAndSuperclass(JavaClass c) {
        List<JavaType> out = new ArrayList<>(c.getInterfaces());
        c.getSuperclass().ifPresent(out::add);
        return out;
    }

    private static boolean published(JavaClass c) {
        return c.getName().startsWith("dev.tenantconnect.") && !c.getPackageName().contains(".internal")
                && c.getModifiers().contains(JavaModifier.PUBLIC)
                && c.getEnclosingClass().map(e -> e.getModifiers().contains(JavaModifier.PUBLIC)).orElse(true);
    }

    @Test
    void no_public_signature_mentions_okhttp_or_the_graph_sdk() {
        assertThat(ALL.stream().filter(c -> c.getPackageName().equals("dev.tenantconnect.graph")))
                .as("the graph-adapter's classes were imported (else the rule would check nothing)").isNotEmpty();
        assertThat(violations(ALL)).isEmpty();
    }

    @Test
    void the_rule_sees_a_transport_type_in_a_public_signature() {
        JavaClasses leaky = new ClassFileImporter().importClasses(Leaky.class);
        assertThat(violations(leaky)).anySatisfy(v -> assertThat(v).contains("client()").contains("okhttp3.OkHttpClient"))
                .anySatisfy(v -> assertThat(v).contains("requests").contains("okhttp3.Request"));
    }

    /** A class that leaks: what the rule must find (a public nested class of a test, so published by its shape). */
    public static final class Leaky {
        /** A field of a list of OkHttp requests. */
        public List<okhttp3.Request> requests = List.of();

        /** @return an OkHttp client */
        public okhttp3.OkHttpClient client() {
            throw new UnsupportedOperationException("never called: the rule reads the signature");
        }
    }
}
