package dev.tenantconnect.voice.enablement;

import dev.tenantconnect.core.addon.AddonCatalog;
import dev.tenantconnect.core.addon.AddonLicense;
import dev.tenantconnect.core.addon.AddonSet;
import dev.tenantconnect.core.addon.AddonTarget;
import dev.tenantconnect.core.addon.AddonViolation;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.inventory.InventoryNumber;
import dev.tenantconnect.core.licensing.AssignedPlan;
import dev.tenantconnect.core.licensing.ServicePlan;
import dev.tenantconnect.core.licensing.UserLicenses;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.number.NumberState;
import dev.tenantconnect.core.problem.Problem;
import dev.tenantconnect.core.problem.ProblemCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The rules checked before a user is enabled, as one pure function: facts in (add-on codes, the user's licences and
 * usage location, the number in the inventory and in the tenant, the operator's consent), typed problems out — every
 * problem at once, never the first only. No I/O: the single-user path ({@link UserEnablement#enableUser}) and the bulk
 * plan gather the facts their own way (one lookup, or whole pages) and ask the same rules.
 *
 * <pre>{@code
 * EnablementPreflight.Outcome o = EnablementPreflight.of(AddonCatalog.standard()).check(
 *         EnablementPreflight.Facts.builder(tenant, now).addonCodes(List.of("device_import_msteams_OC"))
 *                 .user(new EnablementPreflight.UserFacts(id, plans, Optional.of("SG"))).build());
 * o.problems();   // e.g. [LICENSE_MISSING user: no MCOEV (Teams Phone Standard) service plan assigned]
 * }</pre>
 */
public final class EnablementPreflight {
    /** Field name of the add-on codes in problems. */
    public static final String FIELD_ADDONS = "addonCodes";
    /** Field name of the user in problems. */
    public static final String FIELD_USER = "user";
    /** Field name of the number in problems. */
    public static final String FIELD_NUMBER = "number";
    /** Field name of the operator consent in problems. */
    public static final String FIELD_CONSENT = "consent";
    private static final Duration VOICE_READY = Duration.ofHours(24);

    private final AddonCatalog catalog;

    private EnablementPreflight(AddonCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * @param catalog the add-on catalogue codes are checked against
     * @return the preflight
     */
    public static EnablementPreflight of(AddonCatalog catalog) {
        return new EnablementPreflight(catalog);
    }

    /**
     * What the user's account and the number look like, as read by the caller.
     *
     * @param id the user's or resource account's object ID
     * @param plans the service plans assigned to it
     * @param usageLocation its usage location, if set
     */
    public record UserFacts(UUID id, List<AssignedPlan> plans, Optional<String> usageLocation) {
        /** Rejects nulls and copies. */
        public UserFacts {
            Objects.requireNonNull(id, "id");
            plans = List.copyOf(plans);
            Objects.requireNonNull(usageLocation, "usageLocation");
        }
    }

    /**
     * Checks the add-on codes alone: every unknown code (each with the closest known codes), then every rule the
     * known ones break together.
     *
     * @param codes the add-on codes of one extension
     * @return the validated set, or the problems
     */
    public Outcome checkAddons(List<String> codes) {
        List<Problem> problems = new ArrayList<>();
        List<AddonLicense> known = new ArrayList<>();
        for (String code : codes) {
            try {
                known.add(catalog.parse(code));
            } catch (ValidationException e) {
                problems.add(Problem.of(ProblemCode.ADDON_UNKNOWN, FIELD_ADDONS, e.rule()));
            }
        }
        for (AddonViolation v : catalog.check(known)) {
            problems.add(Problem.of(ProblemCode.ADDON_RULE, FIELD_ADDONS, v.message()));
        }
        Optional<AddonSet> set = problems.isEmpty() ? Optional.of(catalog.validate(known)) : Optional.empty();
        return new Outcome(problems, List.of(), set);
    }

    /**
     * Checks every rule against the facts.
     *
     * @param facts what the caller read
     * @return every problem and warning, and the validated add-ons
     */
    public Outcome check(Facts facts) {
        List<Problem> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Optional<AddonSet> addons = facts.addons;
        if (addons.isEmpty()) {
            Outcome a = checkAddons(facts.addonCodes);
            problems.addAll(a.problems());
            addons = a.addons();
        }
        boolean resource = addons.map(s -> s.target() == AddonTarget.RESOURCE_ACCOUNT).orElse(false);
        if (facts.user.isEmpty()) {
            problems.add(Problem.of(ProblemCode.USER_NOT_FOUND, FIELD_USER, "no such user in the tenant"));
        } else {
            UserFacts user = facts.user.get();
            UserLicenses lic = UserLicenses.of(user.plans());
            boolean userPlan = lic.voiceProblem(false).isEmpty();
            boolean resourcePlan = lic.voiceProblem(true).isEmpty();
            if (resource && userPlan && !resourcePlan) {
                problems.add(Problem.of(ProblemCode.ADDON_TARGET_MISMATCH, FIELD_ADDONS, "a resource-account add-on "
                        + "on a user (the account holds a Teams Phone user licence, not a resource account licence)"));
            } else if (!resource && resourcePlan && !userPlan && addons.isPresent()) {
                problems.add(Problem.of(ProblemCode.ADDON_TARGET_MISMATCH, FIELD_ADDONS, "a user add-on on a "
                        + "resource account; use device_import_msteams_OC_resource"));
            } else {
                lic.voiceProblem(resource).ifPresent(p -> problems.add(Problem.of(ProblemCode.LICENSE_MISSING,
                        FIELD_USER, "cannot be enabled for Teams calling: " + p)));
            }
            ServicePlan voicePlan = resource ? ServicePlan.TEAMS_PHONE_RESOURCE_ACCOUNT : ServicePlan.TEAMS_PHONE;
            user.plans().stream().filter(p -> p.plan().equals(voicePlan)).flatMap(p -> p.assignedAt().stream())
                    .filter(at -> at.isAfter(facts.now.minus(VOICE_READY))).findFirst()
                    .ifPresent(at -> warnings.add(voicePlan + " was assigned at " + at
                            + "; licences can take up to 24 hours to become voice-ready in Teams"));
            if (!resource && user.usageLocation().isEmpty()) {
                problems.add(Problem.of(ProblemCode.USAGE_LOCATION_MISSING, FIELD_USER,
                        "usage location is not set on the user"));
            }
        }
        if (facts.number.isPresent()) {
            if (facts.inventoryNumber.isEmpty()) {
                problems.add(Problem.of(ProblemCode.NUMBER_NOT_IN_INVENTORY, FIELD_NUMBER,
                        "the number is not in the operator's inventory; import it first or correct the number"));
            } else {
                InventoryNumber n = facts.inventoryNumber.get();
                if (n.status().state() != NumberState.AVAILABLE
                        && !n.tenant().map(facts.tenant::equals).orElse(false)) {
                    problems.add(Problem.of(ProblemCode.NUMBER_HELD_FOR_ANOTHER_TENANT, FIELD_NUMBER,
                            "the number is " + n.status().state() + " for another tenant"));
                }
            }
            Optional<UUID> userId = facts.user.map(UserFacts::id);
            if (facts.tenantAssignee.isPresent() && userId.isPresent()
                    && !facts.tenantAssignee.equals(userId)) {
                problems.add(Problem.of(ProblemCode.NUMBER_ASSIGNED_TO_ANOTHER_USER, FIELD_NUMBER,
                        "the number is assigned to someone else in the tenant"));
            }
            if (facts.usersNumber.isPresent() && !facts.usersNumber.equals(facts.number)) {
                problems.add(Problem.of(ProblemCode.USER_HAS_ANOTHER_NUMBER, FIELD_NUMBER, "the user already has "
                        + "another number in the tenant; change it with changeNumber or leave the number out"));
            }
        }
        facts.consent.filter(c -> !c.given()).ifPresent(c -> problems.add(Problem.of(ProblemCode.CONSENT_MISSING,
                FIELD_CONSENT, "the tenant has not consented to the operator for numbers of " + c.country())));
        return new Outcome(problems, warnings, problems.isEmpty() ? addons : Optional.empty());
    }

    /**
     * The preflight's answer.
     *
     * @param problems every problem found, empty when the work may start
     * @param warnings what does not stop the work but deserves attention
     * @param addons the validated add-ons, when there is no problem
     */
    public record Outcome(List<Problem> problems, List<String> warnings, Optional<AddonSet> addons) {
        /** Copies. */
        public Outcome {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
            Objects.requireNonNull(addons, "addons");
        }

        /** @return whether the work may start */
        public boolean passed() {
            return problems.isEmpty();
        }
    }

    /**
     * Whether the tenant has consented to the operator for a country.
     *
     * @param country the number's country
     * @param given whether the consent allows it
     */
    public record Consent(String country, boolean given) {
        /** Rejects null. */
        public Consent {
            Objects.requireNonNull(country, "country");
        }
    }

    /** The facts one check needs; build with {@link #builder(TenantId, Instant)}. */
    public static final class Facts {
        private final TenantId tenant;
        private final Instant now;
        private final List<String> addonCodes;
        private final Optional<AddonSet> addons;
        private final Optional<UserFacts> user;
        private final Optional<PhoneNumber> number;
        private final Optional<InventoryNumber> inventoryNumber;
        private final Optional<UUID> tenantAssignee;
        private final Optional<PhoneNumber> usersNumber;
        private final Optional<Consent> consent;

        private Facts(Builder b) {
            this.tenant = b.tenant;
            this.now = b.now;
            this.addonCodes = List.copyOf(b.addonCodes);
            this.addons = Optional.ofNullable(b.addons);
            this.user = Optional.ofNullable(b.user);
            this.number = Optional.ofNullable(b.number);
            this.inventoryNumber = Optional.ofNullable(b.inventoryNumber);
            this.tenantAssignee = Optional.ofNullable(b.tenantAssignee);
            this.usersNumber = Optional.ofNullable(b.usersNumber);
            this.consent = Optional.ofNullable(b.consent);
        }

        /**
         * @param tenant the tenant the user is enabled in
         * @param now the time (for the voice-ready warning)
         * @return a builder
         */
        public static Builder builder(TenantId tenant, Instant now) {
            return new Builder(tenant, now);
        }

        /** Collects {@link Facts}; what is not set was not looked at (or does not exist, for the user). */
        public static final class Builder {
            private final TenantId tenant;
            private final Instant now;
            private List<String> addonCodes = List.of();
            private AddonSet addons;
            private UserFacts user;
            private PhoneNumber number;
            private InventoryNumber inventoryNumber;
            private UUID tenantAssignee;
            private PhoneNumber usersNumber;
            private Consent consent;

            private Builder(TenantId tenant, Instant now) {
                this.tenant = Objects.requireNonNull(tenant, "tenant");
                this.now = Objects.requireNonNull(now, "now");
            }

            /**
             * @param value the add-on codes as given (checked here)
             * @return this
             */
            public Builder addonCodes(List<String> value) {
                this.addonCodes = List.copyOf(value);
                return this;
            }

            /**
             * @param value add-ons already validated (a bulk file's row); replaces {@link #addonCodes}
             * @return this
             */
            public Builder addons(AddonSet value) {
                this.addons = Objects.requireNonNull(value);
                return this;
            }

            /**
             * @param value the user as found in the tenant (left unset: the user was not found)
             * @return this
             */
            public Builder user(UserFacts value) {
                this.user = Objects.requireNonNull(value);
                return this;
            }

            /**
             * @param requested the number asked for
             * @param inInventory the inventory's record of it, if any
             * @return this
             */
            public Builder number(PhoneNumber requested, Optional<InventoryNumber> inInventory) {
                this.number = Objects.requireNonNull(requested);
                this.inventoryNumber = inInventory.orElse(null);
                return this;
            }

            /**
             * @param value who holds the requested number in the tenant
             * @return this
             */
            public Builder tenantAssignee(UUID value) {
                this.tenantAssignee = Objects.requireNonNull(value);
                return this;
            }

            /**
             * @param value the number the user holds in the tenant now
             * @return this
             */
            public Builder usersNumber(PhoneNumber value) {
                this.usersNumber = Objects.requireNonNull(value);
                return this;
            }

            /**
             * @param value the operator consent for the number's country (checked only when set)
             * @return this
             */
            public Builder consent(Consent value) {
                this.consent = Objects.requireNonNull(value);
                return this;
            }

            /** @return the facts */
            public Facts build() {
                return new Facts(this);
            }
        }
    }
}
