package dev.tenantconnect.examples.cli;

import dev.tenantconnect.core.error.AuthenticationFailedException;
import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.error.TransportException;
import dev.tenantconnect.core.error.ValidationException;

/** The CLI's exit codes, the same for every command. */
public final class ExitCodes {
    /** Done, nothing to report. */
    public static final int OK = 0;
    /** Done, with findings: failed checks, invalid rows, failed rows. */
    public static final int FINDINGS = 1;
    /** The command line (or a value it names) is wrong; nothing was done. */
    public static final int USAGE = 2;
    /** Microsoft (or the operator API) could not be reached, or refused the credential. */
    public static final int UNREACHABLE = 3;
    /** A store failed its integrity check (damaged, tampered, or another key); see {@code store doctor}. */
    public static final int INTEGRITY = 4;

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
                || e instanceof IllegalArgumentException) {
            return USAGE;
        }
        return FINDINGS; // a TenantConnectException the operator acts on, or an unexpected failure
    }
}
