package dev.tenantconnect.core.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The result of evaluating a {@link Requirement} against what a principal holds.
 *
 * @param requirement what was required
 * @param held what the principal holds
 * @param satisfied whether the requirement holds
 * @param missingOptions when not satisfied, the smallest sets of items that would each satisfy it if added;
 *     empty when satisfied
 * @param satisfiedBy when satisfied, the held items of the smallest satisfying alternative; empty otherwise
 * @param excess held items the requirement does not need (least-privilege advice): when satisfied, everything
 *     beyond {@code satisfiedBy}; otherwise everything the requirement never mentions
 * @param <R> item type
 */
public record Evaluation<R>(Requirement<R> requirement, Set<R> held, boolean satisfied, List<Set<R>> missingOptions,
        Set<R> satisfiedBy, Set<R> excess) {

    /** Copies the collections. */
    public Evaluation {
        Objects.requireNonNull(requirement, "requirement");
        held = Set.copyOf(held);
        missingOptions = List.copyOf(missingOptions);
        satisfiedBy = Set.copyOf(satisfiedBy);
        excess = Set.copyOf(excess);
    }

    /**
     * @param requirement the requirement
     * @param heldItems what is held
     * @param <R> item type
     * @return the evaluation
     */
    static <R> Evaluation<R> of(Requirement<R> requirement, Collection<R> heldItems) {
        Set<R> held = new LinkedHashSet<>(heldItems);
        List<Set<R>> alternatives = requirement.alternatives();
        Set<R> chosen = null;
        for (Set<R> alt : alternatives) {
            if (held.containsAll(alt)) {
                chosen = alt;
                break;
            }
        }
        if (chosen != null) {
            Set<R> excess = new LinkedHashSet<>(held);
            excess.removeAll(chosen);
            return new Evaluation<>(requirement, held, true, List.of(), chosen, excess);
        }
        List<Set<R>> missing = new ArrayList<>();
        Set<R> mentioned = new LinkedHashSet<>();
        for (Set<R> alt : alternatives) {
            mentioned.addAll(alt);
            Set<R> m = new LinkedHashSet<>(alt);
            m.removeAll(held);
            missing.add(m);
        }
        Set<R> excess = new LinkedHashSet<>(held);
        excess.removeAll(mentioned);
        return new Evaluation<>(requirement, held, false, Requirement.minimise(missing), Set.of(), excess);
    }

    /** @return the missing options in words, e.g. {@code "Teams Administrator | Teams Telephony Administrator + Skype for Business Administrator"} */
    public String missingDescription() {
        if (satisfied) {
            return "nothing";
        }
        return missingOptions.stream()
                .map(s -> s.stream().map(Object::toString).sorted().collect(Collectors.joining(" + ")))
                .collect(Collectors.joining(" | "));
    }
}
