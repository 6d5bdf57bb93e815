package dev.tenantconnect.core.tenant;

import dev.tenantconnect.core.credential.DelegatedTokenCredential;
import java.util.Objects;

/**
 * A delegated connection's refresh token, redeemed: the access token, and the credential to keep from now on — with
 * the refresh token Entra returned, since the one just redeemed may no longer work. {@code toString} shows neither
 * token.
 *
 * @param token the delegated access token
 * @param credential the credential to store in place of the redeemed one
 */
public record DelegatedRedemption(AccessToken token, DelegatedTokenCredential credential) {
    /** Rejects nulls. */
    public DelegatedRedemption {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(credential, "credential");
    }
}
