package io.kafkaops.engine;

import io.kafkaops.engine.cluster.ClusterSessions;
import io.kafkaops.engine.cluster.admin.ClientWarmUp;
import io.kafkaops.engine.cluster.admin.ConfluentClusterSessions;
import io.kafkaops.engine.cluster.admin.KafkaClusterSessions;
import io.kafkaops.engine.cluster.confluent.ConfluentCloudAccess;
import java.time.Duration;
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
     * Starts preparing the Kafka clients (classes, the JVM's MBean server, the SCRAM hash) on another thread, so that it
     * happens while the goal validates the files; the first session waits for it to end. Once per JVM; no network.
     */
    public static void warmUpClients() {
        ClientWarmUp.start();
    }

    /**
     * Waits for a started warm-up to end (at most the given time): call before using a Kafka client outside a session,
     * such as the embedded broker's readiness check, so that no class is initialised by two threads at once.
     */
    public static void awaitClientWarmUp(Duration max) {
        ClientWarmUp.await(max);
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
