package dev.tenantconnect.core.credential;

import dev.tenantconnect.core.error.ValidationException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A secret value — client secret, refresh token, password. Its {@link #toString()} is a fixed mask; equality is
 * checked in constant time; nothing in this class puts the value in a message or a log. The value is reached only
 * through {@link #reveal()} or {@link #revealAsString()}, named so that every use is easy to find in review.
 */
@com.fasterxml.jackson.annotation.JsonIgnoreType
public final class Secret {
    private static final String MASK = "Secret[****]";
    private final char[] value;
    private volatile boolean destroyed;

    private Secret(char[] value) {
        this.value = value;
    }

    /**
     * @param value the secret text; must not be empty
     * @return a secret holding a copy of the text
     */
    public static Secret of(String value) {
        if (value == null || value.isEmpty()) {
            throw new ValidationException("secret", "must not be empty");
        }
        return new Secret(value.toCharArray());
    }

    /**
     * @param value the secret characters; copied, so the caller may wipe its array
     * @return the secret
     */
    public static Secret of(char[] value) {
        if (value == null || value.length == 0) {
            throw new ValidationException("secret", "must not be empty");
        }
        return new Secret(value.clone());
    }

    /**
     * @param utf8 the secret as UTF-8 bytes; copied
     * @return the secret
     */
    public static Secret fromUtf8(byte[] utf8) {
        CharBuffer cb = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(utf8));
        char[] chars = Arrays.copyOf(cb.array(), cb.limit());
        Arrays.fill(cb.array(), '\0');
        if (chars.length == 0) {
            throw new ValidationException("secret", "must not be empty");
        }
        return new Secret(chars);
    }

    /** @return a copy of the characters; wipe it after use */
    public char[] reveal() {
        checkAlive();
        return value.clone();
    }

    /**
     * For handing the value to a library that only takes a {@code String} (e.g. MSAL's client secret).
     *
     * @return the value as a string
     */
    public String revealAsString() {
        checkAlive();
        return new String(value);
    }

    /** @return the value as UTF-8 bytes; wipe them after use */
    public byte[] revealUtf8() {
        checkAlive();
        ByteBuffer bb = StandardCharsets.UTF_8.encode(CharBuffer.wrap(value));
        byte[] out = Arrays.copyOf(bb.array(), bb.limit());
        Arrays.fill(bb.array(), (byte) 0);
        return out;
    }

    /** @return the number of characters, which is not secret */
    public int length() {
        return value.length;
    }

    /** Overwrites the value; any later use throws. */
    public void destroy() {
        destroyed = true;
        Arrays.fill(value, '\0');
    }

    /** @return whether {@link #destroy()} was called */
    public boolean isDestroyed() {
        return destroyed;
    }

    private void checkAlive() {
        if (destroyed) {
            throw new IllegalStateException("secret was destroyed");
        }
    }

    /** Constant-time comparison of the values. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Secret other) || destroyed || other.destroyed) {
            return false;
        }
        byte[] a = revealUtf8();
        byte[] b = other.revealUtf8();
        try {
            return MessageDigest.isEqual(a, b);
        } finally {
            Arrays.fill(a, (byte) 0);
            Arrays.fill(b, (byte) 0);
        }
    }

    /** A constant: the hash must not leak anything about the value. */
    @Override
    public int hashCode() {
        return Objects.hash(Secret.class.getName());
    }

    /** @return a fixed mask, never the value */
    @Override
    public String toString() {
        return MASK;
    }
}
