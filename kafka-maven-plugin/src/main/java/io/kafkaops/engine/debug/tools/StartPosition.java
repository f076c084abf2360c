package io.kafkaops.engine.debug.tools;

import io.kafkaops.model.Units;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Where {@code kafka:consume} starts ({@code kafka.from}): {@code earliest}, {@code latest}, an ISO-8601 time
 * ({@code 2026-12-04T10:15:30Z} or with an offset) or a duration ago ({@code 15m}, {@code 2h}).
 *
 * @param kind      which of the three
 * @param timestamp for {@link Kind#TIME}: the first record at or after this time
 */
public record StartPosition(Kind kind, Instant timestamp) {

    public enum Kind { EARLIEST, LATEST, TIME }

    public static final StartPosition EARLIEST = new StartPosition(Kind.EARLIEST, null);
    public static final StartPosition LATEST = new StartPosition(Kind.LATEST, null);

    /**
     * @throws IllegalArgumentException with a message naming the accepted forms
     */
    public static StartPosition parse(String text, Clock clock) {
        String t = text == null ? "" : text.strip();
        if (t.equalsIgnoreCase("earliest")) return EARLIEST;
        if (t.equalsIgnoreCase("latest")) return LATEST;
        try {
            return new StartPosition(Kind.TIME, Instant.parse(t));
        } catch (DateTimeParseException ignored) {
            // not an instant in UTC; try one with an offset, then a duration
        }
        try {
            return new StartPosition(Kind.TIME, OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException ignored) {
            // try a duration
        }
        try {
            long ms = Units.parseDurationMs(t);
            if (ms >= 0) return new StartPosition(Kind.TIME, clock.instant().minusMillis(ms));
        } catch (IllegalArgumentException ignored) {
            // fall through to the message
        }
        throw new IllegalArgumentException("kafka.from '" + t + "' is not earliest, latest, an ISO-8601 time such as"
                + " 2026-12-04T10:15:30Z or a duration ago such as 15m or 2h");
    }

    @Override
    public String toString() {
        return kind == Kind.TIME ? timestamp.toString() : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
