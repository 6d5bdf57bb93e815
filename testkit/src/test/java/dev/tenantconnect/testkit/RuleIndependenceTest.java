package dev.tenantconnect.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The simulator's permission and role rules come from Microsoft's pages, not from the SDK's permission tables: no
 * compiled class of the rules (the rule tables, the rule type, the application ownership rules, the endpoints that
 * declare a rule per route, and the engine that applies them), nested classes and lambdas included, refers to any
 * type in {@code dev.tenantconnect.core.access}. Read from the class files' constant pools, which name every class,
 * field and method type a class uses.
 */
class RuleIndependenceTest {
    private static final String SDK_ACCESS = "dev/tenantconnect/core/access/";
    private static final List<Class<?>> RULES = List.of(PermissionRules.class, AccessRule.class,
            ApplicationRules.class, GraphEndpoint.class, DirectoryEndpoint.class, ProvisioningEndpoint.class,
            SimulatorEngine.class);

    @Test
    void the_simulators_rules_use_nothing_from_the_sdks_access_package() throws Exception {
        Set<String> offending = new TreeSet<>();
        int scanned = 0;
        for (Class<?> rule : RULES) {
            for (Path file : classFiles(rule)) {
                scanned++;
                referencedTypes(file).stream().filter(t -> t.contains(SDK_ACCESS))
                        .forEach(t -> offending.add(file.getFileName() + " -> " + t));
            }
        }
        assertThat(scanned).as("class files scanned (nested classes included)").isGreaterThan(RULES.size());
        assertThat(offending).as("references from the simulator's rules to the SDK's core.access").isEmpty();
    }

    @Test
    void the_scan_sees_a_class_that_uses_the_sdks_access_package() throws Exception {
        // a class that does use core.access is caught by the same scan, so the test above can fail
        Set<String> types = new TreeSet<>();
        for (Path file : classFiles(UsesSdkAccess.class)) {
            types.addAll(referencedTypes(file));
        }
        assertThat(types).anyMatch(t -> t.contains(SDK_ACCESS + "GraphPermission"));
    }

    @Test
    void every_rule_cites_a_microsoft_page_and_names_a_least_privileged_permission() {
        assertThat(PermissionRules.all()).hasSizeGreaterThan(40).allSatisfy(r -> {
            assertThat(r.doc()).as(r.endpoint()).startsWith("https://learn.microsoft.com/");
            assertThat(r.applicationLeast().size() + r.delegatedLeast().size()).as(r.endpoint()).isPositive();
        });
    }

    /** A fixture that refers to the SDK's table on purpose. */
    static final class UsesSdkAccess {
        static String name() {
            return dev.tenantconnect.core.access.GraphPermission.USER_READ_ALL.name();
        }
    }

    /** The class file of a class and those of its nested and anonymous classes. */
    private static List<Path> classFiles(Class<?> type) throws URISyntaxException, IOException {
        String binary = type.getName().substring(type.getPackageName().length() + 1);
        Path own = Path.of(type.getResource(binary + ".class").toURI());
        try (Stream<Path> files = Files.list(own.getParent())) {
            return files.filter(f -> {
                String n = f.getFileName().toString();
                return n.equals(binary + ".class") || n.startsWith(binary + "$") && n.endsWith(".class");
            }).toList();
        }
    }

    /**
     * Every UTF-8 constant of a class file's constant pool (class names, field and method descriptors, signatures):
     * any type the class uses appears there.
     */
    private static Set<String> referencedTypes(Path classFile) throws IOException {
        Set<String> out = new TreeSet<>();
        try (InputStream raw = Files.newInputStream(classFile); DataInputStream in = new DataInputStream(raw)) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IOException(classFile + " is not a class file");
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> out.add(in.readUTF());
                    case 3, 4 -> in.readInt();
                    case 5, 6 -> {
                        in.readLong();
                        i++;
                    }
                    case 7, 8, 16, 19, 20 -> in.readUnsignedShort();
                    case 9, 10, 11, 12, 17, 18 -> in.readInt();
                    case 15 -> {
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    default -> throw new IOException("unknown constant pool tag " + tag + " in " + classFile);
                }
            }
        }
        return out;
    }
}
