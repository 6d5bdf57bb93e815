package dev.tenantconnect.core.error;

import dev.tenantconnect.core.access.Evaluation;
import java.util.Objects;

/**
 * The credential lacks directory roles or Graph application permissions for what was attempted: found before a call
 * (verification) or answered by the service with HTTP 403. Carries the evaluation, so the caller can show exactly
 * which roles or permissions would fix it ({@link Evaluation#missingDescription()}: the alternatives Microsoft
 * documents for the endpoint, least privileged first).
 */
public class MissingPrivilegesException extends ServiceException {
    private static final long serialVersionUID = 1L;

    private final transient Evaluation<?> evaluation;

    /**
     * @param message what could not be done
     * @param context where the refusal came from ({@link ErrorContext#none()} when detected locally)
     * @param evaluation the role or permission evaluation that failed
     */
    public MissingPrivilegesException(String message, ErrorContext context, Evaluation<?> evaluation) {
        this(message, context, evaluation, null);
    }

    /**
     * A refusal by the service (HTTP 403), with what the endpoint needs according to Microsoft's documentation.
     *
     * @param message what could not be done, with the service's error code and (escaped) message
     * @param context where the refusal came from
     * @param evaluation the endpoint's requirement evaluated against what the credential's token held (an
     *     empty set when that is not known)
     * @param cause the underlying cause, or {@code null}
     */
    public MissingPrivilegesException(String message, ErrorContext context, Evaluation<?> evaluation,
            Throwable cause) {
        super(message + "; missing one of: " + evaluation.missingDescription(), context,
                java.util.Optional.empty(), cause);
        this.evaluation = Objects.requireNonNull(evaluation, "evaluation");
    }

    /** @return the failed evaluation: what is missing, what was held */
    public Evaluation<?> evaluation() {
        return evaluation;
    }
}
