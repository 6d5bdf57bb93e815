package dev.tenantconnect.core.tenant;

import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.model.PhoneNumber;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The Teams telephone numbers of one customer tenant: list and find, assign and unassign as asynchronous operations
 * that can be awaited or resumed by ID, update the emergency location, read users' Teams configurations.
 * Implemented over Microsoft Graph v1.0 by the graph-adapter and in memory by the testkit.
 */
public interface TeamsNumbers {
    /** @return every number of the tenant */
    List<TenantNumber> list();

    /**
     * @param target a user or resource account object ID
     * @return the numbers assigned to it
     */
    List<TenantNumber> assignedTo(UUID target);

    /**
     * Reads every number a page at a time, handing each page on before the next is read.
     *
     * @param page receives each page's numbers
     */
    void forEachPage(Consumer<List<TenantNumber>> page);

    /**
     * @param number a number
     * @return the tenant's record of it, if the tenant has it
     */
    Optional<TenantNumber> find(PhoneNumber number);

    /**
     * The tenant's records of some of its numbers, read without reading the whole list where the service allows it
     * (Graph: {@code $filter} on {@code telephoneNumber}, a few numbers per request). This implementation reads the
     * whole list and keeps the ones asked for.
     *
     * @param wanted the numbers to read
     * @return the tenant's records of those it has, in no particular order
     */
    default List<TenantNumber> listOf(java.util.Collection<PhoneNumber> wanted) {
        java.util.Set<PhoneNumber> set = java.util.Set.copyOf(wanted);
        return list().stream().filter(n -> set.contains(n.number())).toList();
    }

    /**
     * How many requests {@link #listOf} needs for {@code count} numbers (the whole list's pages where it reads the
     * whole list), so that a caller can choose the cheaper read.
     *
     * @param count how many numbers
     * @param tenantSize how many numbers the tenant holds, as far as the caller knows
     * @return requests, at least 1
     */
    default int requestsToList(int count, int tenantSize) {
        return requestsToListAll(tenantSize);
    }

    /**
     * @param tenantSize how many numbers the tenant holds, as far as the caller knows
     * @return how many requests {@link #list} needs for that many numbers, at least 1
     */
    default int requestsToListAll(int tenantSize) {
        return 1;
    }

    /**
     * Starts assigning a number to a user or resource account as its primary number.
     *
     * @param number the number (Direct Routing numbers may carry {@code ;ext=})
     * @param target the user or resource account object ID
     * @param numberType how the number reaches Teams
     * @param locationId the emergency location, if any
     * @return the started operation
     */
    NumberOperation beginAssign(PhoneNumber number, UUID target, NumberType numberType, Optional<String> locationId);

    /**
     * Starts unassigning a number.
     *
     * @param number the number
     * @param numberType how the number reaches Teams
     * @return the started operation
     */
    NumberOperation beginUnassign(PhoneNumber number, NumberType numberType);

    /**
     * @param operationId an operation ID
     * @return its current status (a just-created operation may not be visible yet: then empty)
     */
    Optional<NumberOperation> status(String operationId);

    /**
     * Waits (with the tenant's consistency policy) until an operation has finished.
     *
     * @param operationId the operation, e.g. from {@link #beginAssign} or a stored ID after a restart
     * @return the finished operation (succeeded or failed)
     * @throws dev.tenantconnect.core.error.NotFoundMaybeReplicatingException when it does not finish in the budget
     */
    NumberOperation await(String operationId);

    /**
     * @param user a user or resource account
     * @return its Teams configuration: account type, voice enablement, numbers, effective policies
     */
    Optional<TeamsUserSettings> userSettings(UUID user);

    /** @return the Teams configuration of every user and resource account */
    List<TeamsUserSettings> allUserSettings();

    /**
     * Sets (or clears, with an empty string) the emergency location of a number.
     *
     * @param number the number
     * @param locationId the location ID
     */
    void updateLocation(PhoneNumber number, String locationId);

    /**
     * @param type a number type
     * @return the text Microsoft Graph uses for it ({@code operatorConnect}, {@code directRouting},
     *     {@code callingPlan}), as {@link TenantNumber#numberType()} carries it
     */
    static String graphText(NumberType type) {
        return switch (type) {
            case OPERATOR_CONNECT -> "operatorConnect";
            case DIRECT_ROUTING -> "directRouting";
            case CALLING_PLAN -> "callingPlan";
        };
    }

    /**
     * @param text the text Microsoft Graph uses for a number type, as {@link TenantNumber#numberType()} carries it
     * @return the number type
     * @throws dev.tenantconnect.core.error.ValidationException naming {@code numberType} when Graph's text is none
     *     of {@code operatorConnect}, {@code directRouting}, {@code callingPlan}
     */
    static NumberType fromGraphText(String text) {
        for (NumberType t : NumberType.values()) {
            if (graphText(t).equals(text)) {
                return t;
            }
        }
        throw new dev.tenantconnect.core.error.ValidationException("numberType",
                "must be operatorConnect, directRouting or callingPlan");
    }
}
