package dev.tenantconnect.core.credential;

import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.error.StoreException;
import dev.tenantconnect.core.error.StoreIntegrityException;
import dev.tenantconnect.core.internal.CredentialCodec;
import dev.tenantconnect.core.internal.CredentialTable;
import dev.tenantconnect.core.model.TenantId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CredentialStore} in one file encrypted with AES-256-GCM, for a single node.
 *
 * <p>Guarantees: the file on disk is always a whole, authenticated snapshot — writes go to a temporary file in the
 * same folder (mode 600 where the file system has POSIX permissions), are forced to disk, and replace the old file
 * by an atomic rename, so a crash leaves either the old or the new content. A file that fails authentication
 * (tampered, truncated, another key) raises {@link StoreIntegrityException}; the store never silently starts
 * empty over an existing file. Writers in other processes are serialised with a lock file next to the store.
 *
 * <p>File layout: {@code "TCCS"}, format version 1, key ID length and bytes, 12-byte nonce, then the ciphertext
 * and GCM tag; the header is the GCM associated data.
 */
public final class EncryptedFileCredentialStore implements CredentialStore {
    private static final Logger LOG = LoggerFactory.getLogger(EncryptedFileCredentialStore.class);
    private static final byte[] MAGIC = "TCCS".getBytes(StandardCharsets.US_ASCII);
    private static final byte FORMAT = 1;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final Path file;
    private final Path lockFile;
    private final KeyProvider keys;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile Snapshot snapshot = new Snapshot(null, List.of());

    private record Snapshot(Object fileStamp, List<CredentialRecord> records) {
    }

    private record Stamp(Object fileKey, long modified, long size) {
    }

    /**
     * Opens (or prepares to create) the store file and reads it once, so a bad file or key fails here.
     *
     * @param file the store file; its folder must exist
     * @param keys the key source
     * @param clock stamps record updates
     */
    public EncryptedFileCredentialStore(Path file, KeyProvider keys, Clock clock) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
        this.lockFile = this.file.resolveSibling(this.file.getFileName() + ".lock");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (!Files.isDirectory(this.file.getParent())) {
            throw new ConfigurationException("folder of the credential store does not exist: " + this.file.getParent());
        }
        current();
    }

    @Override
    public Optional<CredentialRecord> find(CredentialKey key) {
        return current().records.stream().filter(r -> r.key().equals(key)).findFirst();
    }

    @Override
    public List<CredentialRecord> listByTenant(TenantId tenant) {
        return new CredentialTable(current().records).listByTenant(tenant);
    }

    @Override
    public List<CredentialRecord> listAll() {
        return current().records;
    }

    @Override
    public CredentialRecord create(CredentialKey key, TenantCredential credential) {
        return store(t -> t.planCreate(key, credential, clock.instant()));
    }

    @Override
    public CredentialRecord replace(CredentialKey key, long expectedVersion, TenantCredential credential) {
        return store(t -> t.planReplace(key, expectedVersion, credential, clock.instant()));
    }

    @Override
    public CredentialRecord retirePrevious(CredentialKey key, long expectedVersion) {
        return store(t -> t.planRetire(key, expectedVersion, clock.instant()));
    }

    @Override
    public void delete(CredentialKey key, long expectedVersion) {
        mutate(t -> {
            t.checkDelete(key, expectedVersion);
            t.remove(key);
            return null;
        });
    }

    private CredentialRecord store(Function<CredentialTable, CredentialRecord> plan) {
        return mutate(t -> {
            CredentialRecord r = plan.apply(t);
            t.put(r);
            return r;
        });
    }

    private <T> T mutate(Function<CredentialTable, T> change) {
        writeLock.lock();
        try (FileChannel lc = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = lockExclusive(lc)) {
            Snapshot fresh = load();
            CredentialTable table = new CredentialTable(fresh.records);
            T result = change.apply(table);
            List<CredentialRecord> next = table.all();
            write(next);
            snapshot = new Snapshot(stamp().orElse(null), next);
            return result;
        } catch (IOException e) {
            throw new StoreException("credential store " + file.getFileName() + " could not be written", e);
        } finally {
            writeLock.unlock();
        }
    }

    private static FileLock lockExclusive(FileChannel lc) throws IOException {
        try {
            return lc.lock();
        } catch (OverlappingFileLockException e) {
            throw new ConfigurationException("another EncryptedFileCredentialStore in this JVM uses the same file; "
                    + "share one instance instead", e);
        }
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        Object stamp = stamp().orElse(null);
        if (s.fileStamp != null && s.fileStamp.equals(stamp)) {
            return s;
        }
        Snapshot fresh = load();
        snapshot = fresh;
        return fresh;
    }

    private Optional<Object> stamp() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return Optional.of(new Stamp(a.fileKey(), a.lastModifiedTime().toMillis(), a.size()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("credential store " + file.getFileName() + " cannot be read", e);
        }
    }

    private Snapshot load() {
        byte[] bytes;
        Object stamp;
        try {
            stamp = stamp().orElse(null);
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Snapshot(null, List.of());
        } catch (IOException e) {
            throw new StoreException("credential store " + file.getFileName() + " cannot be read", e);
        }
        return new Snapshot(stamp, decrypt(bytes));
    }

    private List<CredentialRecord> decrypt(byte[] bytes) {
        String name = file.getFileName().toString();
        int headerEnd = MAGIC.length + 2;
        if (bytes.length < headerEnd || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new StoreIntegrityException("credential store " + name + " is not a Tenant Connect credential file"
                    + " (empty, truncated or foreign)", null);
        }
        if (bytes[MAGIC.length] != FORMAT) {
            throw new StoreIntegrityException("credential store " + name + " has unsupported format version "
                    + bytes[MAGIC.length], null);
        }
        int idLen = bytes[MAGIC.length + 1] & 0xff;
        int nonceAt = headerEnd + idLen;
        if (bytes.length < nonceAt + NONCE + TAG_BITS / 8) {
            throw new StoreIntegrityException("credential store " + name + " is truncated", null);
        }
        String keyId = new String(bytes, headerEnd, idLen, StandardCharsets.US_ASCII);
        StoreKey key = keys.byId(keyId).orElseThrow(() -> new StoreIntegrityException("credential store " + name
                + " was encrypted with key " + keyId + ", which the key provider does not have (current key "
                + keys.current().keyId() + ")", null));
        byte[] plain = null;
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, bytes, nonceAt, NONCE));
            c.updateAAD(bytes, 0, nonceAt + NONCE);
            plain = c.doFinal(bytes, nonceAt + NONCE, bytes.length - nonceAt - NONCE);
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
                List<CredentialRecord> records = CredentialCodec.readRecords(in);
                if (in.read() != -1) {
                    throw new IOException("trailing bytes");
                }
                return records;
            }
        } catch (AEADBadTagException e) {
            throw new StoreIntegrityException("credential store " + name
                    + " failed authentication: it was modified or corrupted", null);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            if (e instanceof StoreIntegrityException sie) {
                throw sie;
            }
            throw new StoreIntegrityException("credential store " + name + " content cannot be decoded ("
                    + e.getClass().getSimpleName() + ")", null);
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    private void write(List<CredentialRecord> records) throws IOException {
        StoreKey key = keys.current();
        byte[] id = key.keyId().getBytes(StandardCharsets.US_ASCII);
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        ByteBuffer header = ByteBuffer.allocate(MAGIC.length + 2 + id.length + NONCE);
        header.put(MAGIC).put(FORMAT).put((byte) id.length).put(id).put(nonce);
        ByteArrayOutputStream plainOut = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(plainOut)) {
            CredentialCodec.writeRecords(out, records);
        }
        byte[] plain = plainOut.toByteArray();
        byte[] sealed;
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(header.array());
            sealed = c.doFinal(plain);
        } catch (GeneralSecurityException e) {
            throw new StoreException("credential store encryption failed", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        byte[] sealedBytes = sealed;
        try {
            dev.tenantconnect.core.io.AtomicFile.write(file, true, out -> {
                out.write(header.array());
                out.write(sealedBytes);
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        LOG.debug("credential store {} written: {} records, key {}", file.getFileName(), records.size(), key.keyId());
    }

    /** @return the store file */
    public Path file() {
        return file;
    }

    @Override
    public String toString() {
        return "EncryptedFileCredentialStore[" + file + "]";
    }
}
