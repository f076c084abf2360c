package io.kafkaops.engine.desired;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.kafkaops.model.Visibility;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A topic as a plan creates or keeps it: everything a saved plan needs to apply it.
 *
 * @param config only the configs the repo sets, values as Kafka takes them (units converted)
 */
public record TopicSpec(
        int partitions,
        int replicationFactor,
        Map<String, String> config,
        Visibility visibility,
        List<String> sharedWith,
        @JsonProperty("protected") boolean protectedTopic) {

    public TopicSpec {
        config = config == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(config));
        visibility = visibility == null ? Visibility.PRIVATE : visibility;
        sharedWith = sharedWith == null ? List.of() : List.copyOf(sharedWith);
    }

    public static TopicSpec of(DesiredTopic t) {
        return new TopicSpec(t.partitions(), t.replicationFactor(), t.config(), t.visibility(), t.sharedWith(),
                t.protectedTopic());
    }

    public String canonical() {
        return "partitions=" + partitions + ";rf=" + replicationFactor + ";config=" + config + ";visibility="
                + visibility + ";sharedWith=" + sharedWith.stream().sorted().toList() + ";protected=" + protectedTopic;
    }
}
