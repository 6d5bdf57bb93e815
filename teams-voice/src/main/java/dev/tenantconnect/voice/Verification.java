package dev.tenantconnect.voice;

import dev.tenantconnect.core.credential.CredentialKey;
import java.util.Objects;

/**
 * Verifying a stored connection against a deployment stage — token, tenant, roles, permissions, licences, consent,
 * expiry — every finding at once. From {@link TenantConnectClient#verification()}.
 */
public final class Verification {
    private final TenantConnect tc;

    Verification(TenantConnect tc) {
        this.tc = Objects.requireNonNull(tc);
    }

    /**
     * @param key which connection
     * @param options the role profile, features and expiry threshold to check against
     * @return the report, every check at once
     * @throws dev.tenantconnect.core.error.ConfigurationException when nothing is stored for the key
     */
    public VerificationReport verify(CredentialKey key, VerifyOptions options) {
        return tc.verify(key, options);
    }
}
