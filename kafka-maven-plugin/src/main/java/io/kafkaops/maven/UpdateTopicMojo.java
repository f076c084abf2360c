package io.kafkaops.maven;

import static io.kafkaops.engine.edit.EditParameters.CONFIG;
import static io.kafkaops.engine.edit.EditParameters.DEPLOY_TO;
import static io.kafkaops.engine.edit.EditParameters.DESCRIPTION;
import static io.kafkaops.engine.edit.EditParameters.METADATA;
import static io.kafkaops.engine.edit.EditParameters.PARTITIONS;
import static io.kafkaops.engine.edit.EditParameters.PROTECTED;
import static io.kafkaops.engine.edit.EditParameters.REMOVE_CONFIG;
import static io.kafkaops.engine.edit.EditParameters.REMOVE_METADATA;
import static io.kafkaops.engine.edit.EditParameters.REPLICATION_FACTOR;
import static io.kafkaops.engine.edit.EditParameters.SHARED_WITH;
import static io.kafkaops.engine.edit.EditParameters.TOPICS;
import static io.kafkaops.engine.edit.EditParameters.VISIBILITY;

import io.kafkaops.engine.edit.EditParameters;
import io.kafkaops.engine.edit.EditRejectedException;
import io.kafkaops.engine.edit.EntityEdit;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Changes declared topics where they are written: only the values given change, everything else in the file stays as
 * it is. {@code mvn kafka:update-topic -Dkafka.topics=billing.invoices.v1 -Dkafka.partitions=12
 * -Dkafka.config=retention.ms=14d}. Partitions can only grow. Per-stage overrides are edited by hand.
 */
@Mojo(name = "update-topic", requiresProject = true, threadSafe = true)
public class UpdateTopicMojo extends AbstractEditMojo {

    /** The logical names of the topics to change, comma-separated. Required. */
    @Parameter(property = TOPICS)
    private String topics;

    /** New partition count (never fewer than now). */
    @Parameter(property = PARTITIONS)
    private String partitions;

    /** New replication factor. */
    @Parameter(property = REPLICATION_FACTOR)
    private String replicationFactor;

    /** Topic configs to set, {@code key=value,key=value}; other configs stay. */
    @Parameter(property = CONFIG)
    private String config;

    /** Topic config keys to remove, comma-separated. */
    @Parameter(property = REMOVE_CONFIG)
    private String removeConfig;

    /** Metadata keys to set, {@code key=value,key=value}; other keys stay. */
    @Parameter(property = METADATA)
    private String metadata;

    /** Metadata keys to remove, comma-separated. */
    @Parameter(property = REMOVE_METADATA)
    private String removeMetadata;

    /** Shorthand for setting {@code metadata.description}. */
    @Parameter(property = DESCRIPTION)
    private String description;

    /** New visibility: {@code private}, {@code protected} or {@code public}. */
    @Parameter(property = VISIBILITY)
    private String visibility;

    /** Replaces the teams the topics are shared with, comma-separated. */
    @Parameter(property = SHARED_WITH)
    private String sharedWith;

    /** {@code true} or {@code false}: whether a deploy may ever delete the topics. */
    @Parameter(property = PROTECTED)
    private String protectedTopic;

    /** Replaces the stages the topics are deployed to, comma-separated. */
    @Parameter(property = DEPLOY_TO)
    private String deployTo;

    @Override
    protected EntityEdit edit() throws EditRejectedException {
        return EditParameters.updateTopics(raw(TOPICS, topics, PARTITIONS, partitions, REPLICATION_FACTOR,
                replicationFactor, CONFIG, config, REMOVE_CONFIG, removeConfig, METADATA, metadata, REMOVE_METADATA,
                removeMetadata, DESCRIPTION, description, VISIBILITY, visibility, SHARED_WITH, sharedWith, PROTECTED,
                protectedTopic, DEPLOY_TO, deployTo));
    }
}
