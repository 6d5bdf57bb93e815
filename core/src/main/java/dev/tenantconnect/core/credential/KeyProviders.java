package dev.tenantconnect.core.credential;

import dev.tenantconnect.core.error.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.SecretKey;

/** The built-in {@link KeyProvider}s: an environment variable, a PKCS#12 key store, or fixed keys. */
public final class KeyProviders {
    private KeyProviders() {
    }

    /**
     * Reads a Base64-encoded 32-byte key from an environment variable, once.
     *
     * @param variable the variable name, e.g. {@code TENANTCONNECT_STORE_KEY}
     * @return the provider
     * @throws ConfigurationException when the variable is missing or not 32 Base64 bytes (the value is not shown)
     */
    public static KeyProvider fromEnvironment(String variable) {
        return fromEnvironment(variable, System::getenv);
    }

    /**
     * As {@link #fromEnvironment(String)}, with the environment given (for tests and for embedding).
     *
     * @param variable the variable name
     * @param environment looks variables up; returns null when unset
     * @return the provider
     */
    public static KeyProvider fromEnvironment(String variable, Function<String, String> environment) {
        String v = environment.apply(Objects.requireNonNull(variable, "variable"));
        return parse("environment variable " + variable, v);
    }

    /**
     * Reads a Base64-encoded 32-byte key from a file (keep it readable by the service's user only), once.
     *
     * @param file the file
     * @return the provider
     * @throws ConfigurationException when the file cannot be read, may be accessed by its group or others (where the
     *     file system has POSIX permissions), or does not hold 32 Base64 bytes (the value is not shown)
     */
    public static KeyProvider fromFile(java.nio.file.Path file) {
        String v;
        if (Files.exists(file)) {
            dev.tenantconnect.core.io.PrivateFiles.requireOwnerOnly(file, "store key file");
        }
        try {
            v = java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.US_ASCII);
        } catch (java.io.IOException e) {
            throw new ConfigurationException("cannot read the store key file " + file, e);
        }
        return parse("store key file " + file, v);
    }

    private static KeyProvider parse(String source, String v) {
        String variable = source;
        if (v == null || v.isBlank()) {
            throw new ConfigurationException(source + " is not set; it must hold a "
                    + "Base64-encoded 32-byte key (e.g. openssl rand -base64 32)");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(v.strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(variable + " is not valid Base64");
        }
        try {
            return fixed(StoreKey.of(raw));
        } catch (ConfigurationException e) {
            throw new ConfigurationException(variable + " must decode to 32 bytes, not "
                    + raw.length);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /**
     * Reads an AES-256 secret-key entry from a PKCS#12 key store file.
     *
     * @param keyStore the .p12 file
     * @param password the key store password (also used for the entry)
     * @param alias the entry holding the current key
     * @param olderAliases entries holding older keys that may still decrypt existing files
     * @return the provider
     * @throws ConfigurationException when the key store cannot be read, may be accessed by its group or others (where
     *     the file system has POSIX permissions), or lacks an entry
     */
    public static KeyProvider fromPkcs12(Path keyStore, Secret password, String alias, List<String> olderAliases) {
        if (Files.exists(keyStore)) {
            dev.tenantconnect.core.io.PrivateFiles.requireOwnerOnly(keyStore, "key store");
        }
        char[] pw = password.reveal();
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, pw);
            StoreKey current = read(ks, alias, pw);
            List<StoreKey> older = olderAliases.stream().map(a -> read(ks, a, pw)).toList();
            return rotating(current, older);
        } catch (IOException e) {
            throw new ConfigurationException("key store " + keyStore.getFileName()
                    + " could not be read: missing file or wrong password", e);
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("key store " + keyStore.getFileName() + " could not be opened", e);
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    private static StoreKey read(KeyStore ks, String alias, char[] pw) {
        try {
            Key k = ks.getKey(alias, pw);
            if (!(k instanceof SecretKey sk)) {
                throw new ConfigurationException("key store entry '" + alias + "' is missing or not a secret key");
            }
            return StoreKey.of(sk);
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("key store entry '" + alias + "' could not be read", e);
        }
    }

    /**
     * @param key the only key
     * @return a provider that always returns it
     */
    public static KeyProvider fixed(StoreKey key) {
        return rotating(key, List.of());
    }

    /**
     * @param current the key for new writes
     * @param older keys that may still decrypt existing files
     * @return the provider
     */
    public static KeyProvider rotating(StoreKey current, List<StoreKey> older) {
        Objects.requireNonNull(current, "current");
        Map<String, StoreKey> byId = new LinkedHashMap<>();
        byId.put(current.keyId(), current);
        older.forEach(k -> byId.putIfAbsent(k.keyId(), k));
        Map<String, StoreKey> frozen = Map.copyOf(byId);
        return new KeyProvider() {
            @Override
            public StoreKey current() {
                return current;
            }

            @Override
            public Optional<StoreKey> byId(String keyId) {
                return Optional.ofNullable(frozen.get(keyId));
            }

            @Override
            public String toString() {
                return "KeyProvider[current=" + current.keyId() + ", known=" + frozen.keySet() + "]";
            }
        };
    }
}
