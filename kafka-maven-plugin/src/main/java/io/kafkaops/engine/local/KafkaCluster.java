package io.kafkaops.engine.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;

/**
 * A multi-broker Apache Kafka cluster in KRaft mode, one child JVM per node, for tests that need real replication
 * (replication-factor changes, replica placement, ISR).
 *
 * <p>Node 1 runs the broker and the (single) controller, like a {@link KafkaBroker} on its own; nodes 2 to n are
 * broker-only nodes that join its controller quorum. Every node has the same security as the single broker: clients
 * connect with SASL_PLAINTEXT and SCRAM-SHA-512 on a random loopback port, {@code StandardAuthorizer} enforces ACLs
 * and the one admin user is a super user. Its password is generated (never printed) unless the builder is given one.
 *
 * <pre>{@code
 * try (KafkaCluster cluster = KafkaCluster.builder().classpath(jars).brokers(3).build()) {
 *     cluster.start();
 *     try (Admin admin = Admin.create(cluster.adminClientProperties())) { ... }
 * }
 * }</pre>
 *
 * <p>{@link #start()} returns once every node is registered and unfenced; {@link #stop()} stops the broker-only nodes
 * first and the controller last (so their controlled shutdown has a controller to talk to) and deletes the data. A
 * JVM shutdown hook and each node's parent watchdog make sure no node outlives the JVM that started it.
 */
public final class KafkaCluster implements AutoCloseable {

    private static final int CONTROLLER_NODE = 1;
    private static final int MAX_BROKERS = 9;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Pattern SAFE_PASSWORD = Pattern.compile("[A-Za-z0-9._~-]+");

    private final List<Path> classpath;
    private final int brokers;
    private final Path dataDir;
    private final ScramCredentials admin;
    private final Duration startTimeout;
    private final String maxHeap;
    private final String logLevel;
    private final Path javaHome;
    private final Map<String, String> properties;

    /** Written under the lock; a copy-on-write list so the shutdown hook can read it without the lock. */
    private final List<KafkaBroker> nodes = new CopyOnWriteArrayList<>();
    private Thread shutdownHook;

    private KafkaCluster(Builder builder) {
        this.classpath = List.copyOf(builder.classpath);
        this.brokers = builder.brokers;
        this.admin = new ScramCredentials(builder.adminUser,
                builder.adminPassword != null ? builder.adminPassword : randomPassword());
        this.startTimeout = builder.startTimeout;
        this.maxHeap = builder.maxHeap;
        this.logLevel = builder.logLevel;
        this.javaHome = builder.javaHome;
        this.properties = Map.copyOf(builder.properties);
        this.dataDir = (builder.dataDir != null
                ? builder.dataDir
                : Path.of(System.getProperty("java.io.tmpdir"), "kafkaops-cluster-" + randomSuffix()))
                .toAbsolutePath();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats and starts every node: the controller node first, then the broker-only nodes, and waits until the
     * cluster lists all of them. On failure every node started so far is stopped again and the data is deleted.
     *
     * @throws KafkaBrokerException when a node does not come up, or the cluster does not list every node, within the
     *                              start timeout; the message holds the tail of the nodes' logs
     */
    public synchronized void start() {
        if (!nodes.isEmpty()) {
            throw new IllegalStateException("The cluster is already started on " + bootstrapServers());
        }
        prepareDataDir();
        registerShutdownHook();
        String clusterId = Uuid.randomUuid().toString();
        long deadline = System.nanoTime() + startTimeout.toNanos();
        try {
            KafkaBroker controller = node(CONTROLLER_NODE, clusterId).build();
            nodes.add(controller);
            controller.start();
            for (int id = CONTROLLER_NODE + 1; id <= brokers; id++) {
                KafkaBroker broker = node(id, clusterId).brokerOf(controller.controllerVoter()).build();
                nodes.add(broker);
                broker.start();
            }
            awaitAllNodes(deadline);
        } catch (RuntimeException e) {
            stopNodes();
            unregisterShutdownHook();
            deleteDataDir();
            throw e;
        }
    }

    /** Stops every node gracefully, broker-only nodes first, and deletes the data directory. Idempotent. */
    public synchronized void stop() {
        stopNodes();
        unregisterShutdownHook();
        deleteDataDir();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Whether the cluster was started and every node is running. */
    public synchronized boolean isRunning() {
        return nodes.size() == brokers && nodes.stream().allMatch(KafkaBroker::isRunning);
    }

    /** The number of brokers. */
    public int size() {
        return brokers;
    }

    /** The nodes, node 1 (broker and controller) first; node {@code i} has {@code node.id} i. Empty before start(). */
    public synchronized List<KafkaBroker> nodes() {
        return List.copyOf(nodes);
    }

    /**
     * The node with the given {@code node.id}: for example to {@link KafkaBroker#kill() kill} and
     * {@link KafkaBroker#restart() restart} one broker.
     */
    public synchronized KafkaBroker node(int nodeId) {
        if (nodeId < 1 || nodeId > nodes.size()) {
            throw new IllegalArgumentException("No node " + nodeId + (nodes.isEmpty() ? ": the cluster is not started"
                    : "; the nodes are 1 to " + nodes.size()));
        }
        return nodes.get(nodeId - 1);
    }

    /** The client listeners of all nodes, {@code 127.0.0.1:port,127.0.0.1:port,...}. */
    public synchronized String bootstrapServers() {
        if (nodes.size() != brokers) {
            throw new IllegalStateException("The cluster has not been started yet");
        }
        return nodes.stream().map(KafkaBroker::bootstrapServers).collect(Collectors.joining(","));
    }

    /** The super user of every node. Its password is generated unless the builder was given one; never print it. */
    public ScramCredentials adminCredentials() {
        return admin;
    }

    /** Client properties for the admin, with every node as a bootstrap server. The map holds the password. */
    public Map<String, Object> adminClientProperties() {
        return clientProperties(admin.username(), admin.password());
    }

    /**
     * Client properties for any SCRAM-SHA-512 user (bootstrap.servers with every node, security.protocol,
     * sasl.mechanism, sasl.jaas.config). The map holds the password: never print it.
     */
    public synchronized Map<String, Object> clientProperties(String username, String password) {
        Map<String, Object> p = new LinkedHashMap<>(node(CONTROLLER_NODE).clientProperties(username, password));
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Collections.unmodifiableMap(p);
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public synchronized String toString() {
        return "KafkaCluster[" + brokers + " brokers" + (nodes.size() == brokers ? ", " + bootstrapServers() : "")
                + (isRunning() ? ", running" : "") + ", dataDir=" + dataDir + "]";
    }

    // ---------------------------------------------------------------------------------------------------------------

    private KafkaBroker.Builder node(int id, String clusterId) {
        KafkaBroker.Builder b = KafkaBroker.builder()
                .classpath(classpath)
                .dataDir(dataDir.resolve("node-" + id))
                .adminUser(admin.username())
                .adminPassword(admin.password())
                .startTimeout(startTimeout)
                .maxHeap(maxHeap)
                .logLevel(logLevel)
                .javaHome(javaHome)
                .nodeId(id)
                .clusterId(clusterId)
                .ownShutdownHook(false);
        properties.forEach(b::property);
        return b;
    }

    /** Polls until the cluster metadata lists every node as an unfenced broker. */
    private void awaitAllNodes(long deadline) {
        Set<Integer> expected = new TreeSet<>();
        for (int id = 1; id <= brokers; id++) {
            expected.add(id);
        }
        Map<String, Object> props = new HashMap<>(adminClientProperties());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "kafkaops-cluster-readiness");
        Set<Integer> seen = Set.of();
        String last = "none";
        try (Admin client = Admin.create(props)) {
            while (true) {
                for (KafkaBroker n : nodes) {
                    if (!n.isRunning()) {
                        throw new KafkaBrokerException("Node " + n.nodeId() + " of the Kafka cluster exited during"
                                + " start-up." + n.logTail());
                    }
                }
                try {
                    Collection<Node> listed = client.describeCluster(new DescribeClusterOptions().timeoutMs(3_000))
                            .nodes().get(4, TimeUnit.SECONDS);
                    seen = listed.stream().map(Node::id).collect(Collectors.toCollection(TreeSet::new));
                    if (seen.containsAll(expected)) {
                        return;
                    }
                } catch (ExecutionException e) {
                    last = String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
                } catch (TimeoutException e) {
                    last = "no answer within 4 s";
                }
                if (System.nanoTime() > deadline) {
                    Set<Integer> missing = new TreeSet<>(expected);
                    missing.removeAll(seen);
                    StringBuilder logs = new StringBuilder();
                    for (Integer id : missing) {
                        logs.append(nodes.get(id - 1).logTail());
                    }
                    throw new KafkaBrokerException("The Kafka cluster did not list node(s) " + missing + " within "
                            + startTimeout.toSeconds() + "s (it lists " + seen + "; last error: "
                            + last.replace(admin.password(), "***") + ")." + logs);
                }
                Thread.sleep(POLL_INTERVAL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaBrokerException("Interrupted while waiting for the Kafka cluster", e);
        }
    }

    /** Broker-only nodes first, the controller last: a broker's controlled shutdown needs the controller. */
    private void stopNodes() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).stop();
        }
        nodes.clear();
    }

    /** Unsynchronized on purpose, like {@link KafkaBroker}'s own hook: start() may hold the lock while the JVM exits. */
    private void stopAtJvmExit() {
        List<KafkaBroker> running = List.copyOf(nodes);
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).stopAtJvmExit();
        }
        deleteDataDir();
    }

    private void prepareDataDir() {
        try {
            if (Files.isDirectory(dataDir)) {
                try (Stream<Path> entries = Files.list(dataDir)) {
                    if (entries.findAny().isPresent()) {
                        // stop() deletes it: it must never be a directory with other content
                        throw new IllegalStateException("The cluster data directory " + dataDir
                                + " is not empty: choose an empty or new directory");
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
            throw new UncheckedIOException("Cannot create the cluster data directory " + dataDir, e);
        }
    }

    private void deleteDataDir() {
        if (!Files.exists(dataDir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary directory is not worth failing a build for
        }
    }

    private void registerShutdownHook() {
        if (shutdownHook != null) {
            return;
        }
        shutdownHook = new Thread(this::stopAtJvmExit, "kafkaops-cluster-shutdown");
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

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String randomSuffix() {
        return Long.toHexString(new SecureRandom().nextLong() & Long.MAX_VALUE);
    }

    /** Configures a {@link KafkaCluster}; only {@link #classpath(List)} is required. */
    public static final class Builder {
        private List<Path> classpath;
        private int brokers = 3;
        private Path dataDir;
        private String adminUser = "admin";
        private String adminPassword;
        private Duration startTimeout = Duration.ofSeconds(120);
        private String maxHeap = "384m";
        private String logLevel = "warn";
        private Path javaHome = Path.of(System.getProperty("java.home"));
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder() {
        }

        /** Kafka server jars ({@code org.apache.kafka:kafka_2.13} and its runtime dependencies). Required. */
        public Builder classpath(List<Path> classpath) {
            this.classpath = List.copyOf(classpath);
            return this;
        }

        /** The number of brokers, 1 to 9; 3 by default. */
        public Builder brokers(int brokers) {
            this.brokers = brokers;
            return this;
        }

        /**
         * A new or empty directory for the nodes' configuration, logs and data ({@code node-1}, {@code node-2}, ...);
         * a new temporary directory by default. Deleted by stop().
         */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** The super user's name, {@code admin} by default. */
        public Builder adminUser(String adminUser) {
            this.adminUser = adminUser;
            return this;
        }

        /** The super user's password; a random one by default. Letters, digits and {@code . _ ~ -}. */
        public Builder adminPassword(String adminPassword) {
            this.adminPassword = adminPassword;
            return this;
        }

        /**
         * How long start() waits for each node to accept the admin user, and then for the cluster to list every node;
         * 120 s by default.
         */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
            return this;
        }

        /** Each node JVM's -Xmx value, {@code 384m} by default. */
        public Builder maxHeap(String maxHeap) {
            this.maxHeap = Objects.requireNonNull(maxHeap, "maxHeap");
            return this;
        }

        /** The level of the nodes' log files: error, warn (the default), info, debug or trace. */
        public Builder logLevel(String logLevel) {
            this.logLevel = Objects.requireNonNull(logLevel, "logLevel").toLowerCase(Locale.ROOT);
            return this;
        }

        /** The JDK that runs the nodes; the current one by default. */
        public Builder javaHome(Path javaHome) {
            this.javaHome = Objects.requireNonNull(javaHome, "javaHome");
            return this;
        }

        /** A broker property for every node, replacing the default of the same name. */
        public Builder property(String name, String value) {
            properties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public KafkaCluster build() {
            if (classpath == null || classpath.isEmpty()) {
                throw new IllegalStateException("The broker classpath (Kafka server jars) is required");
            }
            if (brokers < 1 || brokers > MAX_BROKERS) {
                throw new IllegalStateException("A cluster has 1 to " + MAX_BROKERS + " brokers, not " + brokers);
            }
            if (adminPassword != null && !SAFE_PASSWORD.matcher(adminPassword).matches()) {
                throw new IllegalStateException(
                        "The admin password must consist of letters, digits, '.', '_', '~', '-'");
            }
            for (String fixed : List.of("node.id", "process.roles", "listeners", "advertised.listeners",
                    "controller.quorum.voters", "controller.quorum.bootstrap.servers", "log.dirs")) {
                if (properties.containsKey(fixed)) {
                    throw new IllegalStateException(fixed + " is set per node by the cluster and cannot be overridden");
                }
            }
            // the rest (user name, log level) is checked by each node's own builder; fail here, before any start
            KafkaBroker.builder().classpath(classpath).adminUser(adminUser).adminPassword(adminPassword)
                    .logLevel(logLevel).build();
            return new KafkaCluster(this);
        }
    }
}
