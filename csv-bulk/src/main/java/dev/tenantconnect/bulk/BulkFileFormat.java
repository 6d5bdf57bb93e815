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

    /** The most data rows a file may have unless {@link #withLimits} says otherwise. */
    public static final long DEFAULT_MAX_ROWS = 1_000_000;
    /** The most bytes a file may have unless {@link #withLimits} says otherwise (256 MiB). */
    public static final long DEFAULT_MAX_BYTES = 256L << 20;

    private final AddonCatalog catalog;
    private final CsvFactory factory;
    private final long maxRows;
    private final long maxBytes;

    private BulkFileFormat(AddonCatalog catalog) {
        this(catalog, DEFAULT_MAX_ROWS, DEFAULT_MAX_BYTES);
    }

    private BulkFileFormat(AddonCatalog catalog, long maxRows, long maxBytes) {
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
        return new BulkFileFormat(catalog, rows, bytes);
    }

    /** @return the most data rows a file may have */
    public long maxRows() {
        return maxRows;
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
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, null, null);
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
            return read(in, sink);
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
        return read(in, sink, null);
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
            return read(in, null, raw);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bulk file", e);
        }
    }

    private FileReport read(InputStream in, Consumer<BulkRow> sink, RawRecords raw) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
        Reading r = new Reading(sink, raw);
        BufferedInputStream bytes = new BufferedInputStream(new DigestInputStream(new Capped(in, maxBytes), sha),
                1 << 16);
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

    /** Thrown by {@link Capped} past the byte limit. */
    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("bulk file over its byte limit");
        }
    }

    /** Counts bytes and throws {@link TooLarge} past the limit. */
    private static final class Capped extends java.io.FilterInputStream {
        private final long limit;
        private long count;

        Capped(InputStream in, long limit) {
            super(in);
            this.limit = limit;
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
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return counted(super.read(b, off, len));
        }

        @Override
        public long skip(long n) throws IOException {
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

    /** A combination of add-on cells: the codes and the columns they stand in. */
    private record AddonKey(List<String> codes, List<Integer> columns) {
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
        final Map<AddonKey, AddonVerdict> addonVerdicts = new HashMap<>();
        String extCol;
        String numCol;
        String userCol;

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
                            if (kinds == null) {
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
                extCol = nameOf(Kind.EXT_KEY);
                numCol = nameOf(Kind.NUMBER);
                userCol = nameOf(Kind.USER);
            }
        }

        private boolean first(boolean seen, long line, String name) {
            if (seen) {
                problem(line, name, "the column appears more than once");
            }
            return !seen;
        }

        private void row(long line, List<String> cells, boolean dropped) {
            long before = problemCount;
            if (dropped || cells.size() > kinds.length) {
                boolean extraContent = dropped;
                for (int i = kinds.length; i < cells.size(); i++) {
                    extraContent |= !cells.get(i).isBlank();
                }
                if (extraContent) {
                    problem(line, "-", "the row has more cells than the header has columns (" + kinds.length
                            + "); add an '" + ADDON + " N' column to the header for more add-ons");
                }
            }
            String extKey = null;
            String numberCell = "";
            String userCell = null;
            String locationCell = "";
            List<String> codes = new ArrayList<>(4);
            List<Integer> addonCols = new ArrayList<>(4);
            boolean addonsOk = true;
            for (int i = 0; i < kinds.length; i++) {
                String cell = i < cells.size() ? cells.get(i) : "";
                String v = cell.strip();
                if (kinds[i] == Kind.RESULT) {
                    continue; // a previous run's outcome: ignored, the row is planned against the tenant again
                }
                if (!cellOk(line, names[i], cell)) {
                    if (kinds[i] == Kind.ADDON) {
                        addonsOk = false;
                    }
                    continue;
                }
                switch (kinds[i]) {
                    case EXT_KEY -> extKey = v;
                    case NUMBER -> numberCell = v;
                    case USER -> userCell = v;
                    case NUMBER_TYPE -> optionalCell(line, names[i], v, "operatorConnect", "directRouting",
                            "callingPlan");
                    case ACCOUNT_TYPE -> optionalCell(line, names[i], v, "user", "resourceAccount");
                    case USER_ID -> {
                        if (!v.isEmpty() && !(v.length() == 36 && GUID.matcher(v).matches())) {
                            problem(line, names[i], "must be empty or an object ID (a GUID)");
                        }
                    }
                    case LOCATION -> locationCell = v;
                    case ADDON -> {
                        if (!v.isEmpty()) {
                            addonCols.add(i);
                            codes.add(v);
                        }
                    }
                    default -> {
                        if (!v.isEmpty()) {
                            problem(line, names[i], "the column is unknown, so the cell must be empty");
                        }
                    }
                }
            }
            // Ext Key
            if (extKey != null) {
                if (extKey.isEmpty()) {
                    problem(line, extCol, "is required");
                    extKey = null;
                } else if (!extKeyForm(extKey)) {
                    problem(line, extCol, "must be 1 to 32 letters, digits, '.', '_' or '-', starting with a letter "
                            + "or digit");
                    extKey = null;
                } else {
                    int first = numericKey(extKey)
                            ? extKeys.putIfAbsent(Long.parseLong(extKey), lineInt(line))
                            : otherExtKeys.merge(extKey.toLowerCase(Locale.ROOT), lineInt(line), (a, b) -> a);
                    if (first >= 0 && first != lineInt(line)) {
                        problem(line, extCol, "the same Ext Key as line " + first);
                    }
                }
            }
            // add-ons: spreadsheets repeat a few combinations, so each distinct one is checked once
            AddonSet set = null;
            boolean numberLicence = false;
            if (addonsOk) {
                AddonKey key = new AddonKey(codes, addonCols);
                AddonVerdict verdict = addonVerdicts.get(key);
                if (verdict == null) {
                    verdict = addonVerdict(codes, addonCols);
                    if (addonVerdicts.size() >= 4096) {
                        addonVerdicts.clear();
                    }
                    addonVerdicts.put(key, verdict);
                }
                verdict.problems().forEach(p -> problem(line, p[0], p[1]));
                set = verdict.set();
                numberLicence = verdict.numberLicence();
            }
            boolean wantsNumber = !numberCell.isEmpty() || numberLicence;
            // Number
            Optional<PhoneNumber> number = Optional.empty();
            if (!numberCell.isEmpty()) {
                if ((numberCell.indexOf('E') > 0 || numberCell.indexOf('e') > 0)
                        && SCIENTIFIC.matcher(numberCell).matches()) {
                    problem(line, numCol, "a spreadsheet turned the number into scientific notation ('"
                            + numberCell + "'); format the column as text and type the number again");
                } else {
                    try {
                        PhoneNumber n = PhoneNumber.parse(numberCell);
                        number = Optional.of(n);
                        int first = n.hasExtension() ? otherNumbers.merge(n.toString(), lineInt(line), (a, b) -> a)
                                : numbers.putIfAbsent(digitsValue(n.digits()), lineInt(line));
                        if (first >= 0 && first != lineInt(line)) {
                            problem(line, numCol, "the same number as line " + first);
                        }
                    } catch (ValidationException e) {
                        problem(line, numCol, e.rule());
                    }
                }
            }
            // User
            RowUser user = null;
            if (userCell != null) {
                if (userCell.isEmpty()) {
                    problem(line, userCol, "is required: a user principal name, an object ID or a display name");
                } else if (userCell.contains("@")) {
                    try {
                        user = new RowUser.Ref(UserRef.Upn.parse(userCell));
                    } catch (ValidationException e) {
                        problem(line, userCol, "not a valid user principal name: " + e.rule());
                    }
                } else if (userCell.length() == 36 && GUID.matcher(userCell).matches()) {
                    user = new RowUser.Ref(UserRef.parse(userCell));
                } else {
                    user = new RowUser.DisplayName(userCell);
                }
            }
            if (problemCount == before && extKey != null && user != null && set != null) {
                valid++;
                if (sink != null) {
                    sink.accept(new BulkRow(line, extKey, number, wantsNumber, user, codes, set,
                            cells.size() > kinds.length ? cells.subList(0, kinds.length) : cells,
                            Optional.of(locationCell).filter(l -> !l.isEmpty())));
                }
            }
        }

        private void optionalCell(long line, String column, String v, String... allowed) {
            if (!v.isEmpty() && !List.of(allowed).contains(v)) {
                problem(line, column, "must be empty or one of " + String.join(", ", allowed));
            }
        }

        private AddonVerdict addonVerdict(List<String> codes, List<Integer> cols) {
            List<String[]> problems = new ArrayList<>();
            List<AddonLicense> addons = new ArrayList<>();
            for (int j = 0; j < codes.size(); j++) {
                try {
                    addons.add(catalog.parse(codes.get(j)));
                } catch (ValidationException e) {
                    problems.add(new String[] {names[cols.get(j)], e.rule()});
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

        private boolean cellOk(long line, String column, String cell) {
            if (cell.length() > MAX_CELL_CHARS) {
                problem(line, column, "longer than " + MAX_CELL_CHARS + " characters");
                return false;
            }
            for (int i = 0; i < cell.length(); i++) {
                char c = cell.charAt(i);
                if (UntrustedText.unsafe(c) || c == '\uFFFD') {
                    problem(line, column, "contains a control character (U+" + String.format("%04X", (int) c)
                            + "): binary data or a damaged file");
                    return false;
                }
            }
            String v = cell.strip();
            if (!v.isEmpty() && (v.charAt(0) == '=' || v.charAt(0) == '@' || v.charAt(0) == '-'
                    || v.charAt(0) == '+' && !column.equals(numCol))) {
                problem(line, column, "looks like a spreadsheet formula (starts with '" + printable(v.substring(0, 1))
                        + "'); type the value as text");
                return false;
            }
            if (ResultsWriter.hasFormulaAfterSeparator(cell)) {
                problem(line, column, "holds a spreadsheet formula after a ',' or ';' (a spreadsheet in another "
                        + "locale would split the cell there and run it); remove it");
                return false;
            }
            return true;
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
