package dev.tenantconnect.leaks;

import dev.tenantconnect.leaks.internal.Needles;
import java.util.Base64;

/**
 * Every secret, private key and token the test suite creates, registered so that {@link LeakScanner} can look for
 * it in logs, console output and exception messages. JVM-wide and thread-safe; values live until the JVM exits.
 *
 * <p>A registered value is found whole, and also by its first and last {@value Needles#WINDOW} characters, so a
 * truncated copy is caught too. Values shorter than {@value Needles#MINIMUM} characters are not registered: they
 * would match ordinary text (a real secret is longer).
 */
public final class LeakRegistry {
    private LeakRegistry() {
    }

    /**
     * Registers a secret (client secret, password, refresh token, device code).
     *
     * @param kind what it is, for the report (never the value)
     * @param value the secret text
     */
    public static void secret(String kind, String value) {
        Needles.GLOBAL.add(kind, value);
    }

    /**
     * Registers a JSON Web Token: its signature is the part that makes it usable, and the part that is unique (the
     * header is the same for every token an issuer signs), so the signature is registered and the token whole.
     *
     * @param kind what it is, for the report
     * @param jwt the compact serialisation
     */
    public static void jwt(String kind, String jwt) {
        Needles.GLOBAL.add(kind, jwt);
        int dot = jwt.lastIndexOf('.');
        if (dot > 0 && dot < jwt.length() - 1) {
            Needles.GLOBAL.add(kind + " signature", jwt.substring(dot + 1));
        }
    }

    /**
     * Registers a private key by its encoded form, as base64 the way PEM and most dumps print it, and each 64-column
     * PEM line of it.
     *
     * @param kind what it is, for the report
     * @param encoded the key's {@code getEncoded()} bytes
     */
    public static void privateKey(String kind, byte[] encoded) {
        String b64 = Base64.getEncoder().encodeToString(encoded);
        Needles.GLOBAL.add(kind, b64);
        for (int i = 0; i + 64 <= b64.length(); i += 64) {
            Needles.GLOBAL.add(kind + " (PEM line)", b64.substring(i, i + 64));
        }
    }

    /** @return how many values have been registered in this JVM */
    public static int size() {
        return Needles.GLOBAL.size();
    }
}
