package io.kafkaops.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * One problem found in the repo's Kafka files or platform definition.
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
        sb.append(location).append(": ").append(severity).append(" [").append(ruleId).append("] ").append(message);
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
