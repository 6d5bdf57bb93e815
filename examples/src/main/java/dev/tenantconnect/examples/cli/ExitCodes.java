package dev.tenantconnect.examples.cli;

import dev.tenantconnect.core.error.AuthenticationFailedException;
import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.error.TransportException;
import dev.tenantconnect.core.error.ValidationException;

/** The CLI's exit codes, the same for every command. */
public final class ExitCodes {
    /** Done, nothing to report. */
    public static final int OK = 0;
    /** Done, with findings: failed checks, invalid rows, failed rows; or a refusal the operator acts on. */
    public static final int FINDINGS = 1;
    /** The command line (or a value it names) is wrong; nothing was done. */
    public static final int USAGE = 2;
    /** Microsoft (or the operator API) could not be reached, or refused the credential. */
    public static final int UNREACHABLE = 3;
    /** A store failed its integrity check (damaged, tampered, or another key); see {@code store doctor}. */
    public static final int INTEGRITY = 4;
    /**
     * An unexpected internal error (a bug in the tool or the library, not in what was asked): the message names
     * the exception; {@code --verbose} prints its stack trace for a report. 70 is {@code EX_SOFTWARE} of BSD
     * {@code sysexits.h}.
     */
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }

    /**
     * @param e what a command threw
     * @return what the user can do about it, if there is a known remedy
     */
    public static java.util.Optional<String> hint(Exception e) {
        if (e instanceof AuthenticationFailedException) {
            return java.util.Optional.of("check that --secret-env/--secret-file holds the client secret's value (not "
                    + "its ID) of this app registration in this tenant and that it has not expired; rotate it if "
                    + "in doubt");
        }
        if (e instanceof TransportException) {
            return java.util.Optional.of("check the network path to the cloud's endpoints (--cloud, --login-url, "
                    + "--graph-url) and, for a custom cloud, that --trust-cert names its certificate");
        }
        return java.util.Optional.empty();
    }

    /**
     * @param e what a command threw
     * @return the exit code that says what kind of failure it was
     */
    public static int of(Exception e) {
        if (e instanceof AuthenticationFailedException || e instanceof TransportException) {
            return UNREACHABLE;
        }
        if (e instanceof dev.tenantconnect.core.error.StoreIntegrityException) {
            return INTEGRITY;
        }
        if (e instanceof ValidationException || e instanceof ConfigurationException
                || e instanceof IllegalArgumentException || e instanceof picocli.CommandLine.ParameterException) {
            return USAGE;
        }
        if (e instanceof dev.tenantconnect.core.error.TenantConnectException || e instanceof java.io.IOException
                || e instanceof java.io.UncheckedIOException) {
            return FINDINGS; // the operator acts on it: a refused write, a conflict, a file that cannot be read
        }
        return INTERNAL;
    }

}
