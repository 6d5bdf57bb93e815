package dev.tenantconnect.core.job;

import dev.tenantconnect.core.error.StoreException;
import dev.tenantconnect.core.error.StoreIntegrityException;
import dev.tenantconnect.core.io.AtomicFile;
import dev.tenantconnect.core.io.PrivateFiles;
import dev.tenantconnect.core.model.PhoneNumber;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * A {@link JobJournal} in a directory: per job a header written atomically and an append-only journal whose lines
 * carry a CRC-32 and are forced to disk before {@link #append} returns. A line torn by a crash mid-write is
 * recognised and dropped (the row it recorded counts as not recorded); damage anywhere else is a
 * {@link StoreIntegrityException}. Leases are OS file locks, so they end with the process that held them.
 */
public final class FileJobJournal implements JobJournal, AutoCloseable {
    private final Path dir;
    private final Map<String, FileChannel> open = new ConcurrentHashMap<>();

    /**
     * @param dir the directory holding the jobs (created if absent)
     */
    public FileJobJournal(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath();
        try {
            Files.createDirectories(this.dir);
        } catch (IOException e) {
            throw new StoreException("cannot create the job directory " + dir, e);
        }
    }

    /** @return the directory holding the jobs */
    public Path directory() {
        return dir;
    }

    @Override
    public void create(JobHeader h) {
        Path jobDir = dir.resolve(h.jobId());
        try {
            PrivateFiles.createDirectory(jobDir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new StoreException("bulk job " + h.jobId() + " exists already", e);
        } catch (IOException e) {
            throw new StoreException("cannot create bulk job " + h.jobId(), e);
        }
        byte[] json = h.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        AtomicFile.write(jobDir.resolve("header.json"), true, out -> out.write(json));
        AtomicFile.syncDirectory(dir);
    }

    @Override
    public void append(String jobId, JournalEntry e) {
        write(jobId, List.of(e));
    }

    /** Writes the entries' lines and forces them to disk once. */
    private void write(String jobId, List<JournalEntry> entries) {
        java.io.ByteArrayOutputStream lines = new java.io.ByteArrayOutputStream(128 * entries.size());
        for (JournalEntry e : entries) {
            byte[] line = line(e);
            lines.write(line, 0, line.length);
        }
        ByteBuffer buf = ByteBuffer.wrap(lines.toByteArray());
        FileChannel ch = channel(jobId);
        synchronized (ch) {
            try {
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(false);
            } catch (IOException ex) {
                throw new StoreException("cannot append to the journal of bulk job " + jobId, ex);
            }
        }
    }

    /** One journal line: the entry's fields, tab-separated, and their CRC-32. */
    private static byte[] line(JournalEntry e) {
        StringBuilder b = new StringBuilder();
        b.append(e.line()).append('\t').append(e.kind().name()).append('\t')
                .append(e.number().map(PhoneNumber::toString).orElse("-")).append('\t')
                .append(e.user().map(UUID::toString).orElse("-")).append('\t')
                .append(escape(e.error())).append('\t').append(escape(e.remediation())).append('\t')
                .append(e.at());
        byte[] body = b.toString().getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(body);
        byte[] tail = String.format("\t%08x\n", crc.getValue()).getBytes(StandardCharsets.UTF_8);
        byte[] out = java.util.Arrays.copyOf(body, body.length + tail.length);
        System.arraycopy(tail, 0, out, body.length, tail.length);
        return out;
    }

    private FileChannel channel(String jobId) {
        return open.computeIfAbsent(jobId, id -> {
            Path file = dir.resolve(id).resolve("journal.log");
            if (!Files.isDirectory(dir.resolve(id))) {
                throw new StoreException("no bulk job " + id, null);
            }
            try {
                FileChannel ch = PrivateFiles.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.READ);
                long good = parse(id, Files.readAllBytes(file), new ArrayList<>());
                ch.truncate(good); // drop a line torn by an earlier crash before appending after it
                ch.position(good);
                return ch;
            } catch (IOException ex) {
                throw new StoreException("cannot open the journal of bulk job " + id, ex);
            }
        });
    }

    @Override
    public Optional<JobRecord> read(String jobId) {
        Path jobDir = dir.resolve(jobId);
        if (!jobId.matches("[A-Za-z0-9-]{1,64}") || !Files.isRegularFile(jobDir.resolve("header.json"))) {
            return Optional.empty();
        }
        try {
            JobHeader header = JobHeader.fromJson(Files.readString(jobDir.resolve("header.json")));
            List<JournalEntry> entries = new ArrayList<>();
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(jobDir.resolve("journal.log"));
            } catch (NoSuchFileException e) {
                bytes = new byte[0];
            }
            parse(jobId, bytes, entries);
            return Optional.of(new JobRecord(header, entries));
        } catch (IOException | RuntimeException e) {
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreIntegrityException("the header of bulk job " + jobId + " cannot be read", e);
        }
    }

    /** Parses journal lines into entries; returns the length of the intact prefix. */
    private static long parse(String jobId, byte[] bytes, List<JournalEntry> out) {
        int start = 0;
        int lineNo = 0;
        while (start < bytes.length) {
            int nl = start;
            while (nl < bytes.length && bytes[nl] != '\n') {
                nl++;
            }
            if (nl == bytes.length) {
                return start; // torn final line: the crash happened while it was written
            }
            lineNo++;
            String line = new String(bytes, start, nl - start, StandardCharsets.UTF_8);
            int lastTab = line.lastIndexOf('\t');
            CRC32 crc = new CRC32();
            if (lastTab > 0) {
                crc.update(bytes, start, utf8Length(line.substring(0, lastTab)));
            }
            if (lastTab < 0 || !String.format("%08x", crc.getValue()).equals(line.substring(lastTab + 1))) {
                throw new StoreIntegrityException("the journal of bulk job " + jobId + " is damaged at entry "
                        + lineNo, null);
            }
            String[] f = line.substring(0, lastTab).split("\t", -1);
            out.add(new JournalEntry(Long.parseLong(f[0]), JournalEntry.Kind.valueOf(f[1]),
                    f[2].equals("-") ? Optional.empty() : Optional.of(PhoneNumber.parse(f[2])),
                    f[3].equals("-") ? Optional.empty() : Optional.of(UUID.fromString(f[3])), unescape(f[4]),
                    unescape(f[5]), Instant.parse(f[6])));
            start = nl + 1;
        }
        return start;
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Lists jobs by the start time in their header, then by ID (a header that cannot be read sorts first). */
    @Override
    public List<String> jobIds() {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("header.json")))
                    .map(p -> p.getFileName().toString())
                    .sorted(Comparator.comparing(this::createdAt).thenComparing(Comparator.naturalOrder())).toList();
        } catch (IOException e) {
            throw new StoreException("cannot list bulk jobs in " + dir, e);
        }
    }

    private Instant createdAt(String jobId) {
        try {
            return JobHeader.fromJson(Files.readString(dir.resolve(jobId).resolve("header.json"))).createdAt();
        } catch (IOException | RuntimeException e) {
            return Instant.MIN;
        }
    }

    @Override
    public Lease lease(String jobId) {
        Path file = dir.resolve(jobId).resolve("lease");
        try {
            FileChannel ch = PrivateFiles.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                ch.close();
                throw new JobBusyException(jobId);
            }
            FileLock held = lock;
            long epoch = epoch(jobId) + 1; // only the holder of the file lock moves the fencing token
            AtomicFile.write(dir.resolve(jobId).resolve("epoch"), out -> out.write(Long.toString(epoch)
                    .getBytes(StandardCharsets.US_ASCII)));
            return new Lease() {
                @Override
                public long epoch() {
                    return epoch;
                }

                @Override
                public void append(JournalEntry entry) {
                    appendFenced(jobId, List.of(entry), epoch);
                }

                @Override
                public void appendAll(List<JournalEntry> entries) {
                    appendFenced(jobId, entries, epoch);
                }

                @Override
                public void close() {
                    try {
                        held.release();
                        ch.close();
                    } catch (IOException e) {
                        throw new StoreException("cannot release the lease of bulk job " + jobId, e);
                    }
                }
            };
        } catch (IOException e) {
            throw new StoreException("cannot take the lease of bulk job " + jobId, e);
        }
    }

    /** The job's current fencing token (0 before its first lease). */
    private long epoch(String jobId) {
        try {
            return Long.parseLong(Files.readString(dir.resolve(jobId).resolve("epoch"), StandardCharsets.US_ASCII)
                    .strip());
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException | NumberFormatException e) {
            throw new StoreIntegrityException("the lease epoch of bulk job " + jobId + " cannot be read", e);
        }
    }

    private void appendFenced(String jobId, List<JournalEntry> entries, long epoch) {
        FileChannel ch = channel(jobId);
        synchronized (ch) {
            long current = epoch(jobId);
            if (current != epoch) {
                throw new LeaseLostException(jobId, epoch, current);
            }
            write(jobId, entries);
        }
    }

    /** Closes the open journal files (leases are separate: close them on their own). */
    @Override
    public void close() {
        for (FileChannel ch : open.values()) {
            try {
                ch.close();
            } catch (IOException e) {
                throw new StoreException("cannot close a bulk job journal", e);
            }
        }
        open.clear();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
