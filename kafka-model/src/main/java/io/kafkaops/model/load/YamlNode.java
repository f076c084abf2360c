package io.kafkaops.model.load;

import io.kafkaops.model.Location;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value that remembers where it was written. Map keys keep their own location, so a message about a key
 * ({@code unknownKey}) points at the key and a message about a value ({@code schema}) at the value.
 *
 * <p>An alias ({@code *name}) is the very node its anchor defined (shared, not copied), so a tree may be a DAG;
 * {@link #weight()} counts the nodes it would expand to, which is what the alias limit guards.
 */
public sealed interface YamlNode permits YamlNode.MapNode, YamlNode.ListNode, YamlNode.ScalarNode {

    Location location();

    /** Nodes this value expands to with aliases followed (itself included); saturates at {@link Long#MAX_VALUE}. */
    long weight();

    /** A word for the kind of value, as messages name it: "a map", "a list", "a string", ... */
    String describe();

    /** A key of a map with where it was written. */
    record Entry(String key, Location keyLocation, YamlNode value) {
    }

    /** A mapping; entries keep the order they were written in. */
    final class MapNode implements YamlNode {
        private final Location location;
        private final Map<String, Entry> entries;
        private final long weight;

        /** Takes ownership of {@code entries} (no copy: the reader builds millions of these). */
        MapNode(Location location, LinkedHashMap<String, Entry> entries) {
            this.location = location;
            this.entries = Collections.unmodifiableMap(entries);
            long w = 1;
            for (Entry e : entries.values()) w = saturatedAdd(w, 1 + e.value().weight());
            this.weight = w;
        }

        @Override
        public Location location() {
            return location;
        }

        @Override
        public long weight() {
            return weight;
        }

        public Map<String, Entry> entries() {
            return entries;
        }

        public Entry entry(String key) {
            return entries.get(key);
        }

        public YamlNode get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }

        @Override
        public String describe() {
            return "a map";
        }
    }

    /** A sequence. */
    final class ListNode implements YamlNode {
        private final Location location;
        private final List<YamlNode> items;
        private final long weight;

        /** Takes ownership of {@code items}. */
        ListNode(Location location, List<YamlNode> items) {
            this.location = location;
            this.items = Collections.unmodifiableList(items);
            long w = 1;
            for (YamlNode n : items) w = saturatedAdd(w, n.weight());
            this.weight = w;
        }

        @Override
        public Location location() {
            return location;
        }

        @Override
        public long weight() {
            return weight;
        }

        public List<YamlNode> items() {
            return items;
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** How the YAML parser typed a scalar: plain {@code 6} is an INT, quoted {@code "6"} a STRING. */
    enum ScalarKind {
        STRING, INT, FLOAT, BOOLEAN, NULL
    }

    /**
     * A scalar.
     *
     * @param text  the scalar as written (without quotes)
     * @param value String, Long, BigInteger, Double, BigDecimal, Boolean, or null for NULL
     */
    record ScalarNode(ScalarKind kind, String text, Object value, Location location) implements YamlNode {

        /** A plain (unquoted, untagged) scalar as the YAML 1.2 core schema resolves it. */
        static ScalarNode plain(String text, Location at) {
            return resolved(CoreSchema.resolvePlain(text), text, at);
        }

        static ScalarNode resolved(CoreSchema.Resolved r, String text, Location at) {
            return switch (r.type()) {
                case NULL -> new ScalarNode(ScalarKind.NULL, text, null, at);
                case BOOL -> new ScalarNode(ScalarKind.BOOLEAN, text, r.value(), at);
                case INT -> new ScalarNode(ScalarKind.INT, text, r.value(), at);
                case FLOAT -> new ScalarNode(ScalarKind.FLOAT, text, r.value(), at);
                case STR -> new ScalarNode(ScalarKind.STRING, text, text, at);
            };
        }

        @Override
        public long weight() {
            return 1;
        }

        @Override
        public String describe() {
            return switch (kind) {
                case STRING -> "a string";
                case INT -> "an integer";
                case FLOAT -> "a number";
                case BOOLEAN -> "true/false";
                case NULL -> "no value";
            };
        }

        /** The value as a config or metadata string: numbers in canonical form, booleans as true/false. */
        public String asText() {
            return switch (kind) {
                case INT -> value.toString();
                case BOOLEAN -> value.toString();
                default -> text;
            };
        }
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }
}
