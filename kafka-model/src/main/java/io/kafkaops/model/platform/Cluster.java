package io.kafkaops.model.platform;

import io.kafkaops.model.Location;
import java.util.Map;

/**
 * A Kafka cluster stages deploy to.
 *
 * @param type             {@code apache-kafka}, or {@code embedded}: a single-node broker the plugin starts on the build
 *                         machine for development (no bootstrap servers, no credentials)
 * @param bootstrapServers comma-separated host:port list; null for an embedded cluster
 * @param properties       extra Kafka client properties (security.protocol, sasl.mechanism, ssl.*); never secrets
 * @param clusterId        the id the cluster must answer with ({@code describeCluster().clusterId()}), so that a
 *                         bootstrap address pointing at another cluster is refused; null when not pinned
 * @param replicationThrottle bytes per second a replica reassignment (a replication-factor change) may copy, per
 *                         broker; {@link #DEFAULT_REPLICATION_THROTTLE} when not given
 * @param credentials      where the admin credentials come from; for {@code confluent-cloud} the cluster API key
 * @param confluentCloud   for {@code confluent-cloud}: environment, Kafka cluster id, API URL, Cloud API key; else null
 */
public record Cluster(
        String name,
        String type,
        String bootstrapServers,
        Map<String, String> properties,
        ClusterCredentials credentials,
        Location location,
        String clusterId,
        long replicationThrottle,
        ConfluentCloud confluentCloud) {

    public static final String TYPE_APACHE_KAFKA = "apache-kafka";
    public static final String TYPE_EMBEDDED = "embedded";
    public static final String TYPE_CONFLUENT_CLOUD = "confluent-cloud";

    /** 50 MiB/s: enough to finish a typical topic's change in minutes, far below what a broker's network takes. */
    public static final long DEFAULT_REPLICATION_THROTTLE = 50L << 20;

    public Cluster {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        credentials = credentials == null ? ClusterCredentials.none() : credentials;
        replicationThrottle = replicationThrottle <= 0 ? DEFAULT_REPLICATION_THROTTLE : replicationThrottle;
    }

    /** A cluster without a pinned id and with the default replication throttle; not Confluent Cloud. */
    public Cluster(String name, String type, String bootstrapServers, Map<String, String> properties,
                   ClusterCredentials credentials, Location location) {
        this(name, type, bootstrapServers, properties, credentials, location, null, DEFAULT_REPLICATION_THROTTLE,
                null);
    }

    /** A cluster of any type but Confluent Cloud. */
    public Cluster(String name, String type, String bootstrapServers, Map<String, String> properties,
                   ClusterCredentials credentials, Location location, String clusterId, long replicationThrottle) {
        this(name, type, bootstrapServers, properties, credentials, location, clusterId, replicationThrottle, null);
    }


    /** A Confluent Cloud cluster: service accounts and API keys through Confluent's IAM API. */
    public boolean isConfluentCloud() {
        return TYPE_CONFLUENT_CLOUD.equals(type);
    }

    /** A broker the plugin starts itself for the build, for development stages. */
    public boolean isEmbedded() {
        return TYPE_EMBEDDED.equals(type);
    }
}
