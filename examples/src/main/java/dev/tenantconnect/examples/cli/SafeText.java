package dev.tenantconnect.examples.cli;

import dev.tenantconnect.core.error.ConfigurationException;
import java.util.regex.Pattern;

/**
 * What the CLI may repeat back from a command line. A value typed in the wrong place may be a secret (a client secret
 * pasted where a variable name belongs, a password after a mistyped option), so only tokens that cannot be one are
 * echoed; anything else is named by its position.
 */
final class SafeText {
    /** An environment variable name as POSIX shells write them. */
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");
    /** An option name: {@code --lower-case-words} or a single letter. */
    private static final Pattern OPTION = Pattern.compile("--[a-z][a-z-]{0,40}|-[a-zA-Z]");
    /** A command-like word: lower-case letters and hyphens, no digits (client secrets and passwords carry some). */
    private static final Pattern WORD = Pattern.compile("[a-z][a-z-]{0,40}");

    private SafeText() {
    }

    /**
     * @param token a command-line token
     * @return whether it may be repeated back: an option name or a plain lower-case word
     */
    static boolean echoable(String token) {
        return OPTION.matcher(token).matches() || WORD.matcher(token).matches();
    }

    /**
     * @param token a token; for {@code --name=value} only the name is considered
     * @return the option name of a token that looks like an option, if it is safe to show
     */
    static java.util.Optional<String> optionName(String token) {
        String name = token.split("=", 2)[0];
        return OPTION.matcher(name).matches() ? java.util.Optional.of(name) : java.util.Optional.empty();
    }

    /**
     * Checks a value given as the name of an environment variable.
     *
     * @param option the option that named it, e.g. {@code --secret-env}
     * @param name what was given
     * @return the name, when it is one
     * @throws ConfigurationException naming the option and the rule, never the value (it may be the secret itself)
     */
    static String envName(String option, String name) {
        if (!ENV_NAME.matcher(name).matches()) {
            throw new ConfigurationException(option + " takes the NAME of an environment variable (A-Z, 0-9 and _, "
                    + "not starting with a digit); what was given is not one, and is not shown in case it is the "
                    + "secret itself");
        }
        return name;
    }

    /**
     * Reads an environment variable named by an option.
     *
     * @param option the option that named it
     * @param name the variable's name
     * @return its value
     * @throws ConfigurationException when the name is not a variable name or the variable is unset or blank
     */
    static String env(String option, String name) {
        String v = System.getenv(envName(option, name));
        if (v == null || v.isBlank()) {
            throw new ConfigurationException("the environment variable named by " + option + " is not set");
        }
        return v;
    }
}
