package io.kafkaops.engine.edit;

import static io.kafkaops.engine.edit.Workspace.TOPICS;

import io.kafkaops.engine.edit.yaml.SourceFile;
import io.kafkaops.engine.edit.yaml.Value.ListValue;
import io.kafkaops.engine.edit.yaml.Value.MapValue;
import io.kafkaops.engine.edit.yaml.Value.Scalar;
import io.kafkaops.engine.edit.yaml.Value;
import io.kafkaops.model.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Carries out {@link EntityEdit.AddTopics}: new topics appended to the topic list of the target file. */
final class AddTopicsStep {

    private AddTopicsStep() {
    }

    static void apply(EntityEdit.AddTopics a, EditSession s) {
        for (String name : a.names()) {
            s.ws.topic(name).ifPresent(found -> s.problems.add(Diagnostic.error(EditRules.DUPLICATE,
                    "topic '" + name + "' is already declared here", found.location("name"),
                    "use kafka:update-topic to change it, or choose another name")));
        }
        if (!s.problems.isEmpty()) return;
        List<Value> values = a.names().stream().map(n -> topicValue(n, a.settings())).toList();
        SourceFile f = s.appendEntities(TOPICS, values);
        if (f != null) a.names().forEach(n -> s.summary.add("added topic " + n + " to " + f.displayName));
    }

    static Value topicValue(String name, TopicSettings s) {
        List<Map.Entry<String, Value>> e = new ArrayList<>();
        e.add(Map.entry("name", Scalar.string(name)));
        if (s.partitions() != null) e.add(Map.entry("partitions", Scalar.typed(s.partitions().toString())));
        if (s.replicationFactor() != null) {
            e.add(Map.entry("replicationFactor", Scalar.typed(s.replicationFactor().toString())));
        }
        if (!s.config().isEmpty()) e.add(Map.entry("config", MapValue.ofTexts(s.config(), true)));
        if (!s.metadata().isEmpty()) e.add(Map.entry("metadata", MapValue.ofTexts(s.metadata(), false)));
        if (s.visibility() != null) e.add(Map.entry("visibility", Scalar.string(s.visibility())));
        if (s.sharedWith() != null) e.add(Map.entry("sharedWith", ListValue.ofStrings(s.sharedWith())));
        if (s.protectedTopic() != null) e.add(Map.entry("protected", Scalar.typed(s.protectedTopic().toString())));
        if (s.deployTo() != null) e.add(Map.entry("deployTo", ListValue.ofStrings(s.deployTo())));
        return new MapValue(e, false);
    }
}
