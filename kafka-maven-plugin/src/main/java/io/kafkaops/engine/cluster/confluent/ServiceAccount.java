package io.kafkaops.engine.cluster.confluent;

/**
 * A Confluent Cloud service account (IAM v2).
 *
 * @param id          {@code sa-...}; Kafka knows the account as the principal {@code User:<id>}
 * @param displayName unique in the organisation; the plugin uses the physical name (stage prefix included)
 */
public record ServiceAccount(String id, String displayName, String description) {

    /** The principal Kafka ACLs name this account by. */
    public String principal() {
        return "User:" + id;
    }
}
