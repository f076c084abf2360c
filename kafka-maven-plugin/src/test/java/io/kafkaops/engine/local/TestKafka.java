package io.kafkaops.engine.local;

import java.util.Map;

/**
 * A Kafka broker that tests talk to, whichever way it runs ({@link TestBroker}): SASL_PLAINTEXT with SCRAM-SHA-512 on
 * 127.0.0.1, {@code StandardAuthorizer} denying what no ACL allows, and one super user.
 */
public interface TestKafka {

    /** {@code 127.0.0.1:port}. */
    String bootstrapServers();

    /** The super user; never print its password. */
    ScramCredentials adminCredentials();

    /** Client properties (bootstrap.servers, security, SASL JAAS) for any SCRAM-SHA-512 user; holds the password. */
    Map<String, Object> clientProperties(String username, String password);

    /** Client properties for the super user; holds the password. */
    default Map<String, Object> adminClientProperties() {
        return clientProperties(adminCredentials().username(), adminCredentials().password());
    }

    /** Client properties for a user given as credentials. */
    default Map<String, Object> clientProperties(ScramCredentials credentials) {
        return clientProperties(credentials.username(), credentials.password());
    }

    /** A {@link KafkaBroker} in a child JVM of the test JVM. */
    record Jar(KafkaBroker broker) implements TestKafka {
        @Override
        public String bootstrapServers() {
            return broker.bootstrapServers();
        }

        @Override
        public ScramCredentials adminCredentials() {
            return broker.adminCredentials();
        }

        @Override
        public Map<String, Object> clientProperties(String username, String password) {
            return broker.clientProperties(username, password);
        }
    }
}
