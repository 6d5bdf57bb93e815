package dev.tenantconnect.core.testing.tear;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/** A platform file channel whose chosen write is cut in half, after which the process waits to be killed. */
final class TearingFileChannel extends FileChannel {
    private final TearingFileSystemProvider provider;
    private final FileChannel platform;
    private final String name;

    TearingFileChannel(TearingFileSystemProvider provider, FileChannel platform, String name) {
        this.provider = provider;
        this.platform = platform;
        this.name = name;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (src.remaining() > 1 && provider.tearNow(name)) {
            ByteBuffer half = src.duplicate();
            half.limit(half.position() + src.remaining() / 2);
            int written = 0;
            while (half.hasRemaining()) {
                written += platform.write(half);
            }
            platform.force(true);
            System.out.println("TORN " + name + " " + written + " of " + src.remaining());
            System.out.flush();
            while (true) { // the parent kills this process now
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return platform.write(src);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return platform.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return platform.read(dsts, offset, length);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long n = 0;
        for (int i = offset; i < offset + length; i++) {
            while (srcs[i].hasRemaining()) {
                n += write(srcs[i]);
            }
        }
        return n;
    }

    @Override
    public long position() throws IOException {
        return platform.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        platform.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return platform.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        platform.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        platform.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return platform.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        return platform.transferFrom(src, position, count);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return platform.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        return platform.write(src, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return platform.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return platform.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return platform.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        platform.close();
    }
}
