package dev.tenantconnect.core.credential;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import dev.tenantconnect.core.testing.KilledChild;
import dev.tenantconnect.core.testing.tear.TearingFileSystemProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The encrypted file credential store killed with SIGKILL while it rotates a secret as fast as it can: afterwards it
 * opens and holds a whole record — the last one it confirmed or a later one, with the matching secret — never
 * garbage, never an older one.
 * The kill points come from printed seeds ({@code -Dcrash.seed=N} replays one; {@code -Dreliability.seeds=K} runs
 * {@code K} random ones, see {@code Seeds}).
 */
class CredentialStoreCrashTest {
    static final int POINTS = Integer.getInteger("crash.points", 3);

    @TempDir
    Path dir;

    static Stream<Arguments> killPoints() {
        System.out.println("CredentialStoreCrashTest: " + POINTS + " kill points per seed");
        // odd points: killed between writes at a random moment; even points: killed inside a write, for certain
        return dev.tenantconnect.core.testing.Seeds.cases("CredentialStoreCrashTest", "crash.seed", seed -> {
            Random random = new Random(seed); // one sequence: seeds differing in a few bits would give close draws
            return IntStream.rangeClosed(1, POINTS).mapToObj(i -> Arguments.of(i, i % 2 == 0,
                    1 + random.nextInt(150)));
        });
    }

    @ParameterizedTest(name = "kill point {0}, inside a write: {1}, rotation {2}")
    @MethodSource("killPoints")
    void a_store_killed_mid_write_holds_the_old_or_the_new_record(int run, boolean insideWrite, int killAfter)
            throws Exception {
        System.out.println("kill point " + run + ": SIGKILL " + (insideWrite ? "inside the write of rotation "
                : "after rotation ") + killAfter);
        Path file = dir.resolve("credentials.bin");
        Path key = dir.resolve("store.key");
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        Files.writeString(key, Base64.getEncoder().encodeToString(raw));
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

        List<String> options = new ArrayList<>();
        if (insideWrite) {
            // the store writes a temporary file and renames it over the old one: tear that write
            options.add("-Djava.nio.file.spi.DefaultFileSystemProvider=" + TearingFileSystemProvider.class.getName());
            options.add("-Dtear.file=\\.credentials\\.bin\\..*\\.tmp");
            options.add("-Dtear.at=" + killAfter);
        }
        // SIGKILL with half of the new record's file written, or after a rotation (inside the next one's write)
        KilledChild.Run child = KilledChild.run(options, CredentialStoreCrashChild.class, List.of(file.toString(),
                key.toString()), line -> line.startsWith("TORN ") || !insideWrite && line.startsWith("WROTE ")
                        && Long.parseLong(line.substring(6).strip()) >= killAfter);
        List<String> wrote = child.values("WROTE ");
        long confirmed = wrote.isEmpty() ? -1 : Long.parseLong(wrote.get(wrote.size() - 1));
        boolean torn = child.killedAt().filter(l -> l.startsWith("TORN ")).isPresent();
        String output = child.output();
        assertThat(child.killedAt()).as(output).isPresent();
        assertThat(confirmed).as(output).isGreaterThanOrEqualTo(insideWrite ? -1 : killAfter);
        if (insideWrite) {
            assertThat(torn).as("killed inside a write\n" + output).isTrue();
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).as("the half-written new file is left beside")
                        .anyMatch(n -> n.startsWith(".credentials.bin.") && n.endsWith(".tmp"));
            }
        }

        EncryptedFileCredentialStore reopened = new EncryptedFileCredentialStore(file,
                KeyProviders.fromFile(key), Clock.systemUTC());
        if (confirmed < 0) {
            // torn while creating the very first record: the store holds nothing, and works
            assertThat(reopened.find(CredentialStoreCrashChild.KEY)).isEmpty();
            assertThat(reopened.create(CredentialStoreCrashChild.KEY, CredentialStoreCrashChild.secret(1)).version())
                    .isEqualTo(1);
            return;
        }
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
