package io.kafkaops.model;

import java.util.Locale;

/**
 * Who may consume a topic besides the owning team. {@code private}: nobody; {@code protected}: the teams listed in the
 * topic's {@code sharedWith}; {@code public}: every team.
 */
public enum Visibility {
    PRIVATE,
    PROTECTED,
    PUBLIC;

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Visibility parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
