package io.kafkaops.engine;

import io.kafkaops.engine.cluster.ClusterSessions;
import io.kafkaops.engine.cluster.admin.ConfluentClusterSessions;
import io.kafkaops.engine.cluster.admin.KafkaClusterSessions;
import io.kafkaops.engine.cluster.confluent.ConfluentCloudAccess;
import java.util.function.Consumer;

/**
 * The one place in main code that wires the Apache Kafka Admin-client adapter ({@code engine.cluster.admin}) into the
 * engine: the goals take their sessions here and hand them to {@link StageEngine}, which never constructs an adapter.
 * Everything else sees clusters only through the ports in {@code engine.cluster}; {@code ArchitectureTest} allows this
 * class, and no other outside the adapter, to import the adapter.
 */
public final class ClusterWiring {

    private ClusterWiring() {
    }

    /**
     * Sessions on real clusters through the Admin client.
     *
     * @param notices gets the lines to show the user while the engine waits, such as for a cluster that does not
     *                answer yet
     */
    public static ClusterSessions adminClient(Consumer<String> notices) {
        return notices == null ? new KafkaClusterSessions() : new KafkaClusterSessions(notices);
    }

    /**
     * Sessions on a Confluent Cloud cluster: topics, ACLs and ownership through the Admin client with the cluster API
     * key, service accounts and API keys through Confluent's IAM API with the Cloud API key.
     *
     * @param notices gets the lines to show the user while the engine waits (rate limits, new keys propagating)
     */
    public static ClusterSessions confluentCloud(ConfluentCloudAccess access, Consumer<String> notices) {
        return new ConfluentClusterSessions(access, notices);
    }
}
