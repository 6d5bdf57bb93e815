package dev.tenantconnect.core.access;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A requirement on what a principal holds — directory roles or Graph application permissions — written as an
 * expression: a single item, {@link #allOf all of} several, or {@link #anyOf any of} several, nested freely.
 *
 * @param <R> the kind of item held ({@link DirectoryRole} or {@link GraphPermission})
 */
public sealed interface Requirement<R> permits Requirement.Single, Requirement.AllOf, Requirement.AnyOf {

    /**
     * @param item the item
     * @param <R> its type
     * @return the requirement to hold that item
     */
    static <R> Requirement<R> of(R item) {
        return new Single<>(item);
    }

    /**
     * @param parts requirements that must all hold
     * @param <R> item type
     * @return the conjunction
     */
    @SafeVarargs
    static <R> Requirement<R> allOf(Requirement<R>... parts) {
        return new AllOf<>(Arrays.asList(parts));
    }

    /**
     * @param parts requirements of which one must hold
     * @param <R> item type
     * @return the disjunction
     */
    @SafeVarargs
    static <R> Requirement<R> anyOf(Requirement<R>... parts) {
        return new AnyOf<>(Arrays.asList(parts));
    }

    /**
     * @param items items that must all be held
     * @param <R> item type
     * @return the conjunction of single items
     */
    @SafeVarargs
    static <R> Requirement<R> allOfItems(R... items) {
        return new AllOf<>(Arrays.stream(items).map(Requirement::of).toList());
    }

    /**
     * @param items items of which one must be held
     * @param <R> item type
     * @return the disjunction of single items
     */
    @SafeVarargs
    static <R> Requirement<R> anyOfItems(R... items) {
        return new AnyOf<>(Arrays.stream(items).map(Requirement::of).toList());
    }

    /**
     * The requirement in disjunctive normal form: each set is one way to satisfy it; no set contains another.
     *
     * @return the minimal alternatives, smallest first
     */
    List<Set<R>> alternatives();

    /**
     * The preferred way to satisfy the requirement, as written: the first part of every {@code anyOf} (list the
     * least-privileged alternative first), all parts of every {@code allOf}. Use it to decide what to grant; use
     * {@link #alternatives()} to judge what is held.
     *
     * @return the items to hold
     */
    Set<R> preferred();

    /**
     * Evaluates the requirement against what a principal holds.
     *
     * @param held the items held
     * @return satisfied or not, what is missing, what satisfied it, and what is held beyond need
     */
    default Evaluation<R> evaluate(Collection<R> held) {
        return Evaluation.of(this, held);
    }

    /**
     * One item.
     *
     * @param item the item
     * @param <R> item type
     */
    record Single<R>(R item) implements Requirement<R> {
        /** Rejects null. */
        public Single {
            Objects.requireNonNull(item, "item");
        }

        @Override
        public List<Set<R>> alternatives() {
            return List.of(Set.of(item));
        }

        @Override
        public Set<R> preferred() {
            return Set.of(item);
        }

        @Override
        public String toString() {
            return item.toString();
        }
    }

    /**
     * Every part must hold.
     *
     * @param parts the parts, at least one
     * @param <R> item type
     */
    record AllOf<R>(List<Requirement<R>> parts) implements Requirement<R> {
        /** Copies and checks the parts. */
        public AllOf {
            parts = List.copyOf(parts);
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("allOf needs at least one part");
            }
        }

        @Override
        public List<Set<R>> alternatives() {
            List<Set<R>> acc = List.of(Set.of());
            for (Requirement<R> p : parts) {
                List<Set<R>> next = new ArrayList<>();
                for (Set<R> a : acc) {
                    for (Set<R> b : p.alternatives()) {
                        Set<R> u = new LinkedHashSet<>(a);
                        u.addAll(b);
                        next.add(u);
                    }
                }
                acc = next;
            }
            return minimise(acc);
        }

        @Override
        public Set<R> preferred() {
            Set<R> out = new LinkedHashSet<>();
            parts.forEach(p -> out.addAll(p.preferred()));
            return java.util.Collections.unmodifiableSet(out);
        }

        @Override
        public String toString() {
            return parts.stream().map(Object::toString).collect(Collectors.joining(" and ", "(", ")"));
        }
    }

    /**
     * At least one part must hold.
     *
     * @param parts the parts, at least one
     * @param <R> item type
     */
    record AnyOf<R>(List<Requirement<R>> parts) implements Requirement<R> {
        /** Copies and checks the parts. */
        public AnyOf {
            parts = List.copyOf(parts);
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("anyOf needs at least one part");
            }
        }

        @Override
        public List<Set<R>> alternatives() {
            List<Set<R>> all = new ArrayList<>();
            parts.forEach(p -> all.addAll(p.alternatives()));
            return minimise(all);
        }

        @Override
        public Set<R> preferred() {
            return parts.get(0).preferred();
        }

        @Override
        public String toString() {
            return parts.stream().map(Object::toString).collect(Collectors.joining(" or ", "(", ")"));
        }
    }

    /**
     * Drops duplicate sets and sets that contain another set; orders by size, keeping first-seen order on ties.
     *
     * @param sets candidate sets
     * @param <R> item type
     * @return the minimal sets
     */
    static <R> List<Set<R>> minimise(List<Set<R>> sets) {
        List<Set<R>> sorted = new ArrayList<>(sets);
        sorted.sort(Comparator.comparingInt(Set::size));
        List<Set<R>> out = new ArrayList<>();
        for (Set<R> s : sorted) {
            if (out.stream().noneMatch(s::containsAll)) {
                out.add(Set.copyOf(new LinkedHashSet<>(s)));
            }
        }
        return List.copyOf(out);
    }
}
