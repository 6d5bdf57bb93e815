package dev.tenantconnect.leaks.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;

/** Passes bytes through to another stream and scans each line written. */
public final class ScanningOutputStream extends OutputStream {
    private static final int MAX_LINE = 1 << 20;
    private final OutputStream target;
    private final String where;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private static volatile BiFunction<String, CharSequence, ?> scanner;

    /**
     * @param target where the bytes go
     * @param where the name of the stream, for reports
     */
    public ScanningOutputStream(OutputStream target, String where) {
        this.target = target;
        this.where = where;
    }

    /** @param s the function that scans one line: (where, text) */
    public static void scanWith(BiFunction<String, CharSequence, ?> s) {
        scanner = s;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        target.write(b);
        line.write(b);
        if (b == '\n' || line.size() >= MAX_LINE) {
            scanLine();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        target.write(b, off, len);
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                line.write(b, start, i + 1 - start);
                start = i + 1;
                scanLine();
            }
        }
        line.write(b, start, off + len - start);
        if (line.size() >= MAX_LINE) {
            scanLine();
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        target.flush();
        if (line.size() > 0) {
            scanLine();
        }
    }

    private void scanLine() {
        // ISO-8859-1 maps every byte to one char; registered values are ASCII, so they match whatever the encoding
        String text = line.toString(StandardCharsets.ISO_8859_1);
        line.reset();
        BiFunction<String, CharSequence, ?> s = scanner;
        if (s != null) {
            s.apply(where, text);
        }
    }
}
