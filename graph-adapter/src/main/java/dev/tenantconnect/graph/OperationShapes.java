package dev.tenantconnect.graph;

import dev.tenantconnect.core.tenant.NumberOperation;
import com.microsoft.kiota.serialization.UntypedArray;
import com.microsoft.kiota.serialization.UntypedNode;
import com.microsoft.kiota.serialization.UntypedObject;
import com.microsoft.kiota.serialization.UntypedString;
import dev.tenantconnect.graph.internal.Responses;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The second shape of a number operation's status that Microsoft shows: the CSDL defines the answer as the bare
 * {@code telephoneNumberLongRunningOperation}, while the example on the "Get telephoneNumberLongRunningOperation"
 * page wraps it in {@code "value"} (an object, or an array of one). Both are read.
 */
final class OperationShapes {
    private static final Set<String> STATUSES = Set.of("notStarted", "running", "succeeded", "failed", "skipped",
            "unknownFutureValue");

    private OperationShapes() {
    }

    /**
     * @param operationId the operation
     * @param extra the answer's fields the SDK model did not know
     * @return the operation, when the answer wraps it in {@code value}
     */
    static Optional<NumberOperation> wrapped(String operationId, Map<String, Object> extra) {
        Object value = extra == null ? null : extra.get("value");
        if (value instanceof UntypedArray array) {
            Iterator<UntypedNode> it = array.getValue().iterator();
            value = it.hasNext() ? it.next() : null;
        }
        if (!(value instanceof UntypedObject op)) {
            return Optional.empty();
        }
        String status = text(op.getValue().get("status")).filter(STATUSES::contains).orElse(null);
        Responses.required(status, "$.value.status");
        Optional<String> detail = Optional.empty();
        if (op.getValue().get("numbers") instanceof UntypedArray numbers) {
            Iterator<UntypedNode> it = numbers.getValue().iterator();
            if (it.hasNext() && it.next() instanceof UntypedObject first) {
                detail = text(first.getValue().get("statusDetail"));
            }
        }
        return Optional.of(new NumberOperation(operationId, status, detail));
    }

    private static Optional<String> text(UntypedNode node) {
        return node instanceof UntypedString s ? Optional.ofNullable(s.getValue()) : Optional.empty();
    }
}
