package io.kafkaops.engine.cluster;

import io.kafkaops.engine.store.Secrets;
import io.kafkaops.model.platform.Cluster;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the engine reaches a stage's cluster with admin rights.
 *
 * @param stage            the stage name, for messages
 * @param bootstrapServers comma-separated host:port list
 * @param adminProperties  Kafka client properties for the admin client (security.protocol, sasl.mechanism,
 *                         sasl.jaas.config with the admin credentials, ssl.*); {@link #toString()} masks the secrets
 * @param replicationThrottle bytes per second a replica reassignment may copy per broker (the cluster's
 *                         {@code replicationThrottle} in the platform definition)
 */
public record ClusterConnection(String stage, String bootstrapServers, Map<String, String> adminProperties,
                                long replicationThrottle) {

    public ClusterConnection {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        adminProperties = adminProperties == null ? Map.of() : Map.copyOf(adminProperties);
        replicationThrottle = replicationThrottle <= 0 ? Cluster.DEFAULT_REPLICATION_THROTTLE : replicationThrottle;
    }

    /** With the default replication throttle. */
    public ClusterConnection(String stage, String bootstrapServers, Map<String, String> adminProperties) {
        this(stage, bootstrapServers, adminProperties, Cluster.DEFAULT_REPLICATION_THROTTLE);
    }

    /** This connection with another replication throttle (bytes per second). */
    public ClusterConnection withReplicationThrottle(long bytesPerSecond) {
        return new ClusterConnection(stage, bootstrapServers, adminProperties, bytesPerSecond);
    }

    /** The client properties with bootstrap.servers set; contains secrets, never print it. */
    public Map<String, String> clientProperties() {
        Map<String, String> props = new LinkedHashMap<>(adminProperties);
        props.put("bootstrap.servers", bootstrapServers);
        return props;
    }

    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>();
        adminProperties.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> shown.put(e.getKey(), Secrets.isSecretKey(e.getKey()) ? "***" : e.getValue()));
        return "ClusterConnection[stage=" + stage + ", bootstrapServers=" + bootstrapServers + ", adminProperties="
                + shown + "]";
    }
}
