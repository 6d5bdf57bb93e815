package dev.tenantconnect.core.provisioning;

import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import java.util.List;

/**
 * The operator's number-provisioning API (Operator Connect). Implementations batch as their API requires, retry
 * idempotently, and refuse uploads a consent does not cover before making any call.
 */
public interface OperatorProvisioning {

    /** @return every customer consent (request for information) */
    List<Consent> consents();

    /**
     * Creates or updates the account for a customer tenant (one account per tenant), Operator Connect enabled.
     *
     * @param tenant the customer tenant
     * @return the account name
     */
    String ensureAccount(TenantId tenant);

    /**
     * Gets ready to upload numbers to the tenant ahead of the upload, so that the upload itself starts at once: what
     * {@link #upload} would otherwise do first. The default makes sure of the account; an implementation that
     * remembers an account it made sure of lately skips that.
     *
     * @param tenant the customer tenant
     */
    default void prepareUpload(TenantId tenant) {
        ensureAccount(tenant);
    }

    /**
     * Uploads numbers to the customer tenant; each comes back {@code PENDING} (or {@code FAILED}).
     *
     * @param tenant the customer tenant
     * @param numbers the numbers, any count (batched internally)
     * @return their statuses right after the upload
     * @throws dev.tenantconnect.core.error.ValidationException when the tenant did not consent for a number's
     *     country; nothing is uploaded then
     */
    List<SyncStatus> upload(TenantId tenant, List<NumberUpload> numbers);

    /**
     * @param tenant the customer tenant
     * @param number a number uploaded before
     * @return its status now
     */
    SyncStatus status(TenantId tenant, PhoneNumber number);

    /**
     * The statuses of many numbers at once. The default asks for each number; implementations with a list call
     * (the ACG provisioning API pages through the account's numbers) override it.
     *
     * @param tenant the customer tenant
     * @param numbers numbers uploaded before
     * @return each number's status now, keyed by number, for the numbers the service knows
     */
    default java.util.Map<PhoneNumber, SyncStatus> statuses(TenantId tenant, java.util.Collection<PhoneNumber> numbers) {
        java.util.Map<PhoneNumber, SyncStatus> out = new java.util.LinkedHashMap<>();
        for (PhoneNumber n : numbers) {
            out.put(n, status(tenant, n));
        }
        return out;
    }

    /**
     * Releases numbers from the customer tenant (all or nothing per batch).
     *
     * @param tenant the customer tenant
     * @param numbers the numbers (batched internally)
     */
    void release(TenantId tenant, List<PhoneNumber> numbers);
}
