package io.kafkaops.model.load;

import io.kafkaops.model.Location;
import io.kafkaops.model.load.YamlNode.ListNode;
import io.kafkaops.model.load.YamlNode.MapNode;
import io.kafkaops.model.load.YamlNode.ScalarKind;
import io.kafkaops.model.load.YamlNode.ScalarNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads values out of a tree the schema has already accepted; the builders only call these on valid nodes, so a
 * wrong type here means "absent" rather than an error.
 */
final class Nodes {

    private Nodes() {
    }

    static String string(MapNode m, String key) {
        return m.get(key) instanceof ScalarNode s && s.kind() != ScalarKind.NULL ? s.text() : null;
    }

    static Integer integer(MapNode m, String key) {
        return m.get(key) instanceof ScalarNode s && s.value() instanceof Long l ? Math.toIntExact(l) : null;
    }

    static boolean bool(MapNode m, String key, boolean absent) {
        return m.get(key) instanceof ScalarNode s && s.value() instanceof Boolean b ? b : absent;
    }

    static MapNode map(MapNode m, String key) {
        return m.get(key) instanceof MapNode child ? child : null;
    }

    static List<YamlNode> list(MapNode m, String key) {
        return m.get(key) instanceof ListNode l ? l.items() : null;
    }

    static List<String> strings(MapNode m, String key) {
        List<YamlNode> items = list(m, key);
        if (items == null) return null;
        List<String> out = new ArrayList<>(items.size());
        for (YamlNode n : items) {
            if (n instanceof ScalarNode s && s.kind() != ScalarKind.NULL) out.add(s.text());
        }
        return out;
    }

    /** Scalar values of a map as text, as written (metadata: {@code no} stays "no"). */
    static Map<String, String> textMap(MapNode m) {
        Map<String, String> out = new LinkedHashMap<>();
        if (m == null) return out;
        for (YamlNode.Entry e : m.entries().values()) {
            if (e.value() instanceof ScalarNode s && s.kind() != ScalarKind.NULL) out.put(e.key(), s.text());
        }
        return out;
    }

    /**
     * The location of every key below {@code node} under dotted/indexed paths ({@code config.retention.ms},
     * {@code produce[1]}, {@code overrides.prod.partitions}): keys at their key, list items where the item starts.
     */
    static Map<String, Location> fields(YamlNode node) {
        List<Map.Entry<String, Location>> entries = new ArrayList<>();
        collectFields("", node, entries);
        try {
            // built immutable in one go: Origin's Map.copyOf then keeps it as is
            @SuppressWarnings("unchecked")
            Map.Entry<String, Location>[] array = entries.toArray(new Map.Entry[0]);
            return Map.ofEntries(array);
        } catch (IllegalArgumentException duplicatePath) {
            // only when a key containing '.' spells another key's path (a stage named "a.config"): first one wins
            Map<String, Location> out = new LinkedHashMap<>();
            for (Map.Entry<String, Location> e : entries) out.putIfAbsent(e.getKey(), e.getValue());
            return out;
        }
    }

    private static void collectFields(String prefix, YamlNode node, List<Map.Entry<String, Location>> out) {
        if (node instanceof MapNode m) {
            for (YamlNode.Entry e : m.entries().values()) {
                String path = prefix.isEmpty() ? e.key() : prefix + "." + e.key();
                out.add(Map.entry(path, e.keyLocation()));
                collectFields(path, e.value(), out);
            }
        } else if (node instanceof ListNode l) {
            for (int i = 0; i < l.items().size(); i++) {
                String path = prefix + "[" + i + "]";
                out.add(Map.entry(path, l.items().get(i).location()));
                collectFields(path, l.items().get(i), out);
            }
        }
    }

    /** A scalar as plain Java: String, Long, BigInteger, Double, BigDecimal, Boolean; null for NULL. */
    static Object plain(YamlNode node) {
        if (node instanceof MapNode m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (YamlNode.Entry e : m.entries().values()) out.put(e.key(), plain(e.value()));
            return Collections.unmodifiableMap(out);
        }
        if (node instanceof ListNode l) {
            List<Object> out = new ArrayList<>(l.items().size());
            for (YamlNode item : l.items()) out.add(plain(item));
            return Collections.unmodifiableList(out);
        }
        ScalarNode s = (ScalarNode) node;
        Object v = s.value();
        if (v instanceof String || v instanceof Long || v instanceof BigInteger || v instanceof Double
                || v instanceof BigDecimal || v instanceof Boolean || v == null) {
            return v;
        }
        return s.text();
    }
}
