package dev.tenantconnect.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.error.ConfigurationException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** What the tool repeats back from a command line, and which exit code each kind of failure gets. */
class CliConventionsTest {
    static final String PASTED_SECRET = "Abc8Q~pasted.secret_value-1";

    @Test
    void only_option_names_and_plain_words_are_echoed() {
        assertThat(SafeText.echoable("nosuchcommand")).isTrue();
        assertThat(SafeText.echoable("--no-such-option")).isTrue();
        assertThat(SafeText.echoable("hunter2")).as("a digit: may be a password").isFalse();
        assertThat(SafeText.echoable(PASTED_SECRET)).isFalse();
        assertThat(SafeText.optionName("--bogus=" + PASTED_SECRET)).contains("--bogus");
        assertThat(SafeText.optionName("-" + PASTED_SECRET)).isEmpty();
    }

    @Test
    void a_value_given_as_a_variable_name_is_refused_without_being_shown() {
        assertThat(SafeText.envName("--secret-env", "CUSTOMER_SECRET_1")).isEqualTo("CUSTOMER_SECRET_1");
        assertThatThrownBy(() -> SafeText.envName("--secret-env", PASTED_SECRET))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("--secret-env takes the NAME")
                .hasMessageNotContaining(PASTED_SECRET);
        assertThatThrownBy(() -> SafeText.envName("--secret-env", "lower_case")).isInstanceOf(
                ConfigurationException.class);
        assertThatThrownBy(() -> SafeText.env("--secret-env", "TENANTCONNECT_TEST_SURELY_UNSET"))
                .hasMessage("the environment variable named by --secret-env is not set");
    }

    @Test
    void exit_codes_tell_usage_from_findings_from_unreachable_from_a_bug() {
        assertThat(ExitCodes.of(new ConfigurationException("x"))).isEqualTo(ExitCodes.USAGE);
        assertThat(ExitCodes.of(new IllegalArgumentException("x"))).isEqualTo(ExitCodes.USAGE);
        assertThat(ExitCodes.of(new dev.tenantconnect.core.error.TransportException("x",
                dev.tenantconnect.core.error.ErrorContext.none(), false, null)))
                .isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(ExitCodes.of(new java.io.IOException("x"))).isEqualTo(ExitCodes.FINDINGS);
        assertThat(ExitCodes.of(new NullPointerException())).isEqualTo(ExitCodes.INTERNAL);
        assertThat(ExitCodes.of(new IllegalStateException("x"))).isEqualTo(ExitCodes.INTERNAL);
        assertThat(ExitCodes.INTERNAL).isNotIn(ExitCodes.OK, ExitCodes.FINDINGS, ExitCodes.USAGE,
                ExitCodes.UNREACHABLE);
    }

    @Test
    void everything_printed_with_print_arrives_when_run_returns() {
        StringWriter text = new StringWriter();
        // no autoflush and a buffer in between: only the tool's own flush on return makes the text arrive
        PrintWriter out = new PrintWriter(new java.io.BufferedWriter(text, 1 << 16), false);
        int exit = TenantConnectCli.run(out, new PrintWriter(new StringWriter()), "bulk", "template");
        assertThat(exit).isZero();
        assertThat(text.toString()).startsWith("Ext Key,Number,User,Addon license 1");
    }
}
