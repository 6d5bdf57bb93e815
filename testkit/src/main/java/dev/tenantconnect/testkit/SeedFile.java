package dev.tenantconnect.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.error.TenantConnectException;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.PhoneNumberRange;
import dev.tenantconnect.core.model.TenantId;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A scenario for the simulator written as JSON, so operators' engineers can script tenants without Java: tenants
 * with their licences, users, resource accounts, numbers, consents and the apps (with roles, Graph permissions and
 * secrets) that may sign in. The format is documented in the README ("Simulator seed files").
 *
 * <p>Everything is checked before anything is applied: a bad file yields a {@link ValidationException} whose field
 * is the JSON path ({@code tenants[0].users[3].licences[0]}) and whose rule says what is wrong; the simulator is then
 * left untouched.
 */
public final class SeedFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_BYTES = 16L * 1024 * 1024;
    private static final Map<String, Sku> SKUS = Map.of(Sku.OFFICE_365_E5.partNumber(), Sku.OFFICE_365_E5,
            Sku.M365_E3.partNumber(), Sku.M365_E3, Sku.TEAMS_PHONE_STANDARD.partNumber(), Sku.TEAMS_PHONE_STANDARD,
            Sku.TEAMS_PHONE_RESOURCE_ACCOUNT.partNumber(), Sku.TEAMS_PHONE_RESOURCE_ACCOUNT);
    private static final Set<String> TENANT_FIELDS = Set.of("id", "displayName", "domain", "licences", "users",
            "generatedUsers", "resourceAccounts", "numbers", "consent", "apps");

    private final List<Consumer<MicrosoftCloudSimulator>> steps;

    private SeedFile(List<Consumer<MicrosoftCloudSimulator>> steps) {
        this.steps = List.copyOf(steps);
    }

    /**
     * Reads and checks a seed file.
     *
     * @param file the JSON file (at most 16 MiB)
     * @return the checked scenario, ready to apply
     * @throws ValidationException naming the JSON path and the rule, when the file is not a valid seed
     */
    public static SeedFile read(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ValidationException("seed file", "is larger than 16 MiB");
            }
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new ValidationException("seed file", "cannot be read: " + e.getClass().getSimpleName(), 0, e);
        }
    }

    /**
     * Checks seed JSON.
     *
     * @param json the document
     * @return the checked scenario
     * @throws ValidationException naming the JSON path and the rule
     */
    public static SeedFile parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ValidationException("seed file", "is not JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new ValidationException("$", "must be a JSON object with \"tenants\"");
        }
        List<Consumer<MicrosoftCloudSimulator>> steps = new ArrayList<>();
        JsonNode tenants = array(root, "tenants", "$");
        if (tenants.isEmpty()) {
            throw new ValidationException("$.tenants", "must name at least one tenant");
        }
        for (int i = 0; i < tenants.size(); i++) {
            tenant(tenants.get(i), "tenants[" + i + "]", steps);
        }
        return new SeedFile(steps);
    }

    /**
     * Applies the scenario.
     *
     * @param sim a running simulator
     */
    public void applyTo(MicrosoftCloudSimulator sim) {
        steps.forEach(s -> s.accept(sim));
    }

    private static void tenant(JsonNode t, String path, List<Consumer<MicrosoftCloudSimulator>> steps) {
        object(t, path);
        for (Iterator<String> names = t.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!TENANT_FIELDS.contains(name)) {
                throw new ValidationException(path + "." + name, "is not a tenant field; expected one of "
                        + new java.util.TreeSet<>(TENANT_FIELDS));
            }
        }
        TenantId id = typed(path + ".id", () -> TenantId.parse(text(t, "id", path)));
        String displayName = t.has("displayName") ? text(t, "displayName", path) : "Tenant " + id.value();
        String domain = t.has("domain") ? text(t, "domain", path) : null;
        steps.add(sim -> {
            SimulatedTenant st = sim.tenant(id).displayName(displayName);
            if (domain != null) {
                st.domain(domain);
            }
        });
        if (t.has("licences")) {
            JsonNode lic = t.get("licences");
            object(lic, path + ".licences");
            for (Iterator<Map.Entry<String, JsonNode>> it = lic.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                Sku sku = sku(e.getKey(), path + ".licences." + e.getKey());
                int units = count(e.getValue(), path + ".licences." + e.getKey(), 1_000_000);
                steps.add(sim -> sim.tenant(id).sku(sku, units));
            }
        }
        JsonNode users = t.has("users") ? array(t, "users", path) : JSON.createArrayNode();
        for (int i = 0; i < users.size(); i++) {
            String p = path + ".users[" + i + "]";
            JsonNode u = object(users.get(i), p);
            String upn = upn(text(u, "upn", p), p + ".upn");
            String name = u.has("displayName") ? text(u, "displayName", p) : upn;
            String location = u.has("usageLocation") ? country(text(u, "usageLocation", p), p + ".usageLocation")
                    : null;
            Sku[] skus = skus(u, p);
            steps.add(sim -> sim.tenant(id).addUser(upn, name, location, skus));
        }
        if (t.has("generatedUsers")) {
            String p = path + ".generatedUsers";
            JsonNode g = object(t.get("generatedUsers"), p);
            int n = count(g.get("count"), p + ".count", 100_000);
            String prefix = g.has("prefix") ? text(g, "prefix", p) : "user";
            String suffix = domain == null ? "t" + id.value().substring(0, 8) + ".onmicrosoft.com" : domain;
            String location = g.has("usageLocation") ? country(text(g, "usageLocation", p), p + ".usageLocation")
                    : null;
            Sku[] skus = skus(g, p);
            upn(prefix + "0@" + suffix, p + ".prefix");
            steps.add(sim -> {
                SimulatedTenant st = sim.tenant(id);
                for (int i = 0; i < n; i++) {
                    st.addUser(String.format(Locale.ROOT, "%s%03d@%s", prefix, i, suffix), "User " + i, location,
                            skus);
                }
            });
        }
        JsonNode resources = t.has("resourceAccounts") ? array(t, "resourceAccounts", path) : JSON.createArrayNode();
        for (int i = 0; i < resources.size(); i++) {
            String p = path + ".resourceAccounts[" + i + "]";
            JsonNode r = object(resources.get(i), p);
            String upn = upn(text(r, "upn", p), p + ".upn");
            String name = r.has("displayName") ? text(r, "displayName", p) : upn;
            Sku[] skus = skus(r, p);
            steps.add(sim -> sim.tenant(id).addResourceAccount(upn, name, skus));
        }
        JsonNode numbers = t.has("numbers") ? array(t, "numbers", path) : JSON.createArrayNode();
        for (int i = 0; i < numbers.size(); i++) {
            String p = path + ".numbers[" + i + "]";
            JsonNode n = object(numbers.get(i), p);
            String raw = text(n, "range", p);
            PhoneNumberRange range = typed(p + ".range", () -> PhoneNumberRange.parse(raw.contains("..") ? raw
                    : raw + ".." + raw));
            SimulatedTenant.NumberType type = n.has("type") ? enumValue(SimulatedTenant.NumberType.class,
                    text(n, "type", p), p + ".type") : SimulatedTenant.NumberType.OPERATOR_CONNECT;
            steps.add(sim -> sim.tenant(id).addNumbers(range, type));
        }
        if (t.has("consent")) {
            JsonNode c = array(t, "consent", path);
            String[] countries = new String[c.size()];
            for (int i = 0; i < c.size(); i++) {
                countries[i] = country(c.get(i).asText(""), path + ".consent[" + i + "]");
            }
            steps.add(sim -> sim.consent(id, countries));
        }
        JsonNode apps = t.has("apps") ? array(t, "apps", path) : JSON.createArrayNode();
        for (int i = 0; i < apps.size(); i++) {
            app(id, object(apps.get(i), path + ".apps[" + i + "]"), path + ".apps[" + i + "]", steps);
        }
    }

    private static void app(TenantId tenant, JsonNode a, String p, List<Consumer<MicrosoftCloudSimulator>> steps) {
        ClientId client = typed(p + ".clientId", () -> ClientId.parse(text(a, "clientId", p)));
        List<DirectoryRole> roles = new ArrayList<>();
        if (a.has("roles")) {
            JsonNode r = array(a, "roles", p);
            for (int i = 0; i < r.size(); i++) {
                roles.add(role(r.get(i).asText(""), p + ".roles[" + i + "]"));
            }
        }
        List<GraphPermission> permissions = new ArrayList<>();
        if (a.has("permissions")) {
            JsonNode r = array(a, "permissions", p);
            for (int i = 0; i < r.size(); i++) {
                String name = r.get(i).asText("");
                String at = p + ".permissions[" + i + "]";
                permissions.add(GraphPermission.byName(name).orElseThrow(() -> new ValidationException(at,
                        "is not a Graph permission we know (e.g. User.Read.All)")));
            }
        }
        Secret secret = a.has("secret") ? typed(p + ".secret", () -> Secret.of(text(a, "secret", p))) : null;
        int days = a.has("secretDays") ? count(a.get("secretDays"), p + ".secretDays", 730) : 180;
        steps.add(sim -> {
            SimulatedApp app = sim.tenant(tenant).app(client).roles(roles.toArray(DirectoryRole[]::new))
                    .grant(permissions.toArray(GraphPermission[]::new));
            if (secret != null) {
                app.secret(secret, Instant.now().plus(Duration.ofDays(days)));
            }
        });
    }

    private static DirectoryRole role(String name, String path) {
        Map<String, DirectoryRole> known = new LinkedHashMap<>();
        for (Field f : DirectoryRole.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == DirectoryRole.class) {
                try {
                    known.put(f.getName(), (DirectoryRole) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        DirectoryRole r = known.get(name.toUpperCase(Locale.ROOT).replace(' ', '_'));
        if (r == null) {
            throw new ValidationException(path, "is not a directory role we know; use one of " + known.keySet());
        }
        return r;
    }

    private static Sku sku(String partNumber, String path) {
        Sku s = SKUS.get(partNumber);
        if (s == null) {
            throw new ValidationException(path, "is not a licence the simulator knows; use a part number of "
                    + new java.util.TreeSet<>(SKUS.keySet()));
        }
        return s;
    }

    private static Sku[] skus(JsonNode o, String path) {
        if (!o.has("licences")) {
            return new Sku[0];
        }
        JsonNode arr = array(o, "licences", path);
        Sku[] out = new Sku[arr.size()];
        for (int i = 0; i < arr.size(); i++) {
            out[i] = sku(arr.get(i).asText(""), path + ".licences[" + i + "]");
        }
        return out;
    }

    private static String upn(String upn, String path) {
        int at = upn.indexOf('@');
        if (at <= 0 || at != upn.lastIndexOf('@') || at == upn.length() - 1 || upn.length() > 113) {
            throw new ValidationException(path, "must be a user principal name like alice@contoso.com");
        }
        return upn;
    }

    private static String country(String raw, String path) {
        if (raw.length() != 2 || !Character.isUpperCase(raw.charAt(0)) || !Character.isUpperCase(raw.charAt(1))) {
            throw new ValidationException(path, "must be an ISO 3166 country code such as SG");
        }
        return raw;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String raw, String path) {
        try {
            return Enum.valueOf(type, raw.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(path, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    private static int count(JsonNode n, String path, int max) {
        if (n == null || !n.isInt() || n.asInt() < 0 || n.asInt() > max) {
            throw new ValidationException(path, "must be a whole number from 0 to " + max);
        }
        return n.asInt();
    }

    private static JsonNode object(JsonNode n, String path) {
        if (n == null || !n.isObject()) {
            throw new ValidationException(path, "must be a JSON object");
        }
        return n;
    }

    private static JsonNode array(JsonNode parent, String field, String path) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isArray()) {
            throw new ValidationException(path + "." + field, "must be a JSON array");
        }
        return n;
    }

    private static String text(JsonNode parent, String field, String path) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            throw new ValidationException(path + "." + field, "must be a non-empty string");
        }
        return n.asText();
    }

    private static <T> T typed(String path, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (ValidationException e) {
            throw e.field().startsWith(path) ? e : new ValidationException(path, e.rule());
        } catch (TenantConnectException | IllegalArgumentException e) {
            throw new ValidationException(path, e.getMessage());
        }
    }
}
