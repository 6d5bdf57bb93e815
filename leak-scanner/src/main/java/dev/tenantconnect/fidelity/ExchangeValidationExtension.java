package dev.tenantconnect.fidelity;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class in which the simulated Microsoft cloud served an exchange that breaks Microsoft's published
 * description ({@link ExchangeValidator}), and reports how many exchanges were validated. Registered for every test
 * class by JUnit's extension auto-detection, like the leak scanner.
 */
public final class ExchangeValidationExtension implements BeforeAllCallback, AfterAllCallback {
    private static final String START = "exchanges at start";

    /** Creates the extension; JUnit does this through the service loader. */
    public ExchangeValidationExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(ExtensionContext.Namespace.create(getClass(), context.getUniqueId())).put(START,
                ExchangeValidator.graphValidated() + ExchangeValidator.provisioningValidated());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Long start = context.getStore(ExtensionContext.Namespace.create(getClass(), context.getUniqueId())).get(START,
                Long.class);
        long validated = ExchangeValidator.graphValidated() + ExchangeValidator.provisioningValidated()
                - (start == null ? 0 : start);
        List<String> violations = ExchangeValidator.takeViolations();
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " of " + validated + " exchanges served while "
                    + context.getDisplayName() + " ran break Microsoft's description:\n  "
                    + String.join("\n  ", violations));
        }
        if (validated > 0) {
            System.out.println(context.getDisplayName() + ": " + validated + " exchanges validated, 0 violations");
        }
    }
}
