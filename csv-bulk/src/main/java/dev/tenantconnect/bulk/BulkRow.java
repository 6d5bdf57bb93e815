package dev.tenantconnect.bulk;

import dev.tenantconnect.core.addon.AddonSet;
import dev.tenantconnect.core.addon.AddonTarget;
import dev.tenantconnect.core.model.PhoneNumber;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One valid row of a bulk file.
 *
 * @param line the file line the row starts on
 * @param extKey the extension key
 * @param number the number of the {@code Number} cell, if any
 * @param wantsNumber whether the row asks for a number: a {@code Number} is given, or {@code license_number} is
 *     among the add-ons (then an empty {@code Number} means "pick one")
 * @param user who gets the extension
 * @param addonCodes the add-on codes as written, in column order
 * @param addons the validated add-on set
 * @param cells the row's cells as read (for the results file)
 * @param locationId the optional {@code Emergency Location} cell (a backup export writes it): the emergency location
 *     set when the row's number is assigned, instead of {@link BulkOptions#locationId()}
 */
public record BulkRow(long line, String extKey, Optional<PhoneNumber> number, boolean wantsNumber, RowUser user,
        List<String> addonCodes, AddonSet addons, List<String> cells, Optional<String> locationId) {
    /** Validates and copies. */
    public BulkRow {
        Objects.requireNonNull(extKey, "extKey");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(user, "user");
        addonCodes = List.copyOf(addonCodes);
        Objects.requireNonNull(addons, "addons");
        cells = List.copyOf(cells);
        if (number.isPresent() && !wantsNumber) {
            throw new IllegalArgumentException("a row with a number wants a number");
        }
        Objects.requireNonNull(locationId, "locationId");
    }

    /**
     * A row without an {@code Emergency Location} cell.
     *
     * @param line the file line
     * @param extKey the extension key
     * @param number the number, if any
     * @param wantsNumber whether the row asks for a number
     * @param user who gets the extension
     * @param addonCodes the add-on codes as written
     * @param addons the validated add-on set
     * @param cells the row's cells as read
     */
    public BulkRow(long line, String extKey, Optional<PhoneNumber> number, boolean wantsNumber, RowUser user,
            List<String> addonCodes, AddonSet addons, List<String> cells) {
        this(line, extKey, number, wantsNumber, user, addonCodes, addons, cells, Optional.empty());
    }

    /** @return whether the row enables a Teams user or resource account (it holds an Operator Connect add-on) */
    public boolean teams() {
        return addons.target() != AddonTarget.ANY;
    }

    /** @return whether the number is to be picked from the inventory (no {@code Number}, {@code license_number}) */
    public boolean pickNumber() {
        return wantsNumber && number.isEmpty();
    }

    @Override
    public String toString() {
        return "BulkRow[line " + line + ", ext " + extKey + ", number=" + number.map(PhoneNumber::redacted).orElse("-")
                + ", addons=" + addonCodes + "]";
    }
}
