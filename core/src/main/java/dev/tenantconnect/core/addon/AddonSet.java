package dev.tenantconnect.core.addon;

import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A set of add-ons for one extension that passed every rule of the catalogue that built it.
 *
 * @param addons the add-ons, in the order given
 * @param target the kind of account the set requires ({@link AddonTarget#ANY} when unconstrained)
 */
public record AddonSet(Set<AddonLicense> addons, AddonTarget target) {

    /** Copies the set defensively. */
    public AddonSet {
        Objects.requireNonNull(target, "target");
        addons = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(addons));
    }

    /**
     * @param addon an add-on
     * @return whether the set holds it
     */
    public boolean contains(AddonLicense addon) {
        return addons.contains(addon);
    }

    @Override
    public String toString() {
        return addons.stream().map(AddonLicense::code).collect(Collectors.joining(",", "[", "]")) + "->" + target;
    }
}
