package io.kafkaops.engine.cluster.confluent;

import io.kafkaops.engine.cluster.SaslJaas;
import io.kafkaops.engine.local.KafkaBroker;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * A real Kafka broker (KRaft, a child JVM through {@link KafkaBroker}) that stands in for the Kafka cluster of a
 * {@link ConfluentCloudTestServer}: a SASL_SSL listener with mechanism PLAIN whose accepted credentials are exactly
 * the API keys the server {@linkplain ConfluentCloudTestServer#keyWorks accepts} for its cluster
 * ({@link ConfluentPlainCallbackHandler}), where a key signs in as {@code User:<owning sa-id>}
 * ({@link ConfluentPrincipalBuilder}), {@code StandardAuthorizer} with the server's cluster admin account as a super
 * user, and nothing allowed that no ACL allows, as on Confluent Cloud. The broker's own SCRAM listener stays for its
 * start-up check and is not for tests.
 *
 * <pre>{@code
 * try (ConfluentCloudTestServer cloud = ConfluentCloudTestServer.start();
 *      ConfluentCloudTestCluster kafka = ConfluentCloudTestCluster.start(cloud);
 *      Admin admin = Admin.create(kafka.adminClientProperties())) { ... }
 * }</pre>
 */
public final class ConfluentCloudTestCluster implements AutoCloseable {

    /** The name of the SASL_SSL listener the keys sign in on. */
    public static final String LISTENER = "CCLOUD";

    private static final Duration LISTENER_READY = Duration.ofSeconds(60);

    private final ConfluentCloudTestServer server;
    private final KafkaBroker broker;

    private ConfluentCloudTestCluster(ConfluentCloudTestServer server, KafkaBroker broker) {
        this.server = server;
        this.broker = broker;
    }

    /**
     * Starts a broker for {@code server}'s Kafka cluster and waits until its cluster admin key can describe the
     * cluster over SASL_SSL. Close it before the server.
     */
    public static ConfluentCloudTestCluster start(ConfluentCloudTestServer server) {
        String prefix = "listener.name." + LISTENER.toLowerCase(Locale.ROOT) + ".";
        List<Path> classpath = new ArrayList<>(KafkaBroker.currentJvmClasspath());
        // the handler and the principal builder are test code: in the test classes or the plugin's test-jar
        Path own = codeSource();
        if (own != null && !classpath.contains(own)) {
            classpath.add(own);
        }
        String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required "
                + ConfluentPlainCallbackHandler.REGISTRY_OPTION + "=" + quote(server.keyRegistry().toString()) + " "
                + ConfluentPlainCallbackHandler.CLUSTER_OPTION + "=" + quote(server.kafkaClusterId()) + ";";
        String admin = "admin";
        KafkaBroker broker = KafkaBroker.builder()
                .classpath(classpath)
                .adminUser(admin)
                .listener(LISTENER, "SASL_SSL")
                .property(prefix + "sasl.enabled.mechanisms", "PLAIN")
                .property(prefix + "plain.sasl.jaas.config", jaas)
                .property(prefix + "plain.sasl.server.callback.handler.class",
                        ConfluentPlainCallbackHandler.class.getName())
                .property(prefix + "principal.builder.class", ConfluentPrincipalBuilder.class.getName())
                .property(prefix + "ssl.keystore.type", TlsMaterial.TYPE)
                .property(prefix + "ssl.keystore.location", server.keyStore().toString())
                .property(prefix + "ssl.keystore.password", server.keyStorePassword())
                .property(prefix + "ssl.key.password", server.keyStorePassword())
                .property("super.users", "User:" + admin + ";" + server.clusterAdminPrincipal())
                .build();
        broker.start();
        ConfluentCloudTestCluster cluster = new ConfluentCloudTestCluster(server, broker);
        try {
            cluster.awaitListener();
        } catch (RuntimeException e) {
            broker.stop();
            throw e;
        }
        return cluster;
    }

    /** {@code 127.0.0.1:port} of the SASL_SSL listener. */
    public String bootstrapServers() {
        return broker.listenerBootstrapServers(LISTENER);
    }

    /**
     * The client properties without credentials: bootstrap.servers, security.protocol SASL_SSL, sasl.mechanism
     * PLAIN and the trust store of the server's certificate.
     */
    public Map<String, Object> clientProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        properties.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
        properties.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, TlsMaterial.TYPE);
        properties.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, server.trustStore().toString());
        properties.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, server.trustStorePassword());
        return Collections.unmodifiableMap(properties);
    }

    /** {@link #clientProperties()} with {@code key} as the PLAIN user and password. Holds the secret: never print. */
    public Map<String, Object> clientProperties(Credential key) {
        Map<String, Object> properties = new LinkedHashMap<>(clientProperties());
        properties.put(SaslConfigs.SASL_JAAS_CONFIG, SaslJaas.plain(key.key(), key.secret()).value());
        return Collections.unmodifiableMap(properties);
    }

    /** {@link #clientProperties(Credential)} with the server's cluster admin key (a super user). */
    public Map<String, Object> adminClientProperties() {
        return clientProperties(server.clusterAdminKey());
    }

    /** The server whose keys this broker accepts. */
    public ConfluentCloudTestServer server() {
        return server;
    }

    /** The broker itself (its log file, for example). */
    public KafkaBroker broker() {
        return broker;
    }

    /** Stops the broker and deletes its data. */
    @Override
    public void close() {
        broker.stop();
    }

    @Override
    public String toString() {
        return "ConfluentCloudTestCluster[" + server.kafkaClusterId() + ", " + broker + "]";
    }

    private void awaitListener() {
        Map<String, Object> props = new HashMap<>(adminClientProperties());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "kafkaops-ccloud-readiness");
        long deadline = System.nanoTime() + LISTENER_READY.toNanos();
        Exception last = null;
        try (Admin client = Admin.create(props)) {
            while (System.nanoTime() < deadline) {
                try {
                    client.describeCluster(new DescribeClusterOptions().timeoutMs(5_000)).nodes()
                            .get(6, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the " + LISTENER + " listener", e);
        }
        throw new IllegalStateException("The " + LISTENER + " listener did not accept the cluster admin key within "
                + LISTENER_READY.toSeconds() + " s (last error: " + (last == null ? "none" : last.getMessage())
                + "); broker log: " + broker.logFile());
    }

    private static Path codeSource() {
        try {
            CodeSource source = ConfluentPlainCallbackHandler.class.getProtectionDomain().getCodeSource();
            return source == null || source.getLocation() == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
