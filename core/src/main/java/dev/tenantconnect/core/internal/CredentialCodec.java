package dev.tenantconnect.core.internal;

import dev.tenantconnect.core.credential.ClientCertificateCredential;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.CredentialRecord;
import dev.tenantconnect.core.credential.DelegatedTokenCredential;
import dev.tenantconnect.core.credential.LegacyPasswordCredential;
import dev.tenantconnect.core.credential.PreviousCredential;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.credential.TenantCredential;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.model.UserRef;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Binary encoding of credential records, for stores that keep them as bytes (the encrypted file, the JDBC
 * store's encrypted column). Versioned by the caller's container format. Not API.
 */
public final class CredentialCodec {
    private static final int MAX_BLOB = 1 << 20;
    private static final byte SECRET = 1;
    private static final byte CERTIFICATE = 2;
    private static final byte DELEGATED = 3;
    private static final byte PASSWORD = 4;

    private CredentialCodec() {
    }

    /**
     * @param out the stream
     * @param records the records
     * @throws IOException on write failure
     */
    public static void writeRecords(DataOutputStream out, List<CredentialRecord> records) throws IOException {
        out.writeInt(records.size());
        for (CredentialRecord r : records) {
            writeRecord(out, r);
        }
    }

    /**
     * @param in the stream
     * @return the records
     * @throws IOException on malformed input
     */
    public static List<CredentialRecord> readRecords(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 10_000_000) {
            throw new IOException("implausible record count");
        }
        List<CredentialRecord> out = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            out.add(readRecord(in));
        }
        return out;
    }

    /**
     * @param out the stream
     * @param r one record
     * @throws IOException on write failure
     */
    public static void writeRecord(DataOutputStream out, CredentialRecord r) throws IOException {
        writeUuid(out, r.key().tenant().id());
        out.writeUTF(r.key().service().value());
        out.writeLong(r.version());
        writeInstant(out, r.updatedAt());
        writeCredential(out, r.credential());
        out.writeBoolean(r.previous().isPresent());
        if (r.previous().isPresent()) {
            writeCredential(out, r.previous().get().credential());
            writeInstant(out, r.previous().get().replacedAt());
        }
    }

    /**
     * @param in the stream
     * @return one record
     * @throws IOException on malformed input
     */
    public static CredentialRecord readRecord(DataInputStream in) throws IOException {
        CredentialKey key = new CredentialKey(new TenantId(readUuid(in)), new ServiceId(in.readUTF()));
        long version = in.readLong();
        Instant updatedAt = readInstant(in);
        TenantCredential current = readCredential(in);
        Optional<PreviousCredential> previous = Optional.empty();
        if (in.readBoolean()) {
            TenantCredential p = readCredential(in);
            previous = Optional.of(new PreviousCredential(p, readInstant(in)));
        }
        return new CredentialRecord(key, version, current, updatedAt, previous);
    }

    private static void writeCredential(DataOutputStream out, TenantCredential c) throws IOException {
        if (c instanceof ClientSecretCredential s) {
            out.writeByte(SECRET);
            writeUuid(out, s.clientId().id());
            writeSecret(out, s.secret());
            writeOptionalInstant(out, s.expiresAt());
            out.writeBoolean(s.keyId().isPresent());
            if (s.keyId().isPresent()) {
                writeUuid(out, s.keyId().get());
            }
        } else if (c instanceof ClientCertificateCredential k) {
            out.writeByte(CERTIFICATE);
            writeUuid(out, k.clientId().id());
            byte[] pkcs8 = k.privateKey().getEncoded();
            try {
                writeBlob(out, pkcs8);
            } finally {
                Arrays.fill(pkcs8, (byte) 0);
            }
            out.writeInt(k.chain().size());
            for (X509Certificate x : k.chain()) {
                try {
                    writeBlob(out, x.getEncoded());
                } catch (GeneralSecurityException e) {
                    throw new IOException("certificate cannot be encoded", e);
                }
            }
        } else if (c instanceof DelegatedTokenCredential d) {
            out.writeByte(DELEGATED);
            writeUuid(out, d.clientId().id());
            writeSecret(out, d.refreshToken());
            writeInstant(out, d.obtainedAt());
        } else if (c instanceof LegacyPasswordCredential p) {
            out.writeByte(PASSWORD);
            out.writeUTF(p.username().value());
            writeSecret(out, p.password());
        } else {
            throw new IOException("unknown credential type");
        }
    }

    private static TenantCredential readCredential(DataInputStream in) throws IOException {
        byte type = in.readByte();
        switch (type) {
            case SECRET: {
                ClientId id = new ClientId(readUuid(in));
                Secret secret = readSecret(in);
                Optional<Instant> exp = readOptionalInstant(in);
                Optional<UUID> keyId = in.readBoolean() ? Optional.of(readUuid(in)) : Optional.empty();
                return new ClientSecretCredential(id, secret, exp, keyId);
            }
            case CERTIFICATE: {
                ClientId id = new ClientId(readUuid(in));
                byte[] pkcs8 = readBlob(in);
                int n = in.readInt();
                if (n < 1 || n > 16) {
                    throw new IOException("implausible certificate chain length");
                }
                List<X509Certificate> chain = new ArrayList<>();
                try {
                    CertificateFactory cf = CertificateFactory.getInstance("X.509");
                    for (int i = 0; i < n; i++) {
                        chain.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(readBlob(in))));
                    }
                    return new ClientCertificateCredential(id, Pem.pkcs8(pkcs8), chain);
                } catch (GeneralSecurityException e) {
                    throw new IOException("stored certificate cannot be decoded", e);
                } finally {
                    Arrays.fill(pkcs8, (byte) 0);
                }
            }
            case DELEGATED:
                return new DelegatedTokenCredential(new ClientId(readUuid(in)), readSecret(in), readInstant(in));
            case PASSWORD:
                return new LegacyPasswordCredential(UserRef.Upn.parse(in.readUTF()), readSecret(in));
            default:
                throw new IOException("unknown credential type tag " + type);
        }
    }

    private static void writeSecret(DataOutputStream out, Secret s) throws IOException {
        byte[] b = s.revealUtf8();
        try {
            writeBlob(out, b);
        } finally {
            Arrays.fill(b, (byte) 0);
        }
    }

    private static Secret readSecret(DataInputStream in) throws IOException {
        byte[] b = readBlob(in);
        try {
            return Secret.fromUtf8(b);
        } finally {
            Arrays.fill(b, (byte) 0);
        }
    }

    private static void writeBlob(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBlob(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_BLOB) {
            throw new IOException("implausible field length");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    private static void writeUuid(DataOutputStream out, UUID u) throws IOException {
        out.writeLong(u.getMostSignificantBits());
        out.writeLong(u.getLeastSignificantBits());
    }

    private static UUID readUuid(DataInputStream in) throws IOException {
        return new UUID(in.readLong(), in.readLong());
    }

    private static void writeInstant(DataOutputStream out, Instant t) throws IOException {
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    private static void writeOptionalInstant(DataOutputStream out, Optional<Instant> t) throws IOException {
        out.writeBoolean(t.isPresent());
        if (t.isPresent()) {
            writeInstant(out, t.get());
        }
    }

    private static Optional<Instant> readOptionalInstant(DataInputStream in) throws IOException {
        return in.readBoolean() ? Optional.of(readInstant(in)) : Optional.empty();
    }
}
