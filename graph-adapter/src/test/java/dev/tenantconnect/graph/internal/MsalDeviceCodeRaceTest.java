package dev.tenantconnect.graph.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A device-code sign-in is started again only for MSAL4J's own race (its polling loop reading the future it runs
 * under before the caller stored it), never for another failure.
 */
class MsalDeviceCodeRaceTest {

    private static NullPointerException npeIn(String className) {
        NullPointerException e = new NullPointerException("Cannot invoke \"java.util.concurrent.CompletableFuture"
                + ".isCancelled()\" because the return value of \"java.util.concurrent.atomic.AtomicReference.get()\""
                + " is null");
        e.setStackTrace(new StackTraceElement[] {
            new StackTraceElement(className, "acquireTokenWithDeviceCode", "X.java", 1),
            new StackTraceElement("java.util.concurrent.CompletableFuture$AsyncSupply", "run", "Y.java", 2)});
        return e;
    }

    @Test
    void the_race_inside_msal_is_recognised() {
        assertThat(AppTokens.msalDeviceCodeRace(npeIn("com.microsoft.aad.msal4j.AcquireTokenByDeviceCodeFlowSupplier")))
                .isTrue();
    }

    @Test
    void any_other_failure_is_not_retried() {
        assertThat(AppTokens.msalDeviceCodeRace(npeIn("dev.tenantconnect.graph.internal.AppTokens"))).isFalse();
        assertThat(AppTokens.msalDeviceCodeRace(new IllegalStateException("x"))).isFalse();
        assertThat(AppTokens.msalDeviceCodeRace(null)).isFalse();
    }
}
