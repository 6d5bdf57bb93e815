package dev.tenantconnect.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Checks JSON bodies against Microsoft Graph's CSDL: every property must be declared on the type (the one
 * {@code @odata.type} names, or the expected one) or a base type; a property declared {@code Nullable="false"} is
 * never {@code null}; every enum value is a member; primitive values have their Edm type's JSON form and format
 * (OData JSON Format 4.01 section 7.1: {@code Edm.Guid}, {@code Edm.DateTimeOffset} with at most 7 fractional
 * digits as Graph writes them, {@code Edm.Date}, integers, booleans, strings); complex values are checked
 * recursively. Violations name the path and the rule, not the value (except enum members).
 */
public final class CsdlSchema {
    private record Property(String type, boolean nullable) {
    }

    private record Type(String kind, String baseType, Map<String, Property> properties, Set<String> members) {
    }

    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DATE_TIME_OFFSET = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,7})?)?(Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIME_OF_DAY = Pattern.compile("\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,12})?)?");
    private static final Pattern DURATION = Pattern.compile("-?P(\\d+D)?(T(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_-]*={0,2}");

    private final Map<String, Type> types = new HashMap<>();
    private final Map<String, String> aliases = new HashMap<>();

    /**
     * @param xml a CSDL document (Microsoft's full file or a subset with the same elements)
     * @throws Exception when it cannot be read
     */
    public CsdlSchema(InputStream xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(xml);
        NodeList schemas = doc.getElementsByTagName("Schema");
        for (int i = 0; i < schemas.getLength(); i++) {
            Element s = (Element) schemas.item(i);
            String ns = s.getAttribute("Namespace");
            if (!s.getAttribute("Alias").isEmpty()) {
                aliases.put(s.getAttribute("Alias"), ns);
            }
            NodeList children = s.getChildNodes();
            for (int j = 0; j < children.getLength(); j++) {
                if (!(children.item(j) instanceof Element t)) {
                    continue;
                }
                Map<String, Property> props = new LinkedHashMap<>();
                Set<String> members = new LinkedHashSet<>();
                NodeList ps = t.getChildNodes();
                for (int k = 0; k < ps.getLength(); k++) {
                    if (ps.item(k) instanceof Element p) {
                        if (p.getTagName().equals("Property")) {
                            props.put(p.getAttribute("Name"), new Property(p.getAttribute("Type"),
                                    !"false".equals(p.getAttribute("Nullable"))));
                        } else if (p.getTagName().equals("Member")) {
                            members.add(p.getAttribute("Name"));
                        }
                    }
                }
                types.put(ns + "." + t.getAttribute("Name"), new Type(t.getTagName(), t.getAttribute("BaseType"),
                        props, members));
            }
        }
    }

    /**
     * @param type a qualified type name
     * @return whether the schema declares it
     */
    public boolean declares(String type) {
        return types.containsKey(type);
    }

    private String resolve(String name) {
        String n = name.startsWith("Collection(") ? name.substring(11, name.length() - 1) : name;
        for (Map.Entry<String, String> a : aliases.entrySet()) {
            if (n.startsWith(a.getKey() + ".")) {
                return a.getValue() + n.substring(a.getKey().length());
            }
        }
        return n;
    }

    private Property property(String type, String property, List<String> out, String where) {
        for (String t = type; t != null && !t.isEmpty(); ) {
            Type def = types.get(t);
            if (def == null) {
                out.add(where + ": type " + t + " is not in the CSDL");
                return null;
            }
            if (def.properties.containsKey(property)) {
                return def.properties.get(property);
            }
            t = def.baseType.isEmpty() ? null : resolve(def.baseType);
        }
        out.add(where + "." + property + " is not a property of " + type);
        return null;
    }

    private boolean derivesFrom(String type, String base) {
        for (String t = type; t != null && !t.isEmpty(); ) {
            if (t.equals(base)) {
                return true;
            }
            Type def = types.get(t);
            t = def == null || def.baseType.isEmpty() ? null : resolve(def.baseType);
        }
        return false;
    }

    /**
     * @param type a qualified type, e.g. {@code microsoft.graph.user}
     * @param json an object of that type, or a collection answer ({@code value} holding such objects)
     * @return the violations, empty when the body conforms
     */
    public List<String> check(String type, JsonNode json) {
        List<String> out = new ArrayList<>();
        if (json.isObject() && json.has("value") && !hasProperty(type, "value")) {
            JsonNode value = json.get("value");
            if (!value.isArray()) {
                out.add("$.value must be an array");
                return out;
            }
            int i = 0;
            for (JsonNode item : value) {
                checkObject(type, item, "$.value[" + i++ + "]", out);
            }
            return out;
        }
        checkObject(type, json, "$", out);
        return out;
    }

    private boolean hasProperty(String type, String name) {
        for (String t = type; t != null && !t.isEmpty(); ) {
            Type def = types.get(t);
            if (def == null) {
                return false;
            }
            if (def.properties.containsKey(name)) {
                return true;
            }
            t = def.baseType.isEmpty() ? null : resolve(def.baseType);
        }
        return false;
    }

    private void checkObject(String type, JsonNode json, String where, List<String> out) {
        if (!json.isObject()) {
            out.add(where + " must be an object of " + type);
            return;
        }
        String actual = type;
        if (json.hasNonNull("@odata.type")) {
            actual = resolve(json.get("@odata.type").asText().replaceFirst("^#", ""));
            if (!types.containsKey(actual) || !derivesFrom(actual, type)) {
                out.add(where + ".@odata.type names " + actual + ", not " + type + " or a type derived from it");
                return;
            }
        }
        String declared = actual;
        json.fieldNames().forEachRemaining(field -> {
            if (field.startsWith("@") || field.contains("@odata.")) {
                return;
            }
            Property p = property(declared, field, out, where);
            if (p != null) {
                checkValue(p, json.get(field), where + "." + field, out);
            }
        });
    }

    private void checkValue(Property p, JsonNode value, String where, List<String> out) {
        if (value.isNull()) {
            if (!p.nullable) {
                out.add(where + " is null but declared Nullable=\"false\"");
            }
            return;
        }
        boolean collection = p.type.startsWith("Collection(");
        String elem = resolve(p.type);
        if (collection) {
            if (!value.isArray()) {
                out.add(where + " must be an array");
                return;
            }
            int i = 0;
            for (JsonNode v : value) {
                checkSingle(elem, v, where + "[" + i++ + "]", out);
            }
        } else {
            checkSingle(elem, value, where, out);
        }
    }

    private void checkSingle(String type, JsonNode v, String where, List<String> out) {
        if (type.startsWith("Edm.")) {
            String rule = primitive(type, v);
            if (rule != null) {
                out.add(where + " " + rule);
            }
            return;
        }
        Type def = types.get(type);
        if (def == null) {
            out.add(where + ": type " + type + " is not in the CSDL");
            return;
        }
        if (def.kind.equals("EnumType")) {
            if (!v.isTextual()) {
                out.add(where + " must be a string naming a member of " + type);
                return;
            }
            // flags enums are written as a comma-separated list of members
            for (String member : v.asText().split(",")) {
                if (!def.members.contains(member.strip())) {
                    out.add(where + " = '" + member.strip() + "' is not a member of " + type);
                }
            }
        } else {
            checkObject(type, v, where, out);
        }
    }

    /** @return the broken rule, or null when the value has the Edm type's JSON form */
    private static String primitive(String type, JsonNode v) {
        return switch (type) {
            case "Edm.String" -> v.isTextual() ? null : "must be a string";
            case "Edm.Boolean" -> v.isBoolean() ? null : "must be a boolean";
            case "Edm.Int16", "Edm.Int32", "Edm.Int64", "Edm.Byte", "Edm.SByte" ->
                    v.isIntegralNumber() ? null : "must be an integer";
            case "Edm.Double", "Edm.Single", "Edm.Decimal" -> v.isNumber() || v.isTextual()
                    && List.of("INF", "-INF", "NaN").contains(v.asText()) ? null : "must be a number";
            case "Edm.Guid" -> v.isTextual() && GUID.matcher(v.asText()).matches() ? null : "must be a GUID string";
            case "Edm.DateTimeOffset" -> v.isTextual() && DATE_TIME_OFFSET.matcher(v.asText()).matches() ? null
                    : "must be an ISO 8601 date-time with offset and at most 7 fractional digits";
            case "Edm.Date" -> v.isTextual() && DATE.matcher(v.asText()).matches() ? null : "must be a yyyy-MM-dd date";
            case "Edm.TimeOfDay" -> v.isTextual() && TIME_OF_DAY.matcher(v.asText()).matches() ? null
                    : "must be a time of day";
            case "Edm.Duration" -> v.isTextual() && DURATION.matcher(v.asText()).matches() ? null
                    : "must be an ISO 8601 duration";
            case "Edm.Binary" -> v.isTextual() && BASE64.matcher(v.asText()).matches() ? null
                    : "must be base64 text";
            default -> null;
        };
    }
}
