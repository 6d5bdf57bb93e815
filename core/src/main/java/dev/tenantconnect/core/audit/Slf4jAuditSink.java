package dev.tenantconnect.core.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Logs each audit event at INFO on the logger {@value #LOGGER} as structured key-value pairs (SLF4J 2's fluent API:
 * a JSON encoder such as logstash's writes them as fields) with a short message:
 * {@code audit NUMBER_ASSIGN SUCCEEDED tenant=… target=…}. Keys: {@code principal}, {@code action}, {@code tenant},
 * {@code target}, {@code when}, {@code result}, {@code detail} and each correlation key.
 */
public final class Slf4jAuditSink implements AuditSink {
    /** The logger name. */
    public static final String LOGGER = "tenantconnect.audit";
    private final Logger log;

    /** A sink on the logger {@value #LOGGER}. */
    public Slf4jAuditSink() {
        this(LoggerFactory.getLogger(LOGGER));
    }

    /** @param log the logger to write to */
    public Slf4jAuditSink(Logger log) {
        this.log = java.util.Objects.requireNonNull(log, "log");
    }

    @Override
    public void record(AuditEvent e) {
        LoggingEventBuilder b = log.atInfo().addKeyValue("principal", e.principal())
                .addKeyValue("action", e.action().name()).addKeyValue("tenant", e.tenant().value())
                .addKeyValue("target", e.target()).addKeyValue("when", e.when().toString())
                .addKeyValue("result", e.result().name()).addKeyValue("detail", e.detail());
        e.correlation().forEach(b::addKeyValue);
        b.log("audit {} {} tenant={} target={}", e.action(), e.result(), e.tenant().value(), e.target());
    }
}
