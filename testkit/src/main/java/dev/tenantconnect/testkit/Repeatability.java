package dev.tenantconnect.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Repeatable requests (OASIS Repeatable Requests 1.0) as Azure services apply them to the provisioning API's writes
 * (https://learn.microsoft.com/rest/api/communication/repeatable-requests; the provisioning swagger declares
 * {@code Repeatability-Request-ID}/{@code Repeatability-First-Sent} on every write and {@code Repeatability-Result}
 * on its answers):
 * <ul>
 * <li>an ID that is not a GUID, or a first-sent time that is not an IMF-fixdate: 400, rejected;</li>
 * <li>a first-sent time older than the tracked duration (5 minutes): 412, rejected;</li>
 * <li>a new ID: executed, accepted, and the answer remembered;</li>
 * <li>a known ID with a different request (method, path or body): 400, rejected;</li>
 * <li>a known ID with the same request: the original answer again (2xx and 4xx), not executed again; an original
 * 5xx is executed again.</li>
 * </ul>
 */
final class Repeatability {
    /** How long requests are tracked. */
    static final Duration TRACKED = Duration.ofMinutes(5);
    /** IMF-fixdate (RFC 9110 section 5.6.7): two-digit day, GMT. */
    static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
            Locale.ROOT).withZone(java.time.ZoneOffset.UTC);

    private record Saved(String fingerprint, Instant firstSent, SimResponse answer) {
    }

    private final Map<String, Saved> seen = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile long replays;

    Repeatability(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param req a provisioning write
     * @param caller the calling application (IDs are tracked per caller)
     * @return the answer to send without executing the request (a replay or a rejection), or empty to execute it
     */
    Optional<SimResponse> before(SimRequest req, String caller) {
        Optional<String> id = req.header("Repeatability-Request-ID");
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> firstSent = req.header("Repeatability-First-Sent").flatMap(Repeatability::parse);
        if (!isGuid(id.get()) || firstSent.isEmpty()) {
            return Optional.of(rejected(400, "InvalidRepeatabilityHeaders", "Repeatability-Request-ID must be a "
                    + "GUID and Repeatability-First-Sent an IMF-fixdate."));
        }
        Instant now = clock.instant();
        if (firstSent.get().isBefore(now.minus(TRACKED))) {
            return Optional.of(rejected(412, "PreconditionFailed", "Repeatability-First-Sent is not within the "
                    + "tracked duration of 5 minutes."));
        }
        Saved s = seen.get(key(caller, id.get()));
        if (s == null || s.firstSent.isBefore(now.minus(TRACKED)) || s.answer.status >= 500) {
            return Optional.empty();
        }
        if (!s.fingerprint.equals(fingerprint(req))) {
            return Optional.of(rejected(400, "RepeatabilityMismatch", "Repeatability-Request-ID was used for a "
                    + "different request."));
        }
        replays++;
        return Optional.of(copy(s.answer));
    }

    /**
     * Remembers the answer to an executed write and marks it accepted.
     *
     * @param req the write
     * @param caller the calling application
     * @param answer its answer
     */
    void after(SimRequest req, String caller, SimResponse answer) {
        Optional<String> id = req.header("Repeatability-Request-ID");
        if (id.isEmpty() || answer.drop) {
            return;
        }
        answer.header("Repeatability-Result", "accepted");
        Instant firstSent = req.header("Repeatability-First-Sent").flatMap(Repeatability::parse)
                .orElse(clock.instant());
        seen.put(key(caller, id.get()), new Saved(fingerprint(req), firstSent, copy(answer)));
        seen.values().removeIf(x -> x.firstSent.isBefore(clock.instant().minus(TRACKED)));
    }

    /** @return how many writes were answered from a remembered answer */
    long replays() {
        return replays;
    }

    void clear() {
        seen.clear();
        replays = 0;
    }

    static Optional<Instant> parse(String text) {
        try {
            return Optional.of(ZonedDateTime.parse(text, IMF_FIXDATE).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static boolean isGuid(String s) {
        try {
            return s.length() == 36 && UUID.fromString(s) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String key(String caller, String id) {
        return caller + "/" + id.toLowerCase(Locale.ROOT);
    }

    private static String fingerprint(SimRequest req) {
        return req.method + " " + req.path + " " + req.body;
    }

    private static SimResponse copy(SimResponse r) {
        SimResponse c = new SimResponse();
        c.status = r.status;
        c.body = r.body;
        c.headers.putAll(r.headers);
        c.endpoint = r.endpoint;
        return c;
    }

    private static SimResponse rejected(int status, String code, String message) {
        return ProvisioningEndpoint.error(new SimError(status, code, message)).header("Repeatability-Result",
                "rejected");
    }
}
