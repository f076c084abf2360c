package io.kafkaops.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * One problem found in the repo's Kafka files or platform definition.
 *
 * <p>A diagnostic is always one line, whatever the user wrote: the message, hint and rule id are escaped when the
 * diagnostic is made ({@link #escape}), the file name when it is formatted. So a key holding a line break cannot print
 * a second line that looks like a diagnostic of its own, and control or bidi characters never reach a terminal raw.
 *
 * @param severity how bad it is
 * @param ruleId   the rule that found it, lowerCamel ({@code topicNaming}, {@code schema}, {@code yamlSyntax})
 * @param message  what is wrong, in the user's terms
 * @param location where it is
 * @param hint     what to do about it; may be null
 */
public record Diagnostic(Severity severity, String ruleId, String message, Location location, String hint) {

    public static final Comparator<Diagnostic> ORDER = Comparator
            .comparing(Diagnostic::location)
            .thenComparing(Diagnostic::ruleId)
            .thenComparing(Diagnostic::message);

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(location, "location");
        ruleId = escape(ruleId);
        message = escape(message);
        hint = hint == null ? null : escape(hint);
    }

    /**
     * Text safe to print on one line: line breaks (including U+0085, U+2028, U+2029), tabs, other C0/C1 controls,
     * DEL, bidi and zero-width controls, the byte order mark, lone surrogates and noncharacters become {@code \n},
     * {@code \r}, {@code \t} or a backslash, 'u' and four hex digits. Idempotent: escaped text contains none of them.
     * Backslashes stay as they are (Windows paths), so {@code \n} typed by the user reads the same as an escaped line
     * break, which is harmless: either way it is one line.
     */
    public static String escape(String text) {
        int i = 0;
        while (i < text.length() && !needsEscape(text, i)) i++;
        if (i == text.length()) return text;
        StringBuilder sb = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!needsEscape(text, i)) {
                sb.append(c);
                continue;
            }
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
            }
        }
        return sb.toString();
    }

    private static boolean needsEscape(String text, int i) {
        char c = text.charAt(i);
        if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) return true;
        if (c < 0x200B) return c == 0x061C || c == 0x180E;
        if (c <= 0x200F || (c >= 0x2028 && c <= 0x202E) || (c >= 0x2060 && c <= 0x206F)) return true;
        if (c == 0xFEFF || c == 0xFFFE || c == 0xFFFF || (c >= 0xFFF9 && c <= 0xFFFB)) return true;
        if (Character.isHighSurrogate(c)) return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        if (Character.isLowSurrogate(c)) return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
        return false;
    }

    public static Diagnostic error(String ruleId, String message, Location location, String hint) {
        return new Diagnostic(Severity.ERROR, ruleId, message, location, hint);
    }

    public static Diagnostic warn(String ruleId, String message, Location location, String hint) {
        return new Diagnostic(Severity.WARN, ruleId, message, location, hint);
    }

    public Diagnostic withSeverity(Severity newSeverity) {
        return new Diagnostic(newSeverity, ruleId, message, location, hint);
    }

    /** {@code src/main/kafka/billing.yaml:12:7: ERROR [topicNaming] message (hint)} */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(escape(location.toString())).append(": ").append(severity).append(" [").append(ruleId).append("] ").append(message);
        if (hint != null && !hint.isBlank()) {
            sb.append(" (").append(hint).append(')');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
