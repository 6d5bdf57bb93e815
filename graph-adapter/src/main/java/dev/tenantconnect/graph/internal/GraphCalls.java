package dev.tenantconnect.graph.internal;

import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.error.ServiceException;
import dev.tenantconnect.core.error.TenantConnectException;
import dev.tenantconnect.core.model.TenantId;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs Graph SDK calls for one tenant and turns their failures into the SDK's exceptions ({@link GraphErrors}),
 * so every Graph wrapper class shares one error mapping: a 403 names the permissions the endpoint needs
 * ({@link GraphOperation#needs()}) against what the credential's token held. Not API.
 */
public final class GraphCalls {
    private final TenantId tenant;
    private final Clock clock;
    private final Supplier<Set<GraphPermission>> held;

    /**
     * @param tenant the tenant the calls are for
     * @param clock for {@code Retry-After} dates
     * @param held the application permissions the calls' token carries (read only when a call is refused)
     */
    public GraphCalls(TenantId tenant, Clock clock, Supplier<Set<GraphPermission>> held) {
        this.tenant = Objects.requireNonNull(tenant);
        this.clock = Objects.requireNonNull(clock);
        this.held = Objects.requireNonNull(held);
    }

    /**
     * Calls whose token's permissions are not known (a 403 then names every alternative as missing).
     *
     * @param tenant the tenant the calls are for
     * @param clock for {@code Retry-After} dates
     */
    public GraphCalls(TenantId tenant, Clock clock) {
        this(tenant, clock, Set::of);
    }

    /**
     * @param operation what is attempted
     * @param call the call
     * @param <T> result type
     * @return the result
     */
    public <T> T run(GraphOperation operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw translate(operation, e);
        }
    }

    /**
     * @param operation what was attempted
     * @param e a failure of its call
     * @return the SDK's exception for it
     */
    public TenantConnectException translate(GraphOperation operation, RuntimeException e) {
        return GraphErrors.translate(operation, tenant, e, clock, this::heldNow);
    }

    private Set<GraphPermission> heldNow() {
        try {
            return held.get();
        } catch (RuntimeException e) {
            return Set.of(); // the token cannot be had now: what it held is not known
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
    public <T> Optional<T> unlessNotFound(GraphOperation operation, Supplier<T> call) {
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
    public <T> Optional<T> unlessStatus(int status, GraphOperation operation, Supplier<T> call) {
        try {
            return Optional.of(call.get());
        } catch (RuntimeException e) {
            var t = translate(operation, e);
            if (t instanceof ServiceException se && se.status() == status) {
                return Optional.empty();
            }
            throw t;
        }
    }
}
