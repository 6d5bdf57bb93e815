package dev.tenantconnect.core.addon;

/** Which kind of account an add-on can be given to. */
public enum AddonTarget {
    /** Any account: a user or a resource account. */
    ANY,
    /** Only a user (e.g. Operator Connect calling for a person). */
    USER,
    /** Only a resource account: an auto attendant or call queue (e.g. {@code device_import_msteams_OC_resource}). */
    RESOURCE_ACCOUNT
}
