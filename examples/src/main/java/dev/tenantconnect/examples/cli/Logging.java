package dev.tenantconnect.examples.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Log levels of the tool and of the libraries it carries. Without {@code --verbose} only warnings and errors reach
 * standard error (no third-party INFO lines); with it, debug lines of everything. Applied before the first logger
 * is created (slf4j-simple reads its settings once).
 */
final class Logging {
    private static final String SIMPLE = "org.slf4j.simpleLogger.";

    private Logging() {
    }

    /** @param verbose whether debug logging was asked for */
    static void configure(boolean verbose) {
        if (verbose) {
            System.setProperty(SIMPLE + "defaultLogLevel", "debug");
            System.setProperty(SIMPLE + "showDateTime", "true");
        } else if (System.getProperty(SIMPLE + "defaultLogLevel") == null) {
            System.setProperty(SIMPLE + "defaultLogLevel", "warn");
        }
        // MSAL reports every token request at INFO: never without --verbose, whatever the defaults say
        if (!verbose && System.getProperty(SIMPLE + "log.com.microsoft.aad.msal4j") == null) {
            System.setProperty(SIMPLE + "log.com.microsoft.aad.msal4j", "warn");
        }
        // Flyway warns on every start that the embedded H2 is newer than the versions it was verified with; the
        // schema tests of jdbc-store run on this H2, so the line says nothing a user can act on
        if (!verbose && System.getProperty(SIMPLE + "log.org.flywaydb.core.internal.database.base.Database") == null) {
            System.setProperty(SIMPLE + "log.org.flywaydb.core.internal.database.base.Database", "error");
        }
        System.setProperty(SIMPLE + "logFile", "System.err");
        // libraries that log through java.util.logging
        Logger.getLogger("").setLevel(verbose ? Level.FINE : Level.WARNING);
        for (var h : Logger.getLogger("").getHandlers()) {
            h.setLevel(verbose ? Level.FINE : Level.WARNING);
        }
    }
}
