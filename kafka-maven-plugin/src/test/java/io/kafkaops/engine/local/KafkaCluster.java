package io.kafkaops.engine.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
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

    private final BrokerSettings settings;
    private final int brokers;
    private final Path dataDir;
    private final ScramCredentials admin;

    /** Written under the lock; a copy-on-write list so the shutdown hook can read it without the lock. */
    private final List<KafkaBroker> nodes = new CopyOnWriteArrayList<>();
    private final ShutdownHook shutdownHook = new ShutdownHook("kafkaops-cluster-shutdown", this::stopAtJvmExit);

    private KafkaCluster(BrokerSettings settings, int brokers) {
        this.settings = settings;
        this.brokers = brokers;
        this.admin = new ScramCredentials(settings.adminUser(),
                settings.adminPassword() != null ? settings.adminPassword() : BrokerFiles.randomPassword());
        this.dataDir = (settings.dataDir() != null
                ? settings.dataDir()
                : Path.of(System.getProperty("java.io.tmpdir"), "kafkaops-cluster-" + BrokerFiles.randomSuffix()))
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
        shutdownHook.register();
        String clusterId = Uuid.randomUuid().toString();
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
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
            shutdownHook.unregister();
            deleteDataDir();
            throw e;
        }
    }

    /** Stops every node gracefully, broker-only nodes first, and deletes the data directory. Idempotent. */
    public synchronized void stop() {
        stopNodes();
        shutdownHook.unregister();
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
                .classpath(settings.classpath())
                .dataDir(dataDir.resolve("node-" + id))
                .adminUser(admin.username())
                .adminPassword(admin.password())
                .startTimeout(settings.startTimeout())
                .maxHeap(settings.maxHeap())
                .logLevel(settings.logLevel())
                .javaHome(settings.javaHome())
                .nodeId(id)
                .clusterId(clusterId)
                .ownShutdownHook(false);
        settings.properties().forEach(b::property);
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
                            + settings.startTimeout().toSeconds() + "s (it lists " + seen + "; last error: "
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
        BrokerFiles.prepareDataDir(dataDir, "cluster", null);
    }

    private void deleteDataDir() {
        BrokerFiles.deleteTree(dataDir);
    }


    /** Configures a {@link KafkaCluster}; only {@link #classpath(List)} is required. */
    public static final class Builder extends BrokerSettings.Builder<Builder> {
        private int brokers = 3;

        /** Defaults: 120 s start timeout (for each node to accept the admin user, then for the cluster to list every
         * node), 384m heap per node. */
        private Builder() {
            super(Duration.ofSeconds(120), "384m");
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** The number of brokers, 1 to 9; 3 by default. */
        public Builder brokers(int brokers) {
            this.brokers = brokers;
            return this;
        }

        public KafkaCluster build() {
            BrokerSettings settings = settings();
            if (brokers < 1 || brokers > MAX_BROKERS) {
                throw new IllegalStateException("A cluster has 1 to " + MAX_BROKERS + " brokers, not " + brokers);
            }
            for (String fixed : List.of("node.id", "process.roles", "listeners", "advertised.listeners",
                    "controller.quorum.voters", "controller.quorum.bootstrap.servers", "log.dirs")) {
                if (settings.properties().containsKey(fixed)) {
                    throw new IllegalStateException(fixed + " is set per node by the cluster and cannot be overridden");
                }
            }
            return new KafkaCluster(settings, brokers);
        }
    }
}
