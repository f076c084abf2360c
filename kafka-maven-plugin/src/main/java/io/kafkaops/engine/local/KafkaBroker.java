package io.kafkaops.engine.local;

import io.kafkaops.engine.cluster.SaslJaas;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.CodeSource;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
 * <p>{@link KafkaCluster} runs several of them as one cluster: this node as the controller, the others as broker-only
 * nodes that join it.
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

    private static final String HOST = "127.0.0.1";
    private static final String CLIENT_LISTENER = "CLIENT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String KAFKA_MAIN = "kafka.Kafka";
    private static final String STORAGE_TOOL = "kafka.tools.StorageTool";
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern SAFE_PASSWORD = Pattern.compile("[A-Za-z0-9._~-]+");
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final int LOG_TAIL_LINES = 40;
    private static final int PORT_ATTEMPTS = 3;

    private final List<Path> classpath;
    private final Path dataDir;
    private final boolean keepData;
    private final ScramCredentials admin;
    private final Duration startTimeout;
    private final String maxHeap;
    private final String logLevel;
    private final Path javaExecutable;
    private final Map<String, String> propertyOverrides;
    private final int requestedClientPort;
    private final int requestedControllerPort;
    private final int nodeId;
    private final String clusterId;
    private final String controllerVoters;
    private final boolean ownShutdownHook;

    private int clientPort;
    private int controllerPort;
    private int launches;
    private volatile Process process;
    private Thread shutdownHook;

    private KafkaBroker(Builder builder) {
        this.classpath = List.copyOf(builder.classpath);
        this.keepData = builder.keepData;
        this.admin = new ScramCredentials(builder.adminUser,
                builder.adminPassword != null ? builder.adminPassword : randomPassword());
        this.startTimeout = builder.startTimeout;
        this.maxHeap = builder.maxHeap;
        this.logLevel = builder.logLevel;
        this.javaExecutable = builder.javaHome.resolve("bin").resolve(isWindows() ? "java.exe" : "java");
        this.propertyOverrides = Map.copyOf(builder.properties);
        this.requestedClientPort = builder.clientPort;
        this.requestedControllerPort = builder.controllerPort;
        this.nodeId = builder.nodeId;
        this.clusterId = builder.clusterId;
        this.controllerVoters = builder.controllerVoters;
        this.ownShutdownHook = builder.ownShutdownHook;
        this.dataDir = (builder.dataDir != null
                ? builder.dataDir
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

    /** The port of the controller listener, 0 before the first start (and always for a broker-only cluster node). */
    public synchronized int controllerPort() {
        return controllerPort;
    }

    /** The broker's {@code node.id}: 1 for a single broker, the node's number in a {@link KafkaCluster}. */
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
        try {
            if (Files.isDirectory(dataDir)) {
                try (Stream<Path> entries = Files.list(dataDir)) {
                    if (entries.findAny().isPresent() && !Files.exists(serverProperties())) {
                        throw new IllegalStateException("The broker data directory " + dataDir
                                + " is neither empty nor a broker's: choose an empty or new directory");
                    }
                }
            } else if (dataDir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(dataDir.getParent());
                Files.createDirectory(dataDir,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dataDir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the broker data directory " + dataDir, e);
        }
    }

    private void assignPorts() {
        if (!isController()) {
            try (ServerSocket client = bindLoopback(requestedClientPort)) {
                clientPort = client.getLocalPort();
            } catch (IOException e) {
                throw new KafkaBrokerException("No free loopback port for the broker: " + e.getMessage(), e);
            }
            return;
        }
        try (ServerSocket client = bindLoopback(requestedClientPort);
             ServerSocket controller = bindLoopback(requestedControllerPort)) {
            // both held at once so they differ; released just before the broker binds them
            clientPort = client.getLocalPort();
            controllerPort = controller.getLocalPort();
        } catch (IOException e) {
            throw new KafkaBrokerException("No free loopback port for the broker: " + e.getMessage(), e);
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
        Map<String, String> p = new LinkedHashMap<>();
        p.put("node.id", String.valueOf(nodeId));
        if (isController()) {
            p.put("process.roles", "broker,controller");
            p.put("listeners", CLIENT_LISTENER + "://" + HOST + ":" + clientPort + ","
                    + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        } else {
            // a broker-only node of a cluster: it registers with the controller quorum of another node
            p.put("process.roles", "broker");
            p.put("listeners", CLIENT_LISTENER + "://" + HOST + ":" + clientPort);
        }
        p.put("advertised.listeners", CLIENT_LISTENER + "://" + HOST + ":" + clientPort);
        p.put("listener.security.protocol.map",
                CLIENT_LISTENER + ":SASL_PLAINTEXT," + CONTROLLER_LISTENER + ":SASL_PLAINTEXT");
        p.put("inter.broker.listener.name", CLIENT_LISTENER);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("controller.quorum.voters",
                isController() ? nodeId + "@" + HOST + ":" + controllerPort : controllerVoters);

        p.put("sasl.enabled.mechanisms", SCRAM_MECHANISM);
        p.put("sasl.mechanism.inter.broker.protocol", SCRAM_MECHANISM);
        p.put("listener.name.client.scram-sha-512.sasl.jaas.config",
                SaslJaas.scram(admin.username(), admin.password()).value());
        // SCRAM credentials are stored in the metadata log the controller serves, so the controller cannot use them
        // to authenticate its own connections: it gets PLAIN with a static one-user table instead (broker-only nodes
        // sign in to the controller with the same user)
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        p.put("listener.name.controller.plain.sasl.jaas.config", SaslJaas.plain(admin.username(), admin.password())
                .withOption("user_" + admin.username(), admin.password()).value());

        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("super.users", "User:" + admin.username());
        p.put("allow.everyone.if.no.acl.found", "false");

        p.put("log.dirs", metadataDir().toString());
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("auto.create.topics.enable", "false");
        p.put("offsets.topic.replication.factor", "1");
        // one partition instead of 50: the first consumer group then starts in milliseconds
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // after a crash the controller keeps the dead broker's registration until its session expires (9 s by
        // default), and the restarted broker cannot register before that
        p.put("broker.session.timeout.ms", "4000");
        p.put("broker.heartbeat.interval.ms", "500");
        // a test broker on a small machine: few threads
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("log.cleaner.threads", "1");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("num.replica.fetchers", "1");
        p.putAll(propertyOverrides);

        StringBuilder text = new StringBuilder("# Written by io.kafkaops KafkaBroker; contains the admin password\n");
        p.forEach((key, value) -> text.append(key).append('=').append(propertiesEscape(value)).append('\n'));
        writeSecret(serverProperties(), text.toString());

        String logFile = logFile().toString().replace('\\', '/');
        String log4j = """
                status = warn
                appender.file.type = File
                appender.file.name = FILE
                appender.file.fileName = %s
                appender.file.createOnDemand = true
                appender.file.layout.type = PatternLayout
                appender.file.layout.pattern = %%d{ISO8601} %%-5p [%%c{1}] %%m%%n
                rootLogger.level = %s
                rootLogger.appenderRef.file.ref = FILE
                """.formatted(propertiesEscape(logFile), logLevel);
        write(dataDir.resolve("log4j2.properties"), log4j);
    }

    private boolean isFormatted() {
        return Files.isRegularFile(metadataDir().resolve("meta.properties"));
    }

    private void format() {
        Path argFile = dataDir.resolve("format.args");
        Path output = logsDir().resolve("format.out");
        Path log = logsDir().resolve("format.log");
        List<String> args = new ArrayList<>(List.of("-cp", joinedClasspath(classpath)));
        args.addAll(jvmOptions("256m", log));
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
            Process formatter = new ProcessBuilder(javaExecutable.toString(), "@" + argFile)
                    .directory(dataDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            closeStdin(formatter);
            if (!awaitExit(formatter, startTimeout)) {
                formatter.destroyForcibly();
                awaitExit(formatter, GRACEFUL_STOP);
                throw new KafkaBrokerException("Formatting the broker storage did not finish within "
                        + startTimeout.toSeconds() + "s." + tail(log) + tail(output));
            }
            if (formatter.exitValue() != 0 || !isFormatted()) {
                throw new KafkaBrokerException("Formatting the broker storage failed (exit code "
                        + formatter.exitValue() + ")." + tail(log) + tail(output));
            }
        } catch (IOException e) {
            throw new KafkaBrokerException("Cannot run " + javaExecutable + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(argFile);
        }
    }

    private void launchAndAwaitReady() throws PortInUseException {
        launches++;
        Path output = logsDir().resolve("process-" + launches + ".log");
        writeConfiguration();
        List<Path> brokerClasspath = new ArrayList<>(classpath);
        Path watchdog = ownCodeSource();
        if (watchdog != null) {
            brokerClasspath.add(watchdog);
        }
        // only the long classpath goes into an argument file: the rest stays visible to ps, for people
        Path classpathFile = dataDir.resolve("classpath.args");
        write(classpathFile, argFileText(List.of("-cp", joinedClasspath(brokerClasspath))));
        List<String> command = new ArrayList<>(List.of(javaExecutable.toString(), "@" + classpathFile));
        command.addAll(jvmOptions(maxHeap, logFile()));
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
            throw new KafkaBrokerException("Cannot run " + javaExecutable + ": " + e.getMessage(), e);
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
        long deadline = System.nanoTime() + startTimeout.toNanos();
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
                            + startTimeout.toSeconds() + "s (last error: "
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
                            + " within " + startTimeout.toSeconds() + "s." + tail(logFile()) + tail(output));
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

    private static String joinedClasspath(List<Path> entries) {
        return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
    }

    private List<String> jvmOptions(String heap, Path logFile) {
        String log = logFile.toString();
        return List.of(
                "-Xmx" + heap,
                "-XX:+UseSerialGC",
                // the quick JIT tier alone: a test or local broker starts in about half the CPU time
                "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true",
                "-Dkafka.logs.dir=" + logsDir(),
                // the broker logs through SLF4J: these cover log4j-slf4j2-impl and slf4j-simple, whichever is given
                "-Dlog4j2.configurationFile=" + dataDir.resolve("log4j2.properties"),
                "-Dorg.slf4j.simpleLogger.logFile=" + log,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=" + logLevel,
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS",
                "-Dorg.slf4j.simpleLogger.showThreadName=false");
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
        if (shutdownHook != null || !ownShutdownHook) {
            // a cluster node: the cluster's hook stops the nodes in order
            return;
        }
        shutdownHook = new Thread(this::stopAtJvmExit, "kafkaops-broker-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private void unregisterShutdownHook() {
        if (shutdownHook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmIsShuttingDown) {
            // the hook is running or about to: it does the same work
        }
        shutdownHook = null;
    }

    /**
     * Unsynchronized on purpose: the JVM may exit while another thread holds the lock waiting in start(). A
     * {@link KafkaCluster} calls it from its own shutdown hook.
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

    private static boolean awaitExit(Process p, Duration timeout) {
        try {
            return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }

    private static void closeStdin(Process p) {
        try {
            p.getOutputStream().close();
        } catch (IOException ignored) {
            // the child is gone either way
        }
    }

    private void deleteDataDir() {
        if (!Files.exists(dataDir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(KafkaBroker::deleteQuietly);
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary directory is not worth failing a build for
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // best effort
        }
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

    /** The jar or classes directory holding {@link BrokerMain}, added to the broker's classpath. */
    private static Path ownCodeSource() {
        try {
            CodeSource source = KafkaBroker.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return null;
            }
            Path path = Path.of(source.getLocation().toURI());
            return Files.exists(path) ? path : null;
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }

    private String tail(Path file) {
        Deque<String> lines = new ArrayDeque<>();
        try (Stream<String> all = Files.lines(file, StandardCharsets.UTF_8)) {
            all.forEach(line -> {
                lines.addLast(line);
                if (lines.size() > LOG_TAIL_LINES) {
                    lines.removeFirst();
                }
            });
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException | UncheckedIOException e) {
            return "\n(" + file + " is unreadable: " + e.getMessage() + ")";
        }
        if (lines.isEmpty()) {
            return "";
        }
        return "\nLast lines of " + file + ":\n" + redact(String.join("\n", lines));
    }

    private String redact(String text) {
        return text.replace(admin.password(), "***");
    }

    private void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** Writes a file only its owner can read, where the file system has POSIX permissions. */
    private void writeSecret(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
                Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** Escapes a value for a .properties file, which Kafka reads as ISO-8859-1. */
    private static String propertiesEscape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** One quoted argument per line for a {@code java @file} argument file. */
    private static String argFileText(List<String> args) {
        StringBuilder text = new StringBuilder();
        for (String arg : args) {
            text.append('"').append(arg.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
        }
        return text.toString();
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String randomSuffix() {
        return Long.toHexString(new SecureRandom().nextLong() & Long.MAX_VALUE);
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /** The broker lost the race for a port picked at random; start() tries fresh ports. */
    private static final class PortInUseException extends Exception {
        PortInUseException(String message) {
            super(message);
        }
    }

    /** Configures a {@link KafkaBroker}; only {@link #classpath(List)} is required. */
    public static final class Builder {
        private List<Path> classpath;
        private Path dataDir;
        private boolean keepData;
        private String adminUser = "admin";
        private String adminPassword;
        private Duration startTimeout = Duration.ofSeconds(90);
        private String maxHeap = "512m";
        private String logLevel = "warn";
        private Path javaHome = Path.of(System.getProperty("java.home"));
        private final Map<String, String> properties = new LinkedHashMap<>();
        private int clientPort;
        private int controllerPort;
        private int nodeId = 1;
        private String clusterId;
        private String controllerVoters;
        private boolean ownShutdownHook = true;

        private Builder() {
        }

        /** Kafka server jars ({@code org.apache.kafka:kafka_2.13} and its runtime dependencies). Required. */
        public Builder classpath(List<Path> classpath) {
            this.classpath = List.copyOf(classpath);
            return this;
        }

        /**
         * Where the broker keeps its configuration, logs and data: a new or empty directory, or one an earlier broker
         * kept. A new temporary directory by default. Deleted by stop() unless {@link #keepData(boolean)}.
         */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Keep the data directory on {@link KafkaBroker#stop()}; by default it is deleted. */
        public Builder keepData(boolean keepData) {
            this.keepData = keepData;
            return this;
        }

        /** The super user's name, {@code admin} by default. */
        public Builder adminUser(String adminUser) {
            this.adminUser = adminUser;
            return this;
        }

        /**
         * The super user's password; a random one by default. Needed only to reuse a data directory formatted by an
         * earlier broker (the SCRAM credential is stored there). Letters, digits and {@code . _ ~ -}.
         */
        public Builder adminPassword(String adminPassword) {
            this.adminPassword = adminPassword;
            return this;
        }

        /** How long start() and restart() wait for the broker; 90 s by default. */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
            return this;
        }

        /** The broker JVM's -Xmx value, {@code 512m} by default. */
        public Builder maxHeap(String maxHeap) {
            this.maxHeap = Objects.requireNonNull(maxHeap, "maxHeap");
            return this;
        }

        /** The level of the broker's log file: error, warn (the default), info, debug or trace. */
        public Builder logLevel(String logLevel) {
            this.logLevel = Objects.requireNonNull(logLevel, "logLevel").toLowerCase(Locale.ROOT);
            return this;
        }

        /** The JDK that runs the broker; the current one by default. */
        public Builder javaHome(Path javaHome) {
            this.javaHome = Objects.requireNonNull(javaHome, "javaHome");
            return this;
        }

        /** A broker property that replaces the default of the same name (for example auto.create.topics.enable). */
        public Builder property(String name, String value) {
            properties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
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

        /** The {@code node.id}; 1 by default. For {@link KafkaCluster}. */
        Builder nodeId(int nodeId) {
            this.nodeId = nodeId;
            return this;
        }

        /** The cluster id the storage is formatted with; a random one by default. For {@link KafkaCluster}. */
        Builder clusterId(String clusterId) {
            this.clusterId = clusterId;
            return this;
        }

        /**
         * Makes this a broker-only node that joins the controller quorum given as a {@code controller.quorum.voters}
         * value ({@code id@host:port,...}); by default the node is its own single controller. For {@link KafkaCluster}.
         */
        Builder brokerOf(String controllerVoters) {
            this.controllerVoters = Objects.requireNonNull(controllerVoters, "controllerVoters");
            return this;
        }

        /** Whether the broker registers its own JVM shutdown hook; a {@link KafkaCluster} has one for all nodes. */
        Builder ownShutdownHook(boolean ownShutdownHook) {
            this.ownShutdownHook = ownShutdownHook;
            return this;
        }

        public KafkaBroker build() {
            if (classpath == null || classpath.isEmpty()) {
                throw new IllegalStateException("The broker classpath (Kafka server jars) is required");
            }
            if (adminUser == null || !SAFE_NAME.matcher(adminUser).matches()) {
                throw new IllegalStateException("The admin user name must consist of letters, digits, '.', '_', '-'");
            }
            if (adminPassword != null && !SAFE_PASSWORD.matcher(adminPassword).matches()) {
                // the storage tool's --add-scram syntax has no escaping for these characters
                throw new IllegalStateException(
                        "The admin password must consist of letters, digits, '.', '_', '~', '-'");
            }
            if (!Set.of("error", "warn", "info", "debug", "trace").contains(logLevel)) {
                throw new IllegalStateException("The log level must be error, warn, info, debug or trace");
            }
            if (clientPort < 0 || controllerPort < 0 || (clientPort != 0 && clientPort == controllerPort)) {
                throw new IllegalStateException("Client and controller ports must differ and be >= 0");
            }
            if (nodeId < 0) {
                throw new IllegalStateException("The node id must be >= 0");
            }
            if (controllerVoters != null && controllerPort != 0) {
                throw new IllegalStateException("A broker-only node has no controller port");
            }
            return new KafkaBroker(this);
        }
    }
}
