package dev.tenantconnect.graph;

import dev.tenantconnect.core.tenant.DnsRecord;
import com.microsoft.graph.models.AssignedLicense;
import com.microsoft.graph.models.Domain;
import com.microsoft.graph.models.DomainDnsMxRecord;
import com.microsoft.graph.models.DomainDnsRecord;
import com.microsoft.graph.models.DomainDnsTxtRecord;
import com.microsoft.graph.models.PasswordProfile;
import com.microsoft.graph.models.User;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.assignlicense.AssignLicensePostRequestBody;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.graph.internal.GraphCalls;
import dev.tenantconnect.graph.internal.GraphOperation;
import dev.tenantconnect.graph.internal.Responses;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Directory writes for Direct Routing onboarding with automatic DNS: custom domains and their DNS
 * verification, and the activation user. Needs {@code Domain.ReadWrite.All}, {@code User.ReadWrite.All} and
 * {@code LicenseAssignment.ReadWrite.All} (or the Domain Name and User Administrator roles).
 */
public final class DirectoryWrites implements dev.tenantconnect.core.tenant.DirectoryWrites {
    private final GraphServiceClient graph;
    private final GraphCalls calls;

    DirectoryWrites(TenantId tenant, GraphServiceClient graph, Clock clock,
            java.util.function.Supplier<java.util.Set<dev.tenantconnect.core.access.GraphPermission>> held) {
        this.graph = Objects.requireNonNull(graph);
        this.calls = new GraphCalls(Objects.requireNonNull(tenant), Objects.requireNonNull(clock), held);
    }



    /**
     * @param name a domain name
     * @return whether the tenant has it verified; empty when the tenant does not have it at all
     */
    @Override
    public Optional<Boolean> domainVerified(String name) {
        return calls.unlessNotFound(GraphOperation.READ_DOMAIN, () -> Boolean.TRUE.equals(graph.domains().byDomainId(name).get()
                .getIsVerified()));
    }

    /** @param name a domain to add, unverified */
    @Override
    public void addDomain(String name) {
        calls.run(GraphOperation.ADD_DOMAIN, () -> {
            Domain d = new Domain();
            d.setId(name);
            return graph.domains().post(d);
        });
    }

    /**
     * The records Entra offers for proving ownership: a TXT record ({@code text}) and an MX record
     * ({@code mailExchange}, {@code preference}), either of which may be published
     * (https://learn.microsoft.com/graph/api/domain-list-verificationdnsrecords). Records of other types are not
     * offered for verification and are left out.
     *
     * @param name a domain added to the tenant
     * @return the records to publish to prove ownership
     */
    @Override
    public List<DnsRecord> verificationRecords(String name) {
        return calls.run(GraphOperation.READ_VERIFICATION_RECORDS, () -> {
            List<DnsRecord> out = new ArrayList<>();
            List<DomainDnsRecord> records = Responses.required(Responses.required(graph.domains().byDomainId(name)
                    .verificationDnsRecords().get(), "body").getValue(), "$.value");
            for (int i = 0; i < records.size(); i++) {
                DomainDnsRecord r = records.get(i);
                String at = "$.value[" + i + "]";
                String label = Objects.toString(r.getLabel(), name);
                int ttl = r.getTtl() == null ? 3600 : r.getTtl();
                if (r instanceof DomainDnsTxtRecord txt) {
                    out.add(new DnsRecord("TXT", label, Responses.required(txt.getText(), at + ".text"), ttl));
                } else if (r instanceof DomainDnsMxRecord mx) {
                    out.add(new DnsRecord("MX", label, Responses.required(mx.getMailExchange(), at + ".mailExchange"),
                            ttl, OptionalInt.of(Responses.required(mx.getPreference(), at + ".preference"))));
                }
            }
            return out;
        });
    }

    /**
     * @param name a domain
     * @return whether Microsoft found the records and verified it
     */
    @Override
    public boolean verifyDomain(String name) {
        // Graph answers 400 while the records are not published yet
        return calls.unlessStatus(400, GraphOperation.VERIFY_DOMAIN, () -> Boolean.TRUE.equals(
                graph.domains().byDomainId(name).verify().post().getIsVerified())).orElse(false);
    }

    /**
     * @param upn a user principal name
     * @return the user's object ID, if the user exists (and is visible)
     */
    @Override
    public Optional<UUID> findUser(UserRef.Upn upn) {
        return calls.unlessNotFound(GraphOperation.READ_USER, () -> UUID.fromString(graph.users().byUserId(upn.value()).get().getId()));
    }

    /**
     * Creates a user with a random password it never needs (the activation user signs in nowhere).
     *
     * @param upn its UPN on a verified domain
     * @param displayName its display name
     * @param usageLocation two-letter country, required before licensing
     * @return the new user's object ID
     */
    @Override
    public UUID createUser(UserRef.Upn upn, String displayName, String usageLocation) {
        return calls.run(GraphOperation.CREATE_USER, () -> {
            byte[] raw = new byte[24];
            new SecureRandom().nextBytes(raw);
            Secret password = Secret.of("Tc!" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
            User u = new User();
            u.setAccountEnabled(true);
            u.setDisplayName(displayName);
            u.setMailNickname(upn.value().substring(0, upn.value().indexOf('@')).replaceAll("[^A-Za-z0-9]", ""));
            u.setUserPrincipalName(upn.value());
            u.setUsageLocation(usageLocation);
            PasswordProfile p = new PasswordProfile();
            p.setPassword(password.revealAsString());
            p.setForceChangePasswordNextSignIn(false);
            u.setPasswordProfile(p);
            UUID id = UUID.fromString(graph.users().post(u).getId());
            password.destroy();
            return id;
        });
    }

    /**
     * @param user a user
     * @param skuId the SKU to assign
     */
    @Override
    public void assignLicense(UUID user, UUID skuId) {
        calls.run(GraphOperation.ASSIGN_LICENSE, () -> {
            AssignedLicense l = new AssignedLicense();
            l.setSkuId(skuId);
            l.setDisabledPlans(List.of());
            AssignLicensePostRequestBody body = new AssignLicensePostRequestBody();
            body.setAddLicenses(List.of(l));
            body.setRemoveLicenses(List.of());
            return graph.users().byUserId(user.toString()).assignLicense().post(body);
        });
    }

    /** @param user a user to delete */
    @Override
    public void deleteUser(UUID user) {
        calls.run(GraphOperation.DELETE_USER, () -> {
            graph.users().byUserId(user.toString()).delete();
            return null;
        });
    }
}
