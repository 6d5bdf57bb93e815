package dev.tenantconnect.core.metrics;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Runs public operations under an observation and lets code deeper down (the Graph transport) attach correlation
 * IDs to the innermost observation running on the current thread.
 */
public final class Observations {
    private static final ThreadLocal<Deque<ObservationScope>> CURRENT = ThreadLocal.withInitial(ArrayDeque::new);

    private Observations() {
    }

    /**
     * Runs work as one observation: started before, ended after, the error recorded if it throws.
     *
     * @param recorder the recorder
     * @param name the operation ({@code MetricNames.OP_*})
     * @param tags its tags
     * @param work the operation
     * @param <T> its result type
     * @return its result
     */
    public static <T> T observe(MetricsRecorder recorder, String name, MetricTags tags, Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        ObservationScope scope = recorder.start(name, tags);
        if (scope == ObservationScope.NONE) {
            return work.get();
        }
        Deque<ObservationScope> stack = CURRENT.get();
        stack.push(scope);
        try {
            return work.get();
        } catch (RuntimeException | Error e) {
            scope.error(e);
            throw e;
        } finally {
            stack.pop();
            if (stack.isEmpty()) {
                CURRENT.remove();
            }
            scope.close();
        }
    }

    /**
     * Sets an attribute on the innermost observation running on this thread, if any.
     *
     * @param key the attribute key
     * @param value its value (never a secret)
     */
    public static void attribute(String key, String value) {
        ObservationScope s = CURRENT.get().peek();
        if (s == null) {
            CURRENT.remove();
            return;
        }
        s.attribute(key, value);
    }
}
