package dev.tenantconnect.voice.enablement;

import dev.tenantconnect.core.model.PhoneNumber;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The outcome of enabling (or disabling) a user: which step failed and why, or what was done.
 *
 * @param succeeded whether the user is enabled (or disabled) now
 * @param failedStep the step that failed, if any
 * @param problems every problem found (all preflight problems at once; otherwise the failure)
 * @param user the user's object ID, once known
 * @param number the number, once chosen
 * @param operationId the Teams operation ID, once started (to resume waiting)
 * @param converged whether the work had already been done (a re-run found it applied)
 * @param warnings things that did not stop the work but deserve attention (e.g. a licence assigned minutes ago)
 */
public record EnableResult(boolean succeeded, Optional<Step> failedStep, List<String> problems, Optional<UUID> user,
        Optional<PhoneNumber> number, Optional<String> operationId, boolean converged, List<String> warnings) {
    /** Validates and copies. */
    public EnableResult {
        Objects.requireNonNull(failedStep, "failedStep");
        problems = List.copyOf(problems);
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(operationId, "operationId");
        warnings = List.copyOf(warnings);
    }

    @Override
    public String toString() {
        return "EnableResult[succeeded=" + succeeded + ", failedStep=" + failedStep + ", problems=" + problems.size()
                + ", number=" + number.map(PhoneNumber::redacted).orElse("-") + "]";
    }
}
