package io.kafkaops.model.platform;

import io.kafkaops.model.Location;
import java.util.Map;

/**
 * A Kafka cluster stages deploy to.
 *
 * @param type             {@code apache-kafka} (more types come with later adapters)
 * @param bootstrapServers comma-separated host:port list
 * @param properties       extra Kafka client properties (security.protocol, sasl.mechanism, ssl.*); never secrets
 */
public record Cluster(
        String name,
        String type,
        String bootstrapServers,
        Map<String, String> properties,
        ClusterCredentials credentials,
        Location location) {

    public static final String TYPE_APACHE_KAFKA = "apache-kafka";

    public Cluster {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        credentials = credentials == null ? ClusterCredentials.none() : credentials;
    }
}
