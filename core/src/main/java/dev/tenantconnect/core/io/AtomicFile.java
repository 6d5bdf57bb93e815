package dev.tenantconnect.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a file atomically: the content goes to a temporary file beside it, is forced to disk, renamed over the
 * target in one step and the directory is synced. A reader — or a process restarted after a crash at any moment —
 * sees the old content or the new, never a truncated file.
 */
public final class AtomicFile {
    private static final Logger LOG = LoggerFactory.getLogger(AtomicFile.class);

    private AtomicFile() {
    }

    /** Writes a file's content. */
    @FunctionalInterface
    public interface Content {
        /**
         * @param out where the content goes (buffered; closed by the caller)
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes with the default file mode.
     *
     * @param file the target
     * @param content writes the new content
     * @throws UncheckedIOException if writing fails (the target is then unchanged)
     */
    public static void write(Path file, Content content) {
        write(file, false, content);
    }

    /**
     * @param file the target
     * @param ownerOnly whether the file must be readable by its owner only (mode 600 where POSIX modes exist)
     * @param content writes the new content
     * @throws UncheckedIOException if writing fails or the file system cannot rename atomically (the target is then
     *     unchanged)
     */
    public static void write(Path file, boolean ownerOnly, Content content) {
        Objects.requireNonNull(content, "content");
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = temp(dir, "." + target.getFileName() + ".", ownerOnly);
            try {
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                    content.writeTo(new java.io.FilterOutputStream(out) {
                        @Override
                        public void write(byte[] b, int off, int len) throws IOException {
                            out.write(b, off, len);
                        }

                        @Override
                        public void close() throws IOException {
                            out.flush(); // the channel is closed here, after it is forced
                        }
                    });
                    out.flush();
                    ch.force(true);
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    throw new IOException("the file system of " + dir + " cannot rename atomically", e);
                }
                syncDirectory(dir);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target.getFileName(), e);
        }
    }

    private static Path temp(Path dir, String prefix, boolean ownerOnly) throws IOException {
        if (ownerOnly && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            FileAttribute<?> mode600 = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
            return Files.createTempFile(dir, prefix, ".tmp", mode600);
        }
        return Files.createTempFile(dir, prefix, ".tmp");
    }

    /**
     * Forces a directory's entries (new, renamed files) to disk where the platform allows it.
     *
     * @param dir the directory
     */
    public static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("directory sync not supported for {}: {}", dir, e.toString());
        }
    }
}
