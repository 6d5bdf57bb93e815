package dev.tenantconnect.core.metrics;

/**
 * One running observation of a public operation (a span, when tracing is bridged): started by
 * {@link MetricsRecorder#start}, given high-cardinality attributes such as Graph's {@code client-request-id} and
 * {@code request-id} while it runs, closed once.
 */
public interface ObservationScope extends AutoCloseable {
    /** A scope that records nothing. */
    ObservationScope NONE = new ObservationScope() {
        @Override
        public void attribute(String key, String value) {
        }

        @Override
        public void error(Throwable error) {
        }

        @Override
        public void close() {
        }
    };

    /**
     * @param key an attribute key, e.g. {@code graph.request-id}
     * @param value its value (the last value set for a key wins); never a secret
     */
    void attribute(String key, String value);

    /** @param error what the operation failed with */
    void error(Throwable error);

    /** Ends the observation. */
    @Override
    void close();
}
