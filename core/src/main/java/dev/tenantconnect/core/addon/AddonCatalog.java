package dev.tenantconnect.core.addon;

import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.error.ValidationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The add-on codes an operator sells and the rules between them. Immutable and thread-safe.
 *
 * <p>{@link #standard()} holds the standard codes and rules: Operator Connect and Operator Connect Resource Account
 * exclude each other; unlimited call recording storage requires call recording; the resource-account add-on
 * targets a resource account. Operators add their own codes and rules with {@link #toBuilder()}.
 */
public final class AddonCatalog {
    private static final AddonCatalog STANDARD = new Builder()
            .register(AddonLicense.OPERATOR_CONNECT)
            .register(AddonLicense.OPERATOR_CONNECT_RESOURCE)
            .register(AddonLicense.NUMBER)
            .register(AddonLicense.TEAM_CHAT)
            .register(AddonLicense.DNC)
            .register(AddonLicense.CALL_RECORDING)
            .register(AddonLicense.CALL_RECORDING_UNLIMITED)
            .register(AddonLicense.MOBILE_APP)
            .register(AddonLicense.DESKTOP_APP)
            .register(AddonLicense.IP_PHONE)
            .mutuallyExclusive(AddonLicense.OPERATOR_CONNECT, AddonLicense.OPERATOR_CONNECT_RESOURCE)
            .requires(AddonLicense.CALL_RECORDING_UNLIMITED, AddonLicense.CALL_RECORDING)
            .build();

    private final Map<String, AddonLicense> byCode;
    private final List<AddonRule> rules;

    private AddonCatalog(Map<String, AddonLicense> byCode, List<AddonRule> rules) {
        this.byCode = Map.copyOf(byCode);
        this.rules = List.copyOf(rules);
        this.orderedCodes = List.copyOf(byCode.keySet());
    }

    private final List<String> orderedCodes;

    /** @return the catalogue of the standard codes and rules */
    public static AddonCatalog standard() {
        return STANDARD;
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this catalogue's codes and rules, to extend */
    public Builder toBuilder() {
        Builder b = new Builder();
        orderedCodes.forEach(c -> b.register(byCode.get(c)));
        rules.forEach(b::rule);
        return b;
    }

    /** @return every code, in registration order */
    public List<AddonLicense> all() {
        return orderedCodes.stream().map(byCode::get).toList();
    }

    /** @return the rules between codes */
    public List<AddonRule> rules() {
        return rules;
    }

    /**
     * @param code a code, exactly as published (case-sensitive)
     * @return the add-on, if the catalogue knows the code
     */
    public Optional<AddonLicense> find(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code.strip()));
    }

    /**
     * Parses a code, rejecting unknown ones with the closest known codes in the message.
     *
     * @param code the code
     * @return the add-on
     * @throws ValidationException naming field {@code addonLicense}
     */
    public AddonLicense parse(String code) {
        if (code == null || code.isBlank()) {
            throw new ValidationException("addonLicense", "must not be blank");
        }
        String c = code.strip();
        AddonLicense found = byCode.get(c);
        if (found != null) {
            return found;
        }
        List<String> close = suggestions(c);
        String hint = close.isEmpty() ? "; known codes: " + String.join(", ", orderedCodes)
                : "; did you mean " + String.join(" or ", close.stream().map(s -> "'" + s + "'").toList()) + "?";
        throw new ValidationException("addonLicense", "unknown add-on code '" + abbreviate(c) + "'" + hint);
    }

    private static String abbreviate(String s) {
        String printable = s.codePoints().map(cp -> Character.isISOControl(cp) ? '?' : cp)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }

    /**
     * The known codes closest to a near miss: same letters in another case first, then by edit distance.
     *
     * @param code an unknown code
     * @return up to three close codes, best first
     */
    public List<String> suggestions(String code) {
        String lower = code.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, code.length() / 4);
        record Scored(String code, int score) {
        }
        List<Scored> scored = new ArrayList<>();
        for (String known : orderedCodes) {
            int d = known.toLowerCase(Locale.ROOT).equals(lower) ? 0 : 1 + editDistance(lower,
                    known.toLowerCase(Locale.ROOT), limit);
            if (d <= limit) {
                scored.add(new Scored(known, d));
            }
        }
        return scored.stream().sorted(Comparator.comparingInt(Scored::score)).limit(3).map(Scored::code).toList();
    }

    private static int editDistance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /**
     * Lists every rule the given add-ons break, without throwing.
     *
     * @param addons the add-ons of one extension, duplicates included as given
     * @return the violations, empty when the set is valid
     */
    public List<AddonViolation> check(Collection<AddonLicense> addons) {
        List<AddonViolation> out = new ArrayList<>();
        Set<String> codes = new LinkedHashSet<>();
        for (AddonLicense a : addons) {
            if (!byCode.containsKey(a.code()) || !byCode.get(a.code()).equals(a)) {
                out.add(new AddonViolation("unknown", "add-on '" + a.code() + "' is not in this catalogue"));
            }
            if (!codes.add(a.code())) {
                out.add(new AddonViolation("duplicate", "add-on '" + a.code() + "' is listed more than once"));
            }
        }
        for (AddonRule rule : rules) {
            if (rule instanceof AddonRule.MutuallyExclusive m) {
                if (codes.contains(m.first()) && codes.contains(m.second())) {
                    out.add(new AddonViolation("mutually-exclusive",
                            "'" + m.first() + "' and '" + m.second() + "' cannot be held together"));
                }
            } else if (rule instanceof AddonRule.Requires r) {
                if (codes.contains(r.dependent()) && !codes.contains(r.required())) {
                    out.add(new AddonViolation("requires", "'" + r.dependent() + "' requires '" + r.required() + "'"));
                }
            }
        }
        boolean user = addons.stream().anyMatch(a -> a.target() == AddonTarget.USER);
        boolean resource = addons.stream().anyMatch(a -> a.target() == AddonTarget.RESOURCE_ACCOUNT);
        if (user && resource) {
            out.add(new AddonViolation("target",
                    "user add-ons and resource-account add-ons cannot be held by the same account"));
        }
        return out;
    }

    /**
     * Validates the add-ons of one extension and works out which kind of account they need.
     *
     * @param addons the add-ons
     * @return the validated set
     * @throws ValidationException naming field {@code addonLicenses} and every broken rule
     */
    public AddonSet validate(Collection<AddonLicense> addons) {
        List<AddonViolation> v = check(addons);
        if (!v.isEmpty()) {
            throw new ValidationException("addonLicenses",
                    String.join("; ", v.stream().map(AddonViolation::message).toList()));
        }
        AddonTarget target = addons.stream().map(AddonLicense::target).filter(t -> t != AddonTarget.ANY).findFirst()
                .orElse(AddonTarget.ANY);
        return new AddonSet(new LinkedHashSet<>(addons), target);
    }

    /**
     * Parses and validates codes in one step.
     *
     * @param codes the codes of one extension
     * @return the validated set
     */
    public AddonSet parseSet(Collection<String> codes) {
        return validate(codes.stream().map(this::parse).toList());
    }

    /** Collects codes and rules for an {@link AddonCatalog}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, AddonLicense> byCode = new LinkedHashMap<>();
        private final List<AddonRule> rules = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param addon an add-on; its code must not be registered yet
         * @return this builder
         */
        public Builder register(AddonLicense addon) {
            if (byCode.putIfAbsent(addon.code(), addon) != null) {
                throw new ConfigurationException("add-on code '" + addon.code() + "' is registered twice");
            }
            return this;
        }

        /**
         * @param a one add-on
         * @param b the other
         * @return this builder
         */
        public Builder mutuallyExclusive(AddonLicense a, AddonLicense b) {
            return rule(new AddonRule.MutuallyExclusive(a.code(), b.code()));
        }

        /**
         * @param dependent the add-on that needs another
         * @param required the one it needs
         * @return this builder
         */
        public Builder requires(AddonLicense dependent, AddonLicense required) {
            return rule(new AddonRule.Requires(dependent.code(), required.code()));
        }

        /**
         * @param rule a rule between registered codes
         * @return this builder
         */
        public Builder rule(AddonRule rule) {
            rules.add(rule);
            return this;
        }

        /** @return the catalogue; every rule must name registered codes */
        public AddonCatalog build() {
            for (AddonRule r : rules) {
                List<String> named = r instanceof AddonRule.MutuallyExclusive m ? List.of(m.first(), m.second())
                        : List.of(((AddonRule.Requires) r).dependent(), ((AddonRule.Requires) r).required());
                for (String c : named) {
                    if (!byCode.containsKey(c)) {
                        throw new ConfigurationException("add-on rule " + r + " names unregistered code '" + c + "'");
                    }
                }
            }
            return new AddonCatalog(byCode, rules);
        }
    }
}
