package dev.tenantconnect.voice.enablement;

import dev.tenantconnect.core.addon.AddonCatalog;
import dev.tenantconnect.core.addon.AddonSet;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.CredentialRecord;
import dev.tenantconnect.core.credential.CredentialStore;
import dev.tenantconnect.core.credential.TenantCredential;
import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.error.ErrorContext;
import dev.tenantconnect.core.error.MalformedResponseException;
import dev.tenantconnect.core.error.TenantConnectException;
import dev.tenantconnect.core.error.TransportException;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.inventory.AllocationRequest;
import dev.tenantconnect.core.inventory.InventoryNumber;
import dev.tenantconnect.core.inventory.NumberInventory;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.core.number.NumberState;
import dev.tenantconnect.core.problem.Problem;
import dev.tenantconnect.core.problem.ProblemCode;
import dev.tenantconnect.core.provisioning.Consent;
import dev.tenantconnect.core.provisioning.NumberUpload;
import dev.tenantconnect.core.provisioning.OperatorProvisioning;
import dev.tenantconnect.core.provisioning.SyncStatus;
import dev.tenantconnect.core.resilience.CallContext;
import dev.tenantconnect.core.resilience.ConsistencyPolicy;
import dev.tenantconnect.core.resilience.ResiliencePolicies;
import dev.tenantconnect.core.resilience.Sleeper;
import dev.tenantconnect.graph.GraphConnector;
import dev.tenantconnect.core.tenant.NumberOperation;
import dev.tenantconnect.core.tenant.MicrosoftTenants;
import dev.tenantconnect.core.tenant.TeamsNumbers;
import dev.tenantconnect.core.tenant.TeamsPolicy;
import dev.tenantconnect.core.tenant.TenantNumber;
import dev.tenantconnect.core.tenant.UserInfo;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enables and disables users for Teams calling as one pipeline — licence, number, assignment: what the customer admin
 * otherwise does in the Teams admin center under Voice &gt; Phone numbers. Steps: preflight (every problem at once),
 * allocate, upload (Operator Connect numbers not yet in the tenant), assign and wait for Teams' operation, record the
 * add-ons and emit a billing event. On failure it compensates — a reservation is released, an uploaded number stays in
 * the tenant unassigned and tracked — and says which step failed and why. Re-running converges: work already applied
 * (even when the answer was lost or could not be read) is recognised, never repeated.
 *
 * <p>Never a second number: before allocating, {@link #enableUser} looks for the number the user holds in the tenant
 * (then the user is already enabled: no write; a request naming a different number is refused with a
 * {@link NumberOwnershipException} that points to {@link #changeNumber}) and for a number an earlier run reserved
 * for the user (the reservation records the user) and continues that one. Never someone else's number:
 * {@link #disableUser}, {@link #changeNumber} and {@link #moveNumber} check in the tenant and the inventory that
 * the number is the user's before they change anything.
 *
 * <p>Every state a crash can leave has a re-run path that ends in a final state:
 * <table>
 * <caption>What a re-run does with a number an interrupted run left behind</caption>
 * <tr><th>left in</th><th>re-run</th><th>ends in</th></tr>
 * <tr><td>RESERVED (for the user)</td><td>{@code enableUser} (picked or named) continues it: upload (Operator
 * Connect) or straight into the tenant (Direct Routing), assign</td><td>ASSIGNED</td></tr>
 * <tr><td>UPLOADING</td><td>{@code enableUser} looks in the tenant; uploads only if absent, then assigns</td>
 * <td>ASSIGNED</td></tr>
 * <tr><td>IN_TENANT (reserved for the user, within the reservation time)</td><td>{@code enableUser} assigns it</td>
 * <td>ASSIGNED</td></tr>
 * <tr><td>ASSIGNING</td><td>{@code enableUser} waits for an operation still pending in Teams; if the tenant shows
 * the user holding it, records that (no write); otherwise assigns again</td><td>ASSIGNED</td></tr>
 * <tr><td>UNASSIGNING</td><td>{@code disableUser} (or {@code changeNumber}): if the tenant shows it unassigned,
 * records that; otherwise unassigns again</td><td>IN_TENANT (or QUARANTINED when released)</td></tr>
 * </table>
 * A failure state ({@code ASSIGNMENT_FAILED}, {@code UNASSIGNMENT_FAILED}) is recorded with its way back
 * ({@code IN_TENANT}, {@code ASSIGNED}) in the same step, so a re-run starts from a final state.
 */
public final class UserEnablement {
    private static final Logger LOG = LoggerFactory.getLogger(UserEnablement.class);
    /** How long a reservation made for one user lasts, and how long after it the number is still that user's. */
    private static final Duration RESERVATION = Duration.ofMinutes(30);
    private static final String FOR_USER = " for user ";
    final MicrosoftTenants graph;
    private final CredentialStore store;
    final NumberInventory inventory;
    final OperatorProvisioning provisioning;
    final dev.tenantconnect.core.metrics.MetricsRecorder metrics;
    private final EnablementPreflight preflight;
    final Consumer<BillingEvent> billing;
    final ResiliencePolicies policies;
    final Clock clock;
    final Sleeper sleeper;
    final String actor;
    final NumberLifecycle lifecycle;

    private UserEnablement(Builder b) {
        this.graph = b.graph;
        this.store = b.store;
        this.inventory = b.inventory;
        this.provisioning = b.provisioning;
        this.preflight = EnablementPreflight.of(b.catalog);
        this.billing = b.billing;
        this.policies = b.policies;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.actor = b.actor;
        this.lifecycle = new NumberLifecycle(b.inventory, b.actor);
        this.metrics = b.metrics;
    }

    /** @return a builder; the connector, store and inventory are required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Enables a user or resource account.
     *
     * @param key the tenant connection to act through
     * @param request who, which number, which add-ons
     * @return what happened, step by step
     */
    public EnableResult enableUser(CredentialKey key, EnableRequest request) {
        dev.tenantconnect.core.metrics.MetricTags tags = dev.tenantconnect.core.metrics.MetricTags.of(
                dev.tenantconnect.core.metrics.MetricTags.TENANT, key.tenant().value());
        long start = System.nanoTime();
        String outcome = "error";
        try {
            EnableResult r = dev.tenantconnect.core.metrics.Observations.observe(metrics,
                    dev.tenantconnect.core.metrics.MetricNames.OP_ENABLE, tags, () -> enableUserObserved(key, request));
            outcome = r.succeeded() ? "enabled" : "refused";
            return r;
        } finally {
            metrics.time(dev.tenantconnect.core.metrics.MetricNames.ENABLEMENT, tags.and("outcome", outcome),
                    java.time.Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private EnableResult enableUserObserved(CredentialKey key, EnableRequest request) {
        TenantId tenant = key.tenant();
        TenantCredential credential = credential(key);
        TeamsNumbers numbers = graph.teamsNumbers(tenant, credential);
        Optional<UserInfo> user = graph.directory(tenant, credential).user(request.user());
        EnablementPreflight.Facts.Builder facts = EnablementPreflight.Facts.builder(tenant, clock.instant())
                .addonCodes(request.addonCodes());
        user.ifPresent(u -> facts.user(new EnablementPreflight.UserFacts(u.id(), u.assignedPlans(),
                u.usageLocation())));
        Optional<InventoryNumber> specific = Optional.empty();
        Optional<TenantNumber> inTenant = Optional.empty();
        String country = null;
        NumberType type = null;
        if (request.number() instanceof NumberChoice.Specific s) {
            specific = inventory.find(s.number());
            facts.number(s.number(), specific);
            if (specific.isPresent()) {
                country = specific.get().attributes().country();
                type = specific.get().attributes().type();
                inTenant = numbers.find(s.number());
                inTenant.filter(t -> !t.unassigned()).flatMap(TenantNumber::assignmentTarget)
                        .ifPresent(facts::tenantAssignee);
            }
        } else if (request.number() instanceof NumberChoice.Pick p) {
            country = p.criteria().country();
            type = p.criteria().type().orElse(NumberType.OPERATOR_CONNECT);
        }
        if (type == NumberType.OPERATOR_CONNECT && country != null && provisioning != null
                && inTenant.isEmpty()) {
            String c = country;
            Optional<Consent> consent = provisioning.consents().stream().filter(x -> x.tenant().equals(tenant))
                    .findFirst();
            facts.consent(new EnablementPreflight.Consent(c, consent.isPresent() && consent.get().allows(c)));
        }
        EnablementPreflight.Outcome checked = preflight.check(facts.build());
        if (!checked.passed()) {
            return EnableResult.builder().failed(Step.PREFLIGHT).problems(checked.problems())
                    .user(user.map(UserInfo::id)).build();
        }
        AddonSet addons = checked.addons().orElseThrow();
        List<String> warnings = new ArrayList<>(checked.warnings());
        UUID userId = user.get().id();
        // CONVERGE: a number the user already holds in the tenant is the answer; never a second one
        Optional<TenantNumber> held = heldBy(numbers, userId);
        if (held.isEmpty() && inTenant.isPresent()
                && inTenant.get().assignmentTarget().map(userId::equals).orElse(false)) {
            held = inTenant;
        }
        if (held.isPresent()) {
            PhoneNumber h = held.get().number();
            if (request.number() instanceof NumberChoice.Specific s && !s.number().equals(h)) {
                throw new NumberOwnershipException("the user " + request.user().redacted() + " already holds "
                        + h.redacted() + " in the tenant, not " + s.number().redacted()
                        + "; use changeNumber to replace it", request.user(), s.number(), Optional.of(h),
                        ErrorContext.forTenant(tenant));
            }
            inventory.find(h).filter(x -> x.tenant().map(tenant::equals).orElse(true))
                    .ifPresent(x -> converge(x, tenant));
            billing.accept(new BillingEvent(BillingEvent.Kind.ENABLED, tenant, userId, h, addons, clock.instant()));
            return EnableResult.builder().user(userId).number(h).converged(true).warnings(warnings).build();
        }

        // ALLOCATE, or continue the number an earlier run reserved for this user and did not finish
        InventoryNumber n;
        try {
            if (request.number() instanceof NumberChoice.Pick p) {
                Optional<InventoryNumber> earlier = inFlightFor(tenant, userId);
                if (earlier.isPresent()) {
                    n = earlier.get();
                    LOG.info("continuing the number reserved earlier for a user in tenant {}: {} ({})", tenant,
                            n.number().redacted(), n.status().state());
                } else {
                    AllocationRequest c = p.criteria();
                    Optional<InventoryNumber> picked = inventory.allocate(c.toBuilder()
                            .holder(holderFor(c.holder(), userId)).build());
                    if (picked.isEmpty()) {
                        return failed(Step.ALLOCATE, List.of("no available number matches the criteria"),
                                Optional.of(userId), Optional.empty(), Optional.empty());
                    }
                    n = picked.get();
                }
            } else {
                n = specific.get();
                if (n.status().state() == NumberState.AVAILABLE) {
                    n = inventory.reserve(n.number(), tenant, holderFor(actor, userId), RESERVATION);
                }
            }
        } catch (TenantConnectException e) {
            return failed(Step.ALLOCATE, List.of(e.getMessage()), Optional.of(userId), Optional.empty(),
                    Optional.empty());
        }

        // UPLOAD
        if (n.status().state() == NumberState.RESERVED || n.status().state() == NumberState.UPLOAD_FAILED
                || n.status().state() == NumberState.UPLOADING) {
            Optional<String> uploadProblem = upload(tenant, n, numbers);
            n = inventory.find(n.number()).orElseThrow();
            if (uploadProblem.isPresent()) {
                return failed(Step.UPLOAD, List.of(uploadProblem.get()), Optional.of(userId),
                        Optional.of(n.number()), Optional.empty());
            }
        }

        // ASSIGN
        if (n.status().state() == NumberState.ASSIGNING) {
            // an earlier run stopped before recording the outcome: an assignment still in progress is waited for
            Optional<TenantNumber> now = settled(numbers, tenant, n.number());
            if (now.isPresent() && now.get().activationState().endsWith("Pending")) {
                return failed(Step.ASSIGN, List.of("an earlier assignment of this number is still in progress in "
                        + "Teams; run again later"), Optional.of(userId), Optional.of(n.number()), Optional.empty());
            }
            if (now.isPresent() && now.get().assignmentTarget().map(userId::equals).orElse(false)) {
                InventoryNumber done = converge(n, tenant);
                billing.accept(new BillingEvent(BillingEvent.Kind.ENABLED, tenant, userId, done.number(), addons,
                        clock.instant()));
                return EnableResult.builder().user(userId).number(done.number()).converged(true)
                        .warnings(warnings).build();
            }
            // the tenant does not show the assignment: it never landed
            n = lifecycle.interruptedAssignment(n);
        }
        if (n.status().state() == NumberState.ASSIGNMENT_FAILED) {
            n = lifecycle.retryAssignment(n);
        }
        if (n.status().state() != NumberState.IN_TENANT) {
            return failed(Step.ASSIGN, List.of("the number is " + n.status().state() + ", not in the tenant"),
                    Optional.of(userId), Optional.of(n.number()), Optional.empty());
        }
        PhoneNumber number = n.number();
        n = lifecycle.move(n, NumberState.ASSIGNING, "assign to user");
        Optional<String> operationId = Optional.empty();
        try {
            NumberOperation started = numbers.beginAssign(number, userId, n.attributes().type(),
                    request.locationId());
            operationId = Optional.of(started.id());
            NumberOperation done = numbers.await(started.id());
            if (!done.succeeded()) {
                String why = done.detail().orElse("the assignment operation failed");
                lifecycle.assignmentFailed(n, why);
                return failed(Step.ASSIGN, List.of(why), Optional.of(userId), Optional.of(number), operationId);
            }
        } catch (TransportException | MalformedResponseException e) {
            // the answer was lost or could not be read, perhaps after the assignment was applied: an unknown
            // outcome, so the tenant decides, never the error
            try {
                policies.consistencyFor(tenant).awaitVisible(CallContext.idempotent("assignment visible", tenant),
                        () -> numbers.find(number).filter(t -> t.assignmentTarget().map(userId::equals).orElse(false)
                                && t.activationState().equals("activated")));
            } catch (TenantConnectException notApplied) {
                lifecycle.assignmentFailed(n, e.getMessage());
                return failed(Step.ASSIGN, List.of(e.getMessage()), Optional.of(userId), Optional.of(number),
                        operationId);
            }
        } catch (TenantConnectException e) {
            lifecycle.assignmentFailed(n, e.getMessage());
            return failed(Step.ASSIGN, List.of(e.getMessage()), Optional.of(userId), Optional.of(number),
                    operationId);
        }
        lifecycle.assigned(number);

        // POLICIES: grant what Graph can; say precisely what it cannot
        warnings.addAll(grantPolicies(key, userId, request.teamsPolicies()));

        // RECORD
        billing.accept(new BillingEvent(BillingEvent.Kind.ENABLED, tenant, userId, number, addons, clock.instant()));
        LOG.info("enabled a user in tenant {} with number {}", tenant, number.redacted());
        return EnableResult.builder().user(userId).number(number).operationId(operationId).warnings(warnings)
                .build();
    }

    /**
     * Enables many users whose preflight the caller has done, as cheaply as the tenant allows: the tenant's numbers
     * are read once; Operator Connect numbers are uploaded in the provisioning API's batches and their sync read back
     * a page at a time; each user costs one paced assignment request; assignments are confirmed by reading the
     * tenant's number list in rounds instead of polling each operation. Compensation and convergence are those of
     * {@link #enableUser}: a failed upload releases the reservation, a failed assignment leaves the number in the
     * tenant unassigned and tracked, an assignment already in the tenant is recognised and not repeated.
     *
     * <p>Blocks until every started item has a result. Results arrive on worker threads and on the calling thread,
     * each item at most once; items not started because {@link BatchOptions#stop()} turned true get none.
     *
     * @param key the tenant connection to act through
     * @param items the users, each with its number (held in the inventory for this tenant)
     * @param options concurrency, confirmation budget and stop signal
     * @param onResult receives each item's result
     */
    public void enableAll(CredentialKey key, List<BatchItem> items, BatchOptions options,
            java.util.function.BiConsumer<BatchItem, EnableResult> onResult) {
        Objects.requireNonNull(onResult, "onResult");
        if (items.isEmpty()) {
            return;
        }
        new EnablementBatch(this, key, Objects.requireNonNull(options, "options"), onResult).run(List.copyOf(items));
    }

    /**
     * Uploads Operator Connect numbers to the tenant ahead of any assignment, so the customer's admin sees them in the
     * Teams admin center under Voice &gt; Phone numbers, as Operator Connect numbers appear there. Each number must be
     * AVAILABLE (it is reserved for this tenant) or already held for this tenant; a number already in the tenant is
     * reported as done. Uploads go in the provisioning API's batches; a failed upload releases the reservation.
     *
     * @param key the tenant connection
     * @param numbers the numbers
     * @return one outcome per number, in order
     */
    public List<NumberOutcome> uploadNumbers(CredentialKey key, List<PhoneNumber> numbers) {
        TenantId tenant = key.tenant();
        java.util.Map<PhoneNumber, Optional<String>> outcome = new java.util.LinkedHashMap<>();
        List<PhoneNumber> toUpload = new ArrayList<>();
        for (PhoneNumber number : numbers) {
            Optional<InventoryNumber> found = inventory.find(number);
            if (found.isEmpty()) {
                outcome.put(number, Optional.of("the number is not in the operator's inventory"));
                continue;
            }
            InventoryNumber n = found.get();
            boolean ours = n.tenant().map(tenant::equals).orElse(false);
            NumberState state = n.status().state();
            if (n.attributes().type() != NumberType.OPERATOR_CONNECT) {
                outcome.put(number, Optional.of("not an Operator Connect number: nothing to upload"));
            } else if (state == NumberState.AVAILABLE) {
                lifecycle.reserveForUpload(number, tenant);
                toUpload.add(number);
            } else if (!ours) {
                outcome.put(number, Optional.of("the number is " + state + " for another tenant"));
            } else if (state == NumberState.RESERVED || state == NumberState.UPLOADING
                    || state == NumberState.UPLOAD_FAILED) {
                if (state == NumberState.UPLOAD_FAILED) {
                    lifecycle.move(n, NumberState.UPLOADING, "retrying upload");
                }
                toUpload.add(number);
            } else if (state == NumberState.IN_TENANT || state == NumberState.ASSIGNED) {
                outcome.put(number, Optional.empty());
            } else {
                outcome.put(number, Optional.of("the number is " + state + "; it cannot be uploaded now"));
            }
        }
        if (!toUpload.isEmpty()) {
            outcome.putAll(EnablementBatch.uploadNumbers(this, tenant, toUpload, () -> provisioning.consents()
                    .stream().filter(c -> c.tenant().equals(tenant)).findFirst()));
        }
        return numbers.stream().distinct().map(n -> new NumberOutcome(n, outcome.get(n))).toList();
    }

    /**
     * Releases an unassigned number from the tenant back to the operator: Operator Connect numbers are removed
     * through the provisioning API; the inventory holds the number in quarantine before it can be reused.
     *
     * @param key the tenant connection
     * @param number a number in the tenant, not assigned
     * @return what happened; on failure the number stays in the tenant, tracked
     */
    public NumberOutcome releaseNumber(CredentialKey key, PhoneNumber number) {
        TenantId tenant = key.tenant();
        Optional<InventoryNumber> found = inventory.find(number);
        if (found.isEmpty()) {
            return new NumberOutcome(number, Optional.of("the number is not in the operator's inventory"));
        }
        InventoryNumber n = found.get();
        if (!n.tenant().map(tenant::equals).orElse(false) || (n.status().state() != NumberState.IN_TENANT
                && n.status().state() != NumberState.RELEASE_FAILED)) {
            return new NumberOutcome(number, Optional.of("the number is " + n.status().state()
                    + (n.status().state() == NumberState.ASSIGNED ? "; disable its user first" : "")
                    + " and cannot be released from this tenant"));
        }
        n = lifecycle.move(n, NumberState.RELEASING, "release from the tenant");
        try {
            if (n.attributes().type() == NumberType.OPERATOR_CONNECT) {
                if (provisioning == null) {
                    throw new ConfigurationException("an Operator Connect number is released through the "
                            + "provisioning API, but no OperatorProvisioning is configured");
                }
                provisioning.release(tenant, List.of(number));
            }
        } catch (TenantConnectException e) {
            lifecycle.releaseFailed(n, e.getMessage());
            return new NumberOutcome(number, Optional.of(e.getMessage()));
        }
        lifecycle.move(n, NumberState.QUARANTINED, "released; quarantined before reuse");
        return new NumberOutcome(number, Optional.empty());
    }

    /** Grants what Graph can; returns a warning for each policy it could not grant, saying why. */
    List<String> grantPolicies(CredentialKey key, UUID userId, java.util.Set<TeamsPolicy> wanted) {
        if (wanted.isEmpty()) {
            return List.of();
        }
        List<String> warnings = new ArrayList<>();
        var policiesApi = graph.teamsPolicies(key.tenant(), credential(key));
        for (TeamsPolicy policy : wanted) {
            try {
                var grant = policiesApi.grant(userId, policy);
                if (grant.outcome() != dev.tenantconnect.core.tenant.PolicyGrantResult.Outcome.APPLIED) {
                    warnings.add("policy " + policy + " not granted: " + grant.detail());
                }
            } catch (TenantConnectException e) {
                warnings.add("policy " + policy + " not granted: " + e.getMessage());
            }
        }
        return warnings;
    }

    /** Brings the inventory up to "assigned" when the tenant already shows the assignment. */
    InventoryNumber converge(InventoryNumber n, TenantId tenant) {
        return lifecycle.converge(n, tenant);
    }

    private Optional<String> upload(TenantId tenant, InventoryNumber n, TeamsNumbers numbers) {
        PhoneNumber number = n.number();
        InventoryNumber cur = n;
        if (cur.status().state() == NumberState.UPLOADING) {
            LOG.debug("resuming an interrupted upload of {}", number.redacted());
        } else if (cur.status().state() == NumberState.UPLOAD_FAILED) {
            cur = lifecycle.move(cur, NumberState.UPLOADING, "retrying upload");
        } else if (cur.attributes().type() != NumberType.OPERATOR_CONNECT) {
            lifecycle.move(cur, NumberState.IN_TENANT, "direct routing: no upload");
            return Optional.empty();
        } else {
            cur = lifecycle.move(cur, NumberState.UPLOADING, "upload to the tenant");
        }
        try {
            if (numbers.find(number).isEmpty()) {
                if (provisioning == null) {
                    throw new ConfigurationException("an Operator Connect number must be uploaded, but no "
                            + "OperatorProvisioning is configured");
                }
                provisioning.upload(tenant, List.of(new NumberUpload(number, cur.attributes().country(),
                        cur.attributes().usage(), List.of("InboundCalling", "OutboundCalling"), Optional.empty())));
                ConsistencyPolicy polling = policies.consistencyFor(tenant);
                SyncStatus synced = polling.awaitVisible(CallContext.idempotent("number synced", tenant), () -> {
                    SyncStatus s = provisioning.status(tenant, number);
                    return s.state() == SyncStatus.State.PENDING ? Optional.empty() : Optional.of(s);
                });
                if (synced.state() == SyncStatus.State.FAILED) {
                    throw new ConfigurationException("upload failed: " + String.join("; ", synced.errors()));
                }
            }
            lifecycle.synced(number);
            return Optional.empty();
        } catch (TenantConnectException e) {
            lifecycle.uploadFailed(number, e.getMessage());
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Disables a user and keeps the number in the tenant for reuse: {@link #disableUser(CredentialKey, UserRef,
     * PhoneNumber, AddonSet, DisableMode)} with {@link DisableMode#KEEP_IN_TENANT}.
     *
     * @param key the tenant connection
     * @param user the user
     * @param number the user's number
     * @param addons the add-ons that stop being billed
     * @return what happened
     */
    public EnableResult disableUser(CredentialKey key, UserRef user, PhoneNumber number, AddonSet addons) {
        return disableUser(key, user, number, addons, DisableMode.KEEP_IN_TENANT);
    }

    /**
     * Disables a user: unassigns the number, then keeps it in the tenant (tracked, for reuse) or releases it from the
     * tenant into quarantine. Ownership is checked first, in the tenant and the inventory: a number assigned to
     * someone else, or not tracked for this tenant, is refused with a {@link NumberOwnershipException} and nothing
     * changes. Re-runnable: an unassignment whose answer was lost, unreadable or late is settled against the tenant;
     * a number left {@code UNASSIGNING} or {@code UNASSIGNMENT_FAILED} by a crash is finished (see the class
     * overview's table); a number already unassigned reports success with {@code converged} and bills nothing.
     *
     * @param key the tenant connection
     * @param user the user
     * @param number the user's number
     * @param addons the add-ons that stop being billed
     * @param mode keep the number in the tenant or release it
     * @return what happened
     * @throws NumberOwnershipException when the number is not the user's
     */
    public EnableResult disableUser(CredentialKey key, UserRef user, PhoneNumber number, AddonSet addons,
            DisableMode mode) {
        UUID userId = graph.directory(key.tenant(), credential(key)).user(user).map(UserInfo::id)
                .orElseThrow(() -> new ConfigurationException("user not found in the tenant"));
        return disable(key, userId, user, number, addons, mode);
    }

    private EnableResult disable(CredentialKey key, UUID userId, UserRef user, PhoneNumber number,
            AddonSet addons, DisableMode mode) {
        TenantId tenant = key.tenant();
        TeamsNumbers numbers = graph.teamsNumbers(tenant, credential(key));
        InventoryNumber n = inventory.find(number).filter(x -> x.tenant().map(tenant::equals).orElse(false))
                .orElseThrow(() -> new NumberOwnershipException("the number " + number.redacted()
                        + " is not tracked in the operator's inventory for this tenant; it is not " + user.redacted()
                        + "'s to disable", user, number, Optional.empty(), ErrorContext.forTenant(tenant)));
        Optional<TenantNumber> t = settled(numbers, tenant, number);
        Optional<UUID> holder = t.flatMap(TenantNumber::assignmentTarget);
        if (holder.isPresent() && !holder.get().equals(userId)) {
            throw new NumberOwnershipException("the number " + number.redacted() + " is assigned to another user ("
                    + holder.get() + ") in the tenant, not to " + user.redacted() + "; nothing was changed", user,
                    number, heldBy(numbers, userId).map(TenantNumber::number), ErrorContext.forTenant(tenant));
        }
        boolean assignedToUser = holder.isPresent();
        NumberState state = n.status().state();
        if (!assignedToUser) {
            // the tenant shows it unassigned: an earlier run unassigned it (answer lost or crash before recording),
            // or it was never this user's
            if (state == NumberState.IN_TENANT) {
                EnableResult already = EnableResult.builder().user(userId).number(number).converged(true).build();
                return mode == DisableMode.RELEASE_FROM_TENANT ? release(key, already) : already;
            }
            if (state != NumberState.UNASSIGNING && state != NumberState.UNASSIGNMENT_FAILED) {
                throw new NumberOwnershipException("the number " + number.redacted() + " is " + state
                        + " in the inventory but not assigned to " + user.redacted() + " in the tenant; nothing was changed",
                        user, number, heldBy(numbers, userId).map(TenantNumber::number),
                        ErrorContext.forTenant(tenant));
            }
            if (state == NumberState.UNASSIGNMENT_FAILED) {
                n = lifecycle.move(n, NumberState.UNASSIGNING, "found unassigned");
            }
            return unassigned(key, userId, n, addons, Optional.empty(), true, mode);
        }
        if (state == NumberState.UNASSIGNMENT_FAILED) {
            n = lifecycle.move(n, NumberState.UNASSIGNING, "retrying unassignment");
        } else if (state != NumberState.UNASSIGNING) {
            if (state != NumberState.ASSIGNED) {
                n = converge(n, tenant); // the tenant shows the user holding it: record that first
            }
            n = lifecycle.move(n, NumberState.UNASSIGNING, "disable user");
        }
        Optional<String> operationId = Optional.empty();
        String why;
        try {
            NumberOperation started = numbers.beginUnassign(number, n.attributes().type());
            operationId = Optional.of(started.id());
            NumberOperation done = numbers.await(started.id());
            if (done.succeeded()) {
                return unassigned(key, userId, n, addons, operationId, false, mode);
            }
            why = done.detail().orElse("the unassignment operation failed");
        } catch (TenantConnectException e) {
            // lost, unreadable or late: an unknown outcome, settled against the tenant
            why = e.getMessage();
            try {
                policies.consistencyFor(tenant).awaitVisible(CallContext.idempotent("unassignment visible", tenant),
                        () -> numbers.find(number).filter(x -> x.unassigned()
                                && x.activationState().equals("activated")));
                return unassigned(key, userId, inventory.find(number).orElseThrow(), addons, operationId, false,
                        mode);
            } catch (TenantConnectException stillAssigned) {
                LOG.debug("unassignment in tenant {} not visible: {}", tenant, stillAssigned.getMessage());
            }
        }
        lifecycle.unassignmentFailed(number, why);
        return failed(Step.ASSIGN, List.of(why), Optional.of(userId), Optional.of(number), operationId);
    }

    /** Records an unassignment the tenant shows: IN_TENANT, billed once, released if asked. */
    private EnableResult unassigned(CredentialKey key, UUID userId, InventoryNumber n, AddonSet addons,
            Optional<String> operationId, boolean converged, DisableMode mode) {
        lifecycle.move(n, NumberState.IN_TENANT, "unassigned");
        billing.accept(new BillingEvent(BillingEvent.Kind.DISABLED, key.tenant(), userId, n.number(), addons,
                clock.instant()));
        EnableResult r = EnableResult.builder().user(userId).number(n.number()).operationId(operationId)
                .converged(converged).build();
        return mode == DisableMode.RELEASE_FROM_TENANT ? release(key, r) : r;
    }

    private EnableResult release(CredentialKey key, EnableResult disabled) {
        NumberOutcome released = releaseNumber(key, disabled.number().orElseThrow());
        if (released.succeeded()) {
            return disabled;
        }
        return disabled.toBuilder().failed(Step.RELEASE).problem(Problem.of(ProblemCode.RELEASE_FAILED,
                EnablementPreflight.FIELD_NUMBER, "unassigned and kept in the tenant, but not released: "
                + released.problem().orElse("release failed") + "; run releaseNumber again")).build();
    }

    /**
     * Changes a user's number in one operation: the old number (checked to be the user's, in the tenant and the
     * inventory) is unassigned and returned to the tenant pool (tracked, never leaked), then the new one is
     * assigned. If the new number cannot be assigned, the old one is assigned back and the result names the failed
     * step. Moving a user between number types (Operator Connect to Direct Routing and back) is the same call with a
     * replacement of the other type. Re-runnable: a run that stopped after the old number was unassigned finds the
     * user without a number and finishes the replacement.
     *
     * @param key the tenant connection
     * @param user the user
     * @param oldNumber the user's current number
     * @param replacement the new number (specific or picked) and add-ons
     * @return what happened
     * @throws NumberOwnershipException when the old number is not the user's (nothing changes)
     */
    public EnableResult changeNumber(CredentialKey key, UserRef user, PhoneNumber oldNumber,
            EnableRequest replacement) {
        UUID userId = graph.directory(key.tenant(), credential(key)).user(user).map(UserInfo::id)
                .orElseThrow(() -> new ConfigurationException("user not found in the tenant"));
        AddonSet addons = addonsOrThrow(replacement.addonCodes());
        EnableResult off = disable(key, userId, user, oldNumber, addons, DisableMode.KEEP_IN_TENANT);
        if (!off.succeeded()) {
            return off;
        }
        EnableResult on = enableUser(key, replacement);
        if (on.succeeded()) {
            return on;
        }
        EnableResult restored = enableUser(key, replacement.toBuilder().user(user)
                .number(new NumberChoice.Specific(oldNumber)).teamsPolicies(java.util.Set.of()).build());
        return on.toBuilder().user(userId).converged(false).problem(restored.succeeded()
                ? Problem.of(ProblemCode.OTHER, EnablementPreflight.FIELD_NUMBER, "the old number was assigned back")
                : Problem.of(ProblemCode.ASSIGNMENT_FAILED, EnablementPreflight.FIELD_NUMBER, "the old number could "
                        + "not be assigned back: " + messages(restored))).build();
    }

    /**
     * Moves a number from one user to another in one operation: checks that {@code from} holds it and that
     * {@code to} holds no number, unassigns it from {@code from} (kept in the tenant), assigns it to {@code to}; if
     * that fails, assigns it back to {@code from}.
     *
     * @param key the tenant connection
     * @param from the user who holds the number
     * @param to the user who gets it, with add-ons and location ({@code to.number()} must name {@code number})
     * @param number the number
     * @return the result of assigning it to {@code to}
     * @throws NumberOwnershipException when {@code from} does not hold the number or {@code to} holds another one
     */
    public EnableResult moveNumber(CredentialKey key, UserRef from, EnableRequest to, PhoneNumber number) {
        if (!(to.number() instanceof NumberChoice.Specific s) || !s.number().equals(number)) {
            throw new ValidationException("to.number", "must name the number being moved");
        }
        TenantId tenant = key.tenant();
        var directory = graph.directory(tenant, credential(key));
        UUID fromId = directory.user(from).map(UserInfo::id)
                .orElseThrow(() -> new ConfigurationException("user not found in the tenant"));
        UUID toId = directory.user(to.user()).map(UserInfo::id)
                .orElseThrow(() -> new ConfigurationException("user not found in the tenant"));
        TeamsNumbers numbers = graph.teamsNumbers(tenant, credential(key));
        Optional<TenantNumber> toHolds = heldBy(numbers, toId);
        if (toHolds.isPresent() && !toHolds.get().number().equals(number)) {
            throw new NumberOwnershipException("the user " + to.user().redacted() + " already holds "
                    + toHolds.get().number().redacted() + "; disable them or change their number first",
                    to.user(), number, toHolds.map(TenantNumber::number), ErrorContext.forTenant(tenant));
        }
        if (toHolds.isEmpty()) {
            AddonSet addons = addonsOrThrow(to.addonCodes());
            EnableResult off = disable(key, fromId, from, number, addons, DisableMode.KEEP_IN_TENANT);
            if (!off.succeeded()) {
                return off;
            }
        }
        EnableResult on = enableUser(key, to);
        if (on.succeeded()) {
            return on;
        }
        EnableResult restored = enableUser(key, to.toBuilder().user(from)
                .number(new NumberChoice.Specific(number)).teamsPolicies(java.util.Set.of()).build());
        return on.toBuilder().user(toId).number(number).converged(false).problem(restored.succeeded()
                ? Problem.of(ProblemCode.OTHER, EnablementPreflight.FIELD_NUMBER,
                        "the number was assigned back to its first user")
                : Problem.of(ProblemCode.ASSIGNMENT_FAILED, EnablementPreflight.FIELD_NUMBER, "the number could not "
                        + "be assigned back: " + messages(restored))).build();
    }

    /** The number the user holds in the tenant as its primary line, if any. */
    static Optional<TenantNumber> heldBy(TeamsNumbers numbers, UUID userId) {
        return numbers.assignedTo(userId).stream()
                .filter(t -> t.assignmentTarget().map(userId::equals).orElse(false)).findFirst();
    }

    /** The reservation holder that records the user a number is for. */
    static String holderFor(String holder, UUID userId) {
        return holder + FOR_USER + userId;
    }

    /**
     * A number an earlier run reserved for this user and left in flight (reserved, uploading, in the tenant within
     * the reservation time, assigning): found by the user recorded with its reservation.
     */
    private Optional<InventoryNumber> inFlightFor(TenantId tenant, UUID userId) {
        String mark = FOR_USER + userId;
        java.time.Instant recent = clock.instant().minus(RESERVATION);
        return inventory.byTenant(tenant).stream().filter(x -> switch (x.status().state()) {
            case RESERVED, UPLOADING, UPLOAD_FAILED, ASSIGNING, ASSIGNMENT_FAILED -> true;
            case IN_TENANT -> x.stateSince().isAfter(recent);
            default -> false;
        }).filter(x -> {
            List<dev.tenantconnect.core.number.NumberTransition> h = inventory.history(x.number());
            for (int i = h.size() - 1; i >= 0; i--) {
                var t = h.get(i);
                if (t.to() == NumberState.ASSIGNED || t.to() == NumberState.UNASSIGNING) {
                    return false; // assigned since: pool stock now
                }
                if (t.to() == NumberState.RESERVED) {
                    return t.actor().endsWith(mark);
                }
            }
            return false;
        }).findFirst();
    }

    /** The number as the tenant shows it once no operation is pending on it (or as it is when the budget ends). */
    private Optional<TenantNumber> settled(TeamsNumbers numbers, TenantId tenant, PhoneNumber number) {
        Optional<TenantNumber> now = numbers.find(number);
        if (now.isEmpty() || !now.get().activationState().endsWith("Pending")) {
            return now;
        }
        try {
            return Optional.of(policies.consistencyFor(tenant).awaitVisible(CallContext.idempotent(
                    "number operation settled", tenant), () -> numbers.find(number)
                            .filter(x -> !x.activationState().endsWith("Pending"))));
        } catch (TenantConnectException e) {
            return numbers.find(number);
        }
    }

    TenantCredential credential(CredentialKey key) {
        return store.require(key).credential();
    }

    private static EnableResult failed(Step step, List<String> problems, Optional<UUID> user,
            Optional<PhoneNumber> number, Optional<String> operationId) {
        return EnableResult.builder().failed(step).problems(problems.stream().map(p -> problemAt(step, p)).toList())
                .user(user).number(number).operationId(operationId).build();
    }

    /** A failure after the preflight, typed by the step it happened in. */
    static Problem problemAt(Step step, String message) {
        ProblemCode code = switch (step) {
            case PREFLIGHT -> ProblemCode.OTHER;
            case ALLOCATE -> message.startsWith("no available number") ? ProblemCode.NO_NUMBER_AVAILABLE
                    : ProblemCode.ALLOCATION_FAILED;
            case UPLOAD -> ProblemCode.UPLOAD_FAILED;
            case ASSIGN -> message.contains("still in progress") ? ProblemCode.OPERATION_PENDING
                    : message.contains(", not in the tenant") ? ProblemCode.NUMBER_STATE : ProblemCode.ASSIGNMENT_FAILED;
            case RECORD -> ProblemCode.OTHER;
            case RELEASE -> ProblemCode.RELEASE_FAILED;
        };
        return Problem.of(code, EnablementPreflight.FIELD_NUMBER, message);
    }

    /** The add-ons of a request, or every bad code at once in one exception, before anything is written. */
    private AddonSet addonsOrThrow(List<String> codes) {
        EnablementPreflight.Outcome checked = preflight.checkAddons(codes);
        return checked.addons().orElseThrow(() -> new ValidationException(EnablementPreflight.FIELD_ADDONS,
                String.join("; ", checked.problems().stream().map(Problem::message).toList())));
    }

    private static String messages(EnableResult r) {
        return String.join("; ", r.problems().stream().map(Problem::message).toList());
    }

    /** Configures {@link UserEnablement}. */
    public static final class Builder {
        private dev.tenantconnect.core.metrics.MetricsRecorder metrics =
                dev.tenantconnect.core.metrics.MetricsRecorder.noop();

        /**
         * @param value where enablement durations by outcome and the {@code enable} observation go (default nowhere)
         * @return this
         */
        public Builder metrics(dev.tenantconnect.core.metrics.MetricsRecorder value) {
            this.metrics = Objects.requireNonNull(value);
            return this;
        }

        private MicrosoftTenants graph;
        private CredentialStore store;
        private NumberInventory inventory;
        private OperatorProvisioning provisioning;
        private AddonCatalog catalog = AddonCatalog.standard();
        private Consumer<BillingEvent> billing = e -> { };
        private ResiliencePolicies policies = ResiliencePolicies.defaults();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private String actor = "tenantconnect";

        private Builder() {
        }

        /**
         * @param value the Entra/Graph connector (this or {@link #microsoft} is required)
         * @return this
         */
        public Builder graph(GraphConnector value) {
            this.graph = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value the Microsoft side as ports, instead of a connector: any implementation of
         *     {@link MicrosoftTenants}, e.g. the testkit's in-memory one for fast unit tests
         * @return this
         */
        public Builder microsoft(MicrosoftTenants value) {
            this.graph = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value where tenant credentials live (required)
         * @return this
         */
        public Builder store(CredentialStore value) {
            this.store = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value the number inventory (required)
         * @return this
         */
        public Builder inventory(NumberInventory value) {
            this.inventory = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value the operator provisioning API (needed to upload Operator Connect numbers)
         * @return this
         */
        public Builder provisioning(OperatorProvisioning value) {
            this.provisioning = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value the add-on catalogue (default: {@link AddonCatalog#standard()})
         * @return this
         */
        public Builder addons(AddonCatalog value) {
            this.catalog = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value receives a billing event per enabled or disabled user
         * @return this
         */
        public Builder billing(Consumer<BillingEvent> value) {
            this.billing = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value polling budgets for uploads and operations
         * @return this
         */
        public Builder resilience(ResiliencePolicies value) {
            this.policies = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value the clock
         * @return this
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value how batches wait between confirmation rounds
         * @return this
         */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value the name recorded in number history
         * @return this
         */
        public Builder actor(String value) {
            this.actor = Objects.requireNonNull(value);
            return this;
        }

        /** @return the pipeline */
        public UserEnablement build() {
            if (graph == null || store == null || inventory == null) {
                throw new ConfigurationException("UserEnablement needs a GraphConnector, a CredentialStore and a "
                        + "NumberInventory");
            }
            return new UserEnablement(this);
        }
    }
}
