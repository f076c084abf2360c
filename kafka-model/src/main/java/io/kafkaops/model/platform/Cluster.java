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
 */
public record Cluster(
        String name,
        String type,
        String bootstrapServers,
        Map<String, String> properties,
        ClusterCredentials credentials,
        Location location) {

    public static final String TYPE_APACHE_KAFKA = "apache-kafka";
    public static final String TYPE_EMBEDDED = "embedded";

    public Cluster {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        credentials = credentials == null ? ClusterCredentials.none() : credentials;
    }

    /** A broker the plugin starts itself for the build, for development stages. */
    public boolean isEmbedded() {
        return TYPE_EMBEDDED.equals(type);
    }
}
