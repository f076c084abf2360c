package io.kafkaops.model;

/**
 * A topic, consumer group or transactional id named in a grant: literal by default, a prefix only when the user
 * wrote {@code {prefix: ...}}.
 */
public record ResourceRef(String name, PatternType patternType, Location location) {

    public static ResourceRef literal(String name, Location location) {
        return new ResourceRef(name, PatternType.LITERAL, location);
    }

    public boolean isPrefix() {
        return patternType == PatternType.PREFIXED;
    }

    /** Whether this reference covers the given literal name. */
    public boolean matches(String candidate) {
        return isPrefix() ? candidate.startsWith(name) : candidate.equals(name);
    }

    @Override
    public String toString() {
        return isPrefix() ? name + "*" : name;
    }
}
