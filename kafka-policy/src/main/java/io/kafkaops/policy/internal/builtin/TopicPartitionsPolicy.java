package io.kafkaops.policy.internal.builtin;

import io.kafkaops.model.Topic;
import io.kafkaops.model.TopicOverride;
import io.kafkaops.model.platform.PlatformDefinition;

/** Partition counts within {@code min}/{@code max}, per stage if {@code stages} says so. */
public final class TopicPartitionsPolicy extends TopicSizeBoundsPolicy {

    public static final String ID = "topicPartitions";

    public TopicPartitionsPolicy() {
        super(ID, "The partition count in effect on each stage (override, topic value or platform default) lies "
                + "within 'min' and 'max', or the bounds under 'stages.<stage>'.");
    }

    @Override
    String field() {
        return "partitions";
    }

    @Override
    String amount(int value) {
        return Texts.plural(value, "partition", "partitions");
    }

    @Override
    Integer value(Topic topic) {
        return topic.partitions();
    }

    @Override
    Integer value(TopicOverride override) {
        return override.partitions();
    }

    @Override
    int platformDefault(PlatformDefinition platform) {
        return platform.defaultPartitions();
    }
}
