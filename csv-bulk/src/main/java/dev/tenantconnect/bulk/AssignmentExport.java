package dev.tenantconnect.bulk;

import dev.tenantconnect.core.addon.AddonLicense;
import dev.tenantconnect.core.addon.AddonTarget;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.CredentialStore;
import dev.tenantconnect.core.credential.TenantCredential;
import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.extension.Extension;
import dev.tenantconnect.core.extension.ExtensionStore;
import dev.tenantconnect.core.io.AtomicFile;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.core.tenant.MicrosoftTenants;
import dev.tenantconnect.core.tenant.TenantDirectory;
import dev.tenantconnect.core.tenant.TenantNumber;
import dev.tenantconnect.core.tenant.UserInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backup of a tenant's number assignments as a bulk file: one call writes every user and resource account that holds
 * a number — number (with its Direct Routing extension), number type, emergency location and the add-ons the
 * operator's extension records hold — in the format {@link BulkAssignments} plans and runs, so a restore is
 * {@code plan} + {@code run} of the file. The file starts with {@code #} comment lines naming the tenant and the time;
 * a sidecar {@code FILE.sha256} (the {@code sha256sum} format) holds its checksum, which {@link #verify} checks.
 *
 * <p>Streaming: the tenant's numbers are read a page (500) at a time, each page's extension records fetched in one
 * store call, and its rows written before the next page is read — memory stays at one page whatever the size of the
 * tenant, and a 50,000-user tenant costs 100 Graph requests. The file is written atomically (never a truncated
 * backup).
 *
 * <p>Rows: the user's extension record that holds the number gives the Ext Key and the add-ons (else the user's only
 * record, else a key {@code n<digits>} and the Operator Connect add-on for a user or a resource account). The
 * {@code User} cell is the object ID: exact, and free to read. With {@link Builder#userPrincipalNames(boolean)} it is
 * the user principal name instead — readable, and it finds a user re-created under the same name — looked up in JSON
 * batches of 20, which Graph throttles per user: a large tenant's export then takes minutes, not seconds (the object
 * ID stays in the {@code User ID} column; a user that is gone keeps it in {@code User}). Numbers assigned to anything
 * else than a user or a resource account (e.g. conference bridges) are counted as skipped: bulk files cannot restore
 * them. Thread-safe.
 *
 * <pre>{@code
 * ExportResult r = export.export(key, Path.of("backup/contoso-2026-12-06.csv"));
 * BackupCheck c = AssignmentExport.verify(r.file());   // later: is the file what was written?
 * }</pre>
 */
public final class AssignmentExport {
    private static final Logger LOG = LoggerFactory.getLogger(AssignmentExport.class);
    /** The first comment line of every export. */
    public static final String MARKER = "# Tenant Connect assignment backup";
    private static final String TENANT = "# tenant: ";
    private static final String EXPORTED_AT = "# exported-at: ";

    private final MicrosoftTenants graph;
    private final CredentialStore store;
    private final ExtensionStore extensions;
    private final BulkFileFormat format;
    private final Clock clock;
    private final boolean upns;

    private AssignmentExport(Builder b) {
        this.upns = b.upns;
        this.graph = b.graph;
        this.store = b.store;
        this.extensions = b.extensions;
        this.format = b.format;
        this.clock = b.clock;
    }

    /**
     * The export on the root client's wiring: its Microsoft ports (connector or fake), credential store, extension
     * store, add-on catalogue and clock.
     *
     * @param client the root client
     * @param userPrincipalNames whether the {@code User} column holds user principal names instead of object IDs
     * @return the export
     */
    public static AssignmentExport of(dev.tenantconnect.voice.TenantConnectClient client,
            boolean userPrincipalNames) {
        return new Builder().microsoft(client.microsoft()).store(client.credentials()).extensions(client.extensions())
                .format(BulkFileFormat.of(client.addons())).clock(client.clock())
                .userPrincipalNames(userPrincipalNames).build();
    }

    /** @return a builder; microsoft, store and extensions are required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The sidecar holding a file's checksum.
     *
     * @param file an export
     * @return {@code FILE.sha256} beside it
     */
    public static Path sidecar(Path file) {
        return file.toAbsolutePath().resolveSibling(file.getFileName() + ".sha256");
    }

    /**
     * Writes the tenant's current assignments to a file (atomically), then its checksum sidecar.
     *
     * @param key the tenant connection
     * @param file where the export goes
     * @return what was written
     */
    public ExportResult export(CredentialKey key, Path file) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(file, "file");
        Instant at = clock.instant();
        ExportResult[] result = new ExportResult[1];
        AtomicFile.write(file, out -> result[0] = write(key, file, at, out));
        String line = result[0].sha256() + "  " + file.getFileName() + "\n";
        AtomicFile.write(sidecar(file), out -> out.write(line.getBytes(StandardCharsets.UTF_8)));
        LOG.info("exported {} assignments of tenant {} ({} skipped)", result[0].rows(), key.tenant(),
                result[0].skipped());
        return result[0];
    }

    private ExportResult write(CredentialKey key, Path file, Instant at, OutputStream raw) throws IOException {
        MessageDigest sha = sha256();
        TenantId tenant = key.tenant();
        TenantCredential cred = store.require(key).credential();
        TenantDirectory dir = graph.directory(tenant, cred);
        int addonColumns = format.catalog().all().size();
        Writer out = new OutputStreamWriter(new DigestOutputStream(raw, sha), StandardCharsets.UTF_8);
        out.write(MARKER + "\n" + TENANT + tenant + "\n" + EXPORTED_AT + at + "\n");
        List<String> header = new ArrayList<>(List.of(BulkFileFormat.EXT_KEY, BulkFileFormat.NUMBER,
                BulkFileFormat.USER));
        for (int i = 1; i <= addonColumns; i++) {
            header.add(BulkFileFormat.ADDON + " " + i);
        }
        header.addAll(BulkFileFormat.OPTIONAL_COLUMNS);
        writeRow(out, header);
        long[] counts = new long[3]; // users, resource accounts, skipped
        try {
            graph.teamsNumbers(tenant, cred).forEachPage(page -> {
                try {
                    writePage(tenant, dir, page, addonColumns, out, counts);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush();
        return new ExportResult(file.toAbsolutePath(), sidecar(file), tenant, at, counts[0], counts[1], counts[2],
                HexFormat.of().formatHex(sha.digest()));
    }

    private void writePage(TenantId tenant, TenantDirectory dir, List<TenantNumber> page, int addonColumns,
            Writer out, long[] counts) throws IOException {
        List<TenantNumber> held = new ArrayList<>();
        for (TenantNumber n : page) {
            if (n.assignmentTarget().isEmpty()) {
                continue;
            }
            if (accountType(n).isEmpty()) {
                counts[2]++;
            } else {
                held.add(n);
            }
        }
        if (held.isEmpty()) {
            return;
        }
        List<UUID> ids = held.stream().map(n -> n.assignmentTarget().orElseThrow()).distinct().toList();
        Map<UserRef, Optional<UserInfo>> users = upns ? dir.users(ids.stream().map(id -> UserRef.parse(
                id.toString())).toList()) : Map.of();
        Map<UUID, List<Extension>> records = extensions.byUsers(tenant, ids);
        for (TenantNumber n : held) {
            UUID id = n.assignmentTarget().orElseThrow();
            String account = accountType(n).orElseThrow();
            Optional<Extension> record = record(records.getOrDefault(id, List.of()), n.number());
            String extKey = record.map(Extension::extKey).orElseGet(() -> generatedKey(n.number()));
            List<String> codes = codes(record, account);
            String upn = users.getOrDefault(UserRef.parse(id.toString()), Optional.empty())
                    .flatMap(UserInfo::userPrincipalName).map(UserRef.Upn::upn).orElse(id.toString());
            List<String> row = new ArrayList<>(List.of(extKey, cell(n.number()), upn));
            for (int i = 0; i < addonColumns; i++) {
                row.add(i < codes.size() ? codes.get(i) : "");
            }
            row.addAll(List.of(n.numberType().graphText(), account, id.toString(), n.locationId().orElse("")));
            writeRow(out, row);
            counts[account.equals("user") ? 0 : 1]++;
        }
    }

    /** The user's record holding this number, else the user's only record. */
    private static Optional<Extension> record(List<Extension> ofUser, PhoneNumber number) {
        Optional<Extension> exact = ofUser.stream().filter(e -> e.number().equals(Optional.of(number))).findFirst();
        return exact.isPresent() || ofUser.size() != 1 ? exact : Optional.of(ofUser.get(0));
    }

    /** The record's add-ons, with the Operator Connect add-on for the account's kind added when it has none. */
    private List<String> codes(Optional<Extension> record, String account) {
        List<String> codes = new ArrayList<>(record.map(Extension::addonCodes).orElse(List.of()));
        boolean teams = codes.stream().map(c -> format.catalog().find(c)).flatMap(Optional::stream)
                .anyMatch(a -> a.target() != AddonTarget.ANY);
        if (!teams) {
            codes.add(0, account.equals("user") ? AddonLicense.OPERATOR_CONNECT.code()
                    : AddonLicense.OPERATOR_CONNECT_RESOURCE.code());
        }
        return codes;
    }

    private static Optional<String> accountType(TenantNumber n) {
        return switch (n.assignmentStatus()) {
            case "userAssigned" -> Optional.of("user");
            case "voiceApplicationAssigned" -> Optional.of("resourceAccount");
            default -> Optional.empty();
        };
    }

    private static String generatedKey(PhoneNumber n) {
        return "n" + n.digits() + n.extension().map(x -> "x" + x).orElse("");
    }

    /** Digits with the country code (the bulk file's form; no leading {@code +} a spreadsheet would execute). */
    private static String cell(PhoneNumber n) {
        return n.digits() + n.extension().map(x -> ";ext=" + x).orElse("");
    }

    private static void writeRow(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            String c = cells.get(i);
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0
                    || c.indexOf(';') >= 0) {
                out.write('"' + c.replace("\"", "\"\"") + '"');
            } else {
                out.write(c);
            }
        }
        out.write("\r\n");
    }

    /**
     * Checks a backup: its checksum against the sidecar {@code FILE.sha256}, and the tenant and time its comment
     * lines name. Reads the file once; nothing else is needed.
     *
     * @param file the export
     * @return what was found
     * @throws UncheckedIOException if the file cannot be read
     */
    public static BackupCheck verify(Path file) {
        MessageDigest sha = sha256();
        Optional<TenantId> tenant = Optional.empty();
        Optional<Instant> at = Optional.empty();
        boolean marked = false;
        try (InputStream in = new java.security.DigestInputStream(Files.newInputStream(file), sha);
                BufferedReader r = new BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            boolean head = true;
            while ((line = r.readLine()) != null) {
                if (head && line.startsWith("#")) {
                    marked |= line.equals(MARKER);
                    tenant = line.startsWith(TENANT) ? parseTenant(line.substring(TENANT.length())) : tenant;
                    at = line.startsWith(EXPORTED_AT) ? parseInstant(line.substring(EXPORTED_AT.length())) : at;
                } else {
                    head = false;
                }
            }
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the backup file", e);
        }
        Optional<String> expected = Optional.empty();
        Path side = sidecar(file);
        if (Files.isRegularFile(side)) {
            try {
                String text = Files.readString(side, StandardCharsets.UTF_8).strip();
                int blank = text.indexOf(' ');
                expected = Optional.of((blank < 0 ? text : text.substring(0, blank))
                        .toLowerCase(java.util.Locale.ROOT));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the checksum file", e);
            }
        }
        return new BackupCheck(file, marked, tenant, at, expected, HexFormat.of().formatHex(sha.digest()));
    }

    private static Optional<TenantId> parseTenant(String s) {
        try {
            return Optional.of(TenantId.parse(s.strip()));
        } catch (ValidationException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> parseInstant(String s) {
        try {
            return Optional.of(Instant.parse(s.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /**
     * What an export wrote.
     *
     * @param file the export
     * @param sidecar its checksum file
     * @param tenant the tenant
     * @param exportedAt when the export started
     * @param users rows for users
     * @param resourceAccounts rows for resource accounts
     * @param skipped assigned numbers a bulk file cannot restore (neither a user nor a resource account holds them)
     * @param sha256 the file's SHA-256, hex
     */
    public record ExportResult(Path file, Path sidecar, TenantId tenant, Instant exportedAt, long users,
            long resourceAccounts, long skipped, String sha256) {
        /** Validates. */
        public ExportResult {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(sidecar, "sidecar");
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(exportedAt, "exportedAt");
            Objects.requireNonNull(sha256, "sha256");
        }

        /** @return the rows written */
        public long rows() {
            return users + resourceAccounts;
        }

        /** @return one line for people */
        public String summary() {
            return "exported " + rows() + " assignments (" + users + " users, " + resourceAccounts
                    + " resource accounts" + (skipped > 0 ? ", " + skipped + " numbers of other kinds skipped" : "")
                    + ") of tenant " + tenant + " to " + file + "; checksum in " + sidecar.getFileName();
        }
    }

    /**
     * What {@link #verify} found.
     *
     * @param file the file
     * @param isExport whether its first comment line marks it as an export
     * @param tenant the tenant its comment names
     * @param exportedAt the time its comment names
     * @param expectedSha256 the checksum the sidecar holds, if there is a sidecar
     * @param sha256 the file's checksum now
     */
    public record BackupCheck(Path file, boolean isExport, Optional<TenantId> tenant, Optional<Instant> exportedAt,
            Optional<String> expectedSha256, String sha256) {
        /** Validates. */
        public BackupCheck {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(exportedAt, "exportedAt");
            Objects.requireNonNull(expectedSha256, "expectedSha256");
            Objects.requireNonNull(sha256, "sha256");
        }

        /** @return whether a sidecar exists and holds the file's checksum */
        public boolean intact() {
            return expectedSha256.map(sha256::equals).orElse(false);
        }

        /** @return one line for people */
        public String toText() {
            String what = "backup of tenant " + tenant.map(TenantId::toString).orElse("?") + " exported at "
                    + exportedAt.map(Instant::toString).orElse("?");
            if (expectedSha256.isEmpty()) {
                return what + ": no checksum file " + sidecar(file).getFileName() + " to verify against";
            }
            return intact() ? what + ": checksum matches " + sidecar(file).getFileName()
                    : what + ": CHECKSUM MISMATCH, the file changed since it was exported (or the checksum file "
                            + "belongs to another file)";
        }
    }

    /** Configures {@link AssignmentExport}. */
    public static final class Builder {
        private MicrosoftTenants graph;
        private CredentialStore store;
        private ExtensionStore extensions;
        private BulkFileFormat format = BulkFileFormat.standard();
        private Clock clock = Clock.systemUTC();
        private boolean upns;

        private Builder() {
        }

        /**
         * @param value whether the {@code User} cell holds the user principal name (looked up, one throttled Graph
         *     request unit per user) instead of the object ID (default: the object ID)
         * @return this
         */
        public Builder userPrincipalNames(boolean value) {
            this.upns = value;
            return this;
        }

        /**
         * @param value the Microsoft side the export reads the tenant's numbers and users through (required): a
         *     {@code GraphConnector}, or any implementation of the ports
         * @return this
         */
        public Builder microsoft(MicrosoftTenants value) {
            this.graph = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Same as {@link #microsoft(MicrosoftTenants)}, under its former name.
         *
         * @param value the Microsoft side (required)
         * @return this
         */
        public Builder graph(MicrosoftTenants value) {
            return microsoft(value);
        }

        /**
         * @param value the credential store (required)
         * @return this
         */
        public Builder store(CredentialStore value) {
            this.store = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value the operator's extension records (required; the same store bulk runs record into)
         * @return this
         */
        public Builder extensions(ExtensionStore value) {
            this.extensions = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value the file format (default: {@link BulkFileFormat#standard()})
         * @return this
         */
        public Builder format(BulkFileFormat value) {
            this.format = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value the clock (the export's time)
         * @return this
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        /** @return the export */
        public AssignmentExport build() {
            if (graph == null || store == null || extensions == null) {
                throw new ConfigurationException("AssignmentExport needs MicrosoftTenants (e.g. a GraphConnector), "
                        + "a CredentialStore and an ExtensionStore");
            }
            return new AssignmentExport(this);
        }
    }
}
