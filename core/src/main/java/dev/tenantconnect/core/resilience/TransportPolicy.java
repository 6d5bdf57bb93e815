package dev.tenantconnect.core.resilience;

import java.util.function.Supplier;

/**
 * Decides whether and when a failed remote call is tried again. The default is {@link RetryingTransportPolicy};
 * operators may supply their own implementation, globally or per tenant, through {@link ResiliencePolicies}.
 *
 * <p>Adapters report failures as exceptions: {@link dev.tenantconnect.core.error.ServiceException} (with status and
 * {@code Retry-After}) and {@link dev.tenantconnect.core.error.TransportException}.
 */
@FunctionalInterface
public interface TransportPolicy {

    /**
     * Runs the call, retrying as the policy allows.
     *
     * @param context what is being called
     * @param call the call; may be invoked several times
     * @param <T> result type
     * @return the call's result
     */
    <T> T execute(CallContext context, Supplier<T> call);

    /** @return a policy that runs each call once */
    static TransportPolicy noRetry() {
        return new TransportPolicy() {
            @Override
            public <T> T execute(CallContext context, Supplier<T> call) {
                return call.get();
            }
        };
    }
}
