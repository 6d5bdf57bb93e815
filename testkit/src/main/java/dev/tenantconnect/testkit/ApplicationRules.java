package dev.tenantconnect.testkit;

import dev.tenantconnect.testkit.internal.CloudState;

/**
 * Who may change an application, as Microsoft's permission tables for each API say — written from those pages, not
 * from the SDK's permission profiles (this class imports nothing from the SDK's {@code core.access}; a test keeps it
 * so). The route-level check in the engine admits any listed permission; these rules add what the tables say beyond
 * a permission name: {@code Application.ReadWrite.OwnedBy} only reaches applications whose owners include the
 * calling service principal, and some calls need two permissions at once.
 */
final class ApplicationRules {
    static final String APP_READWRITE_ALL = "Application.ReadWrite.All";
    static final String APP_READWRITE_OWNEDBY = "Application.ReadWrite.OwnedBy";
    static final String DIRECTORY_READ_ALL = "Directory.Read.All";
    static final String DIRECTORY_READWRITE_ALL = "Directory.ReadWrite.All";

    private ApplicationRules() {
    }

    /**
     * Changing an application or its secrets: {@code addPassword}, {@code removePassword}, update, upsert, delete.
     * Delegated: {@code Application.ReadWrite.All} (or {@code Directory.ReadWrite.All}) by an owner or an application
     * administrator. Application: {@code Application.ReadWrite.OwnedBy} (the app must be owned by the caller), or
     * {@code Application.ReadWrite.All} or {@code Directory.ReadWrite.All} (the permission map's higher privileged ones).
     * https://learn.microsoft.com/en-us/graph/api/application-addpassword (Permissions table),
     * https://learn.microsoft.com/en-us/graph/api/application-removepassword,
     * https://learn.microsoft.com/en-us/graph/api/application-update,
     * https://learn.microsoft.com/en-us/graph/api/application-upsert,
     * https://learn.microsoft.com/en-us/graph/permissions-reference#applicationreadwriteownedby ("manage apps that
     * this app creates or owns").
     */
    static void manage(SimRequest.Caller caller, CloudState.App app) {
        if (!caller.appOnly()) {
            // delegated: a member manages the applications it owns (default user permissions); another's needs
            // Cloud Application Administrator or Application Administrator (or Global Administrator)
            // https://learn.microsoft.com/en-us/entra/fundamentals/users-default-permissions and the pages' role
            // lists (graph api-reference includes rbac-application-apis-write)
            boolean admin = caller.directoryRoles().contains(PermissionRules.APPLICATION_ADMINISTRATOR)
                    || caller.directoryRoles().contains(PermissionRules.CLOUD_APPLICATION_ADMINISTRATOR)
                    || caller.directoryRoles().contains(PermissionRules.GLOBAL_ADMINISTRATOR);
            if ((caller.holds(APP_READWRITE_ALL) || caller.holds(DIRECTORY_READWRITE_ALL)) && (admin
                    || owns(caller, app))) {
                return;
            }
            throw denied();
        }
        if (caller.holds(APP_READWRITE_ALL) || caller.holds(DIRECTORY_READWRITE_ALL)) {
            return;
        }
        if (caller.appOnly() && caller.holds(APP_READWRITE_OWNEDBY) && owns(caller, app)) {
            return;
        }
        throw denied();
    }

    /**
     * Creating an application: delegated {@code Application.ReadWrite.All} or {@code AppRegistration.Create};
     * application {@code Application.ReadWrite.OwnedBy}, {@code AppRegistration.Create} or
     * {@code Application.ReadWrite.All} (the caller becomes its owner).
     * https://learn.microsoft.com/en-us/graph/api/application-post-applications (Permissions table).
     */
    static void create(SimRequest.Caller caller) {
        if (caller.holds(APP_READWRITE_ALL) || caller.holds("AppRegistration.Create")
                || caller.appOnly() && caller.holds(APP_READWRITE_OWNEDBY)) {
            return;
        }
        throw denied();
    }

    /**
     * Adding an owner: delegated {@code Application.ReadWrite.All} and {@code Directory.Read.All}; application the
     * same pair ({@code Application.ReadWrite.OwnedBy} "isn't sufficient to add another owner").
     * https://learn.microsoft.com/en-us/graph/api/application-post-owners (Permissions table and its note).
     */
    static void addOwner(SimRequest.Caller caller) {
        boolean directoryRead = caller.holds(DIRECTORY_READ_ALL) || caller.holds(DIRECTORY_READWRITE_ALL);
        if (caller.holds(DIRECTORY_READWRITE_ALL) || caller.holds(APP_READWRITE_ALL) && directoryRead) {
            return;
        }
        throw denied();
    }

    /** Whether the calling principal is among the application's owners. */
    static boolean owns(SimRequest.Caller caller, CloudState.App app) {
        return app.owners.stream().anyMatch(o -> o.toString().equalsIgnoreCase(caller.objectId()));
    }

    private static SimError denied() {
        return new SimError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
    }
}
