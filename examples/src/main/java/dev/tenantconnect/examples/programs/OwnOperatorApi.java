package dev.tenantconnect.examples.programs;

import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.provisioning.Consent;
import dev.tenantconnect.core.provisioning.NumberUpload;
import dev.tenantconnect.core.provisioning.OperatorProvisioning;
import dev.tenantconnect.core.provisioning.SyncStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plugging your own operator API into the pipeline: {@link OperatorProvisioning} is the port the enablement
 * pipeline uploads through. This one puts the operator's own rules in front of the real API — a per-tenant quota of
 * numbers and an audit count — and delegates the calls (to {@code AcgProvisioningClient}, or to your own HTTP
 * client for an in-house system). Give it to {@code TenantConnectClient.builder().provisioning(...)}.
 */
public final class OwnOperatorApi implements OperatorProvisioning {
    private final OperatorProvisioning delegate;
    private final int quotaPerTenant;
    private final Map<TenantId, AtomicInteger> uploaded = new ConcurrentHashMap<>();

    /**
     * @param delegate the API that does the work
     * @param quotaPerTenant the most numbers a tenant may have uploaded through this instance
     */
    public OwnOperatorApi(OperatorProvisioning delegate, int quotaPerTenant) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.quotaPerTenant = quotaPerTenant;
    }

    /**
     * @param tenant a tenant
     * @return how many numbers were uploaded for it through this instance
     */
    public int uploadedFor(TenantId tenant) {
        return uploaded.getOrDefault(tenant, new AtomicInteger()).get();
    }

    @Override
    public List<Consent> consents() {
        return delegate.consents();
    }

    @Override
    public String ensureAccount(TenantId tenant) {
        return delegate.ensureAccount(tenant);
    }

    @Override
    public void prepareUpload(TenantId tenant) {
        delegate.prepareUpload(tenant);
    }

    @Override
    public List<SyncStatus> upload(TenantId tenant, List<NumberUpload> numbers) {
        AtomicInteger count = uploaded.computeIfAbsent(tenant, t -> new AtomicInteger());
        if (count.get() + numbers.size() > quotaPerTenant) {
            // a typed error naming the rule: the pipeline reports it as the UPLOAD step's problem
            throw new ConfigurationException("tenant " + tenant + " would exceed its quota of " + quotaPerTenant
                    + " numbers");
        }
        List<SyncStatus> result = delegate.upload(tenant, numbers);
        count.addAndGet(numbers.size());
        return result;
    }

    @Override
    public SyncStatus status(TenantId tenant, PhoneNumber number) {
        return delegate.status(tenant, number);
    }

    @Override
    public void release(TenantId tenant, List<PhoneNumber> numbers) {
        delegate.release(tenant, numbers);
        uploaded.computeIfAbsent(tenant, t -> new AtomicInteger()).addAndGet(-numbers.size());
    }

    /**
     * Puts a quota of one number per tenant in front of the example cloud's provisioning API: the first upload goes
     * through, the second is refused by the operator's rule before the API is called. Exit 0 when both happened.
     *
     * @param args none
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        boolean ok;
        try (ExampleCloud cloud = ExampleCloud.start(20)) {
            OwnOperatorApi api = new OwnOperatorApi(cloud.provisioning(), 1);
            TenantId tenant = cloud.key().tenant();
            api.upload(tenant, List.of(upload("+6567891250")));
            out.println("uploaded +6567891250; " + api.uploadedFor(tenant) + " of 1 allowed for " + tenant);
            try {
                api.upload(tenant, List.of(upload("+6567891251")));
                out.println("the quota did not hold");
                ok = false;
            } catch (ConfigurationException e) {
                out.println("refused +6567891251: " + e.getMessage());
                ok = api.uploadedFor(tenant) == 1;
            }
        }
        System.exit(ok ? 0 : 1);
    }

    private static NumberUpload upload(String number) {
        return new NumberUpload(PhoneNumber.parse(number), "SG", dev.tenantconnect.core.inventory.NumberUsage.USER,
                List.of("InboundCalling", "OutboundCalling"), java.util.Optional.empty());
    }
}
