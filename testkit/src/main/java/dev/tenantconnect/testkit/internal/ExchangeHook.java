package dev.tenantconnect.testkit.internal;

import dev.tenantconnect.fidelity.Exchange;
import dev.tenantconnect.fidelity.ExchangeValidator;
import java.util.Map;

/**
 * Hands every exchange the simulator answers to the test suite's exchange validator when it is on the class path
 * (module leak-scanner, package {@code dev.tenantconnect.fidelity}), and does nothing otherwise (the simulator in
 * the demo jar runs without it).
 */
public final class ExchangeHook {
    private static final boolean PRESENT = present();

    private ExchangeHook() {
    }

    private static boolean present() {
        try {
            Class.forName("dev.tenantconnect.fidelity.ExchangeValidator", false, ExchangeHook.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** @return whether a validator listens */
    public static boolean active() {
        return PRESENT;
    }

    /**
     * @param api {@code graph} or {@code provisioning}
     * @param endpoint the simulator's endpoint name
     * @param method the method
     * @param path the path without query
     * @param query the decoded query
     * @param requestHeaders request headers that matter
     * @param requestBody the request body
     * @param status the answer's status
     * @param responseHeaders the answer's headers
     * @param responseBody the answer's body
     */
    public static void publish(String api, String endpoint, String method, String path, Map<String, String> query,
            Map<String, String> requestHeaders, String requestBody, int status, Map<String, String> responseHeaders,
            String responseBody) {
        if (PRESENT) {
            ExchangeValidator.validate(new Exchange(api, endpoint, method, path, query, requestHeaders, requestBody,
                    status, responseHeaders, responseBody));
        }
    }
}
