package io.kafkaops.engine.local;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

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

    /** Whether the broker accepts the password right now; an authorization error still means it signed in. */
    default boolean signsIn(String username, String password) throws Exception {
        Map<String, Object> props = new HashMap<>(clientProperties(username, password));
        props.put("request.timeout.ms", "5000");
        props.put("default.api.timeout.ms", "5000");
        try (Admin probe = Admin.create(props)) {
            probe.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthorizationException) return true;
            if (e.getCause() instanceof AuthenticationException) return false;
            throw e;
        }
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
