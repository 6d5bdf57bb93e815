package dev.tenantconnect.bulk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.tenantconnect.bulk.internal.ResultsWriter;
import dev.tenantconnect.core.error.UntrustedText;
import dev.tenantconnect.core.io.AtomicFile;
import dev.tenantconnect.bulk.internal.LongIntMap;
import dev.tenantconnect.core.addon.AddonCatalog;
import dev.tenantconnect.core.addon.AddonLicense;
import dev.tenantconnect.core.addon.AddonSet;
import dev.tenantconnect.core.addon.AddonViolation;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.UserRef;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's bulk assignment file: {@code Ext Key, Number, User, Addon license 1, Addon license 2, ...}.
 * Writes the sample file and reads files the way spreadsheets export them — tolerant about the header (case,
 * surrounding blanks, any number of {@code Addon license N} columns, a UTF-8 BOM, CRLF, {@code ;} as delimiter) and
 * strict about content. Reading streams: memory stays constant whatever the file size, apart from the compact sets
 * that detect duplicate numbers and extension keys. Every problem names the file line, the column and the rule.
 * Thread-safe; reusable.
 */
public final class BulkFileFormat {
    /** The most problems a {@link FileReport} lists (all are counted). */
    public static final int MAX_REPORTED_PROBLEMS = 1000;
    /** The longest cell accepted, in characters. */
    public static final int MAX_CELL_CHARS = 256;
    /** The most {@code Addon license N} columns accepted. */
    public static final int MAX_ADDON_COLUMNS = 32;
    /** The extension key column. */
    public static final String EXT_KEY = "Ext Key";
    /** The number column. */
    public static final String NUMBER = "Number";
    /** The user column. */
    public static final String USER = "User";
    /** The prefix of the add-on columns ({@code Addon license 1}, ...). */
    public static final String ADDON = "Addon license";
    /**
     * Optional column (a backup export writes it): the number's type as Graph names it, {@code operatorConnect},
     * {@code directRouting} or {@code callingPlan}. Informational: a plan takes the type from the inventory.
     */
    public static final String NUMBER_TYPE = "Number Type";
    /** Optional column (a backup export writes it): {@code user} or {@code resourceAccount}. Informational. */
    public static final String ACCOUNT_TYPE = "Account Type";
    /** Optional column (a backup export writes it): the user's object ID when exported. Informational. */
    public static final String USER_ID = "User ID";
    /**
     * Optional column (a backup export writes it): the emergency location ID set when the row's number is assigned.
     */
    public static final String EMERGENCY_LOCATION = "Emergency Location";
    /** The optional columns, in the order an export writes them after the add-on columns. */
    public static final List<String> OPTIONAL_COLUMNS = List.of(NUMBER_TYPE, ACCOUNT_TYPE, USER_ID,
            EMERGENCY_LOCATION);
    /** The most comment lines ({@code #} first) read before the header; a backup export writes a few. */
    public static final int MAX_COMMENT_LINES = 20;

    private static final Pattern ADDON_HEADER = Pattern.compile("add-?on ?licen[cs]es? ?(\\d{1,3})?");
    private static final Pattern SCIENTIFIC = Pattern.compile("[0-9](?:[.,][0-9]+)?[eE]\\+?[0-9]+");
    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int LARGEST_TOKEN = 1 << 16;
    /** After this many rows the bytes read per row so far estimate a file's row count. */
    private static final long SIZING_ROWS = 16_384;

    /** The most threads {@link #withParallelism} accepts. */
    public static final int MAX_PARALLELISM = 64;
    /** The smallest file {@link #validate(Path)} reads with several threads when {@link #parallelism()} allows. */
    public static final long PARALLEL_MIN_BYTES = 4L << 20;
    /** The bytes of a file one thread checks at a time in parallel validation. */
    private static final int CHUNK_BYTES = 1 << 20;

    /** The most data rows a file may have unless {@link #withLimits} says otherwise. */
    public static final long DEFAULT_MAX_ROWS = 1_000_000;
    /** The most bytes a file may have unless {@link #withLimits} says otherwise (256 MiB). */
    public static final long DEFAULT_MAX_BYTES = 256L << 20;

    private final AddonCatalog catalog;
    private final CsvFactory factory;
    private final long maxRows;
    private final long maxBytes;
    private final int parallelism;

    private BulkFileFormat(AddonCatalog catalog) {
        this(catalog, DEFAULT_MAX_ROWS, DEFAULT_MAX_BYTES, 1);
    }

    private BulkFileFormat(AddonCatalog catalog, long maxRows, long maxBytes, int parallelism) {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new ValidationException("parallelism", "must be 1 to " + MAX_PARALLELISM + " threads");
        }
        this.parallelism = parallelism;
        if (maxRows < 1) {
            throw new ValidationException("maxRows", "must be at least 1");
        }
        if (maxBytes < 1) {
            throw new ValidationException("maxBytes", "must be at least 1");
        }
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.factory = CsvFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(LARGEST_TOKEN).build())
                .disable(com.fasterxml.jackson.core.StreamReadFeature.AUTO_CLOSE_SOURCE).build();
    }

    /** @return the format with the standard add-on catalogue ({@link AddonCatalog#standard()}) */
    public static BulkFileFormat standard() {
        return new BulkFileFormat(AddonCatalog.standard());
    }

    /**
     * @param catalog the operator's add-on catalogue
     * @return the format validating add-ons against it
     */
    public static BulkFileFormat of(AddonCatalog catalog) {
        return new BulkFileFormat(catalog);
    }

    /**
     * A file over either limit is refused as a whole (one problem naming the limit; no row runs).
     *
     * @param rows the most data rows a file may have (default {@link #DEFAULT_MAX_ROWS})
     * @param bytes the most bytes a file may have (default {@link #DEFAULT_MAX_BYTES})
     * @return this format with those limits
     * @throws ValidationException if a limit is below 1
     */
    public BulkFileFormat withLimits(long rows, long bytes) {
        return new BulkFileFormat(catalog, rows, bytes, parallelism);
    }

    /** @return the most data rows a file may have */
    public long maxRows() {
        return maxRows;
    }

    /**
     * Validates files of at least {@link #PARALLEL_MIN_BYTES} with this many threads ({@link #validate(Path)}): the
     * report is the same as on one thread — the same problems in the same order, the same counts — and the memory
     * stays bounded (a few chunks of the file in flight). Files with quoted cells, bare CR line ends, comment lines or
     * anything that stops the reading early are read on one thread.
     *
     * @param threads 1 (the default) to {@link #MAX_PARALLELISM}; {@code Runtime.getRuntime().availableProcessors()}
     *     uses every core
     * @return this format validating large files with that many threads
     * @throws ValidationException if {@code threads} is out of range
     */
    public BulkFileFormat withParallelism(int threads) {
        return new BulkFileFormat(catalog, maxRows, maxBytes, threads);
    }

    /** @return the threads {@link #validate(Path)} uses for a large file */
    public int parallelism() {
        return parallelism;
    }

    /** @return the most bytes a file may have */
    public long maxBytes() {
        return maxBytes;
    }

    /** @return the add-on catalogue rows are checked against */
    public AddonCatalog catalog() {
        return catalog;
    }

    /**
     * The sample file an operator downloads and fills in: the header with four add-on columns and example rows
     * like the operator's sample bulk file, with every row valid for this format's catalogue.
     *
     * @return the file's text (CRLF line ends, as spreadsheets write them)
     */
    public String template() {
        String[][] rows = {
            {EXT_KEY, NUMBER, USER, ADDON + " 1", ADDON + " 2", ADDON + " 3", ADDON + " 4"},
            {"101", "6567891230", "john@contoso.example", AddonLicense.OPERATOR_CONNECT.code(),
                AddonLicense.MOBILE_APP.code(), AddonLicense.DNC.code(), AddonLicense.CALL_RECORDING.code()},
            {"102", "+65 6789 1231", "alice@contoso.example", AddonLicense.OPERATOR_CONNECT.code(),
                AddonLicense.MOBILE_APP.code(), AddonLicense.DNC.code(), AddonLicense.CALL_RECORDING.code()},
            {"103", "", "bob@contoso.example", AddonLicense.OPERATOR_CONNECT.code(), AddonLicense.NUMBER.code(),
                AddonLicense.CALL_RECORDING.code(), AddonLicense.CALL_RECORDING_UNLIMITED.code()},
            {"104", "6567891232", "main-aa@contoso.example", AddonLicense.OPERATOR_CONNECT_RESOURCE.code(),
                AddonLicense.DESKTOP_APP.code(), AddonLicense.CALL_RECORDING.code(), ""},
        };
        StringBuilder b = new StringBuilder();
        for (String[] row : rows) {
            b.append(String.join(",", row)).append("\r\n");
        }
        return b.toString();
    }

    /**
     * Writes {@link #template()} atomically (never a truncated file).
     *
     * @param file where to write
     */
    public void writeTemplate(Path file) {
        AtomicFile.write(file, out -> out.write(template().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Validates a file without a tenant: structure, numbers, codes, add-on rules, duplicates. Nothing is retained
     * but the report.
     *
     * @param file the CSV file
     * @return what was found
     */
    public FileReport validate(Path file) {
        try {
            int threads = parallelism > 1 && Files.size(file) >= PARALLEL_MIN_BYTES ? parallelism : 1;
            Optional<FileReport> report = validateInParallel(file, threads, CHUNK_BYTES);
            if (report.isPresent()) {
                return report.get();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bulk file", e);
        }
        return validateSinglePass(file);
    }

    /** Validates with the single pass through Jackson, whatever the file (what the chunked reading must equal). */
    FileReport validateSinglePass(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, null, null, Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bulk file", e);
        }
    }

    /**
     * Reads a file, handing each valid row to the sink in file order; invalid rows are reported, not handed on.
     *
     * @param file the CSV file
     * @param sink receives the valid rows
     * @return what was found
     * @throws UncheckedIOException if the file cannot be read at all
     */
    public FileReport read(Path file, Consumer<BulkRow> sink) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, sink, null, Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bulk file", e);
        }
    }

    /**
     * Reads a stream (see {@link #read(Path, Consumer)}). The stream is read to its end but not closed.
     *
     * @param in the bytes of the file
     * @param sink receives the valid rows
     * @return what was found
     * @throws IOException if reading the stream fails
     */
    public FileReport read(InputStream in, Consumer<BulkRow> sink) throws IOException {
        return read(in, sink, null, -1);
    }

    /** Receives every non-blank record of a file as read, header included, with the file's delimiter. */
    @FunctionalInterface
    interface RawRecords {
        void accept(long line, List<String> cells, boolean header, char delimiter);
    }

    /**
     * Reads a file handing each record's cells, valid or not, to {@code raw} (for the results file).
     */
    FileReport readRaw(Path file, RawRecords raw) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, null, raw, Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bulk file", e);
        }
    }

    /** @param size the file's size if known (to size the duplicate detection), else -1 */
    private FileReport read(InputStream in, Consumer<BulkRow> sink, RawRecords raw, long size) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
        Reading r = new Reading(sink, raw);
        Capped capped = new Capped(in, maxBytes);
        r.text = capped;
        r.size = size;
        BufferedInputStream bytes = new BufferedInputStream(new DigestInputStream(capped, sha), 1 << 16);
        try {
            r.read(bytes);
            bytes.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (TooLarge e) {
            r.readToEnd = false;
            r.problem(0, "-", "the file is larger than " + maxBytes + " bytes, the limit for one bulk file; split it");
        }
        return new FileReport(r.rows, r.valid, r.problems, r.problemCount, r.delimiter,
                HexFormat.of().formatHex(sha.digest()), r.addonColumns, r.readToEnd);
    }

    /**
     * Validates a file with several threads, or returns empty when the file needs the single-pass reading to be read
     * the same way (quoted cells, a bare CR, comment lines, a BOM-less oddity before the header, a header problem, an
     * unreadable or over-long part, more rows or bytes than allowed): the caller then reads it on one thread.
     *
     * <p>The calling thread reads the file in chunks that end at a line end (a file without quotes has no line end
     * inside a cell), digests every byte, and hands each chunk to a worker, which parses it and runs every check that
     * needs only the row ({@link RowChecker}). The calling thread then takes the chunks' results in file order and
     * runs what needs the rows before: duplicate numbers and extension keys, the problem list, the counts. So the
     * report is the single pass's, problem for problem. At most {@code 2 × threads} chunks are in flight.
     */
    Optional<FileReport> validateInParallel(Path file, int threads, int chunkBytes) throws IOException {
        long size = Files.size(file);
        if (size > maxBytes) {
            return Optional.empty();
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
        java.util.concurrent.ExecutorService pool = threads == 1 ? null
                : java.util.concurrent.Executors.newFixedThreadPool(threads, job -> {
                    Thread t = new Thread(job, "bulk-validation");
                    t.setDaemon(true);
                    return t;
                });
        try (InputStream in = Files.newInputStream(file)) {
            byte[] first = in.readNBytes(Math.max(chunkBytes, 1 << 16));
            int start = first.length >= 3 && (first[0] & 0xFF) == 0xEF && (first[1] & 0xFF) == 0xBB
                    && (first[2] & 0xFF) == 0xBF ? 3 : 0;
            int nl = indexOf(first, start, first.length, (byte) '\n');
            if (nl < 0 || first[start] == '#' || first[start] == 'P' || (first[start] & 0xFF) >= 0xFE
                    || indexOf(first, start, nl, (byte) '"') >= 0 || bareCr(first, start, nl + 1)) {
                return Optional.empty();
            }
            Reading r = new Reading(null, null);
            r.headerOnly = true;
            r.read(new BufferedInputStream(new java.io.ByteArrayInputStream(first, start, nl + 1 - start)));
            if (r.kinds == null || r.problemCount > 0) {
                return Optional.empty();
            }
            sha.update(first);
            java.util.ArrayDeque<java.util.concurrent.Future<List<RowCheck>>> inFlight = new java.util.ArrayDeque<>();
            byte[] carry = java.util.Arrays.copyOfRange(first, nl + 1, first.length);
            long nextLine = 2; // the header is line 1
            long bytesDone = nl + 1;
            boolean sized = false;
            RowSink direct = new RowSink() {
                @Override
                public RowCheck next() {
                    return r.check;
                }

                @Override
                public void accept(RowCheck rc) throws IOException {
                    if (++r.rows > maxRows) {
                        throw new IOException("more rows than allowed");
                    }
                    r.commit(rc, List.of());
                }
            };
            boolean end = false;
            while (!end || carry.length > 0) {
                byte[] buf = carry;
                int filled = carry.length;
                if (!end) {
                    buf = java.util.Arrays.copyOf(carry, carry.length + chunkBytes);
                    int got = in.readNBytes(buf, carry.length, chunkBytes);
                    sha.update(buf, carry.length, got);
                    end = got == 0;
                    filled += got;
                }
                int cut = end ? filled : lastIndexOf(buf, filled, (byte) '\n') + 1;
                if (cut == 0) {
                    if (filled > 4L * chunkBytes) {
                        return Optional.empty(); // a line of megabytes: the single pass reports it
                    }
                    carry = java.util.Arrays.copyOf(buf, filled);
                    continue;
                }
                byte[] chunk = buf; // its first cut bytes
                int length = cut;
                carry = java.util.Arrays.copyOfRange(buf, cut, filled);
                Shape shape = Shape.of(chunk, length);
                if (shape.quote || shape.bareCr) {
                    return Optional.empty();
                }
                long firstLine = nextLine;
                nextLine += shape.lines;
                char delimiter = r.delimiter;
                if (!sized) {
                    sized = true; // the first chunk's rows per byte estimate the file's rows
                    r.expectRows(Math.min(maxRows, (long) ((double) size / length * shape.lines) + 1));
                }
                if (pool == null) {
                    try {
                        checkChunk(chunk, length, shape, firstLine, delimiter, r.checker, direct);
                    } catch (IOException e) {
                        return Optional.empty(); // not UTF-8, too many rows...: the single pass says where
                    }
                } else {
                    RowChecker checker = r.checker.copy();
                    inFlight.add(pool.submit(() -> {
                        Kept kept = new Kept();
                        checkChunk(chunk, length, shape, firstLine, delimiter, checker, kept);
                        return kept.rows;
                    }));
                }
                bytesDone += length;
                if (bytesDone > maxBytes) {
                    return Optional.empty(); // it grew while read: the single pass reports the limit
                }
                while (inFlight.size() > 2 * threads || end && carry.length == 0 && !inFlight.isEmpty()) {
                    if (!merge(r, inFlight.poll())) {
                        return Optional.empty();
                    }
                }
            }
            while (!inFlight.isEmpty()) {
                if (!merge(r, inFlight.poll())) {
                    return Optional.empty();
                }
            }
            r.readToEnd = true;
            if (r.rows == 0) {
                r.problem(0, "-", "the file has a header but no rows");
            }
            return Optional.of(new FileReport(r.rows, r.valid, r.problems, r.problemCount, r.delimiter,
                    HexFormat.of().formatHex(sha.digest()), r.addonColumns, r.readToEnd));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while validating the bulk file", e);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /**
     * What one pass over a chunk's bytes finds: line ends, quotes, bare CRs, anything but printable ASCII. The pass
     * reads eight bytes at a time and looks at them one by one only when one of them is not plain (below a space, a
     * quote, DEL or not ASCII) — in a bulk file, once a line (its line end) — so most of the chunk costs a few word
     * operations per eight bytes.
     */
    private record Shape(long lines, boolean quote, boolean bareCr, boolean printableAscii) {
        private static final java.lang.invoke.VarHandle WORD = java.lang.invoke.MethodHandles
                .byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
        private static final long ONES = 0x0101010101010101L;
        private static final long HIGH = 0x8080808080808080L;

        /** Non-zero when some byte of the word is zero (the lowest one is never missed). */
        private static long zeroByte(long v) {
            return (v - ONES) & ~v & HIGH;
        }

        /**
         * Whether the word may hold a byte that is not plain printable ASCII; false means none does (a false alarm
         * only sends the word to the byte-by-byte look).
         */
        private static boolean special(long w) {
            return ((w & HIGH) | ((w - ONES * 0x20) & ~w & HIGH) | zeroByte(w ^ (ONES * '"'))
                    | zeroByte(w ^ (ONES * 0x7f))) != 0;
        }

        static Shape of(byte[] b, int length) {
            long lines = 0;
            boolean quote = false;
            boolean bareCr = false;
            boolean printable = true;
            int i = 0;
            while (i < length) {
                if (i + 8 <= length && !special((long) WORD.get(b, i))) {
                    i += 8;
                    continue;
                }
                for (int end = Math.min(length, i + 8); i < end; i++) { // the bytes of this word, one by one
                    byte c = b[i];
                    if (c < 0x20 || c == '"' || c == 0x7f) { // negative: not ASCII
                        if (c == '\n') {
                            lines++;
                        } else if (c == '\r') {
                            bareCr |= i + 1 >= length || b[i + 1] != '\n';
                        } else if (c == '"') {
                            quote = true;
                        } else {
                            printable = false;
                        }
                    }
                }
            }
            return new Shape(lines, quote, bareCr, printable);
        }
    }

    /** Where a chunk's checked rows go: merged at once (one thread), or kept for the in-order merge. */
    private interface RowSink {
        /** @return the object to fill with the next row's checks */
        RowCheck next();

        /**
         * @param rc a row's checks, filled
         * @throws IOException to stop reading the chunk (the single pass then reads the file)
         */
        void accept(RowCheck rc) throws IOException;
    }

    /** Keeps a chunk's rows (what the in-order merge needs of each) for the calling thread. */
    private static final class Kept implements RowSink {
        final List<RowCheck> rows = new ArrayList<>();

        @Override
        public RowCheck next() {
            return new RowCheck();
        }

        @Override
        public void accept(RowCheck rc) {
            rc.number = null; // only a sink needs the parsed row
            rc.codes = null;
            rc.extKey = null;
            rc.user = null;
            rc.set = null;
            rc.location = null;
            rows.add(rc);
        }
    }

    /** Adds a chunk's rows to the reading in order; false when the chunk could not be read or the rows overflow. */
    private boolean merge(Reading r, java.util.concurrent.Future<List<RowCheck>> chunk) throws InterruptedException {
        List<RowCheck> rows;
        try {
            rows = chunk.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException) {
                return false; // not UTF-8, a cell over the limit...: the single pass says where
            }
            throw new IllegalStateException("checking a part of the bulk file failed", e.getCause());
        }
        for (RowCheck rc : rows) {
            if (++r.rows > maxRows) {
                return false;
            }
            r.commit(rc, List.of());
        }
        return true;
    }

    /**
     * Parses one chunk (whole lines, no quotes, no bare CR) and runs each non-blank row's own checks. Printable ASCII
     * is split at the delimiter and the line ends directly — without quotes that is all CSV is, and what Jackson reads
     * from the same bytes (a test holds the two to the same reports); anything else goes through Jackson, which also
     * decodes UTF-8 and refuses what is not.
     */
    private void checkChunk(byte[] chunk, int length, Shape shape, long firstLine, char delimiter,
            RowChecker checker, RowSink out) throws IOException {
        if (shape.printableAscii) {
            splitAscii(chunk, length, firstLine, (byte) delimiter, checker, out);
            return;
        }
        try (CsvParser p = (CsvParser) factory.createParser(chunk, 0, length)) {
            p.setSchema(CsvSchema.emptySchema().withColumnSeparator(delimiter));
            List<String> cells = new ArrayList<>();
            long rowLine = 0;
            boolean dropExtra = false;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_ARRAY) {
                    cells.clear();
                    rowLine = 0;
                    dropExtra = false;
                } else if (t == JsonToken.VALUE_STRING) {
                    if (rowLine == 0) {
                        rowLine = p.currentTokenLocation().getLineNr() + firstLine - 1;
                    }
                    if (cells.size() > checker.kinds.length + MAX_ADDON_COLUMNS) {
                        dropExtra = true;
                    } else {
                        cells.add(p.getText());
                    }
                } else if (t == JsonToken.END_ARRAY && !allBlank(cells)) {
                    RowCheck rc = out.next();
                    checker.check(rowLine, cells, dropExtra, false, false, rc);
                    out.accept(rc);
                }
            }
        }
    }

    /** Thrown when a chunk holds a cell longer than Jackson reads: the single pass reports it. */
    private static final class CellTooLong extends IOException {
        private static final long serialVersionUID = 1L;

        CellTooLong() {
            super("a cell over the length limit");
        }
    }

    /** 1 for the bytes that end a cell or may: ',', ';', CR, LF. */
    private static final byte[] CELL_END = new byte[256];

    static {
        CELL_END[','] = 1;
        CELL_END[';'] = 1;
        CELL_END['\n'] = 1;
        CELL_END['\r'] = 1;
    }

    private void splitAscii(byte[] b, int n, long firstLine, byte delimiter, RowChecker checker, RowSink out)
            throws IOException {
        List<String> cells = new ArrayList<>();
        long line = firstLine;
        int i = 0;
        int limit = checker.kinds.length + MAX_ADDON_COLUMNS;
        while (i < n) {
            cells.clear();
            boolean dropExtra = false;
            boolean separator = false; // a ',' or ';' inside a cell
            int start = i;
            while (true) {
                while (i < n && CELL_END[b[i] & 0xFF] == 0) {
                    i++;
                }
                byte c = i < n ? b[i] : (byte) '\n';
                if ((c == ',' || c == ';') && c != delimiter) {
                    separator = true;
                    i++;
                    continue;
                }
                if (i - start > LARGEST_TOKEN) {
                    throw new CellTooLong();
                }
                if (cells.size() > limit) {
                    dropExtra = true;
                } else {
                    cells.add(new String(b, start, i - start, StandardCharsets.ISO_8859_1));
                }
                if (c != delimiter) {
                    break;
                }
                i++;
                start = i;
            }
            if (i < n && b[i] == '\r') {
                i++; // CR LF (a bare CR never reaches here)
            }
            i++;
            if (!allBlank(cells)) {
                RowCheck rc = out.next();
                checker.check(line, cells, dropExtra, true, !separator, rc);
                out.accept(rc);
            }
            line++;
        }
    }

    private static int indexOf(byte[] b, int from, int to, byte x) {
        for (int i = from; i < to; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] b, int length, byte x) {
        for (int i = length - 1; i >= 0; i--) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    /** Whether a CR not followed by LF (a line end Jackson counts that a split at LF would not) is in the range. */
    private static boolean bareCr(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\r' && (i + 1 >= to || b[i + 1] != '\n')) {
                return true;
            }
        }
        return false;
    }

    /** Thrown by {@link Capped} past the byte limit. */
    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("bulk file over its byte limit");
        }
    }

    /**
     * Counts bytes and throws {@link TooLarge} past the limit; watches whether every byte so far (after a UTF-8 BOM) is
     * printable ASCII or a line end, so that the cells read so far need no character-by-character check.
     */
    private static final class Capped extends java.io.FilterInputStream {
        private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        private final long limit;
        private long count;
        /** Whether every byte read so far, a leading UTF-8 BOM apart, is printable ASCII, CR or LF. */
        boolean printableAscii = true;

        Capped(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        private void scan(byte[] b, int off, int n) {
            int i = off;
            int end = off + n;
            for (long at = count; at < 3 && i < end; at++, i++) {
                if (b[i] != BOM[(int) at]) {
                    printableAscii &= printableAscii(b[i]);
                }
            }
            if (!printableAscii) {
                return;
            }
            int bad = 0;
            for (; i < end; i++) {
                bad |= NOT_PRINTABLE[b[i] & 0xFF];
            }
            printableAscii = bad == 0;
        }

        /** 1 for every byte that is not printable ASCII, CR or LF. */
        private static final byte[] NOT_PRINTABLE = new byte[256];

        static {
            for (int c = 0; c < 256; c++) {
                NOT_PRINTABLE[c] = (byte) (printableAscii((byte) c) ? 0 : 1);
            }
        }

        private static boolean printableAscii(byte c) {
            return c >= 0x20 && c < 0x7f || c == '\n' || c == '\r';
        }

        private int counted(int n) throws TooLarge {
            if (n > 0) {
                count += n;
                if (count > limit) {
                    throw new TooLarge();
                }
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                if (count >= 3 || b != (BOM[(int) count] & 0xFF)) {
                    printableAscii &= printableAscii((byte) b);
                }
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                scan(b, off, n);
            }
            return counted(n);
        }

        @Override
        public long skip(long n) throws IOException {
            printableAscii = false; // not looked at
            return counted((int) super.skip(Math.min(n, Integer.MAX_VALUE)));
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }

    /** The columns a results file adds (normalised), recognised and ignored when the file is fed back in. */
    private static final java.util.Set<String> RESULT_COLUMNS = dev.tenantconnect.bulk.internal.ResultsWriter.COLUMNS
            .stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private enum Kind { EXT_KEY, NUMBER, USER, ADDON, NUMBER_TYPE, ACCOUNT_TYPE, USER_ID, LOCATION, RESULT, UNKNOWN }

    /**
     * A combination of add-on cells: the codes and the add-on columns they stand in (bit j: the j-th add-on column of
     * the header).
     */
    private record AddonKey(List<String> codes, long columns) {
        boolean matches(List<String> others, long otherColumns) {
            if (columns != otherColumns || codes.size() != others.size()) {
                return false;
            }
            for (int i = 0; i < codes.size(); i++) {
                if (!codes.get(i).equals(others.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The checked add-ons of one combination of add-on cells. */
    private record AddonVerdict(AddonSet set, List<String[]> problems, boolean numberLicence) {
    }

    /** The state of reading one file. */
    private final class Reading {
        final Consumer<BulkRow> sink;
        final RawRecords raw;
        boolean readToEnd;
        final List<RowProblem> problems = new ArrayList<>();
        long problemCount;
        long rows;
        long valid;
        char delimiter = ',';
        int addonColumns;
        Kind[] kinds;
        String[] names;
        final LongIntMap numbers = new LongIntMap();
        final Map<String, Integer> otherNumbers = new HashMap<>();
        final LongIntMap extKeys = new LongIntMap();
        final Map<String, Integer> otherExtKeys = new HashMap<>();
        RowChecker checker;
        final RowCheck check = new RowCheck();
        /** The bytes as read, watched for anything but printable ASCII. */
        Capped text;
        /** The file's size if known, else -1. */
        long size = -1;
        /** Stop after the header (parallel validation reads the rows itself). */
        boolean headerOnly;

        Reading(Consumer<BulkRow> sink, RawRecords raw) {
            this.sink = sink;
            this.raw = raw;
        }

        void problem(long line, String column, String rule) {
            problemCount++;
            if (problems.size() < MAX_REPORTED_PROBLEMS) {
                problems.add(new RowProblem(line, column, rule));
            }
        }

        void read(BufferedInputStream bytes) throws IOException {
            bytes.mark(8);
            byte[] head = bytes.readNBytes(4);
            bytes.reset();
            if (head.length == 0) {
                problem(0, "-", "the file is empty; it needs at least the header " + EXT_KEY + "," + NUMBER + ","
                        + USER + "," + ADDON + " 1");
                return;
            }
            if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
                problem(0, "-", "this is a ZIP archive or an Excel workbook (.xlsx), not CSV: save it as "
                        + "'CSV UTF-8 (comma delimited)'");
                return;
            }
            if (head.length >= 2 && ((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE
                    || (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF)) {
                problem(0, "-", "the file is UTF-16 text; save it as 'CSV UTF-8'");
                return;
            }
            if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB
                    && (head[2] & 0xFF) == 0xBF) {
                bytes.skipNBytes(3);
            }
            long rowLine = 0;
            long lastLine = 1;
            try {
                long comments = skipComments(bytes);
                if (comments < 0) {
                    return;
                }
                delimiter = sniffDelimiter(bytes);
                // Jackson decodes UTF-8 itself (faster than a Reader) and rejects malformed input
                CsvParser p = (CsvParser) factory.createParser(bytes);
                p.setSchema(CsvSchema.emptySchema().withColumnSeparator(delimiter));
                List<String> cells = new ArrayList<>();
                JsonToken t;
                boolean dropExtra = false;
                while ((t = p.nextToken()) != null) {
                    if (t == JsonToken.START_ARRAY) {
                        cells.clear();
                        rowLine = 0;
                        dropExtra = false;
                    } else if (t == JsonToken.VALUE_STRING) {
                        if (rowLine == 0) {
                            rowLine = p.currentTokenLocation().getLineNr() + comments;
                        }
                        if (kinds != null && cells.size() > kinds.length + MAX_ADDON_COLUMNS) {
                            dropExtra = true; // bound the memory a runaway row takes
                        } else {
                            cells.add(p.getText());
                        }
                    } else if (t == JsonToken.END_ARRAY) {
                        lastLine = p.currentTokenLocation().getLineNr() + comments;
                        if (allBlank(cells)) {
                            continue;
                        }
                        if (kinds == null) {
                            header(rowLine, cells);
                            if (kinds == null || headerOnly) {
                                return;
                            }
                            if (raw != null) {
                                raw.accept(rowLine, cells, true, delimiter);
                            }
                        } else {
                            rows++;
                            if (rows > maxRows) {
                                rows--;
                                problem(rowLine, "-", "the file has more than " + maxRows + " rows, the limit for "
                                        + "one bulk file; split it");
                                return;
                            }
                            if (rows == SIZING_ROWS && size > 0) {
                                expectRows(Math.min(maxRows, size / Math.max(1, text.count / rows) + 1));
                            }
                            row(rowLine, cells, dropExtra);
                            if (raw != null) {
                                raw.accept(rowLine, cells, false, delimiter);
                            }
                        }
                    }
                }
                if (kinds == null) {
                    problem(0, "-", "the file has no header row");
                } else {
                    readToEnd = true;
                    if (rows == 0) {
                        problem(0, "-", "the file has a header but no rows");
                    }
                }
            } catch (CharacterCodingException | java.io.CharConversionException e) {
                problem(rowLine > 0 ? rowLine : lastLine + 1, "-", "the file is not UTF-8 text (binary data, or "
                        + "saved in another encoding?) from this line on; save it as 'CSV UTF-8'");
            } catch (StreamConstraintsException e) {
                problem(rowLine, "-", "a cell is longer than " + LARGEST_TOKEN + " characters: this is not a "
                        + "bulk assignment file");
            } catch (JsonProcessingException e) {
                String why = Objects.toString(e.getOriginalMessage(), "");
                problem(rowLine, "-", why.contains("closing quote") ? "unterminated quoted cell: a '\"' opens a cell "
                        + "that never closes" : "not valid CSV: " + firstLine(why));
            }
        }

        /**
         * Skips the comment lines ({@code #} first) before the header, at most {@value #MAX_COMMENT_LINES} of at most
         * {@value #MAX_CELL_CHARS} bytes each; returns how many, or -1 after reporting a problem.
         */
        private long skipComments(BufferedInputStream text) throws IOException {
            long lines = 0;
            while (true) {
                text.mark(1);
                int c = text.read();
                text.reset();
                if (c != '#') {
                    return lines;
                }
                if (++lines > MAX_COMMENT_LINES) {
                    problem(lines, "-", "more than " + MAX_COMMENT_LINES + " comment lines ('#' first) before the "
                            + "header");
                    return -1;
                }
                int n = 0;
                while ((c = text.read()) >= 0 && c != '\n') {
                    if (++n > MAX_CELL_CHARS) {
                        problem(lines, "-", "a comment line ('#' first) is longer than " + MAX_CELL_CHARS
                                + " characters");
                        return -1;
                    }
                }
                if (c < 0) {
                    return lines;
                }
            }
        }

        private char sniffDelimiter(BufferedInputStream text) throws IOException {
            text.mark(1 << 16);
            int commas = 0;
            int semicolons = 0;
            boolean quoted = false;
            for (int i = 0; i < (1 << 16) - 1; i++) {
                int c = text.read();
                if (c < 0 || !quoted && (c == '\n' || c == '\r')) {
                    break;
                }
                if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && c == ',') {
                    commas++;
                } else if (!quoted && c == ';') {
                    semicolons++;
                }
            }
            text.reset();
            return semicolons > commas ? ';' : ',';
        }

        private void header(long line, List<String> cells) {
            Kind[] k = new Kind[cells.size()];
            String[] n = new String[cells.size()];
            boolean ext = false;
            boolean number = false;
            boolean user = false;
            List<Integer> addonNumbers = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < cells.size(); i++) {
                String raw = cells.get(i).replace("\uFEFF", "").strip();
                String norm = raw.toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", " ");
                n[i] = raw.isEmpty() ? "column " + (i + 1) : printable(raw);
                Matcher addon = ADDON_HEADER.matcher(norm);
                if (norm.equals("ext key") || norm.equals("extkey") || norm.equals("extension key")) {
                    k[i] = Kind.EXT_KEY;
                    ok &= first(ext, line, n[i]);
                    ext = true;
                } else if (norm.equals("number")) {
                    k[i] = Kind.NUMBER;
                    ok &= first(number, line, n[i]);
                    number = true;
                } else if (norm.equals("user")) {
                    k[i] = Kind.USER;
                    ok &= first(user, line, n[i]);
                    user = true;
                } else if (optional(norm) != null) {
                    k[i] = optional(norm);
                    for (int j = 0; j < i; j++) {
                        if (k[j] == k[i]) {
                            problem(line, n[i], "the column appears more than once");
                            ok = false;
                        }
                    }
                } else if (addon.matches()) {
                    k[i] = Kind.ADDON;
                    if (addon.group(1) != null) {
                        int num = Integer.parseInt(addon.group(1));
                        if (addonNumbers.contains(num)) {
                            problem(line, n[i], "the column appears more than once");
                            ok = false;
                        }
                        addonNumbers.add(num);
                    }
                } else if (RESULT_COLUMNS.contains(norm)) {
                    k[i] = Kind.RESULT; // a results file fed back in: its result columns are read past
                } else if (raw.isEmpty() && i == cells.size() - 1) {
                    k[i] = Kind.UNKNOWN; // a trailing delimiter after the last header cell
                } else {
                    k[i] = Kind.UNKNOWN;
                    problem(line, n[i], "unknown column; the columns are " + EXT_KEY + ", " + NUMBER + ", " + USER
                            + " and " + ADDON + " 1, " + ADDON + " 2, ...");
                    ok = false;
                }
            }
            for (String[] required : new String[][] {{EXT_KEY, String.valueOf(ext)},
                {NUMBER, String.valueOf(number)}, {USER, String.valueOf(user)}}) {
                if (!Boolean.parseBoolean(required[1])) {
                    problem(line, required[0], "the header has no '" + required[0] + "' column");
                    ok = false;
                }
            }
            addonColumns = (int) java.util.Arrays.stream(k).filter(x -> x == Kind.ADDON).count();
            if (addonColumns > MAX_ADDON_COLUMNS) {
                problem(line, ADDON, "at most " + MAX_ADDON_COLUMNS + " add-on columns");
                ok = false;
            }
            if (ok) {
                kinds = k;
                names = n;
                checker = new RowChecker(k, n, nameOf(Kind.EXT_KEY), nameOf(Kind.NUMBER), nameOf(Kind.USER));
            }
        }

        private boolean first(boolean seen, long line, String name) {
            if (seen) {
                problem(line, name, "the column appears more than once");
            }
            return !seen;
        }

        /** Sizes the duplicate detection for the rows expected: no rehashing as the sets fill up. */
        void expectRows(long expected) {
            numbers.expect(expected);
            extKeys.expect(expected);
        }

        private void row(long line, List<String> cells, boolean dropped) {
            checker.check(line, cells, dropped, text != null && text.printableAscii, false, check);
            commit(check, cells);
        }

        /**
         * The checks that need the rows before this one, in file order: duplicate extension keys and numbers. Adds the
         * row's problems in the order {@link RowChecker#check} found them, with the duplicate findings where the
         * single-pass reading puts them, counts the row and hands a valid row to the sink.
         */
        void commit(RowCheck rc, List<String> cells) {
            long before = problemCount;
            long line = rc.line;
            int li = lineInt(line);
            List<String[]> ps = rc.problems;
            int size = ps == null ? 0 : ps.size();
            emit(line, ps, 0, rc.extDupAt);
            if (rc.extKeyKind != RowCheck.NONE) {
                int first = rc.extKeyKind == RowCheck.NUMERIC ? extKeys.putIfAbsent(rc.extNum, li)
                        : otherExtKeys.merge(rc.extOther, li, (a, b) -> a);
                if (first >= 0 && first != li) {
                    problem(line, checker.extCol, "the same Ext Key as line " + first);
                }
            }
            emit(line, ps, rc.extDupAt, rc.numDupAt);
            if (rc.numberKind != RowCheck.NONE) {
                int first = rc.numberKind == RowCheck.NUMERIC ? numbers.putIfAbsent(rc.numberValue, li)
                        : otherNumbers.merge(rc.numberOther, li, (a, b) -> a);
                if (first >= 0 && first != li) {
                    problem(line, checker.numCol, "the same number as line " + first);
                }
            }
            emit(line, ps, rc.numDupAt, size);
            if (problemCount == before && rc.complete) {
                valid++;
                if (sink != null) {
                    sink.accept(new BulkRow(line, rc.extKey, rc.number, rc.wantsNumber, rc.user, rc.codes, rc.set,
                            cells.size() > checker.kinds.length ? cells.subList(0, checker.kinds.length) : cells,
                            Optional.of(rc.location).filter(l -> !l.isEmpty())));
                }
            }
        }

        private void emit(long line, List<String[]> ps, int from, int to) {
            for (int i = from; i < to; i++) {
                problem(line, ps.get(i)[0], ps.get(i)[1]);
            }
        }

        private String nameOf(Kind kind) {
            for (int i = 0; i < kinds.length; i++) {
                if (kinds[i] == kind) {
                    return names[i];
                }
            }
            return kind.name();
        }
    }

    /**
     * What one row's own checks found (everything but duplicates, which need the rows before it): its problems in
     * order, where the duplicate findings go among them, the keys to check for duplicates and the parsed row.
     * Reused row after row by the single-pass reading; one per row when rows are checked in parallel.
     */
    static final class RowCheck {
        static final int NONE = 0;
        static final int NUMERIC = 1;
        static final int OTHER = 2;
        long line;
        /** Column and rule of each problem, in the order found; null when none. */
        List<String[]> problems;
        int extDupAt;
        int extKeyKind;
        long extNum;
        String extOther;
        int numDupAt;
        int numberKind;
        long numberValue;
        String numberOther;
        String extKey;
        Optional<PhoneNumber> number;
        boolean wantsNumber;
        RowUser user;
        List<String> codes;
        AddonSet set;
        String location;
        /** Whether the row has an Ext Key, a user and valid add-ons (it is valid unless a problem was found). */
        boolean complete;

        void reset(long at) {
            line = at;
            problems = null;
            extDupAt = 0;
            extKeyKind = NONE;
            extOther = null;
            numDupAt = 0;
            numberKind = NONE;
            numberOther = null;
            extKey = null;
            number = Optional.empty();
            wantsNumber = false;
            user = null;
            codes = null;
            set = null;
            location = "";
            complete = false;
        }

        void problem(String column, String rule) {
            if (problems == null) {
                problems = new ArrayList<>(4);
            }
            problems.add(new String[] {column, rule});
        }

        int problemCount() {
            return problems == null ? 0 : problems.size();
        }
    }

    /**
     * The checks of one row that need nothing but the header: cells, extension key form, add-ons, number, user. One per
     * thread (it caches add-on verdicts); the header's columns are shared and never change.
     */
    private final class RowChecker {
        final Kind[] kinds;
        final String[] names;
        final String extCol;
        final String numCol;
        final String userCol;
        final Map<AddonKey, AddonVerdict> addonVerdicts = new HashMap<>();

        RowChecker(Kind[] kinds, String[] names, String extCol, String numCol, String userCol) {
            this.kinds = kinds;
            this.names = names;
            this.extCol = extCol;
            this.numCol = numCol;
            this.userCol = userCol;
        }

        /** The combinations seen last, most recent first: compared cell by cell, cheaper than hashing them. */
        private final AddonKey[] recentKeys = new AddonKey[8];
        private final AddonVerdict[] recentVerdicts = new AddonVerdict[8];

        private AddonVerdict recentVerdict(List<String> codes, long cols) {
            for (int i = 0; i < recentKeys.length && recentKeys[i] != null; i++) {
                if (recentKeys[i].matches(codes, cols)) {
                    AddonVerdict v = recentVerdicts[i];
                    if (i > 0) {
                        AddonKey k = recentKeys[i];
                        System.arraycopy(recentKeys, 0, recentKeys, 1, i);
                        System.arraycopy(recentVerdicts, 0, recentVerdicts, 1, i);
                        recentKeys[0] = k;
                        recentVerdicts[0] = v;
                    }
                    return v;
                }
            }
            return null;
        }

        private void remember(AddonKey key, AddonVerdict verdict) {
            System.arraycopy(recentKeys, 0, recentKeys, 1, recentKeys.length - 1);
            System.arraycopy(recentVerdicts, 0, recentVerdicts, 1, recentVerdicts.length - 1);
            recentKeys[0] = key;
            recentVerdicts[0] = verdict;
        }

        RowChecker copy() {
            return new RowChecker(kinds, names, extCol, numCol, userCol);
        }

        /**
         * @param printableAscii whether every character of the cells is known to be printable ASCII (no need to look
         *     at each)
         * @param noSeparator whether no cell is known to hold a ',' or ';' (no formula after one to look for)
         */
        void check(long line, List<String> cells, boolean dropped, boolean printableAscii, boolean noSeparator,
                RowCheck rc) {
            rc.reset(line);
            if (dropped || cells.size() > kinds.length) {
                boolean extraContent = dropped;
                for (int i = kinds.length; i < cells.size(); i++) {
                    extraContent |= !cells.get(i).isBlank();
                }
                if (extraContent) {
                    rc.problem("-", "the row has more cells than the header has columns (" + kinds.length
                            + "); add an '" + ADDON + " N' column to the header for more add-ons");
                }
            }
            String extKey = null;
            String numberCell = "";
            String userCell = null;
            String locationCell = "";
            List<String> codes = new ArrayList<>(4);
            long addonCols = 0;
            int addonOrdinal = -1;
            boolean addonsOk = true;
            for (int i = 0; i < kinds.length; i++) {
                if (kinds[i] == Kind.RESULT) {
                    continue; // a previous run's outcome: ignored, the row is planned against the tenant again
                }
                if (kinds[i] == Kind.ADDON) {
                    addonOrdinal++;
                }
                String cell = i < cells.size() ? cells.get(i) : "";
                String v = cell.strip();
                if (!cellOk(rc, names[i], cell, v, printableAscii, noSeparator)) {
                    if (kinds[i] == Kind.ADDON) {
                        addonsOk = false;
                    }
                    continue;
                }
                switch (kinds[i]) {
                    case EXT_KEY -> extKey = v;
                    case NUMBER -> numberCell = v;
                    case USER -> userCell = v;
                    case NUMBER_TYPE -> optionalCell(rc, names[i], v, "operatorConnect", "directRouting",
                            "callingPlan");
                    case ACCOUNT_TYPE -> optionalCell(rc, names[i], v, "user", "resourceAccount");
                    case USER_ID -> {
                        if (!v.isEmpty() && !(v.length() == 36 && GUID.matcher(v).matches())) {
                            rc.problem(names[i], "must be empty or an object ID (a GUID)");
                        }
                    }
                    case LOCATION -> locationCell = v;
                    case ADDON -> {
                        if (!v.isEmpty()) {
                            addonCols |= 1L << addonOrdinal;
                            codes.add(v);
                        }
                    }
                    default -> {
                        if (!v.isEmpty()) {
                            rc.problem(names[i], "the column is unknown, so the cell must be empty");
                        }
                    }
                }
            }
            // Ext Key
            if (extKey != null) {
                if (extKey.isEmpty()) {
                    rc.problem(extCol, "is required");
                    extKey = null;
                } else if (!extKeyForm(extKey)) {
                    rc.problem(extCol, "must be 1 to 32 letters, digits, '.', '_' or '-', starting with a letter "
                            + "or digit");
                    extKey = null;
                } else if (numericKey(extKey)) {
                    rc.extKeyKind = RowCheck.NUMERIC;
                    rc.extNum = digitsValue(extKey);
                } else {
                    rc.extKeyKind = RowCheck.OTHER;
                    rc.extOther = extKey.toLowerCase(Locale.ROOT);
                }
            }
            rc.extDupAt = rc.problemCount();
            // add-ons: spreadsheets repeat a few combinations, so each distinct one is checked once
            AddonSet set = null;
            boolean numberLicence = false;
            if (addonsOk) {
                AddonVerdict verdict = recentVerdict(codes, addonCols);
                if (verdict == null) {
                    AddonKey key = new AddonKey(codes, addonCols);
                    verdict = addonVerdicts.get(key);
                    if (verdict == null) {
                        verdict = addonVerdict(codes, addonCols);
                        if (addonVerdicts.size() >= 4096) {
                            addonVerdicts.clear();
                        }
                        addonVerdicts.put(key, verdict);
                    }
                    remember(key, verdict);
                }
                for (String[] p : verdict.problems()) {
                    rc.problem(p[0], p[1]);
                }
                set = verdict.set();
                numberLicence = verdict.numberLicence();
            }
            boolean wantsNumber = !numberCell.isEmpty() || numberLicence;
            // Number
            Optional<PhoneNumber> number = Optional.empty();
            if (!numberCell.isEmpty()) {
                if ((numberCell.indexOf('E') > 0 || numberCell.indexOf('e') > 0)
                        && SCIENTIFIC.matcher(numberCell).matches()) {
                    rc.problem(numCol, "a spreadsheet turned the number into scientific notation ('"
                            + numberCell + "'); format the column as text and type the number again");
                } else {
                    try {
                        PhoneNumber n = PhoneNumber.parse(numberCell);
                        number = Optional.of(n);
                        if (n.hasExtension()) {
                            rc.numberKind = RowCheck.OTHER;
                            rc.numberOther = n.toString();
                        } else {
                            rc.numberKind = RowCheck.NUMERIC;
                            rc.numberValue = digitsValue(n.digits());
                        }
                    } catch (ValidationException e) {
                        rc.problem(numCol, e.rule());
                    }
                }
            }
            rc.numDupAt = rc.problemCount();
            // User
            RowUser user = null;
            if (userCell != null) {
                if (userCell.isEmpty()) {
                    rc.problem(userCol, "is required: a user principal name, an object ID or a display name");
                } else if (userCell.indexOf('@') >= 0) {
                    try {
                        user = new RowUser.Ref(UserRef.Upn.parse(userCell));
                    } catch (ValidationException e) {
                        rc.problem(userCol, "not a valid user principal name: " + e.rule());
                    }
                } else if (userCell.length() == 36 && GUID.matcher(userCell).matches()) {
                    user = new RowUser.Ref(UserRef.parse(userCell));
                } else {
                    user = new RowUser.DisplayName(userCell);
                }
            }
            rc.complete = extKey != null && user != null && set != null;
            rc.extKey = extKey;
            rc.number = number;
            rc.wantsNumber = wantsNumber;
            rc.user = user;
            rc.codes = codes;
            rc.set = set;
            rc.location = locationCell;
        }

        private void optionalCell(RowCheck rc, String column, String v, String... allowed) {
            if (!v.isEmpty() && !List.of(allowed).contains(v)) {
                rc.problem(column, "must be empty or one of " + String.join(", ", allowed));
            }
        }

        private AddonVerdict addonVerdict(List<String> codes, long cols) {
            List<String[]> problems = new ArrayList<>();
            List<AddonLicense> addons = new ArrayList<>();
            List<Integer> columns = new ArrayList<>(codes.size());
            int ordinal = -1;
            for (int i = 0; i < kinds.length; i++) {
                if (kinds[i] == Kind.ADDON && (cols & (1L << ++ordinal)) != 0) {
                    columns.add(i);
                }
            }
            for (int j = 0; j < codes.size(); j++) {
                try {
                    addons.add(catalog.parse(codes.get(j)));
                } catch (ValidationException e) {
                    problems.add(new String[] {names[columns.get(j)], e.rule()});
                }
            }
            AddonSet set = null;
            if (problems.isEmpty()) {
                List<AddonViolation> violations = catalog.check(addons);
                if (violations.isEmpty()) {
                    set = catalog.validate(addons);
                } else {
                    violations.forEach(v -> problems.add(new String[] {ADDON, v.message()}));
                }
            }
            return new AddonVerdict(set, List.copyOf(problems), addons.contains(AddonLicense.NUMBER));
        }

        /** One pass over the cell: unsafe characters, then formulas (after a separator only when one was seen). */
        private boolean cellOk(RowCheck rc, String column, String cell, String v, boolean printableAscii,
                boolean noSeparator) {
            if (cell.length() > MAX_CELL_CHARS) {
                rc.problem(column, "longer than " + MAX_CELL_CHARS + " characters");
                return false;
            }
            boolean separator = printableAscii && !noSeparator && (cell.indexOf(',') >= 0 || cell.indexOf(';') >= 0);
            for (int i = 0; !printableAscii && i < cell.length(); i++) {
                char c = cell.charAt(i);
                if (c < 0x20 || c >= 0x7f) {
                    if (UntrustedText.unsafe(c) || c == '\uFFFD') {
                        rc.problem(column, "contains a control character (U+" + String.format("%04X", (int) c)
                                + "): binary data or a damaged file");
                        return false;
                    }
                } else if (c == ',' || c == ';') {
                    separator = true;
                }
            }
            if (!v.isEmpty() && (v.charAt(0) == '=' || v.charAt(0) == '@' || v.charAt(0) == '-'
                    || v.charAt(0) == '+' && !column.equals(numCol))) {
                rc.problem(column, "looks like a spreadsheet formula (starts with '" + printable(v.substring(0, 1))
                        + "'); type the value as text");
                return false;
            }
            // a tab is a separator too, but a cell holding one was refused above as a control character
            if (separator && ResultsWriter.hasFormulaAfterSeparator(cell)) {
                rc.problem(column, "holds a spreadsheet formula after a ',' or ';' (a spreadsheet in another "
                        + "locale would split the cell there and run it); remove it");
                return false;
            }
            return true;
        }
    }

    /** The optional column a normalised header cell names, or null. */
    private static Kind optional(String norm) {
        return switch (norm) {
            case "number type" -> Kind.NUMBER_TYPE;
            case "account type" -> Kind.ACCOUNT_TYPE;
            case "user id" -> Kind.USER_ID;
            case "emergency location" -> Kind.LOCATION;
            default -> null;
        };
    }

    /** The Ext Key form: 1 to 32 of letters, digits, '.', '_', '-', starting with a letter or digit. */
    private static boolean extKeyForm(String s) {
        if (s.isEmpty() || s.length() > 32 || !Character.isLetterOrDigit(s.charAt(0)) || s.charAt(0) > 127) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** Digits without a leading zero, at most 18: fits a long and reads back the same. */
    private static boolean numericKey(String s) {
        if (s.isEmpty() || s.length() > 18 || s.charAt(0) == '0') {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean allBlank(List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (!cells.get(i).isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static long digitsValue(String digits) {
        long v = 0;
        for (int i = 0; i < digits.length(); i++) {
            v = v * 10 + (digits.charAt(i) - '0');
        }
        return v;
    }

    private static int lineInt(long line) {
        return (int) Math.min(Integer.MAX_VALUE, line);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String printable(String s) {
        String p = s.codePoints().map(cp -> Character.isISOControl(cp) ? '?' : cp)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return p.length() > 40 ? p.substring(0, 40) + "..." : p;
    }
}
