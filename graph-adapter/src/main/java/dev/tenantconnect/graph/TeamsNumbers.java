package dev.tenantconnect.graph;

import dev.tenantconnect.core.tenant.TenantNumber;
import dev.tenantconnect.core.tenant.NumberOperation;
import dev.tenantconnect.core.tenant.TeamsUserSettings;
import com.microsoft.graph.admin.teams.telephonenumbermanagement.numberassignments.microsoftgraphteamsadministrationassignnumber.AssignNumberPostRequestBody;
import com.microsoft.graph.admin.teams.telephonenumbermanagement.numberassignments.microsoftgraphteamsadministrationunassignnumber.UnassignNumberPostRequestBody;
import com.microsoft.graph.admin.teams.telephonenumbermanagement.numberassignments.microsoftgraphteamsadministrationupdatenumber.UpdateNumberPostRequestBody;
import com.microsoft.graph.models.teamsadministration.AssignmentCategory;
import com.microsoft.graph.models.teamsadministration.NumberAssignment;
import com.microsoft.graph.models.teamsadministration.NumberAssignmentCollectionResponse;
import com.microsoft.graph.models.teamsadministration.NumberType;
import com.microsoft.graph.models.teamsadministration.TelephoneNumberLongRunningOperation;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.http.middleware.options.HeadersInspectionOption;
import dev.tenantconnect.core.error.ErrorContext;
import dev.tenantconnect.core.error.ServiceException;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.resilience.CallContext;
import dev.tenantconnect.core.resilience.ConsistencyPolicy;
import dev.tenantconnect.graph.internal.GraphCalls;
import dev.tenantconnect.graph.internal.GraphOperation;
import dev.tenantconnect.graph.internal.Pages;
import dev.tenantconnect.graph.internal.Responses;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Teams telephone numbers of one tenant through Microsoft Graph v1.0 ({@code TeamsTelephoneNumber.ReadWrite.All}):
 * list and find, assign and unassign as asynchronous operations that can be awaited or resumed by ID, update the
 * emergency location.
 */
public final class TeamsNumbers implements dev.tenantconnect.core.tenant.TeamsNumbers {
    private static final Pattern OPERATION_ID = Pattern.compile("operations(?:\\('|/)([^'/)]+)");
    private final TenantId tenant;
    private final GraphServiceClient graph;
    private final ConsistencyPolicy polling;
    private final GraphCalls calls;

    TeamsNumbers(TenantId tenant, GraphServiceClient graph, ConsistencyPolicy polling, Clock clock,
            java.util.function.Supplier<java.util.Set<dev.tenantconnect.core.access.GraphPermission>> held) {
        this.tenant = Objects.requireNonNull(tenant);
        this.graph = Objects.requireNonNull(graph);
        this.polling = Objects.requireNonNull(polling);
        this.calls = new GraphCalls(tenant, Objects.requireNonNull(clock), held);
    }


    /** The page size asked for: the most Microsoft allows for the number list. */
    static final int PAGE = 1000;

    @Override
    public List<TenantNumber> list() {
        return list(Optional.empty());
    }

    @Override
    public List<TenantNumber> assignedTo(UUID target) {
        return list(Optional.of("assignmentTargetId eq '" + target + "'"));
    }

    @Override
    public void forEachPage(java.util.function.Consumer<List<TenantNumber>> page) {
        forEachPage(Optional.empty(), page);
    }

    /**
     * @param filter an OData {@code $filter}, e.g. {@code assignmentStatus eq 'unassigned'}; empty for all
     * @return every matching number: Microsoft pages this list with {@code $top}/{@code $skip} (at most
     *     {@value #PAGE} a page) and no nextLink, so pages are asked for until one comes back short (a nextLink, if
     *     the service ever sends one, is followed)
     */
    public List<TenantNumber> list(Optional<String> filter) {
        return calls.run(GraphOperation.LIST_NUMBERS, () -> drain(graph, filter, null));
    }

    /**
     * Reads every matching number a page at a time, handing each page on before the next is read: memory stays at
     * one page whatever the size of the tenant (a backup export). Pages as {@link #list} does.
     *
     * @param filter an OData {@code $filter}; empty for all
     * @param page receives each page's numbers, in Graph's order
     */
    public void forEachPage(Optional<String> filter, java.util.function.Consumer<List<TenantNumber>> page) {
        calls.run(GraphOperation.LIST_NUMBERS, () -> {
            pages(graph, filter, null, page);
            return null;
        });
    }

    /**
     * Reads every number assignment page.
     *
     * @param graph the client
     * @param filter the {@code $filter}, if any
     * @param first the first page ({@code $top=}{@value #PAGE}) if already read (in a batch), else {@code null}
     * @return every number
     */
    static List<TenantNumber> drain(GraphServiceClient graph, Optional<String> filter,
            NumberAssignmentCollectionResponse first) {
        List<TenantNumber> out = new java.util.ArrayList<>();
        pages(graph, filter, first, out::addAll);
        return out;
    }

    private static void pages(GraphServiceClient graph, Optional<String> filter,
            NumberAssignmentCollectionResponse first, java.util.function.Consumer<List<TenantNumber>> each) {
        var builder = graph.admin().teams().telephoneNumberManagement().numberAssignments();
        java.util.function.IntFunction<Pages.Page<TenantNumber>> at = skip -> page(builder.get(rc -> {
            rc.queryParameters.top = PAGE;
            if (skip > 0) {
                rc.queryParameters.skip = skip;
            }
            filter.ifPresent(f -> rc.queryParameters.filter = f);
        }));
        Pages.forEachSkipUntilShort(graph.getRequestAdapter().getBaseUrl(), PAGE,
                first == null ? at.apply(0) : page(first), at, link -> page(builder.withUrl(link).get()), each);
    }

    private static Pages.Page<TenantNumber> page(NumberAssignmentCollectionResponse r) {
        List<NumberAssignment> items = Responses.required(Responses.required(r, "body").getValue(), "$.value");
        return Pages.Page.of(items.stream().map(TeamsNumbers::toNumber).toList(), r.getOdataNextLink());
    }

    /**
     * @param number a number
     * @return the tenant's record of it, if the tenant has it
     */
    @Override
    public Optional<TenantNumber> find(PhoneNumber number) {
        List<TenantNumber> found = list(Optional.of("telephoneNumber eq '" + number + "'")); // with ;ext= if any
        return found.stream().findFirst();
    }

    /**
     * Filter text per request of {@link #listOf}, at most: {@code telephoneNumber eq '+…' or …} of about 40 numbers,
     * about 2,000 characters once URL-encoded.
     */
    static final int FILTER_CHARS = 1_500;
    /** Set once the service refused a list filtered with {@code or}: from then on {@link #listOf} reads the list. */
    private volatile boolean orRefused;

    /**
     * Reads only the numbers asked for: Microsoft's list "supports $filter on every field except id and city" with
     * {@code telephoneNumber eq '+12052582895'} as its example
     * (https://learn.microsoft.com/graph/api/teamsadministration-telephonenumbermanagementroot-list-numberassignments),
     * and OData joins such clauses with {@code or} (https://learn.microsoft.com/graph/filter-query-parameter); one
     * request per {@value #FILTER_CHARS} characters of filter (about 40 numbers). The list's own documentation shows
     * no {@code or}: if the service refuses it (400), the whole list is read instead, from then on.
     */
    @Override
    public List<TenantNumber> listOf(java.util.Collection<PhoneNumber> wanted) {
        if (wanted.isEmpty()) {
            return List.of();
        }
        if (!orRefused) {
            try {
                List<TenantNumber> out = new java.util.ArrayList<>();
                for (String filter : filters(wanted)) {
                    out.addAll(list(Optional.of(filter)));
                }
                return out;
            } catch (ServiceException e) {
                if (e.status() != 400) {
                    throw e;
                }
                orRefused = true;
            }
        }
        java.util.Set<PhoneNumber> set = java.util.Set.copyOf(wanted);
        return list().stream().filter(n -> set.contains(n.number())).toList();
    }

    /** The {@code $filter}s that together ask for the numbers, each at most {@value #FILTER_CHARS} characters. */
    static List<String> filters(java.util.Collection<PhoneNumber> wanted) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder b = new StringBuilder();
        for (PhoneNumber n : wanted) {
            String clause = "telephoneNumber eq '" + n + "'"; // with ;ext= if any, as find() asks
            if (b.length() > 0 && b.length() + 4 + clause.length() > FILTER_CHARS) {
                out.add(b.toString());
                b.setLength(0);
            }
            b.append(b.length() == 0 ? "" : " or ").append(clause);
        }
        out.add(b.toString());
        return out;
    }

    /** One request per {@value #FILTER_CHARS} characters of filter; the whole list's pages once {@code or} failed. */
    @Override
    public int requestsToList(int count, int tenantSize) {
        if (orRefused) {
            return requestsToListAll(tenantSize);
        }
        int perRequest = FILTER_CHARS / 36; // a clause of a 12-character number and its " or "
        return Math.max(1, (count + perRequest - 1) / perRequest);
    }

    /** Pages of {@value #PAGE} are read until one comes back short: a tenant of exactly 1,000 numbers needs two. */
    @Override
    public int requestsToListAll(int tenantSize) {
        return Math.max(0, tenantSize) / PAGE + 1;
    }

    private static TenantNumber toNumber(NumberAssignment n) {
        return new TenantNumber(PhoneNumber.parse(Responses.required(n.getTelephoneNumber(),
                "$.value[].telephoneNumber")), dev.tenantconnect.core.tenant.TeamsNumberType.fromGraph(Responses.required(
                                n.getNumberType(), "$.value[].numberType").getValue()), Responses.required(n.getAssignmentStatus(), "$.value[].assignmentStatus")
                        .getValue(), value(n.getActivationState()),
                Optional.ofNullable(n.getAssignmentTargetId()).filter(s -> !s.isEmpty())
                        .map(id -> Responses.uuid(id, "$.value[].assignmentTargetId")),
                n.getCapabilities() == null ? List.of() : n.getCapabilities().stream().map(TeamsNumbers::value)
                        .toList(), Objects.toString(n.getIsoCountryCode(), ""), Optional.ofNullable(n.getLocationId()));
    }

    private static String value(com.microsoft.kiota.serialization.ValuedEnum e) {
        return e == null ? "" : e.getValue();
    }

    private static NumberType type(dev.tenantconnect.core.inventory.NumberType type) {
        return switch (type) {
            case OPERATOR_CONNECT -> NumberType.OperatorConnect;
            case DIRECT_ROUTING -> NumberType.DirectRouting;
            case CALLING_PLAN -> NumberType.CallingPlan;
        };
    }

    /**
     * Starts assigning a number to a user or resource account.
     *
     * @param number the number (Direct Routing numbers may carry {@code ;ext=})
     * @param target the user or resource account object ID
     * @param numberType how the number reaches Teams
     * @param locationId the emergency location, if any
     * @return the started operation
     */
    @Override
    public NumberOperation beginAssign(PhoneNumber number, UUID target, dev.tenantconnect.core.inventory.NumberType
            numberType, Optional<String> locationId) {
        return calls.run(GraphOperation.ASSIGN_NUMBER, () -> {
            AssignNumberPostRequestBody body = new AssignNumberPostRequestBody();
            body.setTelephoneNumber(number.toString());
            body.setAssignmentTargetId(target.toString());
            body.setNumberType(type(numberType));
            body.setAssignmentCategory(AssignmentCategory.Primary);
            locationId.ifPresent(body::setLocationId);
            HeadersInspectionOption headers = new HeadersInspectionOption(false, true);
            graph.admin().teams().telephoneNumberManagement().numberAssignments()
                    .microsoftGraphTeamsAdministrationAssignNumber().post(body, rc -> rc.options.add(headers));
            return new NumberOperation(operationId(headers), "notStarted", Optional.empty());
        });
    }

    /**
     * Starts unassigning a number.
     *
     * @param number the number
     * @param numberType how the number reaches Teams
     * @return the started operation
     */
    @Override
    public NumberOperation beginUnassign(PhoneNumber number, dev.tenantconnect.core.inventory.NumberType numberType) {
        return calls.run(GraphOperation.UNASSIGN_NUMBER, () -> {
            UnassignNumberPostRequestBody body = new UnassignNumberPostRequestBody();
            body.setTelephoneNumber(number.toString());
            body.setNumberType(type(numberType));
            HeadersInspectionOption headers = new HeadersInspectionOption(false, true);
            graph.admin().teams().telephoneNumberManagement().numberAssignments()
                    .microsoftGraphTeamsAdministrationUnassignNumber().post(body, rc -> rc.options.add(headers));
            return new NumberOperation(operationId(headers), "notStarted", Optional.empty());
        });
    }

    private String operationId(HeadersInspectionOption headers) {
        String location = headers.getResponseHeaders().get("Location").stream().findFirst().orElseThrow(() ->
                new ServiceException("Graph accepted the request without a Location header",
                        ErrorContext.forTenant(tenant), Optional.empty(), null));
        Matcher m = OPERATION_ID.matcher(location);
        if (!m.find()) {
            throw new ServiceException("unexpected operation Location", ErrorContext.forTenant(tenant),
                    Optional.empty(), null);
        }
        return m.group(1);
    }

    /**
     * @param operationId an operation ID
     * @return its current status (a just-created operation may not be visible yet: then empty)
     */
    @Override
    public Optional<NumberOperation> status(String operationId) {
        return calls.unlessNotFound(GraphOperation.READ_NUMBER_OPERATION, () -> {
            TelephoneNumberLongRunningOperation op = graph.admin().teams().telephoneNumberManagement().operations()
                    .byTelephoneNumberLongRunningOperationId(operationId).get();
            if (op.getStatus() == null) {
                Optional<NumberOperation> wrapped = OperationShapes.wrapped(operationId, op.getAdditionalData());
                if (wrapped.isPresent()) {
                    return wrapped.get();
                }
            }
            String detail = op.getNumbers() == null || op.getNumbers().isEmpty() ? null
                    : op.getNumbers().get(0).getStatusDetail();
            // an operation whose status is missing or unknown would be polled until the budget ran out
            return new NumberOperation(operationId, Responses.required(op.getStatus(), "$.status").getValue(),
                    Optional.ofNullable(detail));
        });
    }

    /**
     * Waits (with the consistency policy's polling and budget) until an operation has finished.
     *
     * @param operationId the operation, e.g. from {@link #beginAssign} or a stored ID after a restart
     * @return the finished operation (succeeded or failed)
     * @throws dev.tenantconnect.core.error.NotFoundMaybeReplicatingException when it does not finish in the budget
     */
    @Override
    public NumberOperation await(String operationId) {
        return polling.awaitVisible(CallContext.idempotent("number operation " + operationId, tenant),
                () -> status(operationId).filter(NumberOperation::finished));
    }

    /**
     * @param user a user or resource account
     * @return its Teams configuration: account type, voice enablement, numbers, effective policies
     */
    @Override
    public Optional<TeamsUserSettings> userSettings(UUID user) {
        return calls.unlessNotFound(GraphOperation.READ_TEAMS_USER_CONFIGURATION, () -> settings(graph.admin().teams()
                .userConfigurations().byTeamsUserConfigurationId(user.toString()).get()));
    }

    /**
     * @return the Teams configuration of every user and resource account, following {@code @odata.nextLink} pages
     */
    @Override
    public List<TeamsUserSettings> allUserSettings() {
        return calls.run(GraphOperation.LIST_TEAMS_USER_CONFIGURATIONS, () -> {
            var builder = graph.admin().teams().userConfigurations();
            java.util.function.Function<com.microsoft.graph.models.teamsadministration
                    .TeamsUserConfigurationCollectionResponse, Pages.Page<TeamsUserSettings>> page = r -> Pages.Page
                            .of(Responses.required(Responses.required(r, "body").getValue(), "$.value").stream()
                                    .map(TeamsNumbers::settings).toList(), r.getOdataNextLink());
            return Pages.followNextLinks(graph.getRequestAdapter().getBaseUrl(), page.apply(builder.get()),
                    link -> page.apply(builder.withUrl(link).get()));
        });
    }

    private static TeamsUserSettings settings(com.microsoft.graph.models.teamsadministration.TeamsUserConfiguration c) {
        java.util.Map<String, String> policies = new java.util.LinkedHashMap<>();
        if (c.getEffectivePolicyAssignments() != null) {
            c.getEffectivePolicyAssignments().forEach(p -> policies.put(p.getPolicyType(),
                    p.getPolicyAssignment() == null ? "" : Objects.toString(p.getPolicyAssignment()
                            .getDisplayName(), "")));
        }
        List<PhoneNumber> assigned = c.getTelephoneNumbers() == null ? List.of() : c.getTelephoneNumbers()
                .stream().map(t -> PhoneNumber.parse(Responses.required(t.getTelephoneNumber(),
                        "$.value[].telephoneNumbers[].telephoneNumber"))).toList();
        return new TeamsUserSettings(Responses.uuid(c.getId(), "$.value[].id"), value(c.getAccountType()),
                Boolean.TRUE.equals(c.getIsEnterpriseVoiceEnabled()), assigned, policies);
    }

    /**
     * Sets (or clears, with an empty string) the emergency location of a number.
     *
     * @param number the number
     * @param locationId the location ID
     */
    @Override
    public void updateLocation(PhoneNumber number, String locationId) {
        calls.run(GraphOperation.UPDATE_NUMBER, () -> {
            UpdateNumberPostRequestBody body = new UpdateNumberPostRequestBody();
            body.setTelephoneNumber(number.e164());
            body.setLocationId(locationId);
            graph.admin().teams().telephoneNumberManagement().numberAssignments()
                    .microsoftGraphTeamsAdministrationUpdateNumber().post(body);
            return null;
        });
    }
}
