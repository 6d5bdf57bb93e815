package dev.tenantconnect.core.testing.tear;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

/** A platform path, reporting {@link TearingFileSystem} as its file system. */
final class TearingPath implements Path {
    private final TearingFileSystem fs;
    private final Path platform;

    TearingPath(TearingFileSystem fs, Path platform) {
        this.fs = fs;
        this.platform = platform;
    }

    Path platform() {
        return platform;
    }

    private static Path un(Path p) {
        return TearingFileSystemProvider.unwrap(p);
    }

    @Override
    public FileSystem getFileSystem() {
        return fs;
    }

    @Override
    public boolean isAbsolute() {
        return platform.isAbsolute();
    }

    @Override
    public Path getRoot() {
        return fs.wrap(platform.getRoot());
    }

    @Override
    public Path getFileName() {
        return fs.wrap(platform.getFileName());
    }

    @Override
    public Path getParent() {
        return fs.wrap(platform.getParent());
    }

    @Override
    public int getNameCount() {
        return platform.getNameCount();
    }

    @Override
    public Path getName(int index) {
        return fs.wrap(platform.getName(index));
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        return fs.wrap(platform.subpath(beginIndex, endIndex));
    }

    @Override
    public boolean startsWith(Path other) {
        return platform.startsWith(un(other));
    }

    @Override
    public boolean endsWith(Path other) {
        return platform.endsWith(un(other));
    }

    @Override
    public Path normalize() {
        return fs.wrap(platform.normalize());
    }

    @Override
    public Path resolve(Path other) {
        return fs.wrap(platform.resolve(un(other)));
    }

    @Override
    public Path relativize(Path other) {
        return fs.wrap(platform.relativize(un(other)));
    }

    @Override
    public URI toUri() {
        return platform.toUri();
    }

    @Override
    public Path toAbsolutePath() {
        return fs.wrap(platform.toAbsolutePath());
    }

    @Override
    public Path toRealPath(LinkOption... options) throws IOException {
        return fs.wrap(platform.toRealPath(options));
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers)
            throws IOException {
        return platform.register(watcher, events, modifiers);
    }

    @Override
    public int compareTo(Path other) {
        return platform.compareTo(un(other));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TearingPath t && platform.equals(t.platform);
    }

    @Override
    public int hashCode() {
        return platform.hashCode();
    }

    @Override
    public String toString() {
        return platform.toString();
    }
}
