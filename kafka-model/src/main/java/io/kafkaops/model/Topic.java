package io.kafkaops.model;

import java.util.List;
import java.util.Map;

/**
 * A topic as declared in an entity file, with its logical (stage-independent) name.
 *
 * @param name              logical name, without any stage prefix
 * @param partitions        partition count; null means the platform default
 * @param replicationFactor replication factor; null means the platform default
 * @param config            topic configs; values are Kafka's canonical strings (units like {@code 7d} already converted)
 * @param metadata          free-form descriptive keys (description, dataClassification, ...)
 * @param visibility        who else may consume it
 * @param sharedWith        teams allowed to consume it when {@code visibility} is {@code protected}
 * @param protectedTopic    never deleted by a deploy, whatever the stage allows
 * @param deployTo          the stages it is deployed to, in the order written; null means every stage
 * @param overrides         per-stage overrides keyed by stage name
 */
public record Topic(
        String name,
        Integer partitions,
        Integer replicationFactor,
        Map<String, String> config,
        Map<String, String> metadata,
        Visibility visibility,
        List<String> sharedWith,
        boolean protectedTopic,
        List<String> deployTo,
        Map<String, TopicOverride> overrides,
        Origin origin) {

    public Topic {
        config = config == null ? Map.of() : Map.copyOf(config);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        visibility = visibility == null ? Visibility.PRIVATE : visibility;
        sharedWith = sharedWith == null ? List.of() : List.copyOf(sharedWith);
        deployTo = deployTo == null ? null : List.copyOf(deployTo);
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
        origin = origin == null ? Origin.unknown() : origin;
    }

    public boolean deployedTo(String stage) {
        return deployTo == null || deployTo.contains(stage);
    }
}
