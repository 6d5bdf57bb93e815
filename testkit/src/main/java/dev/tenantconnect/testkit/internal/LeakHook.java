package dev.tenantconnect.testkit.internal;

import dev.tenantconnect.leaks.LeakRegistry;

/**
 * Hands what the simulator issues to the test suite's leak scanner when it is on the class path, and does nothing
 * otherwise (the simulator in the demo jar runs without it).
 */
public final class LeakHook {
    private static final boolean PRESENT = present();

    private LeakHook() {
    }

    private static boolean present() {
        try {
            Class.forName("dev.tenantconnect.leaks.LeakRegistry", false, LeakHook.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * @param kind what the value is
     * @param value a secret the simulator issued or was given
     */
    public static void secret(String kind, String value) {
        if (PRESENT) {
            LeakRegistry.secret(kind, value);
        }
    }

    /**
     * @param kind what the token is
     * @param jwt a token the simulator signed or received
     */
    public static void jwt(String kind, String jwt) {
        if (PRESENT) {
            LeakRegistry.jwt(kind, jwt);
        }
    }
}
