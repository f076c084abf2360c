package io.kafkaops.engine.local;

import io.kafkaops.engine.cluster.SaslJaas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.FixedHostPortGenericContainer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;

/**
 * The test broker in a Docker container ({@code -Dkafka.test.broker=testcontainers}): the {@code apache/kafka} image
 * of the build's Kafka version (or {@code -Dkafka.test.image}) run with the same {@code server.properties} as the
 * child-JVM broker ({@link BrokerConfig}: SCRAM-SHA-512 clients, PLAIN controller, {@code StandardAuthorizer}, the
 * super user's SCRAM credential written when the storage is formatted). The client listener is published on the same
 * port of 127.0.0.1, so the address the broker advertises works from the host.
 *
 * <p>Where no Docker engine answers, {@link #shared()} aborts the calling test with a JUnit assumption: the test is
 * skipped, not failed.
 */
final class ContainerBroker implements TestKafka {

    /** The system property naming another image. */
    static final String IMAGE_PROPERTY = "kafka.test.image";

    private static final String DIR = "/tmp/kafkaops/";
    private static final int CONTROLLER_PORT = 9093;
    private static ContainerBroker shared;

    private final GenericContainer<?> container;
    private final ScramCredentials admin;
    private final int port;

    private ContainerBroker(GenericContainer<?> container, ScramCredentials admin, int port) {
        this.container = container;
        this.admin = admin;
        this.port = port;
    }

    /** The shared container broker, started on the first call; skips the calling test where Docker is missing. */
    static synchronized ContainerBroker shared() {
        Assumptions.assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
                "-D" + TestBroker.KIND_PROPERTY + "=testcontainers needs a Docker engine, and none answers");
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared.container::stop, "kafkaops-test-container-stop"));
        }
        return shared;
    }

    private static ContainerBroker start() {
        String image = System.getProperty(IMAGE_PROPERTY, "apache/kafka:" + AppInfoParser.getVersion());
        int port = freePort();
        // the container's own classpath: the settings' jars are only used by the child-JVM broker
        BrokerSettings settings = new BrokerSettings(List.of(Path.of("/opt/kafka/libs")), null, "admin", null,
                Duration.ofSeconds(120), "512m", "warn", Path.of("/opt/java/openjdk"), Map.of());
        ScramCredentials admin = new ScramCredentials(settings.adminUser(), BrokerFiles.randomPassword());
        BrokerConfig.Node node = new BrokerConfig.Node(1, "0.0.0.0", port, CONTROLLER_PORT, null);
        String properties = BrokerConfig.serverPropertiesText(
                BrokerConfig.serverProperties(settings, admin, node, Path.of(DIR + "data")));
        // the password stays in files inside the container, never on a command line Docker shows
        String script = "#!/bin/sh\nset -e\n"
                + "/opt/kafka/bin/kafka-storage.sh format --config " + DIR + "server.properties --cluster-id "
                + Uuid.randomUuid() + " --add-scram '" + KafkaBroker.SCRAM_MECHANISM + "=[name=" + admin.username()
                + ",password=" + admin.password() + "]'\n"
                + "exec /opt/kafka/bin/kafka-server-start.sh " + DIR + "server.properties\n";
        @SuppressWarnings({"deprecation", "resource"}) // the fixed port is what makes the advertised address work
        GenericContainer<?> container = new FixedHostPortGenericContainer<>(image)
                .withFixedExposedPort(port, port)
                .withCopyToContainer(Transferable.of(properties, 0600), DIR + "server.properties")
                .withCopyToContainer(Transferable.of(script, 0700), DIR + "start.sh")
                .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("sh", DIR + "start.sh"))
                .waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1)
                        .withStartupTimeout(settings.startTimeout()));
        container.start();
        return new ContainerBroker(container, admin, port);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(BrokerConfig.HOST), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port for the test container", e);
        }
    }

    @Override
    public String bootstrapServers() {
        return BrokerConfig.HOST + ":" + port;
    }

    @Override
    public ScramCredentials adminCredentials() {
        return admin;
    }

    @Override
    public Map<String, Object> clientProperties(String username, String password) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        properties.put(SaslConfigs.SASL_MECHANISM, KafkaBroker.SCRAM_MECHANISM);
        properties.put(SaslConfigs.SASL_JAAS_CONFIG, SaslJaas.scram(username, password).value());
        return Collections.unmodifiableMap(properties);
    }
}
