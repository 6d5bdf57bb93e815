package dev.tenantconnect.graph;

import com.microsoft.graph.models.AppRoleAssignment;
import com.microsoft.graph.models.Organization;
import com.microsoft.graph.models.ServicePrincipal;
import com.microsoft.graph.models.SubscribedSku;
import com.microsoft.graph.models.UnifiedRoleAssignment;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.licensing.ServicePlan;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.graph.internal.GraphCalls;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Read access to one tenant's directory through Microsoft Graph, as the operator's app: organization, service
 * principals, directory roles, granted permissions, subscribed SKUs. Every failure surfaces as a
 * {@link dev.tenantconnect.core.error.TenantConnectException} carrying status, Graph error code and request ID.
 */
public final class TenantDirectory {
    private final TenantId tenant;
    private final GraphServiceClient graph;
    private final GraphCalls calls;

    TenantDirectory(TenantId tenant, GraphServiceClient graph, Clock clock) {
        this.tenant = Objects.requireNonNull(tenant);
        this.graph = Objects.requireNonNull(graph);
        this.calls = new GraphCalls(tenant, Objects.requireNonNull(clock));
    }

    /** @return the tenant this directory reads */
    public TenantId tenant() {
        return tenant;
    }

    /** @return the underlying Graph SDK client, for calls this class does not wrap */
    public GraphServiceClient graph() {
        return graph;
    }


    /** @return the organization (tenant ID, name, verified domains) */
    public TenantInfo organization() {
        return calls.run("read organization", () -> {
            Organization org = graph.organization().get().getValue().get(0);
            List<String> domains = new ArrayList<>();
            if (org.getVerifiedDomains() != null) {
                org.getVerifiedDomains().stream()
                        .sorted((a, b) -> Boolean.compare(Boolean.TRUE.equals(b.getIsDefault()),
                                Boolean.TRUE.equals(a.getIsDefault())))
                        .forEach(d -> domains.add(d.getName()));
            }
            return new TenantInfo(TenantId.parse(org.getId()), Objects.toString(org.getDisplayName(), ""), domains);
        });
    }

    /**
     * @param appId an application ID
     * @return its service principal in this tenant, if there is one
     */
    public Optional<ServicePrincipalInfo> servicePrincipal(ClientId appId) {
        return calls.unlessNotFound("read service principal", () -> {
            ServicePrincipal sp = graph.servicePrincipalsWithAppId(appId.value()).get();
            return new ServicePrincipalInfo(UUID.fromString(sp.getId()), sp.getAppId(),
                    Objects.toString(sp.getDisplayName(), ""), !Boolean.FALSE.equals(sp.getAccountEnabled()));
        });
    }

    /**
     * @param principalId a service principal's object ID
     * @return the directory roles assigned to it at directory scope
     */
    public Set<DirectoryRole> directoryRoles(UUID principalId) {
        return calls.run("read role assignments", () -> {
            Set<DirectoryRole> roles = new LinkedHashSet<>();
            List<UnifiedRoleAssignment> list = graph.roleManagement().directory().roleAssignments()
                    .get(rc -> rc.queryParameters.filter = "principalId eq '" + principalId + "'").getValue();
            for (UnifiedRoleAssignment a : list) {
                if (a.getRoleDefinitionId() != null) {
                    roles.add(DirectoryRole.ofTemplateId(a.getRoleDefinitionId()));
                }
            }
            return roles;
        });
    }

    /**
     * @param principalId a service principal's object ID
     * @return the Microsoft Graph application permissions granted to it (known to this SDK), and the count of
     *     grants this SDK does not know by ID
     */
    public Set<GraphPermission> grantedGraphPermissions(UUID principalId) {
        return calls.run("read app role assignments", () -> {
            Set<GraphPermission> out = new LinkedHashSet<>();
            List<AppRoleAssignment> list = graph.servicePrincipals().byServicePrincipalId(principalId.toString())
                    .appRoleAssignments().get().getValue();
            for (AppRoleAssignment a : list) {
                if (a.getAppRoleId() != null) {
                    GraphPermission.byAppRoleId(a.getAppRoleId()).ifPresent(out::add);
                }
            }
            return out;
        });
    }

    /**
     * @param user an object ID or UPN
     * @return the user with usage location and assigned plans, if it exists
     */
    public Optional<UserInfo> user(dev.tenantconnect.core.model.UserRef user) {
        return calls.unlessNotFound("read user", () -> {
            com.microsoft.graph.models.User u = graph.users().byUserId(user.value()).get(rc -> rc.queryParameters
                    .select = new String[] {"id", "userPrincipalName", "usageLocation", "assignedPlans"});
            List<dev.tenantconnect.core.licensing.AssignedPlan> plans = new ArrayList<>();
            if (u.getAssignedPlans() != null) {
                for (com.microsoft.graph.models.AssignedPlan p : u.getAssignedPlans()) {
                    if (p.getServicePlanId() != null) {
                        plans.add(new dev.tenantconnect.core.licensing.AssignedPlan(new ServicePlan(
                                p.getServicePlanId()), dev.tenantconnect.core.licensing.CapabilityStatus.fromGraph(
                                        p.getCapabilityStatus()), Optional.ofNullable(p.getAssignedDateTime())
                                        .map(java.time.OffsetDateTime::toInstant), Objects.toString(p.getService(), "")));
                    }
                }
            }
            return new UserInfo(UUID.fromString(u.getId()), Objects.toString(u.getUserPrincipalName(), ""),
                    Optional.ofNullable(u.getUsageLocation()), plans);
        });
    }

    /** @return the tenant's subscribed SKUs with licence counts */
    public List<SkuInfo> subscribedSkus() {
        return calls.run("read subscribed SKUs", () -> {
            List<SkuInfo> out = new ArrayList<>();
            for (SubscribedSku s : graph.subscribedSkus().get().getValue()) {
                Set<ServicePlan> plans = new LinkedHashSet<>();
                if (s.getServicePlans() != null) {
                    s.getServicePlans().forEach(p -> {
                        if (p.getServicePlanId() != null) {
                            plans.add(new ServicePlan(p.getServicePlanId()));
                        }
                    });
                }
                int enabled = s.getPrepaidUnits() == null || s.getPrepaidUnits().getEnabled() == null ? 0
                        : s.getPrepaidUnits().getEnabled();
                int consumed = s.getConsumedUnits() == null ? 0 : s.getConsumedUnits();
                out.add(new SkuInfo(s.getSkuId(), Objects.toString(s.getSkuPartNumber(), ""), enabled, consumed,
                        plans));
            }
            return out;
        });
    }
}
