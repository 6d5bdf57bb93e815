package dev.tenantconnect.core.tenant;

import dev.tenantconnect.core.error.UntrustedText;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.inventory.NumberType;
import java.util.Objects;
import java.util.Optional;

/**
 * How Microsoft Graph says a number of a tenant's Teams inventory reaches Teams: one of the {@link NumberType}s
 * ({@code operatorConnect}, {@code directRouting}, {@code callingPlan}) or a member Graph's evolvable enum has beyond
 * them ({@code internalError}, {@code unknownFutureValue} or one added later), kept as Graph wrote it so that reading
 * a tenant never fails on it (Graph v1.0 {@code microsoft.graph.teamsAdministration.numberType}:
 * https://learn.microsoft.com/graph/api/resources/teamsadministration-numberassignment).
 *
 * @param graphText the member's name as Graph writes it
 */
public record TeamsNumberType(String graphText) {
    /** An Operator Connect number. */
    public static final TeamsNumberType OPERATOR_CONNECT = of(NumberType.OPERATOR_CONNECT);
    /** A Direct Routing number. */
    public static final TeamsNumberType DIRECT_ROUTING = of(NumberType.DIRECT_ROUTING);
    /** A Microsoft Calling Plan number. */
    public static final TeamsNumberType CALLING_PLAN = of(NumberType.CALLING_PLAN);

    /**
     * Validates.
     *
     * @throws ValidationException naming {@code numberType} when the text is blank or not an enum member's name
     */
    public TeamsNumberType {
        Objects.requireNonNull(graphText, "graphText");
        if (!graphText.matches("[A-Za-z][A-Za-z0-9]{0,63}")) {
            throw new ValidationException("numberType", "must be a Graph number type such as operatorConnect "
                    + "(letters and digits), not '" + UntrustedText.of(graphText) + "'");
        }
    }

    /**
     * @param type a number type
     * @return the Graph member for it
     */
    public static TeamsNumberType of(NumberType type) {
        return new TeamsNumberType(TeamsNumbers.graphText(type));
    }

    /**
     * @param graphText the member's name as Graph writes it
     * @return the number type
     * @throws ValidationException naming {@code numberType} when the text is not an enum member's name
     */
    public static TeamsNumberType fromGraph(String graphText) {
        return new TeamsNumberType(graphText);
    }

    /** @return the number type, when it is one the SDK works with (not {@code internalError} or a later member) */
    public Optional<NumberType> known() {
        for (NumberType t : NumberType.values()) {
            if (TeamsNumbers.graphText(t).equals(graphText)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * @return the number type
     * @throws ValidationException naming {@code numberType} when it is not one the SDK works with
     */
    public NumberType require() {
        return known().orElseThrow(() -> new ValidationException("numberType",
                "must be operatorConnect, directRouting or callingPlan, not '" + graphText + "'"));
    }

    /** @return Graph's text */
    @Override
    public String toString() {
        return graphText;
    }
}
