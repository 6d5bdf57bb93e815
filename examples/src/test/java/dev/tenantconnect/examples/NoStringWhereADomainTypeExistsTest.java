package dev.tenantconnect.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.Executable;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * No public method or constructor of a published module takes or returns a {@code String} (or an {@code Optional}, a
 * collection or an array of them) where a domain type exists: a user ({@code UserRef}), a tenant ({@code TenantId}),
 * a phone number ({@code PhoneNumber}), a number type ({@code NumberType}) or an add-on ({@code AddonLicense} /
 * {@code AddonSet}). What a value is, is judged by its name: the parameter's name (the build compiles with
 * {@code -parameters}) or, for a return value, the method's name, against a conservative list of names that mean only
 * that. The allow-list below names the exceptions, each with its reason (the domain types' own text, codes kept as
 * recorded, damaged records, the simulator's wire text, bound configuration text).
 */
public class NoStringWhereADomainTypeExistsTest {
    /** Lower-case names that mean the domain type, and the type to use instead. */
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("upn", "UserRef"), Map.entry("userprincipalname", "UserRef"),
            Map.entry("userprincipalnames", "UserRef"), Map.entry("userid", "UserRef"),
            Map.entry("userobjectid", "UserRef"), Map.entry("user", "UserRef"), Map.entry("users", "UserRef"),
            Map.entry("tenant", "TenantId"), Map.entry("tenantid", "TenantId"), Map.entry("tenants", "TenantId"),
            Map.entry("customertenant", "TenantId"), Map.entry("operatortenant", "TenantId"),
            Map.entry("number", "PhoneNumber"), Map.entry("numbers", "PhoneNumber"),
            Map.entry("phonenumber", "PhoneNumber"), Map.entry("telephonenumber", "PhoneNumber"),
            Map.entry("e164", "PhoneNumber"),
            Map.entry("numbertype", "NumberType"),
            Map.entry("addon", "AddonLicense"), Map.entry("addons", "AddonSet"), Map.entry("addoncode", "AddonLicense"),
            Map.entry("addoncodes", "AddonSet"));

    private static final String OWN_TEXT = "the domain type's own text form";
    private static final String AS_RECORDED = "a stored record keeps the add-on codes as recorded: it must read back "
            + "after the catalogue changed, and an unknown code is reported, not lost";
    private static final String DAMAGED = "a damaged stored record: its tenant as stored, which may not parse";
    private static final String WIRE = "the simulator seeds and shows Microsoft's wire text (tests write the UPN or "
            + "E.164 text Graph serves)";
    private static final String BOUND = "a Spring Boot configuration property, bound from text; the auto-configuration "
            + "parses it with TenantId.parse when it builds the provisioning client";

    /**
     * Signatures allowed to use text, as {@code Class#member(parameter)} or {@code Class#member()} for a return value,
     * each with its reason. Parsing factories ({@code UserRef.parse(text)}, {@code TenantId.parse(text)},
     * {@code PhoneNumber.parse(text)}, {@code AddonCatalog.parse(code)}) need no entry: their parameter is the text.
     */
    static final Map<String, String> ALLOWED = Map.ofEntries(
            Map.entry("dev.tenantconnect.core.model.PhoneNumber#e164()", OWN_TEXT),
            Map.entry("dev.tenantconnect.core.model.UserRef$Upn#<init>(upn)", OWN_TEXT),
            Map.entry("dev.tenantconnect.core.model.UserRef$Upn#upn()", OWN_TEXT),
            Map.entry("dev.tenantconnect.core.billing.BillingReport$Line#<init>(addonCode)", AS_RECORDED),
            Map.entry("dev.tenantconnect.core.billing.BillingReport$Line#addonCode()", AS_RECORDED),
            Map.entry("dev.tenantconnect.core.billing.UsageEvent#<init>(addonCodes)", AS_RECORDED),
            Map.entry("dev.tenantconnect.core.billing.UsageEvent#addonCodes()", AS_RECORDED),
            Map.entry("dev.tenantconnect.core.extension.Extension#<init>(addonCodes)", AS_RECORDED),
            Map.entry("dev.tenantconnect.core.extension.Extension#addonCodes()", AS_RECORDED),
            // the codes as the file wrote them (the results file, the extension record); addons() is the checked set
            Map.entry("dev.tenantconnect.bulk.BulkRow#addonCodes()", AS_RECORDED),
            // codes still to be checked: the preflight reports every unknown code, which a typed set could not hold
            Map.entry("dev.tenantconnect.voice.enablement.EnableRequest#addonCodes()", AS_RECORDED),
            Map.entry("dev.tenantconnect.core.credential.CredentialScan$Damaged#<init>(tenant)", DAMAGED),
            Map.entry("dev.tenantconnect.core.credential.CredentialScan$Damaged#tenant()", DAMAGED),
            Map.entry("dev.tenantconnect.core.error.DamagedRecordException#<init>(tenant)", DAMAGED),
            Map.entry("dev.tenantconnect.core.error.DamagedRecordException#tenant()", DAMAGED),
            Map.entry("dev.tenantconnect.spring.boot.TenantConnectProperties$Provisioning#getOperatorTenant()", BOUND),
            Map.entry("dev.tenantconnect.spring.boot.TenantConnectProperties$Provisioning#setOperatorTenant("
                    + "operatorTenant)", BOUND),
            Map.entry("dev.tenantconnect.testkit.Faults#failOperationsFor(e164)", WIRE),
            Map.entry("dev.tenantconnect.testkit.Faults#failProvisioningFor(e164)", WIRE),
            Map.entry("dev.tenantconnect.testkit.Faults#operationsFail(e164)", WIRE),
            Map.entry("dev.tenantconnect.testkit.Faults#provisioningFails(e164)", WIRE),
            Map.entry("dev.tenantconnect.testkit.InMemoryTenant#addResourceAccount(upn)", WIRE),
            Map.entry("dev.tenantconnect.testkit.InMemoryTenant#addUser(upn)", WIRE),
            Map.entry("dev.tenantconnect.testkit.InMemoryTenant#userByUpn(upn)", WIRE),
            Map.entry("dev.tenantconnect.testkit.SimulatedTenant#addResourceAccount(upn)", WIRE),
            Map.entry("dev.tenantconnect.testkit.SimulatedTenant#addUser(upn)", WIRE),
            Map.entry("dev.tenantconnect.testkit.SimulatedTenant#userByUpn(upn)", WIRE),
            Map.entry("dev.tenantconnect.testkit.NumberView#<init>(numberType)", WIRE),
            Map.entry("dev.tenantconnect.testkit.NumberView#<init>(telephoneNumber)", WIRE),
            Map.entry("dev.tenantconnect.testkit.NumberView#numberType()", WIRE),
            Map.entry("dev.tenantconnect.testkit.NumberView#telephoneNumber()", WIRE));

    private static final List<Class<?>> PUBLISHED = published();

    @Test
    void no_public_signature_takes_or_returns_text_where_a_domain_type_exists() {
        assertThat(PUBLISHED).as("the published modules' classes were found (else the rule would check nothing)")
                .anyMatch(c -> c.getName().equals("dev.tenantconnect.bulk.BulkAssignments"))
                .anyMatch(c -> c.getName().equals("dev.tenantconnect.core.model.UserRef"));
        Set<String> found = violations(PUBLISHED);
        Set<String> stale = new TreeSet<>(ALLOWED.keySet());
        found.forEach(v -> stale.remove(v.substring(0, v.indexOf(' '))));
        found.removeIf(v -> ALLOWED.containsKey(v.substring(0, v.indexOf(' '))));
        assertThat(found).as("public signatures that pass text where a domain type exists").isEmpty();
        assertThat(stale).as("allow-list entries that match nothing any more (remove them)").isEmpty();
    }

    @Test
    void the_rule_finds_text_parameters_and_accessors_named_like_a_domain_value() {
        Set<String> found = violations(List.of(Stringly.class));
        assertThat(found).anySatisfy(v -> assertThat(v).startsWith(Stringly.class.getName() + "#enable(upn)")
                        .contains("UserRef"))
                .anySatisfy(v -> assertThat(v).startsWith(Stringly.class.getName() + "#enable(addonCodes)")
                        .contains("AddonSet"))
                .anySatisfy(v -> assertThat(v).startsWith(Stringly.class.getName() + "#tenantId()")
                        .contains("TenantId"))
                .noneSatisfy(v -> assertThat(v).contains("#enable(reason)"))
                .hasSize(3);
    }

    /** @return every public signature of the given classes that uses text for a domain value, one line each */
    static Set<String> violations(List<Class<?>> classes) {
        Set<String> out = new TreeSet<>();
        for (Class<?> c : classes) {
            List<Executable> members = new ArrayList<>(Arrays.asList(c.getDeclaredConstructors()));
            members.addAll(Arrays.asList(c.getDeclaredMethods()));
            for (Executable m : members) {
                if (!Modifier.isPublic(m.getModifiers()) && !Modifier.isProtected(m.getModifiers())
                        || m.isSynthetic() || m instanceof Method mm && mm.isBridge()) {
                    continue;
                }
                String name = m instanceof Method ? m.getName() : "<init>";
                for (Parameter p : m.getParameters()) {
                    String wanted = NAMES.get(p.getName().toLowerCase(Locale.ROOT));
                    if (wanted != null && text(p.getParameterizedType())) {
                        out.add(c.getName() + "#" + name + "(" + p.getName() + ") takes text; use " + wanted);
                    }
                }
                if (m instanceof Method mm && mm.getParameterCount() == 0) {
                    String wanted = NAMES.get(accessor(mm.getName()).toLowerCase(Locale.ROOT));
                    if (wanted != null && text(mm.getGenericReturnType())) {
                        out.add(c.getName() + "#" + name + "() returns text; use " + wanted);
                    }
                }
            }
        }
        return out;
    }

    private static String accessor(String method) {
        return method.startsWith("get") && method.length() > 3 ? method.substring(3) : method;
    }

    /** Whether a type is text: a String, or an Optional, collection or array of Strings. */
    private static boolean text(Type t) {
        if (t == String.class) {
            return true;
        }
        if (t instanceof Class<?> k && k.isArray()) {
            return k.getComponentType() == String.class;
        }
        if (t instanceof GenericArrayType g) {
            return text(g.getGenericComponentType());
        }
        if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw
                && (raw == Optional.class || java.util.Collection.class.isAssignableFrom(raw))) {
            return p.getActualTypeArguments().length == 1 && text(p.getActualTypeArguments()[0]);
        }
        return false;
    }

    /** Public classes (public all the way out) of the published modules, outside {@code internal} packages. */
    private static List<Class<?>> published() {
        List<Class<?>> out = new ArrayList<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/test-classes/") && !location.contains("-tests.jar"))
                .importPackages("dev.tenantconnect")) {
            if (c.getPackageName().contains(".internal") || c.getPackageName().startsWith("dev.tenantconnect.examples")
                    || c.getPackageName().startsWith("dev.tenantconnect.benchmarks")
                    || !c.getModifiers().contains(JavaModifier.PUBLIC)
                    || !c.getEnclosingClass().map(e -> e.getModifiers().contains(JavaModifier.PUBLIC)).orElse(true)) {
                continue;
            }
            out.add(c.reflect());
        }
        return out;
    }

    /** What the rule must find: a user and add-ons as text, and a tenant returned as text. */
    public static final class Stringly {
        /**
         * @param upn a user as text (found)
         * @param addonCodes add-ons as text (found)
         * @param reason free text (not a domain value)
         */
        public void enable(String upn, List<String> addonCodes, String reason) {
            throw new UnsupportedOperationException("never called: the rule reads the signature");
        }

        /** @return a tenant as text (found) */
        public String tenantId() {
            throw new UnsupportedOperationException("never called: the rule reads the signature");
        }
    }
}
