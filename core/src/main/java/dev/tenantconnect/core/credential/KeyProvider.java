package dev.tenantconnect.core.credential;

import java.util.Optional;

/**
 * Supplies the key that encrypts stored credentials. Rotation: {@link #current()} encrypts every new write;
 * {@link #byId(String)} may still return older keys so files written with them stay readable (and are re-encrypted
 * with the current key on the next write). See {@link KeyProviders} for the built-in sources.
 */
public interface KeyProvider {

    /** @return the key new writes use */
    StoreKey current();

    /**
     * @param keyId the ID recorded in a file
     * @return the key with that ID, if this provider still has it
     */
    default Optional<StoreKey> byId(String keyId) {
        StoreKey c = current();
        return c.keyId().equals(keyId) ? Optional.of(c) : Optional.empty();
    }
}
