package dev.tenantconnect.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** Writes JSON text with Jackson's streaming generator, so every string is escaped. Not API. */
public final class JsonText {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonText() {
    }

    /** Writes a document. */
    @FunctionalInterface
    public interface Body {
        /**
         * @param g the generator
         * @throws IOException never for in-memory text
         */
        void write(JsonGenerator g) throws IOException;
    }

    /**
     * @param body writes the document
     * @return the JSON text
     */
    public static String of(Body body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
