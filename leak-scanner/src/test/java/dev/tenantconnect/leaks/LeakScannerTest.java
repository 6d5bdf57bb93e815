package dev.tenantconnect.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scanner finds a registered value in every channel it watches, whole or cut, and reports it without repeating
 * it. Each test takes its findings, so this class itself ends clean.
 */
class LeakScannerTest {
    private final String secret = "Sim~" + UUID.randomUUID() + UUID.randomUUID();

    @AfterEach
    void clean() {
        LeakScanner.settle();
        LeakScanner.takeFindings();
    }

    @Test
    void a_registered_secret_written_to_standard_error_is_found_and_the_report_does_not_repeat_it() {
        LeakRegistry.secret("client secret", secret);
        System.err.println("[main] DEBUG dev.tenantconnect.x - connecting with " + secret);
        LeakScanner.settle();
        assertThat(LeakScanner.takeFindings()).singleElement().asString()
                .startsWith("client secret")
                .contains(" in standard error (log lines)")
                .contains("connecting with [LEAK]")
                .doesNotContain(secret.substring(4, 20));
    }

    @Test
    void a_message_of_an_exception_that_was_caught_is_found() {
        LeakRegistry.secret("refresh token", secret);
        try {
            throw new IllegalStateException("refresh failed for " + secret);
        } catch (IllegalStateException expected) {
            // swallowed on purpose: the scanner still sees it
        }
        LeakScanner.settle();
        assertThat(LeakScanner.takeFindings()).anySatisfy(f -> assertThat(f)
                .startsWith("refresh token").contains("in the message of a java.lang.IllegalStateException"));
    }

    @Test
    void an_exception_thrown_on_another_thread_is_found() {
        LeakRegistry.secret("password", secret);
        CompletableFuture.runAsync(() -> {
            throw new IllegalArgumentException("bad password " + secret);
        }).exceptionally(t -> null).join();
        LeakScanner.settle();
        assertThat(LeakScanner.takeFindings()).anySatisfy(f -> assertThat(f)
                .contains("java.lang.IllegalArgumentException"));
    }

    @Test
    void a_cut_copy_is_found_by_its_first_or_last_characters() {
        LeakRegistry.secret("client secret", secret);
        assertThat(LeakScanner.scan("test", "head " + secret.substring(0, 30) + "...")).isNotEmpty();
        assertThat(LeakScanner.scan("test", "..." + secret.substring(secret.length() - 30))).isNotEmpty();
        assertThat(LeakScanner.scan("test", "hint " + secret.substring(0, 3) + " and unrelated text")).isEmpty();
    }

    @Test
    void a_token_is_found_by_its_signature_but_not_by_the_header_every_token_shares() {
        String header = "eyJraWQiOiJ0ZW5hbnRjb25uZWN0LXNpbXVsYXRvciIsImFsZyI6IlJTMjU2In0";
        String jwt = header + ".eyJzdWIiOiIxMjM0NTY3ODkwIn0." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(UUID.randomUUID().toString().getBytes());
        LeakRegistry.jwt("access token", jwt);
        assertThat(LeakScanner.scan("test", "sig " + jwt.substring(jwt.lastIndexOf('.') + 1))).isNotEmpty();
        assertThat(LeakScanner.takeFindings()).hasSize(1);
        assertThat(LeakScanner.scan("test", "Bearer " + jwt)).isNotEmpty();
    }

    @Test
    void a_private_key_printed_as_pem_is_found() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        PrivateKey key = g.generateKeyPair().getPrivate();
        LeakRegistry.privateKey("certificate private key", key.getEncoded());
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----";
        assertThat(LeakScanner.scan("test", pem)).isNotEmpty();
    }

    @Test
    void a_to_string_that_masks_the_value_is_clean() {
        LeakRegistry.secret("client secret", secret);
        Object masked = new Object() {
            @Override
            public String toString() {
                return "Secret[****]";
            }
        };
        assertThat(LeakScanner.scanToString(masked)).isEmpty();
        assertThat(LeakScanner.takeFindings()).isEmpty();
    }

    @Test
    void short_values_are_not_registered_because_they_would_match_ordinary_text() {
        int before = LeakRegistry.size();
        LeakRegistry.secret("pin", "1234");
        assertThat(LeakRegistry.size()).isEqualTo(before);
    }
}
