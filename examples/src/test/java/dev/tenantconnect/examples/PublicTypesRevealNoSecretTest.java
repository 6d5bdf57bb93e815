package dev.tenantconnect.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.testing.TestCertificates;
import dev.tenantconnect.leaks.LeakRegistry;
import dev.tenantconnect.leaks.LeakScanner;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every public value type of the SDK that can hold a secret, a private key or a token is built with registered
 * canary values in those slots, and its {@code toString()} must not show them. The types are found by scanning the
 * main code (records whose components reach {@link Secret} or {@link PrivateKey}, through nested records, sealed
 * interfaces and collections), so a new secret-bearing record is covered without editing this test; one that the
 * generic builder cannot construct fails the test rather than being skipped.
 */
class PublicTypesRevealNoSecretTest {
    private static final String CANARY = "canary-" + UUID.randomUUID() + "-" + UUID.randomUUID();
    private static final TestCertificates.Issued CERT = TestCertificates.selfSigned("EC", "canary",
            Instant.parse("2030-01-01T00:00:00Z"));
    private static final List<String> SAMPLES = List.of("00000000-0000-0000-0000-0000000000c1", "+14255550100",
            "admin@contoso.onmicrosoft.com", "contoso.onmicrosoft.com", "Tenant Connect", "SG", "sample");

    static {
        LeakRegistry.secret("canary secret", CANARY);
    }

    @Test
    void no_public_type_that_holds_a_secret_shows_it_in_to_string() {
        List<Class<?>> publicTypes = new ArrayList<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.tenantconnect")) {
            if (c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)
                    && !c.getPackageName().contains(".internal") && !c.getPackageName().startsWith(
                            "dev.tenantconnect.leaks")) {
                publicTypes.add(c.reflect());
            }
        }
        List<Class<?>> holders = publicTypes.stream().filter(t -> t == Secret.class
                || (t.isRecord() && holdsSecret(t, new HashSet<>()))).toList();
        assertThat(holders).as("the scan found the credential types").hasSizeGreaterThanOrEqualTo(8);

        Map<String, String> notBuilt = new TreeMap<>();
        Map<String, String> leaked = new TreeMap<>();
        for (Class<?> t : holders) {
            Object value;
            try {
                value = build(t, t, 0);
            } catch (Exception | AssertionError e) {
                notBuilt.put(t.getName(), String.valueOf(e));
                continue;
            }
            List<String> found = LeakScanner.scan("toString() of " + t.getName(), String.valueOf(value));
            LeakScanner.takeFindings();
            if (!found.isEmpty()) {
                leaked.put(t.getName(), String.join(", ", found));
            }
        }
        assertThat(notBuilt).as("every secret-bearing type could be built with canaries").isEmpty();
        assertThat(leaked).as("toString() shows a secret").isEmpty();
        assertThat(LeakRegistry.size()).isPositive();
    }

    @Test
    void the_scan_would_catch_a_record_that_prints_its_secret() throws Exception {
        record Careless(String name, String password) {
        }
        Object value = new Careless("svc", CANARY);
        assertThat(LeakScanner.scan("toString() of a careless record", String.valueOf(value))).isNotEmpty();
        assertThat(LeakScanner.takeFindings()).hasSize(1);
        assertThat(String.valueOf(build(dev.tenantconnect.core.credential.ClientSecretCredential.class,
                dev.tenantconnect.core.credential.ClientSecretCredential.class, 0))).doesNotContain(CANARY);
    }

    private static boolean holdsSecret(Type type, Set<Type> seen) {
        Class<?> raw = raw(type);
        if (raw == Secret.class || PrivateKey.class.isAssignableFrom(raw)) {
            return true;
        }
        if (!seen.add(type)) {
            return false;
        }
        if (type instanceof ParameterizedType p) {
            for (Type a : p.getActualTypeArguments()) {
                if (holdsSecret(a, seen)) {
                    return true;
                }
            }
        }
        if (raw.isRecord()) {
            for (RecordComponent rc : raw.getRecordComponents()) {
                if (holdsSecret(rc.getGenericType(), seen)) {
                    return true;
                }
            }
        }
        if (raw.isSealed()) {
            for (Class<?> sub : raw.getPermittedSubclasses()) {
                if (holdsSecret(sub, seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Class<?> raw(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Object build(Type type, Class<?> owner, int depth) throws Exception {
        if (depth > 12) {
            throw new IllegalStateException("too deep at " + type);
        }
        Class<?> raw = raw(type);
        if (raw == Secret.class) {
            return Secret.of(CANARY);
        }
        if (PrivateKey.class.isAssignableFrom(raw)) {
            return CERT.keys().getPrivate();
        }
        if (raw == X509Certificate.class) {
            return CERT.certificate();
        }
        if (raw == String.class) {
            return "sample";
        }
        if (raw == int.class || raw == Integer.class) {
            return 1;
        }
        if (raw == long.class || raw == Long.class) {
            return 1L;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return false;
        }
        if (raw == double.class || raw == Double.class) {
            return 1.0;
        }
        if (raw == Instant.class) {
            return Instant.parse("2026-11-22T00:00:00Z");
        }
        if (raw == LocalDate.class) {
            return LocalDate.of(2026, 11, 22);
        }
        if (raw == Duration.class) {
            return Duration.ofMinutes(1);
        }
        if (raw == UUID.class) {
            return UUID.fromString(SAMPLES.get(0));
        }
        if (raw == URI.class) {
            return URI.create("https://example.com");
        }
        if (raw == Path.class) {
            return Path.of("sample");
        }
        if (raw.isEnum()) {
            return raw.getEnumConstants()[0];
        }
        if (raw == Optional.class) {
            return Optional.of(build(arg(type, 0), owner, depth + 1));
        }
        if (raw == List.class || raw == java.util.Collection.class) {
            return List.of(build(arg(type, 0), owner, depth + 1));
        }
        if (raw == Set.class) {
            return Set.of(build(arg(type, 0), owner, depth + 1));
        }
        if (raw == Map.class) {
            Map<Object, Object> m = new LinkedHashMap<>();
            m.put(build(arg(type, 0), owner, depth + 1), build(arg(type, 1), owner, depth + 1));
            return m;
        }
        if (raw.isRecord()) {
            RecordComponent[] rcs = raw.getRecordComponents();
            Class<?>[] types = new Class<?>[rcs.length];
            Object[] args = new Object[rcs.length];
            for (int i = 0; i < rcs.length; i++) {
                types[i] = rcs[i].getType();
                args[i] = build(rcs[i].getGenericType(), raw, depth + 1);
            }
            Constructor<?> c = raw.getDeclaredConstructor(types);
            c.setAccessible(true);
            try {
                return c.newInstance(args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                Object parsed = parsed(raw);
                if (parsed != null) {
                    return parsed;
                }
                throw new IllegalStateException(raw.getName() + ": " + e.getCause(), e.getCause());
            }
        }
        if (raw.isSealed()) {
            Exception last = null;
            for (Class<?> sub : raw.getPermittedSubclasses()) {
                try {
                    return build(sub, owner, depth + 1);
                } catch (Exception e) {
                    last = e;
                }
            }
            throw new IllegalStateException("no permitted subclass of " + raw.getName() + " could be built: " + last,
                    last);
        }
        Object parsed = parsed(raw);
        if (parsed != null) {
            return parsed;
        }
        throw new IllegalStateException("cannot build a " + type.getTypeName() + " for " + owner.getName());
    }

    /** A value type with a static {@code parse}/{@code of}/{@code from}(String) factory, tried on sample texts. */
    private static Object parsed(Class<?> raw) {
        for (String name : List.of("parse", "of", "from")) {
            Method m;
            try {
                m = raw.getMethod(name, String.class);
            } catch (NoSuchMethodException e) {
                continue;
            }
            if (!Modifier.isStatic(m.getModifiers()) || !raw.isAssignableFrom(m.getReturnType())) {
                continue;
            }
            for (String sample : SAMPLES) {
                try {
                    return m.invoke(null, sample);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // try the next sample
                }
            }
        }
        return null;
    }

    private static Type arg(Type t, int i) {
        return t instanceof ParameterizedType p ? p.getActualTypeArguments()[i] : Object.class;
    }
}
