package io.kafkaops.policy.internal.builtin;

import io.kafkaops.model.Topic;
import io.kafkaops.model.TopicOverride;
import io.kafkaops.model.platform.PlatformDefinition;

/**
 * Replication factors within {@code min}/{@code max}, per stage if {@code stages} says so. Development stages are not
 * checked: their single embedded broker gets replication factor 1 whatever the files say.
 */
public final class TopicReplicationFactorPolicy extends TopicSizeBoundsPolicy {

    public static final String ID = "topicReplicationFactor";

    public TopicReplicationFactorPolicy() {
        super(ID, "The replication factor in effect on each stage (override, topic value or platform default) lies "
                + "within 'min' and 'max', or the bounds under 'stages.<stage>'.");
    }

    @Override
    String field() {
        return "replicationFactor";
    }

    @Override
    String amount(int value) {
        return "replication factor " + value;
    }

    @Override
    Integer value(Topic topic) {
        return topic.replicationFactor();
    }

    @Override
    Integer value(TopicOverride override) {
        return override.replicationFactor();
    }

    @Override
    int platformDefault(PlatformDefinition platform) {
        return platform.defaultReplicationFactor();
    }

    @Override
    boolean checks(String stage, ModelIndex index) {
        return !index.developmentStages.contains(stage);
    }
}
