package dev.tenantconnect.core.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.error.StoreIntegrityException;
import dev.tenantconnect.core.testing.FakeClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptedFileCredentialStoreTest extends CredentialStoreContract {
    @TempDir
    Path dir;

    private final StoreKey key = StoreKey.generate();

    @Override
    protected CredentialStore newStore(FakeClock clock) {
        return new EncryptedFileCredentialStore(dir.resolve("credentials.bin"), KeyProviders.fixed(key), clock);
    }

    private Path file() {
        return dir.resolve("credentials.bin");
    }

    @Test
    void records_survive_reopening() {
        store.create(key("oc"), secret("persisted-secret"));

        CredentialStore reopened = newStore(clock);

        assertThat(reopened.find(key("oc")).orElseThrow().credential()).isEqualTo(secret("persisted-secret"));
    }

    @Test
    void the_file_never_contains_the_secret_in_clear() throws IOException {
        store.create(key("oc"), secret("CLEARTEXT-MARKER-123"));

        byte[] bytes = Files.readAllBytes(file());

        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("CLEARTEXT-MARKER-123")
                .doesNotContain(TENANT.value()).startsWith("TCCS");
    }

    @Test
    void the_file_is_readable_by_its_owner_only_and_no_temporary_file_is_left() throws IOException {
        store.create(key("oc"), secret("x"));
        store.replace(key("oc"), 1, secret("y"));

        assertThat(Files.getPosixFilePermissions(file()))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("credentials.bin", "credentials.bin.1", "credentials.bin.lock");
        }
        assertThat(Files.getPosixFilePermissions(dir.resolve("credentials.bin.1")))
                .as("the previous generation is as private as the current file")
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    private static String stderrOf(Runnable action) {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        original.print(text);
        return text;
    }

    private void flipOneByte(Path p) throws IOException {
        byte[] bytes = Files.readAllBytes(p);
        bytes[bytes.length - 20] ^= 0x01;
        Files.write(p, bytes);
    }

    @Test
    void one_flipped_byte_opens_the_previous_generation_with_a_warning_naming_it() throws IOException {
        store.create(key("oc"), secret("gen-one-secret"));
        store.create(key("dr"), secret("gen-two-secret"));
        store.replace(key("oc"), 1, secret("gen-three-secret"));
        flipOneByte(file());

        CredentialStore[] opened = new CredentialStore[1];
        String log = stderrOf(() -> opened[0] = newStore(clock));

        assertThat(opened[0].listAll()).extracting(r -> r.key().service().value()).containsExactly("dr", "oc");
        assertThat(opened[0].find(key("oc")).orElseThrow().credential()).as("generation 1 is the state before the "
                + "last write").isEqualTo(secret("gen-one-secret"));
        assertThat(log).contains("WARN").contains("failed its integrity check")
                .contains("previous generation 1 (credentials.bin.1, 2 records)")
                .doesNotContain("gen-one-secret").doesNotContain("gen-three-secret");
    }

    @Test
    void the_next_write_after_a_recovery_moves_the_damaged_file_aside_and_continues() throws IOException {
        store.create(key("oc"), secret("x"));
        store.replace(key("oc"), 1, secret("y"));
        flipOneByte(file());
        CredentialStore recovered = newStore(clock);

        recovered.replace(key("oc"), 1, secret("z"));

        assertThat(newStore(clock).find(key("oc")).orElseThrow().credential()).isEqualTo(secret("z"));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("credentials.bin"
                    + ".damaged-"));
        }
    }

    @Test
    void a_store_that_refuses_damage_does_not_fall_back() throws IOException {
        store.create(key("oc"), secret("x"));
        store.replace(key("oc"), 1, secret("y"));
        flipOneByte(file());

        assertThatThrownBy(() -> new EncryptedFileCredentialStore(file(), KeyProviders.fixed(key), clock,
                EncryptedFileCredentialStore.DamagedFile.REFUSE)).isInstanceOf(StoreIntegrityException.class)
                .hasMessageContaining("failed authentication");
    }

    @Test
    void the_doctor_lists_every_generation_and_recover_makes_the_newest_good_one_current() throws IOException {
        store.create(key("oc"), secret("x"));
        store.replace(key("oc"), 1, secret("y"));
        store.replace(key("oc"), 2, secret("z"));
        flipOneByte(file());
        flipOneByte(dir.resolve("credentials.bin.1"));

        List<EncryptedFileCredentialStore.Generation> gens = EncryptedFileCredentialStore.check(file(),
                KeyProviders.fixed(key));
        assertThat(gens).extracting(EncryptedFileCredentialStore.Generation::usable).containsExactly(false, false,
                true);
        assertThat(gens.get(0).problem().orElseThrow()).contains("failed authentication");
        assertThat(gens.get(0).keyId()).contains(key.keyId());

        EncryptedFileCredentialStore.Generation now = EncryptedFileCredentialStore.recover(file(),
                KeyProviders.fixed(key), clock);

        assertThat(now.generation()).isEqualTo(2);
        assertThat(EncryptedFileCredentialStore.check(file(), KeyProviders.fixed(key)).get(0).usable()).isTrue();
        assertThat(new EncryptedFileCredentialStore(file(), KeyProviders.fixed(key), clock,
                EncryptedFileCredentialStore.DamagedFile.REFUSE).find(key("oc")).orElseThrow().credential())
                .isEqualTo(secret("x"));
    }

    @Test
    void when_no_generation_authenticates_the_store_refuses_to_open() throws IOException {
        store.create(key("oc"), secret("x"));
        store.replace(key("oc"), 1, secret("y"));
        flipOneByte(file());
        flipOneByte(dir.resolve("credentials.bin.1"));

        assertThatThrownBy(() -> newStore(clock)).isInstanceOf(StoreIntegrityException.class);
        assertThatThrownBy(() -> EncryptedFileCredentialStore.recover(file(), KeyProviders.fixed(key), clock))
                .isInstanceOf(StoreIntegrityException.class).hasMessageContaining("no generation authenticates");
    }

    @Test
    void a_malformed_key_id_in_the_header_is_refused_before_use_and_not_echoed_raw() throws IOException {
        String forged = "abc\nWARN forged log line\u2028";
        byte[] id = forged.getBytes(StandardCharsets.ISO_8859_1);
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.write("TCCS".getBytes(StandardCharsets.US_ASCII));
        b.write(1);
        b.write(id.length);
        b.write(id);
        b.write(new byte[64]);
        Files.write(file(), b.toByteArray());

        assertThatThrownBy(() -> new EncryptedFileCredentialStore(file(), KeyProviders.fixed(key), clock,
                EncryptedFileCredentialStore.DamagedFile.REFUSE)).isInstanceOf(StoreIntegrityException.class)
                .hasMessageContaining("malformed key ID").hasMessageNotContaining("\n")
                .hasMessageContaining("\\u000a");
    }



    @Test
    void a_tampered_file_is_an_integrity_error_not_an_empty_store() throws IOException {
        store.create(key("oc"), secret("x"));
        byte[] bytes = Files.readAllBytes(file());
        bytes[bytes.length - 20] ^= 0x01;
        Files.write(file(), bytes);

        assertThatThrownBy(() -> newStore(clock)).isInstanceOf(StoreIntegrityException.class)
                .hasMessageContaining("failed authentication");
    }

    @Test
    void a_truncated_or_empty_file_is_an_integrity_error() throws IOException {
        store.create(key("oc"), secret("x"));
        byte[] bytes = Files.readAllBytes(file());
        Files.write(file(), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> newStore(clock)).isInstanceOf(StoreIntegrityException.class);

        Files.write(file(), new byte[0]);
        assertThatThrownBy(() -> newStore(clock)).isInstanceOf(StoreIntegrityException.class)
                .hasMessageContaining("not a Tenant Connect credential file");
    }

    @Test
    void a_file_written_with_another_key_names_both_key_ids() {
        store.create(key("oc"), secret("x"));
        StoreKey other = StoreKey.generate();

        assertThatThrownBy(() -> new EncryptedFileCredentialStore(file(), KeyProviders.fixed(other), clock))
                .isInstanceOf(StoreIntegrityException.class)
                .hasMessageContaining(key.keyId()).hasMessageContaining(other.keyId());
    }

    @Test
    void a_rotated_key_reads_old_files_and_rewrites_them_with_the_new_key() throws IOException {
        store.create(key("oc"), secret("x"));
        StoreKey next = StoreKey.generate();
        CredentialStore rotated = new EncryptedFileCredentialStore(file(),
                KeyProviders.rotating(next, List.of(key)), clock);

        rotated.replace(key("oc"), 1, secret("y"));

        assertThat(new String(Files.readAllBytes(file()), StandardCharsets.ISO_8859_1)).contains(next.keyId());
        assertThat(new EncryptedFileCredentialStore(file(), KeyProviders.fixed(next), clock).find(key("oc"))
                .orElseThrow().credential()).isEqualTo(secret("y"));
    }

    @Test
    void a_second_store_on_the_same_file_sees_the_first_ones_writes() {
        store.create(key("oc"), secret("x"));
        CredentialStore second = newStore(clock);
        second.replace(key("oc"), 1, secret("from-second"));

        assertThat(store.find(key("oc")).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void key_from_environment_must_be_32_base64_bytes_and_errors_do_not_show_the_value() {
        String good = Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(KeyProviders.fromEnvironment("K", Map.of("K", good)::get).current().keyId()).hasSize(16);

        String shortKey = Base64.getEncoder().encodeToString("short-key-material".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> KeyProviders.fromEnvironment("K", Map.of("K", shortKey)::get))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("32 bytes")
                .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> KeyProviders.fromEnvironment("K", Map.<String, String>of()::get))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("K is not set");
        assertThatThrownBy(() -> KeyProviders.fromEnvironment("K", Map.of("K", "***not base64***")::get))
                .isInstanceOf(ConfigurationException.class).hasMessageNotContaining("***not base64***");
    }

    @Test
    void key_from_a_file_must_be_32_base64_bytes_and_errors_do_not_show_the_value() throws Exception {
        java.nio.file.Path file = dir.resolve("store.key");
        java.nio.file.Files.writeString(file, Base64.getEncoder().encodeToString(new byte[32]) + "\n");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(KeyProviders.fromFile(file).current().keyId()).hasSize(16);
        java.nio.file.Files.writeString(file, "c2hvcnQ=");
        assertThatThrownBy(() -> KeyProviders.fromFile(file)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("store key file").hasMessageContaining("32 bytes")
                .hasMessageNotContaining("c2hvcnQ=");
        assertThatThrownBy(() -> KeyProviders.fromFile(dir.resolve("missing.key")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("cannot read");
    }

    @Test
    void a_key_file_its_group_or_others_may_read_is_refused_with_the_fix() throws Exception {
        Path file = dir.resolve("open.key");
        String value = Base64.getEncoder().encodeToString(new byte[32]);
        Files.writeString(file, value);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));

        assertThatThrownBy(() -> KeyProviders.fromFile(file)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("group or others").hasMessageContaining("rw-r-----")
                .hasMessageContaining("chmod 600").hasMessageNotContaining(value);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw----r--"));
        assertThatThrownBy(() -> KeyProviders.fromFile(file)).isInstanceOf(ConfigurationException.class);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("r--------"));
        assertThat(KeyProviders.fromFile(file).current().keyId()).hasSize(16);
    }

    @Test
    void key_from_a_pkcs12_key_store() throws Exception {
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        javax.crypto.KeyGenerator gen = javax.crypto.KeyGenerator.getInstance("AES");
        gen.init(256);
        char[] pw = "store-pass".toCharArray();
        ks.setEntry("tc", new java.security.KeyStore.SecretKeyEntry(gen.generateKey()),
                new java.security.KeyStore.PasswordProtection(pw));
        Path p12 = dir.resolve("keys.p12");
        try (var out = Files.newOutputStream(p12)) {
            ks.store(out, pw);
        }
        Files.setPosixFilePermissions(p12, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

        KeyProvider provider = KeyProviders.fromPkcs12(p12, Secret.of("store-pass"), "tc", List.of());
        CredentialStore s = new EncryptedFileCredentialStore(dir.resolve("p12.bin"), provider, clock);
        s.create(key("oc"), secret("x"));

        assertThat(new EncryptedFileCredentialStore(dir.resolve("p12.bin"), provider, clock).find(key("oc"))).isPresent();
        assertThatThrownBy(() -> KeyProviders.fromPkcs12(p12, Secret.of("wrong"), "tc", List.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("wrong password");
        assertThat(Set.of(provider.current().toString())).allMatch(s2 -> s2.startsWith("StoreKey[id="));
    }
}
