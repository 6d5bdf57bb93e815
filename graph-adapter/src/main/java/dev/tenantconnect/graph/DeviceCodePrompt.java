package dev.tenantconnect.graph;

import java.time.Instant;
import java.util.Objects;

/**
 * What to show the customer admin during a device-code sign-in: open the URL, type the code. See
 * https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-device-code
 *
 * @param userCode the code to type
 * @param verificationUri the page to open
 * @param message Microsoft's ready-made instruction text
 * @param expiresAt when the code stops working
 */
public record DeviceCodePrompt(String userCode, String verificationUri, String message, Instant expiresAt) {
    /** Rejects nulls. */
    public DeviceCodePrompt {
        Objects.requireNonNull(userCode, "userCode");
        Objects.requireNonNull(verificationUri, "verificationUri");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
