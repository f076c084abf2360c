package io.kafkaops.engine.plan;

/**
 * One difference inside an entity change.
 *
 * @param field       {@code partitions}, {@code replicationFactor}, {@code config.<key>}, {@code visibility},
 *                    {@code sharedWith}, {@code protected}, {@code credential} or {@code ownership}
 * @param before      the current value as Kafka holds it; null when unset (the default applies)
 * @param after       the wanted value as Kafka takes it; null to reset a config to its default
 * @param text        the change for people, e.g. {@code retention.ms 7d -> 14d}
 * @param destructive whether it can lose data or availability
 */
public record FieldChange(String field, String before, String after, String text, boolean destructive) {

    public static final String PARTITIONS = "partitions";
    public static final String REPLICATION_FACTOR = "replicationFactor";
    public static final String CONFIG_PREFIX = "config.";
    public static final String CREDENTIAL = "credential";
    public static final String OWNERSHIP = "ownership";

    /** Whether applying it changes the cluster, not just the ownership record. */
    public boolean touchesCluster() {
        return field.equals(PARTITIONS) || field.equals(REPLICATION_FACTOR) || field.startsWith(CONFIG_PREFIX)
                || field.equals(CREDENTIAL);
    }

    /** The config key of a {@code config.<key>} change, else null. */
    public String configKey() {
        return field.startsWith(CONFIG_PREFIX) ? field.substring(CONFIG_PREFIX.length()) : null;
    }
}
