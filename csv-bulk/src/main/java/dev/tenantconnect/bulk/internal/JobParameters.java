package dev.tenantconnect.bulk.internal;

import dev.tenantconnect.bulk.BulkOptions;
import dev.tenantconnect.bulk.FailurePolicy;
import dev.tenantconnect.bulk.InvalidRows;
import dev.tenantconnect.bulk.NumberPool;
import dev.tenantconnect.core.inventory.NumberType;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link BulkOptions} as the parameters of a job header ({@code dev.tenantconnect.core.job.JobHeader}): flat names,
 * nested ones dotted — the names older job headers used under {@code options}, so their jobs still resume.
 */
public final class JobParameters {
    private static final String POLICY = "policies.";

    private JobParameters() {
    }

    /**
     * @param o the options
     * @return them as job parameters
     */
    public static Map<String, String> of(BulkOptions o) {
        Map<String, String> p = new HashMap<>();
        p.put("concurrency", Integer.toString(o.concurrency()));
        p.put("failurePolicy", o.failurePolicy().name());
        p.put("invalidRows", o.invalidRows().name());
        o.numberPool().ifPresent(pool -> {
            p.put("numberPool.country", pool.country());
            pool.prefix().ifPresent(x -> p.put("numberPool.prefix", x));
            p.put("numberPool.type", pool.type().name());
        });
        o.locationId().ifPresent(x -> p.put("locationId", x));
        o.policies().forEach(x -> p.put(POLICY + x.type(), x.name()));
        o.resultsFile().ifPresent(x -> p.put("resultsFile", x.toAbsolutePath().toString()));
        if (o.takeOverNumbers()) {
            p.put("takeOverNumbers", "true");
        }
        return p;
    }

    /**
     * @param p what {@link #of} wrote
     * @return the options
     * @throws IllegalArgumentException if a parameter is missing or malformed
     */
    public static BulkOptions options(Map<String, String> p) {
        Map<String, String> policies = new HashMap<>();
        p.forEach((name, value) -> {
            if (name.startsWith(POLICY)) {
                policies.put(name.substring(POLICY.length()), value);
            }
        });
        BulkOptions.Builder b = BulkOptions.builder().concurrency(Integer.parseInt(required(p, "concurrency")))
                .failurePolicy(FailurePolicy.valueOf(required(p, "failurePolicy")))
                .invalidRows(InvalidRows.valueOf(required(p, "invalidRows")))
                .policies(dev.tenantconnect.core.tenant.TeamsPolicy.fromMap(policies))
                .takeOverNumbers(Boolean.parseBoolean(p.get("takeOverNumbers")));
        Optional.ofNullable(p.get("numberPool.country")).ifPresent(country -> {
            NumberPool.Builder pool = NumberPool.builder(country, NumberType.valueOf(required(p, "numberPool.type")));
            Optional.ofNullable(p.get("numberPool.prefix")).ifPresent(pool::prefix);
            b.numberPool(pool.build());
        });
        Optional.ofNullable(p.get("locationId")).ifPresent(b::locationId);
        Optional.ofNullable(p.get("resultsFile")).map(Path::of).ifPresent(b::resultsFile);
        return b.build();
    }

    private static String required(Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null) {
            throw new IllegalArgumentException("the job parameter " + name + " is missing");
        }
        return v;
    }
}
