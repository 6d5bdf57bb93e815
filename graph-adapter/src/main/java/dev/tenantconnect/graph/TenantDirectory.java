package dev.tenantconnect.graph;

import dev.tenantconnect.core.tenant.TenantInfo;
import dev.tenantconnect.core.tenant.ServicePrincipalInfo;
import dev.tenantconnect.core.tenant.UserInfo;
import dev.tenantconnect.core.tenant.SkuInfo;
import dev.tenantconnect.core.tenant.TenantNumber;
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
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.graph.internal.GraphCalls;
import dev.tenantconnect.graph.internal.GraphOperation;
import dev.tenantconnect.graph.internal.Pages;
import dev.tenantconnect.graph.internal.Responses;
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
public final class TenantDirectory implements dev.tenantconnect.core.tenant.TenantDirectory {
    private final TenantId tenant;
    private final GraphServiceClient graph;
    private final GraphCalls calls;

    TenantDirectory(TenantId tenant, GraphServiceClient graph, Clock clock,
            java.util.function.Supplier<java.util.Set<dev.tenantconnect.core.access.GraphPermission>> held) {
        this.tenant = Objects.requireNonNull(tenant);
        this.graph = Objects.requireNonNull(graph);
        this.calls = new GraphCalls(tenant, Objects.requireNonNull(clock), held);
    }

    /** @return the tenant this directory reads */
    @Override
    public TenantId tenant() {
        return tenant;
    }

    private String base() {
        return graph.getRequestAdapter().getBaseUrl();
    }

    /** @return the underlying Graph SDK client (tests in this package) */
    GraphServiceClient graph() {
        return graph;
    }


    /** @return the organization (tenant ID, name, verified domains) */
    @Override
    public TenantInfo organization() {
        return calls.run(GraphOperation.READ_ORGANIZATION, () -> {
            var orgs = Responses.required(Responses.required(graph.organization().get(), "body").getValue(),
                    "$.value");
            Organization org = Responses.required(orgs.isEmpty() ? null : orgs.get(0), "$.value[0]");
            List<String> domains = new ArrayList<>();
            if (org.getVerifiedDomains() != null) {
                org.getVerifiedDomains().stream()
                        .sorted((a, b) -> Boolean.compare(Boolean.TRUE.equals(b.getIsDefault()),
                                Boolean.TRUE.equals(a.getIsDefault())))
                        .forEach(d -> domains.add(d.getName()));
            }
            return new TenantInfo(TenantId.parse(Responses.required(org.getId(), "$.value[0].id")),
                    Objects.toString(org.getDisplayName(), ""), domains);
        });
    }

    /**
     * @param appId an application ID
     * @return its service principal in this tenant, if there is one
     */
    @Override
    public Optional<ServicePrincipalInfo> servicePrincipal(ClientId appId) {
        return calls.unlessNotFound(GraphOperation.READ_SERVICE_PRINCIPAL, () -> {
            ServicePrincipal sp = graph.servicePrincipalsWithAppId(appId.value()).get();
            return new ServicePrincipalInfo(UUID.fromString(sp.getId()), sp.getAppId(),
                    Objects.toString(sp.getDisplayName(), ""), !Boolean.FALSE.equals(sp.getAccountEnabled()));
        });
    }

    /**
     * @param principalId a service principal's object ID
     * @return the directory roles assigned to it at directory scope
     */
    @Override
    public Set<DirectoryRole> directoryRoles(UUID principalId) {
        return calls.run(GraphOperation.READ_ROLE_ASSIGNMENTS, () -> {
            Set<DirectoryRole> roles = new LinkedHashSet<>();
            var builder = graph.roleManagement().directory().roleAssignments();
            java.util.function.Function<com.microsoft.graph.models.UnifiedRoleAssignmentCollectionResponse,
                    Pages.Page<UnifiedRoleAssignment>> page = r -> Pages.Page.of(Responses.required(Responses
                            .required(r, "body").getValue(), "$.value"), r.getOdataNextLink());
            List<UnifiedRoleAssignment> list = Pages.followNextLinks(base(), page.apply(builder.get(rc -> rc
                    .queryParameters.filter = "principalId eq '" + principalId + "'")), link -> page.apply(builder
                            .withUrl(link).get()));
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
    @Override
    public Set<GraphPermission> grantedGraphPermissions(UUID principalId) {
        return calls.run(GraphOperation.READ_APP_ROLE_ASSIGNMENTS, () -> {
            Set<GraphPermission> out = new LinkedHashSet<>();
            var builder = graph.servicePrincipals().byServicePrincipalId(principalId.toString())
                    .appRoleAssignments();
            java.util.function.Function<com.microsoft.graph.models.AppRoleAssignmentCollectionResponse,
                    Pages.Page<AppRoleAssignment>> page = r -> Pages.Page.of(Responses.required(Responses
                            .required(r, "body").getValue(), "$.value"), r.getOdataNextLink());
            List<AppRoleAssignment> list = Pages.followNextLinks(base(), page.apply(builder.get()),
                    link -> page.apply(builder.withUrl(link).get()));
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
    @Override
    public Optional<UserInfo> user(dev.tenantconnect.core.model.UserRef user) {
        return calls.unlessNotFound(GraphOperation.READ_USER, () -> toUser(graph.users().byUserId(user.value())
                .get(rc -> rc.queryParameters.select = USER_FIELDS)));
    }

    /**
     * Looks many users up with JSON batching: {@value #BATCH_SIZE} look-ups per HTTP request. Look-ups the batch
     * answered with a transient status (429, 5xx) are repeated one by one under the transport policy.
     *
     * @param users object IDs or UPNs
     * @return for each distinct reference, the user if it exists (iteration in input order)
     */
    @Override
    public java.util.Map<dev.tenantconnect.core.model.UserRef, Optional<UserInfo>> users(
            java.util.Collection<? extends dev.tenantconnect.core.model.UserRef> users) {
        List<dev.tenantconnect.core.model.UserRef> distinct = List.copyOf(new LinkedHashSet<>(users));
        java.util.Map<dev.tenantconnect.core.model.UserRef, Optional<UserInfo>> out = new java.util.LinkedHashMap<>();
        for (int from = 0; from < distinct.size(); from += BATCH_SIZE) {
            List<dev.tenantconnect.core.model.UserRef> chunk = distinct.subList(from,
                    Math.min(from + BATCH_SIZE, distinct.size()));
            java.util.Map<String, dev.tenantconnect.core.model.UserRef> byStep = new java.util.LinkedHashMap<>();
            com.microsoft.graph.core.content.BatchResponseContent response = calls.run(GraphOperation.READ_USERS_BATCH, () -> {
                try {
                    var content = new com.microsoft.graph.core.content.BatchRequestContent(graph);
                    for (var ref : chunk) {
                        byStep.put(content.addBatchRequestStep(graph.users().byUserId(ref.value())
                                .toGetRequestInformation(rc -> rc.queryParameters.select = USER_FIELDS)), ref);
                    }
                    return graph.getBatchRequestBuilder().post(content, null);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            // the batch answer is parsed lazily, here: its failures are translated like the call's own
            calls.run(GraphOperation.READ_USERS_BATCH, () -> {
                java.util.Map<String, Integer> status = response.getResponsesStatusCode();
                for (var step : byStep.entrySet()) {
                    int code = status.getOrDefault(step.getKey(), 0);
                    if (code == 404) {
                        out.put(step.getValue(), Optional.empty());
                    } else if (code >= 200 && code < 300) {
                        com.microsoft.graph.models.User u = response.getResponseById(step.getKey(),
                                com.microsoft.graph.models.User::createFromDiscriminatorValue);
                        out.put(step.getValue(), Optional.of(toUser(u)));
                    } else {
                        out.put(step.getValue(), user(step.getValue()));
                    }
                }
                return out;
            });
        }
        return out;
    }

    /**
     * Finds users by display name, as a person typed it into a spreadsheet (the operator's sample bulk file uses
     * names).
     *
     * @param displayName the exact display name
     * @return every user with that display name (none, one, or several when it is ambiguous)
     */
    @Override
    public List<UserInfo> usersByDisplayName(String displayName) {
        String literal = displayName.replace("'", "''");
        return calls.run(GraphOperation.FIND_USERS, () -> {
            java.util.function.Function<com.microsoft.graph.models.UserCollectionResponse, Pages.Page<UserInfo>> page =
                    r -> Pages.Page.of(Responses.required(Responses.required(r, "body").getValue(), "$.value")
                            .stream().map(TenantDirectory::toUser).toList(), r.getOdataNextLink());
            return Pages.followNextLinks(base(), page.apply(graph.users().get(rc -> {
                rc.queryParameters.filter = "displayName eq '" + literal + "'";
                rc.queryParameters.select = USER_FIELDS;
                rc.queryParameters.top = 25;
            })), link -> page.apply(graph.users().withUrl(link).get()));
        });
    }

    /**
     * Users changed since a delta link (or all users, without one), following every page.
     *
     * @param deltaLink the {@code @odata.deltaLink} of the previous read, if any
     * @return the changes and the next delta link, or empty when Graph says the link has expired (410): read all
     *     users again without one
     */
    @Override
    public Optional<UserDelta> usersDelta(Optional<String> deltaLink) {
        return calls.unlessStatus(410, GraphOperation.READ_USER_CHANGES, () -> {
            var builder = graph.users().delta();
            return drain(deltaLink.isPresent() ? builder.withUrl(deltaLink.get()).get() : builder.get(rc -> {
                rc.queryParameters.select = USER_FIELDS;
                rc.queryParameters.top = 999;
            }));
        });
    }

    /** Reads a delta from its first page to the delta link. */
    private UserDelta drain(com.microsoft.graph.users.delta.DeltaGetResponse first) {
        List<UserInfo> changed = new ArrayList<>();
        List<UUID> removed = new ArrayList<>();
        var page = first;
        while (true) {
            for (com.microsoft.graph.models.User u : page.getValue()) {
                if (u.getAdditionalData() != null && u.getAdditionalData().containsKey("@removed")) {
                    removed.add(UUID.fromString(u.getId()));
                } else {
                    changed.add(toUser(u));
                }
            }
            if (page.getOdataNextLink() == null) {
                return new UserDelta(changed, removed, Objects.requireNonNull(page.getOdataDeltaLink(),
                        "Graph answered a delta read without a delta link"));
            }
            page = graph.users().delta().withUrl(Pages.checked(base(), page.getOdataNextLink())).get();
        }
    }

    /**
     * One incremental look at a tenant for replication: the users changed since a delta link and the tenant's number
     * assignments, both first pages in one JSON batch — so an unchanged tenant costs one HTTP request. Further pages
     * (a tenant with many changes, or {@value TeamsNumbers#PAGE} numbers or more, read by {@code $skip}) are read one
     * request each.
     *
     * @param deltaLink the {@code @odata.deltaLink} of the previous read
     * @return the user changes and the numbers, or empty when Graph says the delta link has expired (410)
     */
    @Override
    public Optional<ChangesAndNumbers> changesAndNumbers(String deltaLink) {
        return calls.run(GraphOperation.READ_CHANGES_AND_NUMBERS, () -> {
            com.microsoft.graph.core.content.BatchResponseContent response;
            String usersStep;
            String numbersStep;
            var numbersBuilder = graph.admin().teams().telephoneNumberManagement().numberAssignments();
            try {
                var content = new com.microsoft.graph.core.content.BatchRequestContent(graph);
                usersStep = content.addBatchRequestStep(graph.users().delta().withUrl(deltaLink)
                        .toGetRequestInformation());
                numbersStep = content.addBatchRequestStep(numbersBuilder.toGetRequestInformation(
                        rc -> rc.queryParameters.top = TeamsNumbers.PAGE));
                response = graph.getBatchRequestBuilder().post(content, null);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            java.util.Map<String, Integer> status = response.getResponsesStatusCode();
            int usersStatus = status.getOrDefault(usersStep, 0);
            if (usersStatus == 410) {
                return Optional.<ChangesAndNumbers>empty();
            }
            // throttled or failed inside the batch: read it on its own, under the transport policy
            Optional<UserDelta> users = usersStatus >= 200 && usersStatus < 300
                    ? Optional.of(drain(response.getResponseById(usersStep,
                            com.microsoft.graph.users.delta.DeltaGetResponse::createFromDiscriminatorValue)))
                    : usersDelta(Optional.of(deltaLink));
            if (users.isEmpty()) {
                return Optional.<ChangesAndNumbers>empty();
            }
            int numbersStatus = status.getOrDefault(numbersStep, 0);
            // throttled or failed inside the batch: read it on its own, under the transport policy
            List<TenantNumber> numbers = TeamsNumbers.drain(graph, Optional.empty(),
                    numbersStatus >= 200 && numbersStatus < 300 ? response.getResponseById(numbersStep,
                            com.microsoft.graph.models.teamsadministration.NumberAssignmentCollectionResponse
                                    ::createFromDiscriminatorValue) : null);
            return Optional.of(new ChangesAndNumbers(users.get(), numbers));
        });
    }

    private static final String[] USER_FIELDS = {"id", "userPrincipalName", "usageLocation", "assignedPlans"};
    /** The most requests Microsoft Graph accepts in one JSON batch. */
    public static final int BATCH_SIZE = 20;

    private static UserInfo toUser(com.microsoft.graph.models.User u) {
        {
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
            // a delta answer may carry only what changed, so the UPN is not required here
            return new UserInfo(Responses.uuid(u.getId(), "$.id"), upn(u.getUserPrincipalName()),
                    Optional.ofNullable(u.getUsageLocation()), plans);
        }
    }

    /** A UPN as Graph sent it; empty when absent (a delta) or not a well-formed UPN (no lookup by it can match). */
    private static Optional<UserRef.Upn> upn(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UserRef.Upn.parse(text));
        } catch (dev.tenantconnect.core.error.ValidationException notAUpn) {
            return Optional.empty();
        }
    }

    /** @return the tenant's subscribed SKUs with licence counts */
    @Override
    public List<SkuInfo> subscribedSkus() {
        return calls.run(GraphOperation.READ_SUBSCRIBED_SKUS, () -> {
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
