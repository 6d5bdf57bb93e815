package dev.tenantconnect.core.testing.tear;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.spi.FileSystemProvider;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * For crash tests only: installed as the JVM's default file system provider in a child process
 * ({@code -Djava.nio.file.spi.DefaultFileSystemProvider=...}), it passes everything to the platform's provider
 * except one write: the {@code tear.at}-th write to a file whose name matches {@code tear.file} writes only the
 * first half of its bytes, prints {@code TORN <name> <bytes>} and waits to be killed. So a SIGKILL lands, for certain,
 * in the middle of that write — the state a crash or power cut leaves a file in — with no seam in production code.
 */
public final class TearingFileSystemProvider extends FileSystemProvider {
    private final FileSystemProvider platform;
    private final TearingFileSystem fs;
    private final Pattern target = Pattern.compile(System.getProperty("tear.file", "(?!)"));
    private final int tearAt = Integer.getInteger("tear.at", Integer.MAX_VALUE);
    private final AtomicInteger writes = new AtomicInteger();

    /** @param platform the platform's default provider, which the JVM passes in */
    public TearingFileSystemProvider(FileSystemProvider platform) {
        this.platform = platform;
        this.fs = new TearingFileSystem(this, platform.getFileSystem(URI.create("file:///")));
    }

    static Path unwrap(Path p) {
        return p instanceof TearingPath t ? t.platform() : p;
    }

    /** @return whether this write to the named file is the one to tear */
    boolean tearNow(String fileName) {
        return target.matcher(fileName).matches() && writes.incrementAndGet() == tearAt;
    }

    @Override
    public String getScheme() {
        return platform.getScheme();
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
        throw new FileSystemAlreadyExistsException();
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        return fs;
    }

    @Override
    public Path getPath(URI uri) {
        return fs.wrap(platform.getPath(uri));
    }

    @Override
    public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        Path p = unwrap(path);
        return new TearingFileChannel(this, platform.newFileChannel(p, options, attrs),
                p.getFileName() == null ? "" : p.getFileName().toString());
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
            FileAttribute<?>... attrs) throws IOException {
        return newFileChannel(path, options, attrs);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        DirectoryStream<Path> ds = platform.newDirectoryStream(unwrap(dir), p -> filter.accept(fs.wrap(p)));
        return new DirectoryStream<>() {
            @Override
            public Iterator<Path> iterator() {
                Iterator<Path> it = ds.iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Path next() {
                        return fs.wrap(it.next());
                    }
                };
            }

            @Override
            public void close() throws IOException {
                ds.close();
            }
        };
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        platform.createDirectory(unwrap(dir), attrs);
    }

    @Override
    public void delete(Path path) throws IOException {
        platform.delete(unwrap(path));
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        platform.copy(unwrap(source), unwrap(target), options);
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        platform.move(unwrap(source), unwrap(target), options);
    }

    @Override
    public boolean isSameFile(Path path, Path path2) throws IOException {
        return platform.isSameFile(unwrap(path), unwrap(path2));
    }

    @Override
    public boolean isHidden(Path path) throws IOException {
        return platform.isHidden(unwrap(path));
    }

    @Override
    public FileStore getFileStore(Path path) throws IOException {
        return platform.getFileStore(unwrap(path));
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        platform.checkAccess(unwrap(path), modes);
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        return platform.getFileAttributeView(unwrap(path), type, options);
    }

    @Override
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        return platform.readAttributes(unwrap(path), type, options);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
            throws IOException {
        return platform.readAttributes(unwrap(path), attributes, options);
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        platform.setAttribute(unwrap(path), attribute, value, options);
    }
}
