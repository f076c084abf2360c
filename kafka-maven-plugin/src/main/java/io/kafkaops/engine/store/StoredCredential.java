package io.kafkaops.engine.store;

import io.kafkaops.engine.cluster.SaslJaas;
import java.util.Map;

/**
 * Everything an application needs to connect as a service account. {@link #toString()} hides the secret.
 *
 * @param clientProperties bootstrap.servers, security.protocol, sasl.mechanism (no secrets)
 */
public record StoredCredential(
        String stage,
        String team,
        String principal,
        String username,
        String password,
        Map<String, String> clientProperties) {

    public StoredCredential {
        clientProperties = Map.copyOf(clientProperties);
    }

    /** The JAAS line for {@code sasl.jaas.config}: contains the password, never print it. */
    public String jaasConfig() {
        return SaslJaas.forMechanism(clientProperties.getOrDefault("sasl.mechanism", "SCRAM-SHA-512"), username,
                password).value();
    }

    @Override
    public String toString() {
        return "StoredCredential[stage=" + stage + ", team=" + team + ", principal=" + principal + ", password=***]";
    }
}
