package dev.tenantconnect.bulk.internal;

import dev.tenantconnect.core.error.AuthenticationFailedException;
import dev.tenantconnect.core.error.LicenseException;
import dev.tenantconnect.core.error.MissingPrivilegesException;
import dev.tenantconnect.core.error.NumberConflictException;
import dev.tenantconnect.core.error.TenantConnectException;
import dev.tenantconnect.core.error.ThrottledException;
import dev.tenantconnect.core.error.TransportException;
import java.util.List;
import java.util.Locale;

/** Turns a row's failure into what an operator should do about it. */
public final class Remediation {
    private Remediation() {
    }

    /**
     * @param problems the problems reported for a row
     * @return the remediation for the first problem that has a specific one, or a general one
     */
    public static String forProblems(List<String> problems) {
        for (String p : problems) {
            String s = p.toLowerCase(Locale.ROOT);
            if (s.contains("service plan") || s.contains("licence") || s.contains("license")) {
                return "assign a Teams Phone licence to the account (resource accounts: Teams Phone Resource "
                        + "Account), allow up to 24 hours, then resume the job (resume retries failed rows)";
            }
            if (s.contains("usage location")) {
                return "set the user's usage location in the Microsoft 365 admin center, then resume the job (resume "
                        + "retries failed rows)";
            }
            if (s.contains("not in the operator's inventory")) {
                return "import the number into the inventory, then resume the job; or correct the Number cell and "
                        + "run the corrected file as a new job";
            }
            if (s.contains("assigned to someone else") || s.contains("already has another number")) {
                return "unassign the number in Teams admin center, then resume the job; or choose another number and "
                        + "run the corrected file as a new job";
            }
            if (s.contains("consent")) {
                return "ask the customer to accept the operator's consent for this country in Teams admin center, "
                        + "then resume the job (resume retries failed rows)";
            }
            if (s.contains("display name") || s.contains("no such user")) {
                return "write the user principal name in the User cell and run the corrected file as a new job";
            }
            if (s.contains("no available number")) {
                return "import more numbers into the inventory, then resume the job (resume retries failed rows)";
            }
            if (s.contains("add-on")) {
                return "correct the add-on codes of the row and run the corrected file as a new job";
            }
            if (s.contains("upload")) {
                return "check the number's status in the operator provisioning API, then resume the job (resume "
                        + "retries failed rows; the number is looked for in the tenant before it is uploaded again)";
            }
        }
        return "resume the job: failed rows are retried, each reconciled with the tenant first";
    }

    /**
     * @param e the exception a row ended with
     * @return what to do about it
     */
    public static String forException(TenantConnectException e) {
        if (e instanceof ThrottledException) {
            return "the tenant is throttling requests; resume later, with lower concurrency";
        }
        if (e instanceof AuthenticationFailedException) {
            return "the stored credential was refused: rotate the secret or reconnect the tenant, then resume";
        }
        if (e instanceof MissingPrivilegesException) {
            return "grant the missing role or permission (run verify on the tenant), then resume";
        }
        if (e instanceof LicenseException) {
            return forProblems(List.of("licence"));
        }
        if (e instanceof NumberConflictException) {
            return forProblems(List.of("assigned to someone else"));
        }
        if (e instanceof TransportException) {
            return "the network failed; resume: the row is reconciled with the tenant before it is retried";
        }
        return forProblems(List.of(String.valueOf(e.getMessage())));
    }
}
