package dev.tenantconnect.voice.enablement;

import dev.tenantconnect.core.inventory.InventoryNumber;
import dev.tenantconnect.core.inventory.NumberInventory;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.number.NumberState;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The one place enablement code moves numbers through the inventory lifecycle: every move and failure the single-user
 * path ({@link UserEnablement}) and the batch path ({@link EnablementBatch}) record goes through here, with the same
 * notes in the number's history and the same compensations (a failed assignment leaves the number in the tenant, a
 * failed upload releases the reservation, a failed unassignment leaves it assigned, a failed release leaves it in the
 * tenant). Each move is a compare-and-set on the version it is given; the {@code latest} forms read the number first.
 * The inventory's own transition rules still decide what is allowed.
 */
final class NumberLifecycle {
    /** How long a number reserved for an upload (not for a user) is held. */
    static final Duration UPLOAD_RESERVATION = Duration.ofMinutes(30);

    private final NumberInventory inventory;
    private final String actor;

    NumberLifecycle(NumberInventory inventory, String actor) {
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.actor = Objects.requireNonNull(actor, "actor");
    }

    /** Moves the number from the version given. */
    InventoryNumber move(InventoryNumber n, NumberState to, String note) {
        return inventory.move(n.number(), to, n.version(), actor, note);
    }

    /** Reads the number and moves it from its latest version. */
    InventoryNumber moveLatest(PhoneNumber number, NumberState to, String note) {
        return move(inventory.find(number).orElseThrow(), to, note);
    }

    /** Records a failure state with the reason, from the version given. */
    InventoryNumber fail(InventoryNumber n, NumberState failed, String why) {
        return inventory.fail(n.number(), failed, n.version(), actor, why);
    }

    /** Reserves an available number for an upload to the tenant, held by the actor. */
    InventoryNumber reserveForUpload(PhoneNumber number, TenantId tenant) {
        return inventory.reserve(number, tenant, actor, UPLOAD_RESERVATION);
    }

    /** The tenant shows the number: the upload is done. */
    InventoryNumber synced(PhoneNumber number) {
        return moveLatest(number, NumberState.IN_TENANT, "synced");
    }

    /** The tenant shows the assignment: recorded. */
    InventoryNumber assigned(PhoneNumber number) {
        return moveLatest(number, NumberState.ASSIGNED, "assigned");
    }

    /** An assignment an earlier run started and never recorded, which the tenant does not show. */
    InventoryNumber interruptedAssignment(InventoryNumber assigning) {
        return fail(assigning, NumberState.ASSIGNMENT_FAILED, "interrupted before the outcome was recorded");
    }

    /** A failed assignment is tried again from the tenant. */
    InventoryNumber retryAssignment(InventoryNumber failed) {
        return move(failed, NumberState.IN_TENANT, "retrying assignment");
    }

    /** The compensation of a failed assignment: recorded with the reason, the number left in the tenant. */
    InventoryNumber assignmentFailed(InventoryNumber assigning, String why) {
        InventoryNumber failed = fail(assigning, NumberState.ASSIGNMENT_FAILED, why);
        return move(failed, NumberState.IN_TENANT, "left in the tenant unassigned");
    }

    /**
     * The compensation of a failed upload: recorded with the reason, then the reservation released (the number is
     * available again). Every step is taken from the number's latest state.
     */
    InventoryNumber uploadFailed(PhoneNumber number, String why) {
        InventoryNumber n = inventory.find(number).orElseThrow();
        n = fail(n, NumberState.UPLOAD_FAILED, why);
        n = move(n, NumberState.RESERVED, "upload failed");
        return move(n, NumberState.AVAILABLE, "reservation released");
    }

    /**
     * As {@link #uploadFailed}, resuming wherever the compensation stopped (a batch records failures for numbers that
     * may be in any of its steps): only the steps still to take are taken.
     */
    InventoryNumber uploadFailedFromAnyStep(PhoneNumber number, String why) {
        InventoryNumber n = inventory.find(number).orElseThrow();
        if (n.status().state() == NumberState.UPLOADING) {
            n = fail(n, NumberState.UPLOAD_FAILED, why);
        }
        if (n.status().state() == NumberState.UPLOAD_FAILED) {
            n = move(n, NumberState.RESERVED, "upload failed");
        }
        if (n.status().state() == NumberState.RESERVED) {
            n = move(n, NumberState.AVAILABLE, "reservation released");
        }
        return n;
    }

    /** The compensation of a failed unassignment: recorded with the reason, the number still assigned. */
    InventoryNumber unassignmentFailed(PhoneNumber number, String why) {
        InventoryNumber n = fail(inventory.find(number).orElseThrow(), NumberState.UNASSIGNMENT_FAILED, why);
        return move(n, NumberState.ASSIGNED, "still assigned");
    }

    /** The compensation of a failed release: recorded with the reason, the number still in the tenant. */
    InventoryNumber releaseFailed(InventoryNumber releasing, String why) {
        InventoryNumber n = fail(releasing, NumberState.RELEASE_FAILED, why);
        return move(n, NumberState.IN_TENANT, "still in the tenant");
    }

    /** Brings the inventory up to "assigned" when the tenant already shows the assignment. */
    InventoryNumber converge(InventoryNumber n, TenantId tenant) {
        InventoryNumber cur = n;
        List<NumberState> path = switch (cur.status().state()) {
            case AVAILABLE -> List.of(NumberState.RESERVED, NumberState.IN_TENANT, NumberState.ASSIGNING,
                    NumberState.ASSIGNED);
            case RESERVED -> List.of(NumberState.IN_TENANT, NumberState.ASSIGNING, NumberState.ASSIGNED);
            case UPLOADING -> List.of(NumberState.IN_TENANT, NumberState.ASSIGNING, NumberState.ASSIGNED);
            case IN_TENANT -> List.of(NumberState.ASSIGNING, NumberState.ASSIGNED);
            case ASSIGNING -> List.of(NumberState.ASSIGNED);
            case ASSIGNMENT_FAILED -> List.of(NumberState.ASSIGNING, NumberState.ASSIGNED);
            default -> List.of();
        };
        for (NumberState s : path) {
            if (s == NumberState.RESERVED) {
                cur = reserveForUpload(cur.number(), tenant);
            } else {
                cur = move(cur, s, "converged with the tenant");
            }
        }
        return cur;
    }
}
