package dev.tenantconnect.testkit;

import java.util.List;
import java.util.Set;

/**
 * Who may call one simulated endpoint, as the "Permissions" section of its Microsoft page says. Each alternative is a
 * set of permissions needed together (Microsoft writes some as "A and B"). Application permissions are read from the
 * token's {@code roles} claim, delegated ones from {@code scp}; a delegated call must also come from a user holding
 * one of the named Microsoft Entra roles (the token's {@code wids}), where the page names any. Global Administrator
 * is accepted wherever a role is named ("can manage all aspects of Microsoft Entra ID",
 * https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/permissions-reference#global-administrator).
 * Nothing here comes from the SDK's own permission tables.
 *
 * @param endpoint the journal name of the endpoint
 * @param doc the Microsoft page whose Permissions section this rule copies
 * @param applicationLeast the least privileged application permissions
 * @param applicationHigher the higher privileged application permissions the page also lists
 * @param delegatedLeast the least privileged delegated (work or school) permissions; empty when not supported
 * @param delegatedHigher the higher privileged delegated permissions the page also lists
 * @param delegatedRoles the role template IDs a delegated caller must hold one of; empty when the page names none
 */
record AccessRule(String endpoint, String doc, List<Set<String>> applicationLeast, List<Set<String>> applicationHigher,
        List<Set<String>> delegatedLeast, List<Set<String>> delegatedHigher, Set<String> delegatedRoles) {

    /** Copies the lists. */
    AccessRule {
        applicationLeast = List.copyOf(applicationLeast);
        applicationHigher = List.copyOf(applicationHigher);
        delegatedLeast = List.copyOf(delegatedLeast);
        delegatedHigher = List.copyOf(delegatedHigher);
        delegatedRoles = Set.copyOf(delegatedRoles);
    }

    /**
     * @param caller the verified caller
     * @return whether the token's permissions (and, for delegated calls, the user's roles) admit the call
     */
    boolean admits(SimRequest.Caller caller) {
        List<Set<String>> least = caller.appOnly() ? applicationLeast : delegatedLeast;
        List<Set<String>> higher = caller.appOnly() ? applicationHigher : delegatedHigher;
        boolean permitted = least.stream().anyMatch(caller.permissions()::containsAll)
                || higher.stream().anyMatch(caller.permissions()::containsAll);
        if (!permitted) {
            return false;
        }
        return caller.appOnly() || delegatedRoles.isEmpty() || caller.directoryRoles().contains(
                PermissionRules.GLOBAL_ADMINISTRATOR) || delegatedRoles.stream().anyMatch(
                        caller.directoryRoles()::contains);
    }
}
