package dev.tenantconnect.voice;

import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.CredentialRecord;
import dev.tenantconnect.core.credential.CredentialStore;
import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.onboarding.InvitationStore;
import dev.tenantconnect.core.resilience.ResiliencePolicies;
import dev.tenantconnect.core.tenant.MicrosoftTenants;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * What the connection services share, set once by {@link TenantConnectClient}: the credential store, the Microsoft
 * side as ports ({@link MicrosoftTenants}), the clock and the resilience policies. Every service runs on any
 * implementation of the ports (the graph-adapter's connector, the testkit's in-memory one in unit tests).
 */
final class ServiceWiring {
    private final CredentialStore store;
    private final MicrosoftTenants microsoft;
    private final Clock clock;
    private final ResiliencePolicies policies;
    private final Optional<InvitationStore> invitations;

    ServiceWiring(CredentialStore store, MicrosoftTenants microsoft, Clock clock,
            ResiliencePolicies policies, Optional<InvitationStore> invitations) {
        this.store = Objects.requireNonNull(store, "store");
        this.microsoft = Objects.requireNonNull(microsoft, "microsoft");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.invitations = Objects.requireNonNull(invitations, "invitations");
    }

    CredentialStore store() {
        return store;
    }

    MicrosoftTenants microsoft() {
        return microsoft;
    }

    Clock clock() {
        return clock;
    }

    ResiliencePolicies policies() {
        return policies;
    }

    /** The stored record of a connection, or a {@link ConfigurationException} naming the key. */
    CredentialRecord stored(CredentialKey key) {
        return store.require(key);
    }

    InvitationStore invitations() {
        return invitations.orElseThrow(() -> new ConfigurationException("invitations need an InvitationStore: set "
                + "one with TenantConnectClient.builder().invitations(...)"));
    }

    /** One wait for every new credential (rotation and the wizard), on these policies. */
    NewCredentialWait newCredentialWait() {
        return new NewCredentialWait(microsoft, policies);
    }
}
