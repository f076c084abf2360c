package io.kafkaops.maven;

import static io.kafkaops.engine.edit.EditParameters.CONFIG;
import static io.kafkaops.engine.edit.EditParameters.DEPLOY_TO;
import static io.kafkaops.engine.edit.EditParameters.DESCRIPTION;
import static io.kafkaops.engine.edit.EditParameters.METADATA;
import static io.kafkaops.engine.edit.EditParameters.PARTITIONS;
import static io.kafkaops.engine.edit.EditParameters.PROTECTED;
import static io.kafkaops.engine.edit.EditParameters.REPLICATION_FACTOR;
import static io.kafkaops.engine.edit.EditParameters.SHARED_WITH;
import static io.kafkaops.engine.edit.EditParameters.TOPICS;
import static io.kafkaops.engine.edit.EditParameters.VISIBILITY;

import java.util.Map;
import org.apache.maven.plugins.annotations.Parameter;

/** The parameters {@code kafka:add-topic} and {@code kafka:update-topic} share: the topics and their settings. */
abstract class AbstractTopicEditMojo extends AbstractEditMojo {

    /**
     * The logical names of the topics, comma-separated: the topics to add (add-topic) or the declared topics to change
     * (update-topic). Required.
     */
    @Parameter(property = TOPICS)
    private String topics;

    /**
     * Partition count; absent on add-topic: the platform default. update-topic never lowers it (Kafka cannot remove
     * partitions).
     */
    @Parameter(property = PARTITIONS)
    private String partitions;

    /** Replication factor; absent on add-topic: the platform default. */
    @Parameter(property = REPLICATION_FACTOR)
    private String replicationFactor;

    /**
     * Topic configs to set, as {@code key=value,key=value}; units are kept as written ({@code retention.ms=7d}), and
     * update-topic leaves the configs not named as they are. A comma inside a value is fine when the next part is no
     * {@code key=} ({@code cleanup.policy=compact,delete}); else write {@code \,}.
     */
    @Parameter(property = CONFIG)
    private String config;

    /**
     * Metadata keys to set, as {@code key=value,key=value} ({@code dataClassification=internal,owner=jane});
     * update-topic leaves the keys not named as they are.
     */
    @Parameter(property = METADATA)
    private String metadata;

    /** Shorthand for setting {@code metadata.description}. */
    @Parameter(property = DESCRIPTION)
    private String description;

    /** {@code private}, {@code protected} or {@code public}. */
    @Parameter(property = VISIBILITY)
    private String visibility;

    /**
     * Teams that may consume the topics when the visibility is protected, comma-separated; update-topic replaces the
     * list.
     */
    @Parameter(property = SHARED_WITH)
    private String sharedWith;

    /** {@code true}: never deleted by a deploy; update-topic takes {@code false} to allow deleting again. */
    @Parameter(property = PROTECTED)
    private String protectedTopic;

    /**
     * The stages the topics are deployed to, comma-separated; absent on add-topic: every stage. update-topic replaces
     * the list.
     */
    @Parameter(property = DEPLOY_TO)
    private String deployTo;

    /**
     * The topics and settings given, plus the goal's own parameters, keyed by property name; absent ones are left out.
     *
     * @param morePropertyValuePairs the goal's own parameters: property name, value, property name, value, ...
     */
    protected Map<String, String> topicParameters(String... morePropertyValuePairs) {
        Map<String, String> m = raw(TOPICS, topics, PARTITIONS, partitions, REPLICATION_FACTOR, replicationFactor,
                CONFIG, config, METADATA, metadata, DESCRIPTION, description, VISIBILITY, visibility, SHARED_WITH,
                sharedWith, PROTECTED, protectedTopic, DEPLOY_TO, deployTo);
        m.putAll(raw(morePropertyValuePairs));
        return m;
    }
}
