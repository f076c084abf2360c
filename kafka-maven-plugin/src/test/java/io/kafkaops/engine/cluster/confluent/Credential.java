package io.kafkaops.engine.cluster.confluent;

import java.util.Objects;

/**
 * A Confluent Cloud API key: its id (the SASL/PLAIN user name or the HTTP Basic user) and its secret.
 *
 * @param key    the key id
 * @param secret the secret; never printed ({@link #toString()} leaves it out)
 */
public record Credential(String key, String secret) {

    public Credential {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "Credential[key=" + key + ", secret=***]";
    }
}
