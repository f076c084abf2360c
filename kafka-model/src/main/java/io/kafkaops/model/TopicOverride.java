package io.kafkaops.model;

import java.util.Map;

/** Per-stage values that replace the topic's defaults on that stage. Null fields keep the default. */
public record TopicOverride(Integer partitions, Integer replicationFactor, Map<String, String> config) {
    public TopicOverride {
        config = config == null ? Map.of() : Map.copyOf(config);
    }
}
