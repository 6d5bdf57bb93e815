package dev.tenantconnect.bulk.internal;

import dev.tenantconnect.core.error.AuthenticationFailedException;
import dev.tenantconnect.core.error.LicenseException;
import dev.tenantconnect.core.error.MissingPrivilegesException;
import dev.tenantconnect.core.error.NumberConflictException;
import dev.tenantconnect.core.error.TenantConnectException;
import dev.tenantconnect.core.error.ThrottledException;
import dev.tenantconnect.core.error.TransportException;
import dev.tenantconnect.core.problem.ProblemCode;
import java.util.List;
import java.util.Optional;

/** Turns a row's failure into what an operator should do about it, chosen by the problem's code. */
public final class Remediation {
    private static final String RESUME = ", then resume the job (resume retries failed rows)";
    private static final String NEW_JOB = " and run the corrected file as a new job";

    private Remediation() {
    }

    /**
     * @param codes the codes of the problems reported for a row
     * @return the remediation for the first code that has a specific one, or a general one
     */
    public static String forCodes(List<ProblemCode> codes) {
        return codes.stream().map(Remediation::specific).flatMap(Optional::stream).findFirst()
                .orElse("resume the job: failed rows are retried, each reconciled with the tenant first");
    }

    private static Optional<String> specific(ProblemCode code) {
        return Optional.ofNullable(switch (code) {
            case LICENSE_MISSING -> "assign a Teams Phone licence to the account (resource accounts: Teams Phone "
                    + "Resource Account), allow up to 24 hours" + RESUME;
            case USAGE_LOCATION_MISSING -> "set the user's usage location in the Microsoft 365 admin center" + RESUME;
            case NUMBER_NOT_IN_INVENTORY -> "import the number into the inventory, then resume the job; or correct "
                    + "the Number cell" + NEW_JOB;
            case NUMBER_ASSIGNED_TO_ANOTHER_USER, USER_HAS_ANOTHER_NUMBER -> "unassign the number in Teams admin "
                    + "center, then resume the job; or choose another number" + NEW_JOB;
            case NUMBER_HELD_FOR_ANOTHER_TENANT -> "choose another number" + NEW_JOB;
            case CONSENT_MISSING -> "ask the customer to accept the operator's consent for this country in Teams "
                    + "admin center" + RESUME;
            case USER_NOT_FOUND, USER_AMBIGUOUS -> "write the user principal name in the User cell" + NEW_JOB;
            case USER_DUPLICATE -> "keep one row per user" + NEW_JOB;
            case NO_NUMBER_AVAILABLE -> "import more numbers into the inventory" + RESUME;
            case NUMBER_MISSING -> "write the number in the Number cell, or configure a number pool" + NEW_JOB;
            case ADDON_UNKNOWN, ADDON_RULE, ADDON_TARGET_MISMATCH -> "correct the add-on codes of the row" + NEW_JOB;
            case UPLOAD_FAILED -> "check the number's status in the operator provisioning API, then resume the job "
                    + "(resume retries failed rows; the number is looked for in the tenant before it is uploaded "
                    + "again)";
            case INVALID_INPUT -> "correct the row" + NEW_JOB;
            case THROTTLED -> "the tenant is throttling requests; resume later, with lower concurrency";
            case AUTHENTICATION_FAILED -> "the stored credential was refused: rotate the secret or reconnect the "
                    + "tenant, then resume";
            case MISSING_PRIVILEGES -> "grant the missing role or permission (run verify on the tenant), then resume";
            case TRANSPORT -> "the network failed; resume: the row is reconciled with the tenant before it is retried";
            case OPERATION_PENDING, ASSIGNMENT_FAILED, RELEASE_FAILED, ALLOCATION_FAILED, NUMBER_STATE, OTHER -> null;
        });
    }

    /**
     * @param e the exception a row ended with
     * @return what to do about it
     */
    public static String forException(TenantConnectException e) {
        return forCodes(List.of(codeOf(e)));
    }

    /**
     * @param e an exception
     * @return the problem code it stands for
     */
    public static ProblemCode codeOf(TenantConnectException e) {
        if (e instanceof ThrottledException) {
            return ProblemCode.THROTTLED;
        }
        if (e instanceof AuthenticationFailedException) {
            return ProblemCode.AUTHENTICATION_FAILED;
        }
        if (e instanceof MissingPrivilegesException) {
            return ProblemCode.MISSING_PRIVILEGES;
        }
        if (e instanceof LicenseException) {
            return ProblemCode.LICENSE_MISSING;
        }
        if (e instanceof NumberConflictException) {
            return ProblemCode.NUMBER_ASSIGNED_TO_ANOTHER_USER;
        }
        if (e instanceof TransportException) {
            return ProblemCode.TRANSPORT;
        }
        return ProblemCode.OTHER;
    }
}
