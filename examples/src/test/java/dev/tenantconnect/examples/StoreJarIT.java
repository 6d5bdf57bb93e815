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
import dev.tenantconnect.examples.cli.ExitCodes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar tenantconnect.jar store doctor} on a damaged store, as an operator runs it: exit code 4. */
class StoreJarIT {
    @TempDir
    Path dir;

    private record Result(int exit, String out) {
    }

    private Result run(String... args) throws Exception {
        Path jar = Path.of("target", "tenantconnect.jar").toAbsolutePath();
        assertThat(jar).exists();
        Path log = dir.resolve("run.log");
        String[] command = new String[args.length + 3];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        command[1] = "-jar";
        command[2] = jar.toString();
        System.arraycopy(args, 0, command, 3, args.length);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    @Test
    void a_damaged_store_exits_4_and_store_recover_brings_it_back() throws Exception {
        Path key = dir.resolve("store.key");
        Files.writeString(key, Base64.getEncoder().encodeToString(new byte[32]));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Path file = dir.resolve("store.bin");
        EncryptedFileCredentialStore store = new EncryptedFileCredentialStore(file, KeyProviders.fromFile(key),
                Clock.systemUTC());
        CredentialKey k = new CredentialKey(TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000e0c01"), ServiceId.of("oc"));
        ClientId app = ClientId.parse("11ae0dff-7a0e-4a44-9e2c-0000000e0c01");
        store.create(k, ClientSecretCredential.of(app, Secret.of("store-jar-secret-1"), Instant.now()));
        store.replace(k, 1, ClientSecretCredential.of(app, Secret.of("store-jar-secret-2"), Instant.now()));
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 5] ^= 0x10;
        Files.write(file, bytes);

        Result doctor = run("store", "doctor", "--store", "file:" + file, "--store-key-file", key.toString());
        assertThat(doctor.exit()).as(doctor.out()).isEqualTo(ExitCodes.INTEGRITY);
        assertThat(doctor.out()).contains("DAMAGED", "previous 1 store.bin.1: ok, 1 records");

        Result recover = run("store", "recover", "--store", "file:" + file, "--store-key-file", key.toString());
        assertThat(recover.exit()).as(recover.out()).isZero();
        assertThat(run("store", "doctor", "--store", "file:" + file, "--store-key-file", key.toString()).exit())
                .isZero();
    }
}
