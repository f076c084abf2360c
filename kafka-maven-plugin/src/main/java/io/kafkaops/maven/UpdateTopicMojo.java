package io.kafkaops.maven;

import static io.kafkaops.engine.edit.EditParameters.REMOVE_CONFIG;
import static io.kafkaops.engine.edit.EditParameters.REMOVE_METADATA;

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
public class UpdateTopicMojo extends AbstractTopicEditMojo {

    /** Topic config keys to remove, comma-separated. */
    @Parameter(property = REMOVE_CONFIG)
    private String removeConfig;

    /** Metadata keys to remove, comma-separated. */
    @Parameter(property = REMOVE_METADATA)
    private String removeMetadata;

    @Override
    protected EntityEdit edit() throws EditRejectedException {
        return EditParameters.updateTopics(topicParameters(REMOVE_CONFIG, removeConfig, REMOVE_METADATA,
                removeMetadata));
    }
}
