package dev.tenantconnect.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.EncryptedFileCredentialStore;
import dev.tenantconnect.core.credential.KeyProviders;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.examples.CliTest.Run;
import dev.tenantconnect.examples.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code store doctor} and {@code store recover}: a damaged file store has its own exit code and a way back. */
class StoreCommandTest {
    @TempDir
    Path dir;

    @Test
    void a_flipped_byte_is_an_integrity_exit_and_recover_brings_the_previous_generation_back() throws Exception {
        Path key = dir.resolve("store.key");
        byte[] raw = new byte[32];
        raw[0] = 7;
        Files.writeString(key, Base64.getEncoder().encodeToString(raw));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Path file = dir.resolve("store.bin");
        EncryptedFileCredentialStore store = new EncryptedFileCredentialStore(file, KeyProviders.fromFile(key),
                Clock.systemUTC());
        CredentialKey k = new CredentialKey(TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000d0c01"), ServiceId.of("oc"));
        ClientId app = ClientId.parse("11ae0dff-7a0e-4a44-9e2c-0000000d0c01");
        store.create(k, ClientSecretCredential.of(app, Secret.of("store-cmd-secret-1"), Instant.now()));
        store.replace(k, 1, ClientSecretCredential.of(app, Secret.of("store-cmd-secret-2"), Instant.now()));
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 5] ^= 0x10;
        Files.write(file, bytes);
        String[] stored = {"--store", "file:" + file, "--store-key-file", key.toString()};

        Run doctor = CliTest.cli(concat(new String[] {"store", "doctor"}, stored));
        assertThat(doctor.exit()).as(doctor.out() + doctor.err()).isEqualTo(ExitCodes.INTEGRITY);
        assertThat(doctor.out()).contains("current   store.bin: DAMAGED", "previous 1 store.bin.1: ok, 1 records");
        assertThat(doctor.err()).contains("store recover");

        Run recover = CliTest.cli(concat(new String[] {"store", "recover"}, stored));
        assertThat(recover.exit()).as(recover.err()).isZero();
        assertThat(recover.out()).contains("recovered from previous generation 1");

        Run again = CliTest.cli(concat(new String[] {"store", "doctor"}, stored));
        assertThat(again.exit()).as(again.out()).isZero();
        assertThat(again.out()).contains("current   store.bin: ok, 1 records");
    }

    @Test
    void a_store_no_generation_of_which_authenticates_exits_with_the_integrity_code() throws Exception {
        Path key = dir.resolve("store.key");
        Files.writeString(key, Base64.getEncoder().encodeToString(new byte[32]));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Path file = dir.resolve("store.bin");
        Files.write(file, "TCCS-not-really".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        Run recover = CliTest.cli("store", "recover", "--store", "file:" + file, "--store-key-file", key.toString());

        assertThat(recover.exit()).isEqualTo(ExitCodes.INTEGRITY);
        assertThat(recover.err()).contains("no generation authenticates");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
