package dev.tenantconnect.bulk;

import dev.tenantconnect.core.addon.AddonSet;
import dev.tenantconnect.core.addon.AddonTarget;
import dev.tenantconnect.core.model.PhoneNumber;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One valid row of a bulk file, as the file reader made it (callers read rows, they do not build them: a field added
 * later breaks no caller).
 */
public final class BulkRow {
    private final long line;
    private final String extKey;
    private final Optional<PhoneNumber> number;
    private final boolean wantsNumber;
    private final RowUser user;
    private final List<String> addonCodes;
    private final AddonSet addons;
    private final List<String> cells;
    private final Optional<String> locationId;

    /**
     * Validates and copies.
     *
     * @param line the file line the row starts on
     * @param extKey the extension key
     * @param number the number, if any
     * @param wantsNumber whether the row asks for a number
     * @param user who gets the extension
     * @param addonCodes the add-on codes as written
     * @param addons the validated add-on set
     * @param cells the row's cells as read
     * @param locationId the {@code Emergency Location} cell, if any
     */
    BulkRow(long line, String extKey, Optional<PhoneNumber> number, boolean wantsNumber, RowUser user,
            List<String> addonCodes, AddonSet addons, List<String> cells, Optional<String> locationId) {
        this.line = line;
        this.extKey = Objects.requireNonNull(extKey, "extKey");
        this.number = Objects.requireNonNull(number, "number");
        this.wantsNumber = wantsNumber;
        this.user = Objects.requireNonNull(user, "user");
        this.addonCodes = List.copyOf(addonCodes);
        this.addons = Objects.requireNonNull(addons, "addons");
        this.cells = List.copyOf(cells);
        if (number.isPresent() && !wantsNumber) {
            throw new IllegalArgumentException("a row with a number wants a number");
        }
        this.locationId = Objects.requireNonNull(locationId, "locationId");
    }

    /** A row without an {@code Emergency Location} cell. */
    BulkRow(long line, String extKey, Optional<PhoneNumber> number, boolean wantsNumber, RowUser user,
            List<String> addonCodes, AddonSet addons, List<String> cells) {
        this(line, extKey, number, wantsNumber, user, addonCodes, addons, cells, Optional.empty());
    }

    /** @return the file line the row starts on */
    public long line() {
        return line;
    }

    /** @return the extension key */
    public String extKey() {
        return extKey;
    }

    /** @return the number of the {@code Number} cell, if any */
    public Optional<PhoneNumber> number() {
        return number;
    }

    /**
     * @return whether the row asks for a number: a {@code Number} is given, or {@code license_number} is among the
     *     add-ons (then an empty {@code Number} means "pick one")
     */
    public boolean wantsNumber() {
        return wantsNumber;
    }

    /** @return who gets the extension */
    public RowUser user() {
        return user;
    }

    /** @return the add-on codes as written, in column order */
    public List<String> addonCodes() {
        return addonCodes;
    }

    /** @return the validated add-on set */
    public AddonSet addons() {
        return addons;
    }

    /** @return the row's cells as read (for the results file) */
    public List<String> cells() {
        return cells;
    }

    /**
     * @return the optional {@code Emergency Location} cell (a backup export writes it): the emergency location set
     *     when the row's number is assigned, instead of {@link BulkOptions#locationId()}
     */
    public Optional<String> locationId() {
        return locationId;
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
    public boolean equals(Object o) {
        return o instanceof BulkRow r && line == r.line && extKey.equals(r.extKey) && number.equals(r.number)
                && wantsNumber == r.wantsNumber && user.equals(r.user) && addonCodes.equals(r.addonCodes)
                && addons.equals(r.addons) && cells.equals(r.cells) && locationId.equals(r.locationId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(line, extKey, number, wantsNumber, user, addonCodes, addons, cells, locationId);
    }

    @Override
    public String toString() {
        return "BulkRow[line " + line + ", ext " + extKey + ", number=" + number.map(PhoneNumber::redacted).orElse("-")
                + ", addons=" + addonCodes + "]";
    }
}
