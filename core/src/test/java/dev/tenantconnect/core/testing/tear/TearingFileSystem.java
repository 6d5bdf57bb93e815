package dev.tenantconnect.core.testing.tear;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The platform's default file system, with paths that lead back to {@link TearingFileSystemProvider}. */
final class TearingFileSystem extends FileSystem {
    private final TearingFileSystemProvider provider;
    private final FileSystem platform;

    TearingFileSystem(TearingFileSystemProvider provider, FileSystem platform) {
        this.provider = provider;
        this.platform = platform;
    }

    Path wrap(Path p) {
        return p == null ? null : new TearingPath(this, p);
    }

    @Override
    public FileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public String getSeparator() {
        return platform.getSeparator();
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        List<Path> roots = new ArrayList<>();
        platform.getRootDirectories().forEach(r -> roots.add(wrap(r)));
        return roots;
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return platform.getFileStores();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return platform.supportedFileAttributeViews();
    }

    @Override
    public Path getPath(String first, String... more) {
        return wrap(platform.getPath(first, more));
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        PathMatcher m = platform.getPathMatcher(syntaxAndPattern);
        return p -> m.matches(TearingFileSystemProvider.unwrap(p));
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        return platform.getUserPrincipalLookupService();
    }

    @Override
    public WatchService newWatchService() throws IOException {
        return platform.newWatchService();
    }
}
