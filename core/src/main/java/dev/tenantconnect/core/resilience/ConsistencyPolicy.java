package dev.tenantconnect.core.resilience;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Waits until something just written is visible to readers — Entra replicates a new application, service
 * principal or role assignment across its replicas over seconds, and a read that hits a stale replica says "not
 * found". The default is {@link PollingConsistencyPolicy}; operators may supply their own through
 * {@link ResiliencePolicies}.
 */
@FunctionalInterface
public interface ConsistencyPolicy {

    /**
     * Polls {@code probe} until it has returned a value on enough consecutive attempts.
     *
     * @param context what is awaited (operation name and tenant, for errors and logs)
     * @param probe reads the object once; empty means "not visible yet"
     * @param <T> the object type
     * @return the last value read
     * @throws dev.tenantconnect.core.error.NotFoundMaybeReplicatingException when the budget runs out
     */
    <T> T awaitVisible(CallContext context, Supplier<Optional<T>> probe);
}
