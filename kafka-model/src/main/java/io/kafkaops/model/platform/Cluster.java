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
        ConfluentCloud confluentCloud) {

    public static final String TYPE_APACHE_KAFKA = "apache-kafka";
    public static final String TYPE_EMBEDDED = "embedded";
    public static final String TYPE_CONFLUENT_CLOUD = "confluent-cloud";

    public Cluster {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        credentials = credentials == null ? ClusterCredentials.none() : credentials;
    }

    /** A cluster of any type but Confluent Cloud. */
    public Cluster(String name, String type, String bootstrapServers, Map<String, String> properties,
                   ClusterCredentials credentials, Location location) {
        this(name, type, bootstrapServers, properties, credentials, location, null);
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
