package io.kafkaops.engine.edit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Topic fields a request sets; null (or empty for the maps) leaves a field out of a new topic and unchanged on an
 * existing one. Map entries keep the order given.
 *
 * @param config     config values as the user wrote them ({@code 7d} stays {@code 7d} in the file)
 * @param visibility {@code private}, {@code protected} or {@code public}
 */
public record TopicSettings(Integer partitions, Integer replicationFactor, Map<String, String> config,
                            Map<String, String> metadata, String visibility, List<String> sharedWith,
                            Boolean protectedTopic, List<String> deployTo) {

    public TopicSettings {
        config = config == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(config));
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        sharedWith = sharedWith == null ? null : List.copyOf(sharedWith);
        deployTo = deployTo == null ? null : List.copyOf(deployTo);
    }

    public static TopicSettings none() {
        return new TopicSettings(null, null, null, null, null, null, null, null);
    }

    public boolean isEmpty() {
        return partitions == null && replicationFactor == null && config.isEmpty() && metadata.isEmpty()
                && visibility == null && sharedWith == null && protectedTopic == null && deployTo == null;
    }
}
