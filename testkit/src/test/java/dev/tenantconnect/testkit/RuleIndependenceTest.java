package dev.tenantconnect.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The simulator's application permission rules come from Microsoft's pages, not from the SDK's permission tables:
 * the compiled rules class references nothing in {@code dev.tenantconnect.core.access} (its constant pool would
 * name any class it uses).
 */
class RuleIndependenceTest {
    @Test
    void the_application_rules_do_not_use_the_sdks_access_package() throws IOException {
        String classFile;
        try (InputStream in = ApplicationRules.class.getResourceAsStream("ApplicationRules.class")) {
            assertThat(in).isNotNull();
            classFile = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        assertThat(classFile).contains("Application.ReadWrite.OwnedBy")
                .doesNotContain("dev/tenantconnect/core/access");
        // the check can fail: a class that does use the package is seen
        try (InputStream in = DirectoryEndpoint.class.getResourceAsStream("DirectoryEndpoint.class")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1))
                    .contains("dev/tenantconnect/core/access");
        }
    }
}
