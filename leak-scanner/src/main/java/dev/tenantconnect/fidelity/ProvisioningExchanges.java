package dev.tenantconnect.fidelity;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Provisioning API exchanges against Microsoft's swagger (Azure Communications Gateway provisioning, api-version
 * 2024-02-29-preview), with Atlassian's swagger-request-validator. A request the service refused (4xx) may itself
 * be invalid — bad-input tests send such requests on purpose — so only its answer is checked then; a request it
 * accepted must be valid, or the simulator was more lenient than the API.
 */
final class ProvisioningExchanges {
    /** Where the simulator serves the API. */
    static final String BASE_PATH = "/provisioning";
    /**
     * Request headers checked against the swagger. {@code Repeatability-First-Sent} is not: the swagger emits
     * Azure.Core's header as {@code format: date-time}, but Azure.Core encodes it as an RFC 7231 IMF-fixdate
     * (https://learn.microsoft.com/rest/api/communication/repeatable-requests); the simulator enforces that format.
     */
    static final List<String> HEADERS = List.of("Content-Type", "Repeatability-Request-ID", "x-ms-client-request-id",
            "If-Match", "If-None-Match");

    private final OpenApiInteractionValidator validator;

    ProvisioningExchanges() {
        validator = OpenApiInteractionValidator.createForSpecificationUrl(Objects.requireNonNull(
                ProvisioningExchanges.class.getResource("/reference/acg-provisioning-2024-02-29-preview.swagger.json"))
                .toString()).withBasePathOverride(BASE_PATH).build();
    }

    List<String> check(Exchange e) {
        Request.Method method = Request.Method.valueOf(e.method().toUpperCase(Locale.ROOT));
        SimpleResponse.Builder resp = SimpleResponse.Builder.status(e.status());
        e.responseHeaders().forEach(resp::withHeader);
        if (!e.responseBody().isEmpty()) {
            resp.withBody(e.responseBody());
        }
        ValidationReport report;
        if (e.status() >= 400 && e.status() < 500) {
            report = validator.validateResponse(e.path().replace("+", "%2B"), method, resp.build());
        } else {
            // the path as sent: a + in a path segment is a plus (the validator would read it as a blank)
            SimpleRequest.Builder req = new SimpleRequest.Builder(method, e.path().replace("+", "%2B"));
            e.query().forEach(req::withQueryParam);
            e.requestHeaders().forEach((name, value) -> {
                if (HEADERS.stream().anyMatch(h -> h.equalsIgnoreCase(name))) {
                    req.withHeader(name, value);
                }
            });
            if (!e.requestBody().isEmpty()) {
                req.withBody(e.requestBody());
            }
            report = validator.validate(req.build(), resp.build());
        }
        return report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage()).toList();
    }
}
