package dev.tenantconnect.leaks;

import dev.tenantconnect.leaks.internal.ExceptionMessages;
import dev.tenantconnect.leaks.internal.ScanningOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Fails a test class when a {@link LeakRegistry registered} secret, key or token appeared while it ran in:
 * <ul>
 *   <li>anything written to {@code System.out} or {@code System.err} — which includes every log line, since the
 *       build logs through slf4j-simple to standard error with {@code dev.tenantconnect} at TRACE;</li>
 *   <li>the message of any exception or error constructed in the JVM, caught or not (read from the JDK Flight
 *       Recorder's {@code jdk.JavaExceptionThrow} and {@code jdk.JavaErrorThrow} events);</li>
 *   <li>the stack trace, causes and suppressed exceptions of a test's failure;</li>
 *   <li>whatever a test hands to {@link LeakScanner} itself (the CLI's captured output, {@code toString()}s).</li>
 * </ul>
 * Registered for every test class by JUnit's extension auto-detection (the parent pom turns it on). The check runs
 * after all tests of a class; the report names the kind of value and where it was seen, never the value.
 */
public final class LeakScannerExtension implements BeforeAllCallback, AfterAllCallback, TestExecutionExceptionHandler {
    private static final Object LOCK = new Object();
    private static volatile boolean installed;

    /** Creates the extension; JUnit does this through the service loader. */
    public LeakScannerExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        LeakScanner.scan("the failure of " + context.getDisplayName(), throwable);
        throw throwable;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        LeakScanner.settle();
        List<String> findings = LeakScanner.takeFindings();
        if (!findings.isEmpty()) {
            throw new AssertionError(findings.size() + " registered secret(s) leaked while "
                    + context.getDisplayName() + " ran:\n  " + String.join("\n  ", findings));
        }
    }

    /** Starts watching console output and exception messages, once per JVM. */
    static void install() {
        if (installed) {
            return;
        }
        synchronized (LOCK) {
            if (installed) {
                return;
            }
            ScanningOutputStream.scanWith(LeakScanner::scan);
            Charset cs = Charset.defaultCharset();
            System.setOut(new PrintStream(new ScanningOutputStream(System.out, "standard output"), true, cs));
            System.setErr(new PrintStream(new ScanningOutputStream(System.err, "standard error (log lines)"), true,
                    cs));
            ExceptionMessages.start(LeakScanner::scan);
            installed = true;
        }
    }
}
