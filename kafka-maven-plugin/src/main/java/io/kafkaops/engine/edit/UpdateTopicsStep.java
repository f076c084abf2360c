package io.kafkaops.engine.edit;

import static io.kafkaops.engine.edit.EditSession.insertAfter;
import static io.kafkaops.engine.edit.Workspace.TOPICS;

import io.kafkaops.engine.edit.Workspace.Item;
import io.kafkaops.engine.edit.yaml.Renderer;
import io.kafkaops.engine.edit.yaml.SourceFile;
import io.kafkaops.engine.edit.yaml.Surgery;
import io.kafkaops.engine.edit.yaml.Value.ListValue;
import io.kafkaops.engine.edit.yaml.Value.MapValue;
import io.kafkaops.engine.edit.yaml.Value.Scalar;
import io.kafkaops.engine.edit.yaml.Value;
import io.kafkaops.engine.edit.yaml.YamlNodes;
import io.kafkaops.engine.edit.yaml.YamlText;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.load.CoreSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Carries out {@link EntityEdit.UpdateTopics}: each setting replaces its value in the value's style or is inserted in
 * the usual key order; config and metadata keys are set or removed one by one.
 */
final class UpdateTopicsStep {

    /** Key order of new keys in existing topics: after the last key that comes earlier in this order. */
    private static final List<String> TOPIC_KEYS = List.of("name", "partitions", "replicationFactor", "config",
            "metadata", "visibility", "sharedWith", "protected", "deployTo", "overrides");

    private final EditSession s;
    private final Workspace ws;

    private UpdateTopicsStep(EditSession s) {
        this.s = s;
        this.ws = s.ws;
    }

    static void apply(EntityEdit.UpdateTopics u, EditSession s) {
        UpdateTopicsStep step = new UpdateTopicsStep(s);
        step.check(u);
        if (s.problems.isEmpty()) step.change(u);
    }

    private void check(EntityEdit.UpdateTopics u) {
        Set<String> topicNames = s.names(TOPICS);
        TopicSettings set = u.set();
        for (String name : u.names()) {
            Optional<Item> found = ws.topic(name);
            if (found.isEmpty()) {
                s.problems.add(EditSession.unknown(EditParameters.TOPICS, "topic", name, topicNames,
                        ws.external("topics").contains(name) ? "it is listed under external.topics: only the "
                                + "repository that owns it can change it" : null));
                continue;
            }
            Item item = found.get();
            if (s.anchored(item, "topic '" + name + "'")) continue;
            if (set.partitions() != null && YamlNodes.value(item.map(), "partitions") instanceof ScalarNode p) {
                // read the way the loader reads it (YAML 1.2): 0x10 is 16, a quoted "16" is no number
                Object value = p.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN
                        ? CoreSchema.resolvePlain(p.getValue()).value() : null;
                if (value instanceof Long current) {
                    if (set.partitions() < current) {
                        s.problems.add(Diagnostic.error(EditRules.PARTITIONS_SHRINK, "topic '" + name + "' has "
                                        + current + " partitions; Kafka cannot reduce them to " + set.partitions(),
                                EditSession.location(item.file(), p),
                                "keep " + current + " or more, or create a new topic (a new name, e.g. the next "
                                        + "version) and move the consumers"));
                    }
                }
            }
            for (String k : u.removeConfig()) missingKey(item, "config", k, name);
            for (String k : u.removeMetadata()) missingKey(item, "metadata", k, name);
        }
    }

    private void change(EntityEdit.UpdateTopics u) {
        TopicSettings set = u.set();
        for (String name : u.names()) {
            List<String> changes = new ArrayList<>();
            if (set.partitions() != null) set(name, "partitions", Scalar.typed(set.partitions().toString()), changes);
            if (set.replicationFactor() != null) {
                set(name, "replicationFactor", Scalar.typed(set.replicationFactor().toString()), changes);
            }
            set.config().forEach((k, v) -> setInMap(name, "config", k, Scalar.typed(v), changes));
            set.metadata().forEach((k, v) -> setInMap(name, "metadata", k, Scalar.string(v), changes));
            for (String k : u.removeConfig()) removeFromMap(name, "config", k, changes);
            for (String k : u.removeMetadata()) removeFromMap(name, "metadata", k, changes);
            if (set.visibility() != null) set(name, "visibility", Scalar.string(set.visibility()), changes);
            if (set.sharedWith() != null) set(name, "sharedWith", ListValue.ofStrings(set.sharedWith()), changes);
            if (set.protectedTopic() != null) {
                set(name, "protected", Scalar.typed(set.protectedTopic().toString()), changes);
            }
            if (set.deployTo() != null) set(name, "deployTo", ListValue.ofStrings(set.deployTo()), changes);
            Item item = ws.topic(name).orElseThrow();
            s.summary.add(changes.isEmpty() ? "topic " + name + " already had these settings ("
                    + item.file().displayName + ")" : "updated topic " + name + " in " + item.file().displayName + ": "
                    + String.join("; ", changes));
        }
    }

    private void missingKey(Item item, String mapKey, String key, String topic) {
        if (YamlNodes.value(item.map(), mapKey) instanceof MappingNode m && YamlNodes.entry(m, key) != null) return;
        s.problems.add(Diagnostic.error(EditRules.UNKNOWN_ENTITY, "topic '" + topic + "' has no " + mapKey + " key '"
                + key + "' to remove", item.location("name"), "remove only keys the topic sets"));
    }

    /** Sets a key of a topic: replaces the value in its style, or inserts the key in the usual order. */
    private void set(String topic, String key, Value value, List<String> changes) {
        Item item = ws.topic(topic).orElseThrow();
        SourceFile f = item.file();
        YamlText t = f.yaml();
        Renderer r = ws.renderer(f);
        NodeTuple tuple = YamlNodes.entry(item.map(), key);
        String before = f.text();
        if (tuple != null) {
            f.set(Surgery.replaceValue(t, tuple, value, r));
        } else {
            f.set(Surgery.insertEntry(t, item.map(), insertAfter(item.map(), key, TOPIC_KEYS), key, value, r));
        }
        if (!before.equals(f.text())) {
            String old = tuple == null ? null : plain(tuple.getValueNode());
            changes.add(key + (old == null ? " " : " " + old + " -> ") + plain(value));
        }
    }

    /** Sets one key of the topic's config or metadata map, creating the map when the topic has none. */
    private void setInMap(String topic, String mapKey, String key, Scalar value, List<String> changes) {
        Item item = ws.topic(topic).orElseThrow();
        SourceFile f = item.file();
        YamlText t = f.yaml();
        Renderer r = ws.renderer(f);
        NodeTuple mapTuple = YamlNodes.entry(item.map(), mapKey);
        String before = f.text();
        String old = null;
        if (mapTuple != null && mapTuple.getValueNode() instanceof MappingNode m && !m.getValue().isEmpty()) {
            NodeTuple tuple = YamlNodes.entry(m, key);
            if (tuple != null) {
                old = plain(tuple.getValueNode());
                f.set(Surgery.replaceValue(t, tuple, value, r));
            } else {
                f.set(Surgery.insertEntry(t, m, m.getValue().size() - 1, key, value, r));
            }
        } else if (mapTuple != null) {
            f.set(Surgery.replaceValue(t, mapTuple, new MapValue(List.of(Map.entry(key, value)), null), r));
        } else {
            f.set(Surgery.insertEntry(t, item.map(), insertAfter(item.map(), mapKey, TOPIC_KEYS), mapKey,
                    new MapValue(List.of(Map.entry(key, value)), null), r));
        }
        if (!before.equals(f.text())) {
            changes.add(mapKey + " " + key + (old == null ? " " : " " + old + " -> ") + value.text());
        }
    }

    private void removeFromMap(String topic, String mapKey, String key, List<String> changes) {
        Item item = ws.topic(topic).orElseThrow();
        SourceFile f = item.file();
        YamlText t = f.yaml();
        MappingNode m = (MappingNode) YamlNodes.value(item.map(), mapKey);
        if (m.getValue().size() == 1) {
            f.set(Surgery.removeEntry(t, item.map(), YamlNodes.indexOf(item.map(), mapKey)));
        } else {
            f.set(Surgery.removeEntry(t, m, YamlNodes.indexOf(m, key)));
        }
        changes.add("removed " + mapKey + " " + key);
    }

    private static String plain(Node n) {
        if (n instanceof ScalarNode sc) return sc.getValue();
        if (n instanceof SequenceNode seq) {
            return "[" + String.join(", ", seq.getValue().stream().map(UpdateTopicsStep::plain).toList()) + "]";
        }
        if (n instanceof MappingNode m) {
            return "{" + String.join(", ", m.getValue().stream()
                    .map(t -> plain(t.getKeyNode()) + ": " + plain(t.getValueNode())).toList()) + "}";
        }
        return String.valueOf(n);
    }

    private static String plain(Value v) {
        if (v instanceof Scalar sc) return sc.text();
        if (v instanceof ListValue l) {
            return "[" + String.join(", ", l.items().stream().map(UpdateTopicsStep::plain).toList()) + "]";
        }
        MapValue m = (MapValue) v;
        return "{" + String.join(", ", m.entries().stream().map(e -> e.getKey() + ": " + plain(e.getValue())).toList())
                + "}";
    }
}
