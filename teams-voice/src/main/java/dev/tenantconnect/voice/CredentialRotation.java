package dev.tenantconnect.voice;

import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.CredentialRecord;
import java.time.Duration;
import java.util.Objects;

/**
 * Rotating a connection's client secret or certificate without downtime, and retiring the previous one after a grace
 * period. From {@link TenantConnectClient#credentialRotation()}.
 */
public final class CredentialRotation {
    private final TenantConnect tc;

    CredentialRotation(TenantConnect tc) {
        this.tc = Objects.requireNonNull(tc);
    }

    /**
     * A new client secret, proven to work before it is stored (the old one kept as previous).
     *
     * @param key the connection (its current credential must be a client secret)
     * @param validity how long the new secret is valid
     * @return the rotation
     * @throws dev.tenantconnect.core.error.UnretiredCredentialException while a previous credential is unretired
     */
    public RotationResult rotateSecret(CredentialKey key, Duration validity) {
        return tc.rotateSecret(key, validity);
    }

    /**
     * A new certificate, proven to authenticate before it is stored (the old one kept as previous).
     *
     * @param key the connection (its current credential must be a certificate)
     * @param validity how long the new certificate is valid
     * @return the updated record
     */
    public CredentialRecord rotateCertificate(CredentialKey key, Duration validity) {
        return tc.rotateCertificate(key, validity);
    }

    /**
     * Removes the previous credential from the app registration and the store once the grace period has passed.
     *
     * @param key the connection
     * @param grace how long after rotation the previous credential stays valid
     * @return what happened
     */
    public RetirementResult retirePrevious(CredentialKey key, Duration grace) {
        return tc.retirePrevious(key, grace);
    }
}
