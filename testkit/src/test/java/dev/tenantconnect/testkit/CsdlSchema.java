package dev.tenantconnect.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Checks JSON bodies against Microsoft Graph's CSDL: every property must be declared on the type or a base type,
 * every enum value must be a member, and complex values are checked recursively.
 */
final class CsdlSchema {
    private record Type(String kind, String baseType, Map<String, String> properties, Set<String> members) {
    }

    private final Map<String, Type> types = new HashMap<>();
    private final Map<String, String> aliases = new HashMap<>();

    CsdlSchema(InputStream xml) throws Exception {
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
                Map<String, String> props = new LinkedHashMap<>();
                Set<String> members = new LinkedHashSet<>();
                NodeList ps = t.getChildNodes();
                for (int k = 0; k < ps.getLength(); k++) {
                    if (ps.item(k) instanceof Element p) {
                        if (p.getTagName().equals("Property")) {
                            props.put(p.getAttribute("Name"), p.getAttribute("Type"));
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

    private String resolve(String name) {
        String n = name.startsWith("Collection(") ? name.substring(11, name.length() - 1) : name;
        for (Map.Entry<String, String> a : aliases.entrySet()) {
            if (n.startsWith(a.getKey() + ".")) {
                return a.getValue() + n.substring(a.getKey().length());
            }
        }
        return n;
    }

    private String propertyType(String type, String property) {
        for (String t = type; t != null && !t.isEmpty(); ) {
            Type def = types.get(t);
            if (def == null) {
                throw new IllegalStateException("type " + t + " is not in the CSDL subset");
            }
            if (def.properties.containsKey(property)) {
                return def.properties.get(property);
            }
            t = def.baseType.isEmpty() ? null : resolve(def.baseType);
        }
        return null;
    }

    /**
     * @param type a qualified type, e.g. {@code microsoft.graph.user}
     * @param json an object of that type
     * @return the violations, empty when the object conforms
     */
    List<String> check(String type, JsonNode json) {
        List<String> out = new ArrayList<>();
        check(type, json, type, out);
        return out;
    }

    private void check(String type, JsonNode json, String where, List<String> out) {
        String actual = json.hasNonNull("@odata.type") ? resolve(json.get("@odata.type").asText().substring(1)) : type;
        json.fieldNames().forEachRemaining(field -> {
            if (field.startsWith("@")) {
                return;
            }
            String ptype = propertyType(actual, field);
            if (ptype == null) {
                out.add(where + "." + field + " is not a property of " + actual);
                return;
            }
            JsonNode value = json.get(field);
            String elem = resolve(ptype);
            Type def = types.get(elem);
            if (def == null || value.isNull()) {
                return;
            }
            List<JsonNode> values = new ArrayList<>();
            if (ptype.startsWith("Collection(")) {
                if (!value.isArray()) {
                    out.add(where + "." + field + " must be an array");
                    return;
                }
                value.forEach(values::add);
            } else {
                values.add(value);
            }
            for (JsonNode v : values) {
                if (def.kind.equals("EnumType")) {
                    if (!def.members.contains(v.asText())) {
                        out.add(where + "." + field + " = '" + v.asText() + "' is not a member of " + elem);
                    }
                } else if (v.isObject()) {
                    check(elem, v, where + "." + field, out);
                }
            }
        });
    }
}
