package io.kafkaops.engine.plan;

import io.kafkaops.model.Units;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/** How a topic config change reads in a plan, and whether it can lose data ({@link Planner#SAFETY_KEYS}). */
final class TopicConfigChanges {

    private TopicConfigChanges() {
    }

    /** Why a config change can lose data, or null when it cannot. Unknown values count as unsafe. */
    static String unsafe(String key, String before, String after) {
        switch (key) {
            case "retention.ms", "retention.bytes" -> {
                Long b = limit(before);
                Long a = limit(after);
                if (b == null || a == null) return "retention may get shorter: older data is deleted";
                return a < b ? "shorter retention: older data is deleted" : null;
            }
            case "cleanup.policy" -> {
                if (before == null || after == null) return "cleanup.policy may change how data is removed";
                return policies(before).equals(policies(after)) ? null
                        : "a different cleanup.policy changes which records are kept";
            }
            default -> {
                return null;
            }
        }
    }

    private static Long limit(String value) {
        if (value == null) return null;
        try {
            long v = Long.parseLong(value.trim());
            return v < 0 ? Long.MAX_VALUE : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Set<String> policies(String value) {
        Set<String> out = new TreeSet<>();
        Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }

    /** A config value as the plan shows it: durations readable, an unset value as the default it falls back to. */
    static String show(String key, String value, String defaultValue) {
        if (value == null) return defaultValue == null ? "(default)" : "(default " + human(key, defaultValue) + ")";
        return human(key, value);
    }

    private static String human(String key, String value) {
        if (Units.isDurationKey(key)) {
            try {
                return Units.formatDurationMs(Long.parseLong(value.trim()));
            } catch (NumberFormatException e) {
                return value;
            }
        }
        return value;
    }
}
