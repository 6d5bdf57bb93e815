package dev.tenantconnect.core.resilience;

/**
 * Learns a token bucket's refill rate (and size) from the answers the service accepted while it reported its usage.
 * For a bucket of {@code C} units refilled at {@code R} per second, what was accepted since any earlier moment is the
 * refill in between plus what the bucket gave up: {@code A(t) = a + R·t + C·u(t)}, with {@code u} the share used. A
 * least-squares fit over the samples of the last {@value #WINDOW_NANOS} ns (each unbroken streak of usage reports
 * with an intercept of its own) gives {@code R} and {@code C}; when the usage stayed level over the window ({@code C·Δu} negligible), the accepted
 * rate alone is {@code R}. Estimates are smoothed. Not thread-safe: the pacer guards it.
 */
final class RefillEstimator {
    static final long WINDOW_NANOS = 4_000_000_000L;
    /** The fewest samples and the shortest span a fit is trusted on. */
    static final int MIN_SAMPLES = 8;
    static final long MIN_SPAN_NANOS = 400_000_000L;
    /** How much a usage report may be off (Graph rounds it to two decimals): movement below it is noise. */
    static final double NOISE = 0.004;
    /** Usage that moved less than this (standard deviation) over at least {@link #LEVEL_SPAN_SECONDS} is level. */
    static final double LEVEL = 0.001;
    static final double LEVEL_SPAN_SECONDS = 1.0;
    /** Weight of each new estimate in the smoothed one. */
    static final double SMOOTHING = 0.1;
    private static final int SIZE = 256;

    private final long[] at = new long[SIZE];
    private final double[] accepted = new double[SIZE];
    private final double[] usage = new double[SIZE];
    private final int[] streak = new int[SIZE];
    private int current;
    private int first;
    private int count;
    private double rate = Double.NaN;
    private double size = Double.NaN;

    /**
     * Adds one accepted answer that carried the usage.
     *
     * @param nanos when it came back
     * @param acceptedSoFar units accepted so far, this one included
     * @param used the share of the bucket used after it
     */
    void sample(long nanos, double acceptedSoFar, double used) {
        if (count == SIZE) {
            first = (first + 1) % SIZE;
            count--;
        }
        int i = (first + count) % SIZE;
        at[i] = nanos;
        accepted[i] = acceptedSoFar;
        usage[i] = used;
        streak[i] = current;
        count++;
        while (count > 0 && nanos - at[first] > WINDOW_NANOS) {
            first = (first + 1) % SIZE;
            count--;
        }
        fit();
    }

    /**
     * The streak of usage reports broke (no usage, or a 429): what was accepted in between is unknown to the bucket's
     * arithmetic, so later samples get an intercept of their own. Samples of different streaks still share the
     * refill rate and the size, and different sending rates in different streaks are what tell the two apart.
     */
    void breakStreak() {
        current++;
    }

    /** @return the learned refill rate, units per second, or NaN before anything was learned */
    double rate() {
        return rate;
    }

    /** @return the learned bucket size, units, or NaN while unknown */
    double size() {
        return size;
    }

    /** @return the samples in the current window */
    int samples() {
        return count;
    }

    private void fit() {
        if (count < MIN_SAMPLES) {
            return;
        }
        long t0 = at[first];
        double span = (at[(first + count - 1) % SIZE] - t0) / 1e9;
        if (span * 1e9 < MIN_SPAN_NANOS) {
            return;
        }
        // sums of products of the deviations from each streak's own means: a streak's intercept is its own (what was
        // accepted before it), the refill rate and the bucket size are shared
        double stt = 0;
        double suu = 0;
        double stu = 0;
        double sta = 0;
        double sua = 0;
        int from = 0;
        while (from < count) {
            int to = from;
            while (to < count && streak[(first + to) % SIZE] == streak[(first + from) % SIZE]) {
                to++;
            }
            int n = to - from;
            double mt = 0;
            double ma = 0;
            double mu = 0;
            for (int k = from; k < to; k++) {
                int i = (first + k) % SIZE;
                mt += (at[i] - t0) / 1e9;
                ma += accepted[i];
                mu += usage[i];
            }
            mt /= n;
            ma /= n;
            mu /= n;
            for (int k = from; k < to; k++) {
                int i = (first + k) % SIZE;
                double t = (at[i] - t0) / 1e9 - mt;
                double u = usage[i] - mu;
                double a = accepted[i] - ma;
                stt += t * t;
                suu += u * u;
                stu += t * u;
                sta += t * a;
                sua += u * a;
            }
            from = to;
        }
        if (!(stt > 0)) {
            return;
        }
        // the part of the usage's movement that time does not explain: it tells the bucket's size
        double unexplained = suu - stu * stu / stt;
        if (unexplained >= NOISE * NOISE * count) {
            double det = stt * suu - stu * stu;
            double c = (stt * sua - stu * sta) / det;
            if (c > 0) {
                learn((sta * suu - sua * stu) / det, c);
            }
        } else if (!Double.isNaN(size)) {
            // the size is known: take what the bucket gave up out of what was accepted
            learn((sta - size * stu) / stt, Double.NaN);
        } else if (suu < LEVEL * LEVEL * count && span >= LEVEL_SPAN_SECONDS) {
            // level usage for a second or more: the bucket gave up (next to) nothing, so what was accepted is what
            // it refilled
            learn(sta / stt, Double.NaN);
        }
        // otherwise time and usage moved together: refill and size cannot be told apart yet
    }

    private void learn(double r, double c) {
        if (!(r > 0) || Double.isInfinite(r)) {
            return;
        }
        rate = Double.isNaN(rate) ? r : rate + SMOOTHING * (r - rate);
        if (c > 0 && !Double.isInfinite(c)) {
            size = Double.isNaN(size) ? c : size + SMOOTHING * (c - size);
        }
    }
}
