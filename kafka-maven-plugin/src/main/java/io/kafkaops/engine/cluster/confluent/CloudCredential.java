package io.kafkaops.engine.cluster.confluent;

import java.util.Objects;

/**
 * A Confluent Cloud API key and its secret, with where it came from for messages ("the Cloud API key from settings
 * server `ccloud-iam`"). {@link #toString()} leaves the secret out.
 *
 * @param source which key this is and where it came from, for messages; never the secret
 */
public record CloudCredential(String key, String secret, String source) {

    public CloudCredential {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(secret, "secret");
        source = source == null ? "the API key " + key : source;
    }

    @Override
    public String toString() {
        return "CloudCredential[key=" + key + ", secret=***, source=" + source + "]";
    }
}
