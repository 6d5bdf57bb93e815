package dev.tenantconnect.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package pages users read in the Javadoc say what a package holds, not how the project was planned: no issue
 * numbers ("Filled by issue #3"), no design seeds, no paths into the project's working notes.
 */
class PackagePagesTest {
    private static final Pattern STALE = Pattern.compile("(?i)issues? \\(?#\\d+|filled by|seed \\d{3}|\\.\\./shared");

    @Test
    void no_package_page_carries_an_internal_reference() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> pages;
        try (Stream<Path> files = Files.walk(root)) {
            pages = files.filter(p -> p.getFileName().toString().equals("package-info.java"))
                    .filter(p -> p.toString().contains("/src/main/java/")).toList();
        }
        assertThat(pages).as("package pages found under " + root).hasSizeGreaterThan(20);

        assertThat(pages).allSatisfy(p -> assertThat(read(p)).as(root.relativize(p).toString())
                .doesNotContainPattern(STALE));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
