package dev.tenantconnect.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What the harnesses share: {@code --runs N}, median and min–max of a figure, the machine's load. */
final class Runs {
    private Runs() {
    }

    /**
     * @param args the command line
     * @param fallback the runs when {@code --runs} is absent
     * @return the value of {@code --runs N}
     */
    static int runs(List<String> args, int fallback) {
        int i = args.indexOf("--runs");
        return i >= 0 && i + 1 < args.size() ? Integer.parseInt(args.get(i + 1)) : fallback;
    }

    /**
     * @param args the command line
     * @return it without {@code --runs N}
     */
    static List<String> positional(List<String> args) {
        int i = args.indexOf("--runs");
        if (i < 0) {
            return args;
        }
        List<String> rest = new java.util.ArrayList<>(args);
        rest.remove(i);
        if (i < rest.size()) {
            rest.remove(i);
        }
        return rest;
    }

    /** @return the one-minute load average and the processors, e.g. {@code load 7.12 on 2 cores} */
    static String load() {
        return String.format(Locale.ROOT, "load %.2f on %d cores",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param values one figure per run
     * @param format how to print one value
     * @return {@code median X (min A – max B)}
     */
    static String summary(double[] values, String format) {
        double[] v = values.clone();
        Arrays.sort(v);
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return String.format(Locale.ROOT, "median " + format + " (min " + format + " – max " + format + ")", median,
                v[0], v[v.length - 1]);
    }
}
