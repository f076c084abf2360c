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

import io.kafkaops.engine.edit.EditParameters;
import io.kafkaops.engine.edit.EditRejectedException;
import io.kafkaops.engine.edit.EntityEdit;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Declares one or more topics, all with the same settings:
 * {@code mvn kafka:add-topic -Dkafka.topics=billing.refunds.v1 -Dkafka.partitions=6 -Dkafka.config=retention.ms=7d}.
 * Nothing is written unless the result validates.
 */
@Mojo(name = "add-topic", requiresProject = true, threadSafe = true)
public class AddTopicMojo extends AbstractEditMojo {

    /** The logical names of the topics to add, comma-separated. Required. */
    @Parameter(property = TOPICS)
    private String topics;

    /** Partition count; absent: the platform default. */
    @Parameter(property = PARTITIONS)
    private String partitions;

    /** Replication factor; absent: the platform default. */
    @Parameter(property = REPLICATION_FACTOR)
    private String replicationFactor;

    /**
     * Topic configs as {@code key=value,key=value}; units are kept as written ({@code retention.ms=7d}). A comma inside
     * a value is fine when the next part is no {@code key=} ({@code cleanup.policy=compact,delete}); else write
     * {@code \,}.
     */
    @Parameter(property = CONFIG)
    private String config;

    /** Metadata as {@code key=value,key=value} ({@code dataClassification=internal,owner=jane}). */
    @Parameter(property = METADATA)
    private String metadata;

    /** Shorthand for {@code metadata.description}. */
    @Parameter(property = DESCRIPTION)
    private String description;

    /** {@code private}, {@code protected} or {@code public}. */
    @Parameter(property = VISIBILITY)
    private String visibility;

    /** Teams that may consume the topics when the visibility is protected, comma-separated. */
    @Parameter(property = SHARED_WITH)
    private String sharedWith;

    /** {@code true}: never deleted by a deploy. */
    @Parameter(property = PROTECTED)
    private String protectedTopic;

    /** The stages the topics are deployed to, comma-separated; absent: every stage. */
    @Parameter(property = DEPLOY_TO)
    private String deployTo;

    @Override
    protected EntityEdit edit() throws EditRejectedException {
        return EditParameters.addTopics(raw(TOPICS, topics, PARTITIONS, partitions, REPLICATION_FACTOR,
                replicationFactor, CONFIG, config, METADATA, metadata, DESCRIPTION, description, VISIBILITY, visibility,
                SHARED_WITH, sharedWith, PROTECTED, protectedTopic, DEPLOY_TO, deployTo));
    }
}
