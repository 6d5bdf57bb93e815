package dev.tenantconnect.testkit;

import java.util.Objects;

/**
 * A civic (emergency) address of a customer tenant, as the provisioning API lists it under
 * {@code teamsCivicAddresses} (swagger {@code TeamsCivicAddressResource}). Seed it with
 * {@link SimulatedTenant#civicAddress(CivicAddress)}.
 *
 * @param id the address ID
 * @param country ISO country code, e.g. {@code SG}
 * @param houseNumber house number
 * @param streetName street name
 * @param cityOrTown city or town
 * @param postalOrZipCode postal code
 * @param companyName company name
 * @param defaultLocationId the location ID numbers use for this address
 */
public record CivicAddress(String id, String country, String houseNumber, String streetName, String cityOrTown,
        String postalOrZipCode, String companyName, String defaultLocationId) {
    /** Rejects nulls. */
    public CivicAddress {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(houseNumber, "houseNumber");
        Objects.requireNonNull(streetName, "streetName");
        Objects.requireNonNull(cityOrTown, "cityOrTown");
        Objects.requireNonNull(postalOrZipCode, "postalOrZipCode");
        Objects.requireNonNull(companyName, "companyName");
        Objects.requireNonNull(defaultLocationId, "defaultLocationId");
    }
}
