package io.kafkaops.engine.cluster.confluent;

/**
 * An API key just created: the only time Confluent Cloud returns its secret. {@link #toString()} leaves it out.
 *
 * @param key the key as read back: id, owner, cluster, description
 */
public record NewApiKey(ApiKey key, String secret) {

    public String id() {
        return key.id();
    }

    @Override
    public String toString() {
        return "NewApiKey[" + key + ", secret=***]";
    }
}
