package dev.tenantconnect.core.credential;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The encrypted file credential store killed with SIGKILL while it rotates a secret as fast as it can: afterwards it
 * opens and holds a whole record — the last one it confirmed or a later one, with the matching secret — never
 * garbage, never an older one.
 * The kill point comes from a printed seed ({@code -Dcrash.seed=N} replays it).
 */
class CredentialStoreCrashTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "kill point {index}")
    @ValueSource(ints = {1, 2, 3})
    void a_store_killed_mid_write_holds_the_old_or_the_new_record(int run) throws Exception {
        long seed = Long.getLong("crash.seed", new SecureRandom().nextLong());
        int killAfter = 1 + new Random(seed).nextInt(150);
        System.out.println("credential store crash seed " + seed + ": SIGKILL after " + killAfter + " rotations");
        Path file = dir.resolve("credentials.bin");
        Path key = dir.resolve("store.key");
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        Files.writeString(key, Base64.getEncoder().encodeToString(raw));

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CredentialStoreCrashChild.class.getName(),
                file.toString(), key.toString()).redirectErrorStream(true).start();
        long confirmed = -1;
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (!line.startsWith("WROTE ")) {
                    output.append(line).append('\n');
                    continue;
                }
                confirmed = Long.parseLong(line.substring(6).strip());
                if (confirmed >= killAfter) {
                    child.destroyForcibly(); // SIGKILL, in the middle of the next rotation's write
                    break;
                }
            }
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(confirmed).as(output.toString()).isGreaterThanOrEqualTo(killAfter);

        EncryptedFileCredentialStore reopened = new EncryptedFileCredentialStore(file,
                KeyProviders.fromFile(key), Clock.systemUTC());
        CredentialRecord r = reopened.find(CredentialStoreCrashChild.KEY).orElseThrow();
        // the child runs ahead of the pipe we read it from, so it may have confirmed a few more: never fewer
        assertThat(r.version()).as("the last confirmed record or a later one, never an older one")
                .isGreaterThanOrEqualTo(confirmed);
        assertThat(((ClientSecretCredential) r.credential()).secret().revealAsString())
                .isEqualTo("rotation-" + r.version());
        CredentialRecord next = reopened.replace(CredentialStoreCrashChild.KEY, r.version(),
                CredentialStoreCrashChild.secret(r.version() + 1));
        assertThat(next.version()).as("and it keeps working").isEqualTo(r.version() + 1);
    }
}
