package dev.tenantconnect.graph.internal;

import dev.tenantconnect.core.error.ServiceException;
import dev.tenantconnect.core.model.TenantId;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs Graph SDK calls for one tenant and turns their failures into the SDK's exceptions ({@link GraphErrors}),
 * so every Graph wrapper class shares one error mapping. Not API.
 */
public final class GraphCalls {
    private final TenantId tenant;
    private final Clock clock;

    /**
     * @param tenant the tenant the calls are for
     * @param clock for {@code Retry-After} dates
     */
    public GraphCalls(TenantId tenant, Clock clock) {
        this.tenant = Objects.requireNonNull(tenant);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * @param operation what is attempted, for messages
     * @param call the call
     * @param <T> result type
     * @return the result
     */
    public <T> T run(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw GraphErrors.translate(operation, tenant, e, clock);
        }
    }

    /**
     * As {@link #run}, answering empty when Graph says 404 (the object does not exist, or is not replicated yet).
     *
     * @param operation what is attempted
     * @param call the call
     * @param <T> result type
     * @return the result, or empty on 404
     */
    public <T> Optional<T> unlessNotFound(String operation, Supplier<T> call) {
        return unlessStatus(404, operation, call);
    }

    /**
     * As {@link #run}, answering empty when Graph answers the given status.
     *
     * @param status the HTTP status that means "no result"
     * @param operation what is attempted
     * @param call the call
     * @param <T> result type
     * @return the result, or empty on that status
     */
    public <T> Optional<T> unlessStatus(int status, String operation, Supplier<T> call) {
        try {
            return Optional.of(call.get());
        } catch (RuntimeException e) {
            var t = GraphErrors.translate(operation, tenant, e, clock);
            if (t instanceof ServiceException se && se.status() == status) {
                return Optional.empty();
            }
            throw t;
        }
    }
}
