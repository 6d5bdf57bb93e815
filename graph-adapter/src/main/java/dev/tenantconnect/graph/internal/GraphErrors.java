package dev.tenantconnect.graph.internal;

import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.kiota.ApiException;
import dev.tenantconnect.core.error.AuthenticationFailedException;
import dev.tenantconnect.core.error.ErrorContext;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.access.Requirement;
import dev.tenantconnect.core.error.MalformedResponseException;
import dev.tenantconnect.core.error.MissingPrivilegesException;
import dev.tenantconnect.core.error.ResourceNotFoundException;
import dev.tenantconnect.core.error.UntrustedText;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.error.ServiceException;
import dev.tenantconnect.core.error.TenantConnectException;
import dev.tenantconnect.core.error.ThrottledException;
import dev.tenantconnect.core.error.TransportException;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.resilience.RetryAfter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;

/** Turns Graph SDK failures into the SDK's exception hierarchy, keeping status, code and request IDs. Not API. */
public final class GraphErrors {
    private GraphErrors() {
    }

    /**
     * @param operation what was attempted, for the message
     * @param tenant the tenant
     * @param e the failure
     * @param clock to read an HTTP-date {@code Retry-After}
     * @return the translated exception (the original when it already is one of ours)
     */
    public static TenantConnectException translate(String operation, TenantId tenant, Throwable e, Clock clock) {
        return translate(operation, Optional.empty(), tenant, e, clock, Set::of);
    }

    /**
     * As {@link #translate(String, TenantId, Throwable, Clock)}, and a 403 becomes a
     * {@link MissingPrivilegesException} naming what the endpoint needs (per Microsoft's documentation), evaluated
     * against what the token held, with Graph's error code and (escaped) message; a 404 becomes a
     * {@link ResourceNotFoundException}.
     *
     * @param operation what was attempted
     * @param tenant the tenant
     * @param e the failure
     * @param clock to read an HTTP-date {@code Retry-After}
     * @param held the application permissions the call's token held (read only on a 403)
     * @return the translated exception
     */
    public static TenantConnectException translate(GraphOperation operation, TenantId tenant, Throwable e, Clock clock,
            Supplier<Set<GraphPermission>> held) {
        return translate(operation.text(), Optional.of(operation.needs()), tenant, e, clock, held);
    }

    private static TenantConnectException translate(String operation, Optional<Requirement<GraphPermission>> needs,
            TenantId tenant, Throwable e, Clock clock, Supplier<Set<GraphPermission>> held) {
        Throwable t = e;
        while (t instanceof java.util.concurrent.CompletionException || t instanceof UncheckedIOException) {
            t = t.getCause() == null ? t : t.getCause();
            if (t == e) {
                break;
            }
        }
        Optional<MalformedResponseException> malformed = malformed(operation, tenant, t);
        if (malformed.isPresent()) {
            return malformed.get();
        }
        if (t instanceof TenantConnectException tc) {
            return tc;
        }
        if (t instanceof ApiException api) {
            int status = api.getResponseStatusCode();
            String code = null;
            String serviceMessage = null;
            String requestId = null;
            String clientRequestId = null;
            if (api instanceof ODataError od && od.getError() != null) {
                code = od.getError().getCode();
                serviceMessage = od.getError().getMessage();
                if (od.getError().getInnerError() != null) {
                    requestId = od.getError().getInnerError().getRequestId();
                    clientRequestId = od.getError().getInnerError().getClientRequestId();
                }
            }
            Set<String> retryAfterValues = api.getResponseHeaders() == null ? null
                    : api.getResponseHeaders().get("Retry-After");
            if (requestId == null && api.getResponseHeaders() != null
                    && api.getResponseHeaders().get("request-id") != null) {
                requestId = api.getResponseHeaders().get("request-id").stream().findFirst().orElse(null);
            }
            ErrorContext ctx = new ErrorContext(Optional.of(tenant), OptionalInt.of(status), Optional.ofNullable(code),
                    Optional.ofNullable(requestId), Optional.ofNullable(clientRequestId));
            Optional<java.time.Duration> retryAfter = retryAfterValues == null ? Optional.empty()
                    : retryAfterValues.stream().findFirst().flatMap(v -> RetryAfter.parse(v, clock));
            String message = operation + " failed";
            if (status == 429) {
                return new ThrottledException(message + ": throttled", ctx, retryAfter, api);
            }
            if (status == 401) {
                return new AuthenticationFailedException(message + ": the token was not accepted", ctx, api);
            }
            String said = code == null && serviceMessage == null ? "" : " (" + UntrustedText.of(code) + ": \""
                    + UntrustedText.of(serviceMessage, 200) + "\")";
            if (status == 403 && needs.isPresent()) {
                return new MissingPrivilegesException(operation + " was refused by Microsoft Graph" + said, ctx,
                        needs.get().evaluate(held.get()), api);
            }
            if (status == 404) {
                return new ResourceNotFoundException(operation + ": not found" + said, ctx, api);
            }
            return new ServiceException(message, ctx, retryAfter, api);
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException io) {
                boolean sent = !TransportPolicyInterceptor.notSent(io);
                return new TransportException(operation + " failed: " + describe(io),
                        ErrorContext.forTenant(tenant), sent, io);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return new ServiceException(operation + " failed: " + t.getClass().getSimpleName(),
                ErrorContext.forTenant(tenant), Optional.empty(), t);
    }

    private static final java.util.regex.Pattern JSON_PATH = java.util.regex.Pattern.compile("path (\\$[^\\s]*)");

    /**
     * Recognises an answer that could not be read — a parser's error, a value our types refuse, a field that was
     * missing or of the wrong type when the SDK model was read — as opposed to a refusal or a network failure.
     *
     * @param operation what was attempted
     * @param tenant the tenant
     * @param t the failure, unwrapped
     * @return the malformed-answer error, or empty if {@code t} is something else
     */
    static Optional<MalformedResponseException> malformed(String operation, TenantId tenant, Throwable t) {
        ErrorContext ctx = ErrorContext.forTenant(tenant);
        if (t instanceof MalformedResponseException m) {
            // one from Responses carries no tenant yet: it gets this call's operation and tenant
            return Optional.of(m.context().tenant().isEmpty()
                    ? new MalformedResponseException(operation, m.field(), m.rule(), ctx, null) : m);
        }
        if (t instanceof ValidationException v) {
            // our value types validate what the service sent; the value itself is not repeated
            return Optional.of(new MalformedResponseException(operation, v.field(), v.rule(), ctx, null));
        }
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String type = c.getClass().getName();
            boolean parser = type.startsWith("com.google.gson.") || c instanceof com.fasterxml.jackson.core
                    .JacksonException || c instanceof java.io.EOFException && c.getStackTrace().length > 0
                    && c.getStackTrace()[0].getClassName().startsWith("com.google.gson.");
            if (parser) {
                String message = c.getMessage() == null ? "" : c.getMessage();
                java.util.regex.Matcher m = JSON_PATH.matcher(message);
                String field = m.find() ? m.group(1) : "body";
                String rule = message.contains("Expected ") || message.contains("Not a JSON")
                        ? "has the wrong JSON type" : "is not valid JSON (truncated, empty or not JSON at all)";
                return Optional.of(new MalformedResponseException(operation, field, rule, ctx, null));
            }
        }
        if (t instanceof NullPointerException || t instanceof ClassCastException || t instanceof IllegalStateException
                || t instanceof UnsupportedOperationException || t instanceof IndexOutOfBoundsException
                || t instanceof NumberFormatException || t instanceof java.time.DateTimeException) {
            // not kept as the cause: parsers' messages quote the answer (personal data, or worse)
            return Optional.of(new MalformedResponseException(operation, "body", "lacks a field the answer must "
                    + "have, or has one of the wrong type (" + t.getClass().getSimpleName() + " while reading it)",
                    ctx, null));
        }
        return Optional.empty();
    }

    /**
     * Names a network failure for a message: its type, and for TLS failures what to do about them.
     *
     * @param io the failure
     * @return the text
     */
    public static String describe(IOException io) {
        if (io instanceof javax.net.ssl.SSLHandshakeException || io instanceof javax.net.ssl.SSLPeerUnverifiedException) {
            return io.getClass().getSimpleName() + ": the server's TLS certificate is not trusted or does not match "
                    + "its host name; for a custom endpoint add its certificate with "
                    + "GraphConnector.Builder.trustCertificates (checks are never switched off)";
        }
        return io.getClass().getSimpleName();
    }
}
