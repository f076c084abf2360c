package io.kafkaops.engine.local;

import static io.kafkaops.engine.local.BrokerConfig.HOST;
import static io.kafkaops.engine.local.ChildJvm.awaitExit;
import static io.kafkaops.engine.local.ChildJvm.closeStdin;
import static io.kafkaops.engine.local.BrokerFiles.argFileText;
import static io.kafkaops.engine.local.BrokerFiles.deleteQuietly;
import static io.kafkaops.engine.local.BrokerFiles.randomPassword;
import static io.kafkaops.engine.local.BrokerFiles.randomSuffix;
import static io.kafkaops.engine.local.BrokerFiles.write;
import static io.kafkaops.engine.local.BrokerFiles.writeSecret;

import io.kafkaops.engine.cluster.SaslJaas;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * A single-node Apache Kafka broker in KRaft mode (combined broker and controller) running in a child JVM.
 *
 * <p>Clients connect with SASL_PLAINTEXT and SCRAM-SHA-512 on a random loopback port; {@code StandardAuthorizer}
 * enforces ACLs and denies anything no ACL allows. The admin user is a super user whose SCRAM credential is written
 * into the metadata log when the storage is formatted. The controller listener uses SASL/PLAIN with a static user
 * table, because SCRAM credentials live in the metadata log that the controller itself serves and cannot
 * authenticate the connections that read it.
 *
 * <p>The tests' {@code KafkaCluster} runs several of them as one cluster: this node as the controller, the others
 * as broker-only nodes that join it.
 *
 * <p>The broker's classpath is a parameter (Kafka server jars plus an SLF4J 2 provider such as slf4j-simple or
 * log4j-slf4j2-impl for its log file), so this class compiles against kafka-clients alone.
 *
 * <pre>{@code
 * try (KafkaBroker broker = KafkaBroker.builder().classpath(jars).build()) {
 *     broker.start();
 *     try (Admin admin = Admin.create(broker.adminClientProperties())) { ... }
 * }
 * }</pre>
 */
public final class KafkaBroker implements AutoCloseable {

    /** The SASL mechanism clients use. */
    public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

    private static final String KAFKA_MAIN = "kafka.Kafka";
    private static final String STORAGE_TOOL = "kafka.tools.StorageTool";
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final int PORT_ATTEMPTS = 3;

    private final BrokerSettings settings;
    private final Path dataDir;
    private final boolean keepData;
    private final ScramCredentials admin;
    private final int requestedClientPort;
    private final int requestedControllerPort;
    private final int nodeId;
    private final String clusterId;
    private final String controllerVoters;
    private final boolean ownShutdownHook;
    private final Map<String, String> extraListeners;

    private int clientPort;
    private final Map<String, Integer> extraPorts = new LinkedHashMap<>();
    private int controllerPort;
    private int launches;
    private volatile Process process;
    private final ShutdownHook shutdownHook = new ShutdownHook("kafkaops-broker-shutdown", this::stopAtJvmExit);

    private KafkaBroker(Builder builder, BrokerSettings settings) {
        this.settings = settings;
        this.keepData = builder.keepData;
        this.admin = new ScramCredentials(settings.adminUser(),
                settings.adminPassword() != null ? settings.adminPassword() : randomPassword());
        this.requestedClientPort = builder.clientPort;
        this.requestedControllerPort = builder.controllerPort;
        this.nodeId = builder.nodeId;
        this.clusterId = builder.clusterId;
        this.controllerVoters = builder.controllerVoters;
        this.ownShutdownHook = builder.ownShutdownHook;
        this.extraListeners = Collections.unmodifiableMap(new LinkedHashMap<>(builder.extraListeners));
        this.dataDir = (settings.dataDir() != null
                ? settings.dataDir()
                : Path.of(System.getProperty("java.io.tmpdir"), "kafkaops-broker-" + randomSuffix()))
                .toAbsolutePath();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The classpath of the running JVM ({@code java.class.path}), for a broker whose jars are on the caller's own
     * classpath, as in tests that depend on {@code org.apache.kafka:kafka_2.13}.
     */
    public static List<Path> currentJvmClasspath() {
        return Stream.of(System.getProperty("java.class.path", "").split(Pattern.quote(File.pathSeparator)))
                .filter(entry -> !entry.isBlank())
                .map(Path::of)
                .toList();
    }

    /**
     * Formats the storage if needed, starts the broker and waits until the admin user can describe the cluster.
     *
     * @throws KafkaBrokerException when the broker does not come up within the start timeout; the message holds the
     *                              tail of its log
     */
    public synchronized void start() {
        if (isRunning()) {
            throw new IllegalStateException("The broker is already running on " + bootstrapServers());
        }
        prepareDataDir();
        boolean randomPorts = clientPort == 0 && requestedClientPort == 0 && requestedControllerPort == 0;
        for (int attempt = 1; ; attempt++) {
            if (clientPort == 0 || (randomPorts && attempt > 1)) {
                assignPorts();
            }
            registerShutdownHook();
            writeConfiguration();
            if (!isFormatted()) {
                format();
            }
            try {
                launchAndAwaitReady();
                return;
            } catch (PortInUseException e) {
                if (!randomPorts || attempt >= PORT_ATTEMPTS) {
                    throw new KafkaBrokerException(e.getMessage());
                }
            }
        }
    }

    /**
     * Stops the broker gracefully (if running) and starts it again on the same ports with the same data, like a
     * broker restart in production. Also brings a broker back after {@link #kill()}.
     */
    public synchronized void restart() {
        if (clientPort == 0 || !isFormatted()) {
            throw new IllegalStateException("restart() needs a broker that was started before");
        }
        stopProcess(GRACEFUL_STOP);
        registerShutdownHook();
        try {
            launchAndAwaitReady();
        } catch (PortInUseException e) {
            throw new KafkaBrokerException(e.getMessage());
        }
    }

    /** Stops the broker gracefully and deletes its data directory unless {@code keepData} was set. Idempotent. */
    public synchronized void stop() {
        stopProcess(GRACEFUL_STOP);
        unregisterShutdownHook();
        if (!keepData) {
            deleteDataDir();
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /**
     * Kills the broker process at once (SIGKILL), as a crash would; the data stays for {@link #restart()}.
     */
    public synchronized void kill() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroyForcibly();
        awaitExit(p, GRACEFUL_STOP);
        closeStdin(p);
        process = null;
    }

    public boolean isRunning() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** {@code 127.0.0.1:port} of the SASL_PLAINTEXT client listener. */
    public synchronized String bootstrapServers() {
        if (clientPort == 0) {
            throw new IllegalStateException("The broker has not been started yet");
        }
        return HOST + ":" + clientPort;
    }

    /**
     * {@code 127.0.0.1:port} of a further listener added with {@link Builder#listener(String, String)}.
     *
     * @throws IllegalArgumentException when the broker has no listener of that name
     */
    public synchronized String listenerBootstrapServers(String name) {
        if (!extraListeners.containsKey(name)) {
            throw new IllegalArgumentException("The broker has no listener " + name);
        }
        if (clientPort == 0) {
            throw new IllegalStateException("The broker has not been started yet");
        }
        return HOST + ":" + extraPorts.get(name);
    }

    /** The port of the controller listener, 0 before the first start (and always for a broker-only cluster node). */
    public synchronized int controllerPort() {
        return controllerPort;
    }

    /** The broker's {@code node.id}: 1 for a single broker, the node's number in a cluster. */
    public int nodeId() {
        return nodeId;
    }

    /** Whether this node also runs the KRaft controller; false only for the broker-only nodes of a cluster. */
    public boolean isController() {
        return controllerVoters == null;
    }

    /** {@code nodeId@127.0.0.1:port}: this node in a {@code controller.quorum.voters} list. */
    synchronized String controllerVoter() {
        if (!isController() || controllerPort == 0) {
            throw new IllegalStateException("Node " + nodeId + " runs no controller, or has not been started yet");
        }
        return nodeId + "@" + HOST + ":" + controllerPort;
    }

    /** The super user. Its password is generated unless the builder was given one; never print it. */
    public ScramCredentials adminCredentials() {
        return admin;
    }

    /** Client properties (bootstrap.servers, security.protocol, sasl.mechanism, sasl.jaas.config) for the admin. */
    public Map<String, Object> adminClientProperties() {
        return clientProperties(admin.username(), admin.password());
    }

    /**
     * Client properties for any SCRAM-SHA-512 user: bootstrap.servers, security.protocol, sasl.mechanism and
     * sasl.jaas.config. The map holds the password: never print it.
     */
    public Map<String, Object> clientProperties(String username, String password) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        properties.put(SaslConfigs.SASL_MECHANISM, SCRAM_MECHANISM);
        properties.put(SaslConfigs.SASL_JAAS_CONFIG, SaslJaas.scram(username, password).value());
        return Collections.unmodifiableMap(properties);
    }

    /** Client properties for a user given as credentials. */
    public Map<String, Object> clientProperties(ScramCredentials credentials) {
        return clientProperties(credentials.username(), credentials.password());
    }

    /** Whether stop() keeps the data directory (the local stage's {@code kafka.local.keep}). */
    public boolean keepsData() {
        return keepData;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The broker's WARN-level log of the current (or last) run. */
    public synchronized Path logFile() {
        return logsDir().resolve("broker-" + Math.max(launches, 1) + ".log");
    }

    /** The last lines of the current (or last) run's log, secrets removed; empty when there is none yet. */
    synchronized String logTail() {
        return tail(logFile());
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + (nodeId == 1 ? "" : "node " + nodeId + ", ")
                + (clientPort == 0 ? "not started" : HOST + ":" + clientPort)
                + (isRunning() ? ", running" : "") + ", dataDir=" + dataDir + "]";
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Creates the data directory owner-only, or checks that an existing one is a broker's: stop() deletes it, so it
     * must never be a directory with other content.
     */
    private void prepareDataDir() {
        BrokerFiles.prepareDataDir(dataDir, "broker", serverProperties());
    }

    private void assignPorts() {
        List<ServerSocket> extras = new ArrayList<>();
        try {
            // all held at once so they differ; released just before the broker binds them
            for (String name : extraListeners.keySet()) {
                ServerSocket socket = bindLoopback(0);
                extras.add(socket);
                extraPorts.put(name, socket.getLocalPort());
            }
            if (!isController()) {
                try (ServerSocket client = bindLoopback(requestedClientPort)) {
                    clientPort = client.getLocalPort();
                }
                return;
            }
            try (ServerSocket client = bindLoopback(requestedClientPort);
                 ServerSocket controller = bindLoopback(requestedControllerPort)) {
                clientPort = client.getLocalPort();
                controllerPort = controller.getLocalPort();
            }
        } catch (IOException e) {
            throw new KafkaBrokerException("No free loopback port for the broker: " + e.getMessage(), e);
        } finally {
            for (ServerSocket socket : extras) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the port is free either way once this JVM lets go of it
                }
            }
        }
    }

    private static ServerSocket bindLoopback(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        return socket;
    }

    private void writeConfiguration() {
        try {
            Files.createDirectories(logsDir());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + logsDir(), e);
        }
        List<BrokerConfig.Listener> extras = extraListeners.entrySet().stream()
                .map(e -> new BrokerConfig.Listener(e.getKey(), e.getValue(), extraPorts.get(e.getKey())))
                .toList();
        BrokerConfig.Node node = new BrokerConfig.Node(nodeId, HOST, clientPort, controllerPort, controllerVoters,
                extras);
        writeSecret(serverProperties(), BrokerConfig.serverPropertiesText(
                BrokerConfig.serverProperties(settings, admin, node, metadataDir())));
        write(dataDir.resolve("log4j2.properties"), BrokerConfig.log4j(logFile(), settings.logLevel()));
    }

    private boolean isFormatted() {
        return Files.isRegularFile(metadataDir().resolve("meta.properties"));
    }

    private void format() {
        Path argFile = dataDir.resolve("format.args");
        Path output = logsDir().resolve("format.out");
        Path log = logsDir().resolve("format.log");
        List<String> args = new ArrayList<>(List.of("-cp", ChildJvm.classpath(settings.classpath())));
        args.addAll(ChildJvm.options("256m", log, logsDir(), dataDir.resolve("log4j2.properties"), settings.logLevel()));
        args.add(STORAGE_TOOL);
        args.addAll(List.of("format",
                "--config", serverProperties().toString(),
                "--cluster-id", clusterId != null ? clusterId : Uuid.randomUuid().toString()));
        if (isController()) {
            // the bootstrap metadata the controller starts its log with; brokers get the credential from that log
            args.addAll(List.of("--add-scram",
                    SCRAM_MECHANISM + "=[name=" + admin.username() + ",password=" + admin.password() + "]"));
        }
        // the password goes through an owner-only argument file, never onto the command line other users can see
        writeSecret(argFile, argFileText(args));
        try {
            Process formatter = new ProcessBuilder(settings.javaExecutable().toString(), "@" + argFile)
                    .directory(dataDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            closeStdin(formatter);
            if (!awaitExit(formatter, settings.startTimeout())) {
                formatter.destroyForcibly();
                awaitExit(formatter, GRACEFUL_STOP);
                throw new KafkaBrokerException("Formatting the broker storage did not finish within "
                        + settings.startTimeout().toSeconds() + "s." + tail(log) + tail(output));
            }
            if (formatter.exitValue() != 0 || !isFormatted()) {
                throw new KafkaBrokerException("Formatting the broker storage failed (exit code "
                        + formatter.exitValue() + ")." + tail(log) + tail(output));
            }
        } catch (IOException e) {
            throw new KafkaBrokerException("Cannot run " + settings.javaExecutable() + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(argFile);
        }
    }

    private void launchAndAwaitReady() throws PortInUseException {
        launches++;
        Path output = logsDir().resolve("process-" + launches + ".log");
        writeConfiguration();
        List<Path> brokerClasspath = new ArrayList<>(settings.classpath());
        Path watchdog = ChildJvm.ownCodeSource();
        if (watchdog != null) {
            brokerClasspath.add(watchdog);
        }
        // only the long classpath goes into an argument file: the rest stays visible to ps, for people
        Path classpathFile = dataDir.resolve("classpath.args");
        write(classpathFile, argFileText(List.of("-cp", ChildJvm.classpath(brokerClasspath))));
        List<String> command = new ArrayList<>(List.of(settings.javaExecutable().toString(), "@" + classpathFile));
        command.addAll(ChildJvm.options(settings.maxHeap(), logFile(), logsDir(), dataDir.resolve("log4j2.properties"),
                settings.logLevel()));
        if (watchdog != null) {
            command.add(BrokerMain.class.getName());
        }
        command.add(KAFKA_MAIN);
        command.add(serverProperties().toString());
        Process started;
        try {
            started = new ProcessBuilder(command)
                    .directory(dataDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
        } catch (IOException e) {
            throw new KafkaBrokerException("Cannot run " + settings.javaExecutable() + ": " + e.getMessage(), e);
        }
        process = started;
        try {
            awaitReady(started, output);
        } catch (RuntimeException | PortInUseException e) {
            stopProcess(Duration.ZERO);
            throw e;
        }
    }

    private void awaitReady(Process started, Path output) throws PortInUseException {
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        awaitListening(started, output, deadline);
        Map<String, Object> props = new HashMap<>(adminClientProperties());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "kafkaops-broker-readiness");
        Exception last = null;
        try (Admin client = Admin.create(props)) {
            while (true) {
                checkAlive(started, output);
                try {
                    Collection<Node> nodes = client.describeCluster(new DescribeClusterOptions().timeoutMs(3_000))
                            .nodes().get(4, TimeUnit.SECONDS);
                    if (!nodes.isEmpty()) {
                        return;
                    }
                } catch (ExecutionException e) {
                    last = e.getCause() instanceof Exception cause ? cause : e;
                } catch (TimeoutException e) {
                    last = e;
                }
                if (System.nanoTime() > deadline) {
                    throw new KafkaBrokerException("The Kafka broker did not accept the admin user within "
                            + settings.startTimeout().toSeconds() + "s (last error: "
                            + (last == null ? "none" : redact(String.valueOf(last.getMessage()))) + ")."
                            + tail(logFile()) + tail(output));
                }
                pause();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaBrokerException("Interrupted while waiting for the broker", e);
        }
    }

    private void awaitListening(Process started, Path output, long deadline) throws PortInUseException {
        while (true) {
            checkAlive(started, output);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, clientPort), 500);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new KafkaBrokerException("The Kafka broker did not open " + HOST + ":" + clientPort
                            + " within " + settings.startTimeout().toSeconds() + "s." + tail(logFile()) + tail(output));
                }
                pause();
            }
        }
    }

    private void checkAlive(Process started, Path output) throws PortInUseException {
        if (started.isAlive()) {
            return;
        }
        String logs = tail(logFile()) + tail(output);
        if (logs.contains("Address already in use")) {
            throw new PortInUseException("The Kafka broker could not bind its " + (isController()
                    ? "ports " + clientPort + "/" + controllerPort : "port " + clientPort) + "." + logs);
        }
        throw new KafkaBrokerException("The Kafka broker exited during start-up with code " + started.exitValue()
                + "." + logs);
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaBrokerException("Interrupted while waiting for the broker", e);
        }
    }

    private void stopProcess(Duration grace) {
        Process p = process;
        if (p == null) {
            return;
        }
        if (p.isAlive()) {
            p.destroy();
            if (grace.isZero() || !awaitExit(p, grace)) {
                p.destroyForcibly();
                awaitExit(p, GRACEFUL_STOP);
            }
        }
        closeStdin(p);
        process = null;
    }

    private synchronized void registerShutdownHook() {
        if (!ownShutdownHook) {
            // a cluster node: the cluster's hook stops the nodes in order
            return;
        }
        shutdownHook.register();
    }

    private void unregisterShutdownHook() {
        shutdownHook.unregister();
    }

    /**
     * Unsynchronized on purpose: the JVM may exit while another thread holds the lock waiting in start(). A
     * A cluster calls it from its own shutdown hook.
     */
    void stopAtJvmExit() {
        Process p = process;
        if (p != null && p.isAlive() && !keepData) {
            // its data is deleted next: a graceful shutdown would only keep the exiting JVM (and the user) waiting
            p.destroyForcibly();
            awaitExit(p, Duration.ofSeconds(10));
        } else if (p != null && p.isAlive()) {
            p.destroy();
            if (!awaitExit(p, Duration.ofSeconds(10))) {
                p.destroyForcibly();
                awaitExit(p, Duration.ofSeconds(10));
            }
        }
        if (!keepData) {
            deleteDataDir();
        }
    }

    private void deleteDataDir() {
        BrokerFiles.deleteTree(dataDir);
    }

    private Path metadataDir() {
        return dataDir.resolve("kraft");
    }

    private Path logsDir() {
        return dataDir.resolve("logs");
    }

    private Path serverProperties() {
        return dataDir.resolve("server.properties");
    }

    private String tail(Path file) {
        return BrokerFiles.tail(file, admin.password());
    }

    private String redact(String text) {
        return text.replace(admin.password(), "***");
    }

    /** The broker lost the race for a port picked at random; start() tries fresh ports. */
    private static final class PortInUseException extends Exception {
        PortInUseException(String message) {
            super(message);
        }
    }

    /** Configures a {@link KafkaBroker}; only {@link #classpath(List)} is required. */
    public static final class Builder extends BrokerSettings.Builder<Builder> {
        private boolean keepData;
        private int clientPort;
        private int controllerPort;
        private int nodeId = 1;
        private String clusterId;
        private String controllerVoters;
        private boolean ownShutdownHook = true;
        private final Map<String, String> extraListeners = new LinkedHashMap<>();

        /** Defaults: 90 s start timeout, 512m heap. */
        private Builder() {
            super(Duration.ofSeconds(90), "512m");
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Keep the data directory on {@link KafkaBroker#stop()}; by default it is deleted. */
        public Builder keepData(boolean keepData) {
            this.keepData = keepData;
            return this;
        }

        /** A fixed client port instead of a random free one. */
        public Builder clientPort(int clientPort) {
            this.clientPort = clientPort;
            return this;
        }

        /** A fixed controller port instead of a random free one. */
        public Builder controllerPort(int controllerPort) {
            this.controllerPort = controllerPort;
            return this;
        }

        /**
         * A further client listener on a random loopback port, next to the SASL_PLAINTEXT/SCRAM one (for example a
         * SASL_SSL listener with another SASL mechanism). Configure it with {@code listener.name.<name lower case>.*}
         * {@linkplain #property properties}; {@link KafkaBroker#listenerBootstrapServers(String)} gives its address.
         *
         * @param name             upper-case letters, digits and '_'; not CLIENT or CONTROLLER
         * @param securityProtocol PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL
         */
        public Builder listener(String name, String securityProtocol) {
            if (name == null || !name.matches("[A-Z][A-Z0-9_]*") || name.equals(BrokerConfig.CLIENT_LISTENER)
                    || name.equals(BrokerConfig.CONTROLLER_LISTENER)) {
                throw new IllegalStateException("A listener name is upper-case letters, digits and '_', and not "
                        + BrokerConfig.CLIENT_LISTENER + " or " + BrokerConfig.CONTROLLER_LISTENER + ": " + name);
            }
            if (!List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL").contains(securityProtocol)) {
                throw new IllegalStateException("The security protocol of listener " + name
                        + " must be PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL");
            }
            extraListeners.put(name, securityProtocol);
            return this;
        }

        /** The {@code node.id}; 1 by default. For a cluster. */
        Builder nodeId(int nodeId) {
            this.nodeId = nodeId;
            return this;
        }

        /** The cluster id the storage is formatted with; a random one by default. For a cluster. */
        Builder clusterId(String clusterId) {
            this.clusterId = clusterId;
            return this;
        }

        /**
         * Makes this a broker-only node that joins the controller quorum given as a {@code controller.quorum.voters}
         * value ({@code id@host:port,...}); by default the node is its own single controller. For a cluster.
         */
        Builder brokerOf(String controllerVoters) {
            this.controllerVoters = Objects.requireNonNull(controllerVoters, "controllerVoters");
            return this;
        }

        /** Whether the broker registers its own JVM shutdown hook; a cluster has one for all nodes. */
        Builder ownShutdownHook(boolean ownShutdownHook) {
            this.ownShutdownHook = ownShutdownHook;
            return this;
        }

        public KafkaBroker build() {
            BrokerSettings settings = settings();
            if (clientPort < 0 || controllerPort < 0 || (clientPort != 0 && clientPort == controllerPort)) {
                throw new IllegalStateException("Client and controller ports must differ and be >= 0");
            }
            if (nodeId < 0) {
                throw new IllegalStateException("The node id must be >= 0");
            }
            if (controllerVoters != null && controllerPort != 0) {
                throw new IllegalStateException("A broker-only node has no controller port");
            }
            return new KafkaBroker(this, settings);
        }
    }
}
