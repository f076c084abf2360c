package io.kafkaops.engine.debug;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A session credential the cluster just issued. Only {@link #clientSettings} holds the secret; {@link #toString()}
 * leaves it out.
 *
 * @param kind           {@link DebugSession#DELEGATION_TOKEN} or {@link DebugSession#API_KEY}
 * @param id             the token id or key id (not secret)
 * @param expiry         when the cluster stops accepting it
 * @param clientSettings Kafka client properties that sign in with it; contains the secret, never print it
 */
public record IssuedCredential(String kind, String id, Instant expiry, Map<String, String> clientSettings) {

    public IssuedCredential {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(expiry, "expiry");
        clientSettings = Map.copyOf(clientSettings);
    }

    @Override
    public String toString() {
        return "IssuedCredential[kind=" + kind + ", id=" + id + ", expiry=" + expiry + ", clientSettings=***]";
    }
}
