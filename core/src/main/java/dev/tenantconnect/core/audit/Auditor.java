package dev.tenantconnect.core.audit;

import dev.tenantconnect.core.model.TenantId;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the SDK's write paths record audit events through: a sink, the operator principal and a clock. The principal
 * is the one given to {@link #actingAs} on the current thread when there is one (a REST call's caller), otherwise
 * the client's default. A sink that throws is logged and ignored: auditing never breaks the write it records.
 * Thread-safe.
 */
public final class Auditor {
    private static final Logger LOG = LoggerFactory.getLogger(Auditor.class);
    private static final ThreadLocal<String> ACTING = new ThreadLocal<>();
    private static final Auditor NONE = new Auditor(AuditSink.none(), () -> "unknown", Clock.systemUTC());
    private final AuditSink sink;
    private final Supplier<String> principal;
    private final Clock clock;

    /**
     * @param sink where events go
     * @param principal the default operator principal (asked per event)
     * @param clock when events happen
     */
    public Auditor(AuditSink sink, Supplier<String> principal, Clock clock) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.principal = Objects.requireNonNull(principal, "principal");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return an auditor that records nothing */
    public static Auditor none() {
        return NONE;
    }

    /**
     * Runs work with {@code principal} as the operator principal of every event it records on this thread.
     *
     * @param principal who is acting, e.g. the signed-in operator user
     * @param work the work
     * @param <T> its result type
     * @return its result
     */
    public static <T> T actingAs(String principal, Supplier<T> work) {
        Objects.requireNonNull(principal, "principal");
        String before = ACTING.get();
        ACTING.set(principal);
        try {
            return work.get();
        } finally {
            if (before == null) {
                ACTING.remove();
            } else {
                ACTING.set(before);
            }
        }
    }

    /**
     * Hands the operator principal acting on the calling thread (set by {@link #actingAs}) to work that another
     * thread runs: call it on the thread that hands the work over (a bulk run's driver, a batch's workers), so the
     * writes made there are audited as the operator who asked for them rather than as the client's default.
     *
     * @param work work to run elsewhere
     * @return the work, running as the principal acting here and now (as given when none is acting)
     */
    public static Runnable carrying(Runnable work) {
        Objects.requireNonNull(work, "work");
        String acting = ACTING.get();
        if (acting == null) {
            return work;
        }
        return () -> actingAs(acting, () -> {
            work.run();
            return null;
        });
    }

    /** @return the principal events recorded now on this thread carry */
    public String principal() {
        String p = ACTING.get();
        return p != null ? p : principal.get();
    }

    /** @return the sink */
    public AuditSink sink() {
        return sink;
    }

    /**
     * Records one event, now, as the current principal.
     *
     * @param action what was changed
     * @param tenant which tenant
     * @param target which resource (never a secret)
     * @param result how it ended
     * @param detail a status or error type, may be empty
     * @param correlation correlation IDs
     */
    public void record(AuditAction action, TenantId tenant, String target, AuditResult result, String detail,
            Map<String, String> correlation) {
        if (sink == AuditSink.none() || this == NONE) {
            return;
        }
        try {
            sink.record(new AuditEvent(principal(), action, tenant, target, clock.instant(), result, detail,
                    correlation));
        } catch (RuntimeException e) {
            LOG.error("audit sink failed to record {} on tenant {}: {}", action, tenant, e.getClass().getName());
        }
    }
}
