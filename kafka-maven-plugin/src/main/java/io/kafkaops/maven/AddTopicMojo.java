package io.kafkaops.maven;

import io.kafkaops.engine.edit.EditParameters;
import io.kafkaops.engine.edit.EditRejectedException;
import io.kafkaops.engine.edit.EntityEdit;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Declares one or more topics, all with the same settings:
 * {@code mvn kafka:add-topic -Dkafka.topics=billing.refunds.v1 -Dkafka.partitions=6 -Dkafka.config=retention.ms=7d}.
 * Nothing is written unless the result validates.
 */
@Mojo(name = "add-topic", requiresProject = true, threadSafe = true)
public class AddTopicMojo extends AbstractTopicEditMojo {

    @Override
    protected EntityEdit edit() throws EditRejectedException {
        return EditParameters.addTopics(topicParameters());
    }
}
