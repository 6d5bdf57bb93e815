package dev.tenantconnect.core.testing;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * The seeds a randomised reliability suite runs with, each printed before it is used. {@code -D<property>=N} (or a
 * comma-separated list {@code N,M,...}) replays exactly those seeds; otherwise {@code -Dreliability.seeds=K} draws
 * {@code K} fresh random seeds (one when unset), so that "ten further random seeds in a row" is one command:
 * {@code -Dreliability.seeds=10}.
 */
public final class Seeds {
    /** How many random seeds a suite draws when its own seed property is not set. */
    public static final String COUNT_PROPERTY = "reliability.seeds";

    private Seeds() {
    }

    /**
     * @param suite the suite's name, printed with each seed
     * @param property the suite's replay property, e.g. {@code crash.seed}
     * @return the seeds, in order, each printed with the command that replays it
     */
    public static List<Long> of(String suite, String property) {
        String given = System.getProperty(property, "").strip();
        List<Long> seeds = new ArrayList<>();
        if (!given.isEmpty()) {
            for (String s : given.split(",")) {
                seeds.add(Long.parseLong(s.strip()));
            }
        } else {
            int count = Integer.getInteger(COUNT_PROPERTY, 1);
            if (count < 1) {
                throw new IllegalArgumentException(COUNT_PROPERTY + " must be at least 1, was " + count);
            }
            SecureRandom random = new SecureRandom();
            for (int i = 0; i < count; i++) {
                seeds.add(random.nextLong());
            }
        }
        for (int i = 0; i < seeds.size(); i++) {
            System.out.println(suite + " seed " + (i + 1) + " of " + seeds.size() + ": " + seeds.get(i)
                    + " (replay with -D" + property + "=" + seeds.get(i) + ")");
        }
        return List.copyOf(seeds);
    }

    /**
     * The cases of every seed, one seed after the other.
     *
     * @param suite the suite's name
     * @param property the suite's replay property
     * @param casesOf the cases one seed gives
     * @param <T> the case type
     * @return the cases of all seeds
     */
    public static <T> Stream<T> cases(String suite, String property, LongFunction<Stream<T>> casesOf) {
        return of(suite, property).stream().flatMap(casesOf::apply);
    }
}
