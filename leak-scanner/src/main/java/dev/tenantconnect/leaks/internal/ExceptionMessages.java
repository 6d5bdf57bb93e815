package dev.tenantconnect.leaks.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;

/**
 * Reads the message of every exception and error constructed in this JVM from the Flight Recorder's throw events,
 * so an exception a test caught (or the library swallowed) is scanned too.
 */
public final class ExceptionMessages {
    private static final AtomicLong SENT = new AtomicLong();
    private static final AtomicLong SEEN = new AtomicLong();
    private static volatile RecordingStream stream;

    private ExceptionMessages() {
    }

    /** A marker the scanner commits and waits for, so that every earlier event has been delivered. */
    @Name("dev.tenantconnect.leaks.Marker")
    @Label("Leak scanner marker")
    public static final class Marker extends Event {
        @Label("sequence")
        long sequence;
    }

    /**
     * Starts the recording.
     *
     * @param scanner the function that scans one message: (where, text)
     */
    public static void start(BiFunction<String, CharSequence, ?> scanner) {
        RecordingStream rs = new RecordingStream();
        rs.setMaxAge(Duration.ofMinutes(2));
        rs.enable("jdk.JavaExceptionThrow").withoutStackTrace();
        rs.enable("jdk.JavaErrorThrow").withoutStackTrace();
        rs.enable(Marker.class);
        rs.onEvent("jdk.JavaExceptionThrow", e -> scan(scanner, e));
        rs.onEvent("jdk.JavaErrorThrow", e -> scan(scanner, e));
        rs.onEvent(Marker.class.getAnnotation(Name.class).value(), e -> {
            long seq = e.getLong("sequence");
            SEEN.accumulateAndGet(seq, Math::max);
        });
        rs.startAsync();
        stream = rs;
    }

    private static void scan(BiFunction<String, CharSequence, ?> scanner, RecordedEvent e) {
        String message = e.getString("message");
        if (message != null) {
            String type = e.getClass("thrownClass") == null ? "throwable" : e.getClass("thrownClass").getName();
            String thread = e.getThread() == null ? "?" : e.getThread().getJavaName();
            scanner.apply("the message of a " + type + " (thread " + thread + ")", message);
        }
    }

    /** Waits (at most 30 s) until every exception constructed before this call has been scanned. */
    public static void awaitDelivered() {
        if (stream == null) {
            return;
        }
        Marker m = new Marker();
        m.sequence = SENT.incrementAndGet();
        m.commit();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (SEEN.get() < m.sequence && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (SEEN.get() < m.sequence) {
            throw new AssertionError("the leak scanner's flight recording did not deliver its events within 30 s");
        }
    }
}
