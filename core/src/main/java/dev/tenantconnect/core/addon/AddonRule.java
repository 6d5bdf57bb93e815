package dev.tenantconnect.core.addon;

import java.util.Objects;

/** A rule on the set of add-ons held by one extension. */
public sealed interface AddonRule permits AddonRule.MutuallyExclusive, AddonRule.Requires {

    /**
     * The two add-ons may not be held together.
     *
     * @param first one add-on code
     * @param second the other add-on code
     */
    record MutuallyExclusive(String first, String second) implements AddonRule {
        /** Rejects nulls. */
        public MutuallyExclusive {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(second, "second");
        }
    }

    /**
     * Holding {@code dependent} requires also holding {@code required}.
     *
     * @param dependent the add-on that needs another
     * @param required the add-on it needs
     */
    record Requires(String dependent, String required) implements AddonRule {
        /** Rejects nulls. */
        public Requires {
            Objects.requireNonNull(dependent, "dependent");
            Objects.requireNonNull(required, "required");
        }
    }
}
