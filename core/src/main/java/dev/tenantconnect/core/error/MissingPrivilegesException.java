package dev.tenantconnect.core.error;

import dev.tenantconnect.core.access.Evaluation;
import java.util.Objects;

/**
 * The credential lacks directory roles or Graph application permissions for what was attempted. Carries the
 * evaluation, so the caller can show exactly which roles or permissions would fix it.
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
        super(message + "; missing one of: " + evaluation.missingDescription(), context,
                java.util.Optional.empty(), null);
        this.evaluation = Objects.requireNonNull(evaluation, "evaluation");
    }

    /** @return the failed evaluation: what is missing, what was held */
    public Evaluation<?> evaluation() {
        return evaluation;
    }
}
