package dev.tenantconnect.core.credential;

import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.error.StoreException;
import dev.tenantconnect.core.error.StoreIntegrityException;
import dev.tenantconnect.core.error.UntrustedText;
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
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
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
 * <p>Generations: before each write the current, authenticated file is kept as {@code <file>.1} (and the one before
 * it as {@code <file>.2}), owner-only. When the current file fails its integrity check (one flipped byte is enough),
 * the store — unless built with {@link DamagedFile#REFUSE} — opens the newest previous generation that authenticates
 * and logs a warning naming that generation (never a secret); changes made after that generation are lost. The
 * next write moves the damaged file aside as {@code <file>.damaged-<millis>} for inspection. {@link #check} lists the
 * state of every generation and {@link #recover} makes the newest good one current, without opening a store. Backups:
 * copy the file and its generations together while no write runs (or take them under the {@code .lock} file's lock);
 * they are useless without the key, so keep the key's backup apart from them.
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
    private static final int GENERATIONS = 2;

    private final Path file;
    private final Path lockFile;
    private final KeyProvider keys;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final DamagedFile onDamage;
    private volatile Snapshot snapshot = new Snapshot(null, List.of(), 0, null);

    /**
     * @param fileStamp the current file's stamp when read
     * @param records what was read
     * @param generation 0 for the current file, 1 or 2 when read from a previous generation
     * @param bytes the authenticated bytes read (ciphertext), or null when there was no file
     */
    private record Snapshot(Object fileStamp, List<CredentialRecord> records, int generation, byte[] bytes) {
    }

    /** What the store does when its current file fails the integrity check. */
    public enum DamagedFile {
        /** Open the newest previous generation that authenticates, with a logged warning (the default). */
        OPEN_PREVIOUS_GENERATION,
        /** Refuse to open: throw {@link StoreIntegrityException}, leave every file as it is. */
        REFUSE
    }

    /**
     * The state of one generation of the store file, as {@link #check} found it.
     *
     * @param generation 0 for the current file, 1 for the previous, 2 for the one before
     * @param file the file
     * @param present whether the file exists
     * @param records how many records it holds, when it authenticates
     * @param keyId the ID of the key that wrote it, when its header is well formed
     * @param problem why it cannot be used (no secret in it), when it cannot
     */
    public record Generation(int generation, Path file, boolean present, OptionalInt records, Optional<String> keyId,
            Optional<String> problem) {
        /** Validates the components. */
        public Generation {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(records, "records");
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(problem, "problem");
        }

        /** @return whether this generation exists and authenticates */
        public boolean usable() {
            return present && problem.isEmpty();
        }
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
        this(file, keys, clock, DamagedFile.OPEN_PREVIOUS_GENERATION);
    }

    /**
     * Opens (or prepares to create) the store file and reads it once, so a bad file or key fails here.
     *
     * @param file the store file; its folder must exist
     * @param keys the key source
     * @param clock stamps record updates
     * @param onDamage what to do when the current file fails its integrity check
     */
    public EncryptedFileCredentialStore(Path file, KeyProvider keys, Clock clock, DamagedFile onDamage) {
        this.onDamage = Objects.requireNonNull(onDamage, "onDamage");
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
            keepGeneration(fresh);
            write(next);
            snapshot = new Snapshot(stamp().orElse(null), next, 0, null);
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
            return new Snapshot(null, List.of(), 0, null);
        } catch (IOException e) {
            throw new StoreException("credential store " + file.getFileName() + " cannot be read", e);
        }
        try {
            return new Snapshot(stamp, decrypt(file, bytes, keys), 0, bytes);
        } catch (StoreIntegrityException damaged) {
            if (onDamage == DamagedFile.REFUSE) {
                throw damaged;
            }
            for (int g = 1; g <= GENERATIONS; g++) {
                Path older = generation(file, g);
                try {
                    byte[] old = Files.readAllBytes(older);
                    List<CredentialRecord> records = decrypt(older, old, keys);
                    LOG.warn("credential store {} failed its integrity check ({}); opened previous generation {} ({}, "
                            + "{} records) instead: changes written after it are lost. The damaged file is moved "
                            + "aside on the next write; check the files with the store doctor",
                            file.getFileName(), damaged.getMessage(), g, older.getFileName(), records.size());
                    return new Snapshot(stamp, records, g, old);
                } catch (NoSuchFileException e) {
                    LOG.debug("no generation {} of {}", g, file.getFileName());
                } catch (IOException | StoreIntegrityException e) {
                    LOG.warn("previous generation {} of credential store {} is not usable either: {}", g,
                            file.getFileName(), e.getMessage());
                }
            }
            throw damaged;
        }
    }

    static Path generation(Path file, int g) {
        return g == 0 ? file : file.resolveSibling(file.getFileName() + "." + g);
    }

    /**
     * Keeps the content the next write replaces as the previous generation, shifting the older ones; when that
     * content came from a previous generation (the current file is damaged), moves the damaged file aside instead.
     */
    private void keepGeneration(Snapshot read) throws IOException {
        if (read.bytes == null) {
            return;
        }
        if (read.generation > 0) {
            Path aside = file.resolveSibling(file.getFileName() + ".damaged-" + clock.millis());
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            LOG.warn("credential store {}: the damaged file was moved to {}; the store continues from generation {}",
                    file.getFileName(), aside.getFileName(), read.generation);
            return;
        }
        for (int g = GENERATIONS; g > 1; g--) {
            Path from = generation(file, g - 1);
            if (Files.exists(from)) {
                Files.move(from, generation(file, g), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
        }
        byte[] previous = read.bytes;
        writeAtomically(generation(file, 1), previous);
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        try {
            dev.tenantconnect.core.io.AtomicFile.write(target, true, out -> out.write(bytes));
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Checks every generation of a store file without opening a store or changing anything (the store doctor).
     *
     * @param file the store file
     * @param keys the key source
     * @return the current file first, then generations 1 and 2
     */
    public static List<Generation> check(Path file, KeyProvider keys) {
        Path f = file.toAbsolutePath();
        List<Generation> out = new ArrayList<>();
        for (int g = 0; g <= GENERATIONS; g++) {
            Path p = generation(f, g);
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(p);
            } catch (NoSuchFileException e) {
                out.add(new Generation(g, p, false, OptionalInt.empty(), Optional.empty(), Optional.empty()));
                continue;
            } catch (IOException e) {
                out.add(new Generation(g, p, true, OptionalInt.empty(), Optional.empty(),
                        Optional.of("cannot be read: " + e.getClass().getSimpleName())));
                continue;
            }
            Optional<String> keyId = headerKeyId(bytes);
            try {
                int n = decrypt(p, bytes, keys).size();
                out.add(new Generation(g, p, true, OptionalInt.of(n), keyId, Optional.empty()));
            } catch (StoreIntegrityException e) {
                out.add(new Generation(g, p, true, OptionalInt.empty(), keyId, Optional.of(e.getMessage())));
            }
        }
        return out;
    }

    /**
     * Makes the newest generation that authenticates the current file (the store recover): a damaged current file
     * is moved aside as {@code <file>.damaged-<millis>}, never deleted. Run it while no store has the file open.
     *
     * @param file the store file
     * @param keys the key source
     * @param clock names the moved-aside file
     * @return the generation now current (0 when the current file was already good)
     * @throws StoreIntegrityException when no generation authenticates
     */
    public static Generation recover(Path file, KeyProvider keys, Clock clock) {
        Path f = file.toAbsolutePath();
        List<Generation> all = check(f, keys);
        Generation good = all.stream().filter(Generation::usable).findFirst().orElseThrow(() ->
                new StoreIntegrityException("credential store " + f.getFileName() + ": no generation authenticates ("
                        + all.stream().map(g -> g.generation() + ": " + g.problem().orElse("missing"))
                                .collect(java.util.stream.Collectors.joining("; ")) + ")", null));
        if (good.generation() == 0) {
            return good;
        }
        try {
            if (Files.exists(f)) {
                Path aside = f.resolveSibling(f.getFileName() + ".damaged-" + clock.millis());
                Files.move(f, aside, StandardCopyOption.REPLACE_EXISTING);
                LOG.warn("credential store {}: the damaged file was moved to {}", f.getFileName(), aside.getFileName());
            }
            writeAtomically(f, Files.readAllBytes(good.file()));
        } catch (IOException e) {
            throw new StoreException("credential store " + f.getFileName() + " could not be recovered", e);
        }
        LOG.warn("credential store {} recovered from generation {} ({}, {} records); changes written after it are lost",
                f.getFileName(), good.generation(), good.file().getFileName(), good.records().orElse(0));
        return good;
    }

    private static Optional<String> headerKeyId(byte[] bytes) {
        int headerEnd = MAGIC.length + 2;
        if (bytes.length < headerEnd) {
            return Optional.empty();
        }
        int idLen = bytes[MAGIC.length + 1] & 0xff;
        if (bytes.length < headerEnd + idLen) {
            return Optional.empty();
        }
        String id = new String(bytes, headerEnd, idLen, StandardCharsets.ISO_8859_1);
        return StoreKey.isWellFormedKeyId(id) ? Optional.of(id) : Optional.empty();
    }

    private static List<CredentialRecord> decrypt(Path file, byte[] bytes, KeyProvider keys) {
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
        String keyId = new String(bytes, headerEnd, idLen, StandardCharsets.ISO_8859_1);
        if (!StoreKey.isWellFormedKeyId(keyId)) {
            throw new StoreIntegrityException("credential store " + name + " names a malformed key ID ("
                    + UntrustedText.of(keyId, 24) + "; a key ID is 16 hex digits)", null);
        }
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
