package io.kafkaops.engine.cluster.admin;

import static io.kafkaops.engine.Fixtures.REPO;
import static io.kafkaops.engine.Fixtures.TEAM;
import static io.kafkaops.engine.Fixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaops.engine.DeployOutcome;
import io.kafkaops.engine.EngineOptions;
import io.kafkaops.engine.Fixtures;
import io.kafkaops.engine.PlanOutcome;
import io.kafkaops.engine.StageEngine;
import io.kafkaops.engine.StageRequest;
import io.kafkaops.engine.apply.EntityResult;
import io.kafkaops.engine.cluster.ClusterConnection;
import io.kafkaops.engine.local.KafkaBroker;
import io.kafkaops.engine.local.KafkaCluster;
import io.kafkaops.engine.local.TestBroker;
import io.kafkaops.engine.ownership.Ownership;
import io.kafkaops.engine.plan.ChangeAction;
import io.kafkaops.engine.plan.EntityKind;
import io.kafkaops.engine.plan.FieldChange;
import io.kafkaops.engine.plan.PlanRefusedException;
import io.kafkaops.engine.plan.PlannedChange;
import io.kafkaops.engine.store.file.FileCredentialStore;
import io.kafkaops.model.EntityModel;
import io.kafkaops.model.Severity;
import io.kafkaops.model.Visibility;
import io.kafkaops.model.platform.Cluster;
import io.kafkaops.model.platform.PlatformDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replication-factor changes on a real three-broker KRaft cluster (SASL/SCRAM, StandardAuthorizer): the plan flags
 * them as destructive, a deploy applies them only with allowDestructive, and an independent Admin client sees every
 * partition end with the new number of replicas, all in sync.
 */
class ReplicationFactorClusterIT {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final Set<Integer> ALL_BROKERS = Set.of(1, 2, 3);

    static KafkaCluster cluster;
    static Admin admin;

    @TempDir
    Path out;

    final String dev = TestBroker.uniqueName("rf") + ".";
    PlatformDefinition platform;
    FileCredentialStore store;

    @BeforeAll
    static void startCluster() {
        cluster = KafkaCluster.builder()
                .classpath(KafkaBroker.currentJvmClasspath())
                .dataDir(Path.of(System.getProperty("basedir", "."), "target", "test-cluster",
                        ProcessHandle.current().pid() + "-" + TestBroker.uniqueName("rf")))
                .brokers(3)
                .build();
        cluster.start();
        admin = Admin.create(cluster.adminClientProperties());
    }

    @AfterAll
    static void stopCluster() {
        if (admin != null) admin.close(Duration.ofSeconds(5));
        if (cluster != null) cluster.stop();
    }

    @AfterEach
    void noReassignmentLeftRunning() throws Exception {
        assertThat(admin.listPartitionReassignments().reassignments().get(10, TimeUnit.SECONDS)).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------- helpers

    static EntityModel events(int partitions, int replicationFactor) {
        return model(List.of(Fixtures.topic("billing.events.v1", partitions, replicationFactor, Map.of(),
                Visibility.PRIVATE, false, null, Map.of())), List.of(), List.of());
    }

    String topic() {
        return dev + "billing.events.v1";
    }

    /** Lines the engine showed while it waited (the reassignment's progress). */
    final List<String> notices = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    /** Sessions for {@link #engine()}; tests may put a decorator in. */
    KafkaClusterSessions sessions = new KafkaClusterSessions(AdminCalls::new, notices::add);

    /** The test platform with the cluster's replication throttle set (bytes per second). */
    void throttle(long bytesPerSecond) {
        engine();
        Map<String, Cluster> clusters = new LinkedHashMap<>(platform.clusters());
        Cluster c = clusters.get("nonprod");
        clusters.put("nonprod", new Cluster(c.name(), c.type(), c.bootstrapServers(), c.properties(), c.credentials(),
                c.location(), null, bytesPerSecond));
        platform = new PlatformDefinition(platform.stages(), clusters, platform.teams(), platform.policies(),
                platform.defaultPartitions(), platform.defaultReplicationFactor(), platform.source());
    }

    StageEngine engine() {
        if (platform == null) {
            platform = Fixtures.platform(cluster.bootstrapServers(), cluster.bootstrapServers(), 1, 1, dev,
                    TestBroker.uniqueName("rt") + ".");
            store = new FileCredentialStore(out.resolve("credentials").resolve("billing-dev.json"));
        }
        return new StageEngine(platform, out, sessions);
    }

    ClusterConnection connection() {
        Map<String, String> props = new LinkedHashMap<>();
        cluster.adminClientProperties().forEach((k, v) -> props.put(k, String.valueOf(v)));
        return new ClusterConnection("dev", cluster.bootstrapServers(), props);
    }

    static EngineOptions options(boolean allowDestructive) {
        return new EngineOptions(false, allowDestructive, TIMEOUT);
    }

    PlanOutcome plan(EntityModel m, boolean allowDestructive) throws Exception {
        return engine().plan(StageRequest.builder().model(m).stage("dev").repository(REPO).team(TEAM)
                .connection(connection()).options(options(allowDestructive)).build());
    }

    DeployOutcome deploy(EntityModel m, boolean allowDestructive) throws Exception {
        StageEngine e = engine();
        return e.deploy(StageRequest.builder().model(m).stage("dev").repository(REPO).team(TEAM)
                .connection(connection()).options(options(allowDestructive)).store(store).build(), null);
    }

    static TopicDescription describe(String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
    }

    static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }

    /** Each partition's replicas, preferred leader first, by partition number. */
    static List<List<Integer>> replicas(String topic) throws Exception {
        return describe(topic).partitions().stream()
                .sorted(java.util.Comparator.comparingInt(TopicPartitionInfo::partition))
                .map(p -> ids(p.replicas())).toList();
    }

    /**
     * Polls, with a deadline, until every partition of the topic has {@code rf} distinct replicas on live brokers,
     * all of them in the ISR and one of them the leader, and returns the replicas.
     */
    static List<List<Integer>> awaitFullyReplicated(String topic, int partitions, int rf) throws Exception {
        Predicate<TopicPartitionInfo> done = p -> {
            Set<Integer> replicas = Set.copyOf(ids(p.replicas()));
            return p.replicas().size() == rf && replicas.size() == rf && ALL_BROKERS.containsAll(replicas)
                    && Set.copyOf(ids(p.isr())).equals(replicas) && p.leader() != null
                    && replicas.contains(p.leader().id());
        };
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        TopicDescription last = null;
        while (true) {
            try {
                last = describe(topic);
                if (last.partitions().size() == partitions && last.partitions().stream().allMatch(done)) {
                    return replicas(topic);
                }
            } catch (Exception e) {
                // retried until the deadline
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not every partition of " + topic + " has " + rf + " in-sync replicas within "
                        + TIMEOUT.toSeconds() + " s: " + last);
            }
            Thread.sleep(100);
        }
    }

    static PlannedChange topicChange(PlanOutcome p) {
        return p.plan().changes().stream().filter(c -> c.kind() == EntityKind.TOPIC).findFirst().orElseThrow();
    }

    static void assertNoOp(DeployOutcome d) {
        assertThat(d.results()).isEmpty();
        assertThat(d.complete()).isTrue();
        assertThat(d.plan().changes()).allMatch(c -> c.action() == ChangeAction.UNCHANGED);
        assertThat(d.plan().problems()).isEmpty();
    }

    // --------------------------------------------------------------------------------------------------- tests

    @Test
    void replicationFactorGrowsFromOneToThreeAndShrinksToTwoOnlyWithAllowDestructive() throws Exception {
        String topic = topic();
        DeployOutcome created = deploy(events(6, 1), false);
        assertThat(created.complete()).isTrue();
        List<List<Integer>> single = awaitFullyReplicated(topic, 6, 1);
        // the ownership topic of a three-broker cluster gets three replicas
        assertThat(replicas(Ownership.TOPIC)).allSatisfy(r -> assertThat(r).hasSize(3));

        // more replicas than brokers: refused by the plan, whatever the options
        PlanOutcome tooMany = plan(events(6, 4), true);
        assertThat(tooMany.hasErrors()).isTrue();
        assertThat(tooMany.problems()).anySatisfy(d -> {
            assertThat(d.ruleId()).isEqualTo("replicationFactorTooHigh");
            assertThat(d.message()).contains("has 3 brokers");
        });

        // 1 -> 3: destructive, so an error without the opt-in ...
        PlanOutcome refused = plan(events(6, 3), false);
        PlannedChange change = topicChange(refused);
        assertThat(change.action()).isEqualTo(ChangeAction.UPDATE);
        assertThat(change.destructive()).isTrue();
        assertThat(change.changes()).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo(FieldChange.REPLICATION_FACTOR);
            assertThat(f.before()).isEqualTo("1");
            assertThat(f.after()).isEqualTo("3");
            assertThat(f.destructive()).isTrue();
        });
        assertThat(refused.lines()).anySatisfy(l -> assertThat(l.text()).startsWith("replication factor 1 -> 3"));
        assertThat(refused.problems()).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.ERROR);
            assertThat(d.ruleId()).isEqualTo("destructiveChange");
            assertThat(d.message()).contains("replication factor 1 -> 3");
        });
        assertThatThrownBy(() -> deploy(events(6, 3), false)).isInstanceOf(PlanRefusedException.class)
                .hasMessageContaining("-Dkafka.allowDestructive=true");
        assertThat(replicas(topic)).isEqualTo(single);

        // ... a warning with it, and the deploy moves the data
        PlanOutcome allowed = plan(events(6, 3), true);
        assertThat(allowed.hasErrors()).isFalse();
        assertThat(allowed.problems()).singleElement()
                .satisfies(d -> assertThat(d.severity()).isEqualTo(Severity.WARN));
        DeployOutcome grown = deploy(events(6, 3), true);
        assertThat(grown.complete()).isTrue();
        assertThat(grown.results()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(EntityResult.Status.APPLIED);
            assertThat(r.message()).isEqualTo("ready: all 6 partitions have a leader and 3 in-sync replicas");
        });
        List<List<Integer>> three = awaitFullyReplicated(topic, 6, 3);
        for (int p = 0; p < 6; p++) {
            // the preferred leader stays where it was
            assertThat(three.get(p).get(0)).as("preferred leader of partition %d", p).isEqualTo(single.get(p).get(0));
        }

        // applied means recorded: the next deploy, with or without the opt-in, has nothing to do
        assertNoOp(deploy(events(6, 3), true));
        assertNoOp(deploy(events(6, 3), false));

        // 3 -> 2: fewer copies, destructive as well
        PlanOutcome shrink = plan(events(6, 2), false);
        assertThat(topicChange(shrink).changes()).singleElement()
                .satisfies(f -> assertThat(f.text()).isEqualTo("replication factor 3 -> 2"));
        assertThat(shrink.problems()).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.ERROR);
            assertThat(d.message()).contains("fewer copies of every partition");
        });
        assertThatThrownBy(() -> deploy(events(6, 2), false)).isInstanceOf(PlanRefusedException.class);
        assertThat(replicas(topic)).isEqualTo(three);

        DeployOutcome shrunk = deploy(events(6, 2), true);
        assertThat(shrunk.complete()).isTrue();
        assertThat(shrunk.results()).singleElement()
                .satisfies(r -> assertThat(r.message()).endsWith("and 2 in-sync replicas"));
        List<List<Integer>> two = awaitFullyReplicated(topic, 6, 2);
        for (int p = 0; p < 6; p++) {
            // shrinking keeps the first replicas: the preferred leader and no data moves
            assertThat(two.get(p)).isEqualTo(three.get(p).subList(0, 2));
        }
        assertNoOp(deploy(events(6, 2), true));
    }

    @Test
    void partitionsAddedTogetherWithAReplicationFactorChangeGetTheNewFactorToo() throws Exception {
        String topic = topic();
        assertThat(deploy(events(2, 1), false).complete()).isTrue();
        awaitFullyReplicated(topic, 2, 1);

        PlanOutcome p = plan(events(5, 2), true);
        assertThat(topicChange(p).changes()).extracting(FieldChange::text)
                .containsExactly("partitions 2 -> 5", "replication factor 1 -> 2");
        DeployOutcome d = deploy(events(5, 2), true);

        assertThat(d.complete()).isTrue();
        assertThat(d.results()).singleElement().satisfies(r -> assertThat(r.message())
                .isEqualTo("ready: all 5 partitions have a leader and 2 in-sync replicas"));
        List<List<Integer>> replicas = awaitFullyReplicated(topic, 5, 2);
        // the new replicas are spread: no broker holds more than one replica above its share
        Map<Integer, Long> load = replicas.stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(b -> b, Collectors.counting()));
        assertThat(load.keySet()).isEqualTo(ALL_BROKERS);
        assertThat(load.values()).allSatisfy(n -> assertThat(n).isBetween(3L, 4L));
        assertNoOp(deploy(events(5, 2), true));
    }

    @Test
    void aPartitionLeftBehindByAnInterruptedChangeIsPlannedAndRepaired() throws Exception {
        String topic = topic();
        assertThat(deploy(events(3, 2), false).complete()).isTrue();
        List<List<Integer>> before = awaitFullyReplicated(topic, 3, 2);

        // as if an earlier change had reached partition 1 only: partitions 0 and 2 keep two replicas
        admin.alterPartitionReassignments(Map.of(new TopicPartition(topic, 1),
                Optional.of(new NewPartitionReassignment(List.of(before.get(1).get(0)))))).all()
                .get(10, TimeUnit.SECONDS);
        awaitReplicaCount(topic, 1, 1);

        PlanOutcome p = plan(events(3, 2), false);
        assertThat(topicChange(p).changes()).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo(FieldChange.REPLICATION_FACTOR);
            assertThat(f.before()).isEqualTo("1..2");
            assertThat(f.text()).isEqualTo("replication factor 1..2 -> 2");
        });
        assertThat(p.hasErrors()).isTrue();

        DeployOutcome repaired = deploy(events(3, 2), true);
        assertThat(repaired.complete()).isTrue();
        awaitFullyReplicated(topic, 3, 2);
        assertNoOp(deploy(events(3, 2), false));
    }

    // ------------------------------------------------------------------------------- issue 13: throttle and ISR

    static final Set<String> THROTTLE_KEYS = Set.of(ReplicationThrottle.LEADER_RATE, ReplicationThrottle.FOLLOWER_RATE,
            ReplicationThrottle.LEADER_REPLICAS, ReplicationThrottle.FOLLOWER_REPLICAS);

    /** The throttle keys set on the brokers and the topic (dynamic values only), as {@code resource key=value}. */
    static Set<String> throttles(String topic) throws Exception {
        return throttles(topic, ALL_BROKERS);
    }

    /** {@link #throttles(String)} on some brokers only (a broker that is down cannot answer). */
    static Set<String> throttles(String topic, Set<Integer> brokers) throws Exception {
        List<ConfigResource> resources = new java.util.ArrayList<>();
        for (Integer b : brokers) resources.add(new ConfigResource(ConfigResource.Type.BROKER, b.toString()));
        resources.add(new ConfigResource(ConfigResource.Type.TOPIC, topic));
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(10, TimeUnit.SECONDS);
        Set<String> out = new java.util.TreeSet<>();
        configs.forEach((res, config) -> config.entries().stream()
                .filter(e -> THROTTLE_KEYS.contains(e.name()))
                .filter(e -> e.source() == ConfigEntry.ConfigSource.DYNAMIC_BROKER_CONFIG
                        || e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG)
                .forEach(e -> out.add(res.type().name().toLowerCase(java.util.Locale.ROOT) + " " + res.name() + " "
                        + e.name() + "=" + e.value())));
        return out;
    }

    /** Writes about {@code megabytes} MB of incompressible records to every partition of the topic. */
    static void fill(String topic, int partitions, int megabytes) throws Exception {
        Map<String, Object> props = new LinkedHashMap<>(cluster.adminClientProperties());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        java.util.Random random = new java.util.Random(13);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (int p = 0; p < partitions; p++) {
                for (int i = 0; i < megabytes * 1024; i++) {
                    byte[] value = new byte[1024];
                    random.nextBytes(value);
                    producer.send(new ProducerRecord<>(topic, p, null, value));
                }
            }
            producer.flush();
        }
    }

    @Test
    void anIncreaseCopiesUnderTheThrottleWithProgressAndRemovesItAfterwards() throws Exception {
        String topic = topic();
        throttle(256 * 1024);
        assertThat(deploy(events(3, 1), false).complete()).isTrue();
        List<List<Integer>> single = awaitFullyReplicated(topic, 3, 1);
        fill(topic, 3, 2);

        // what an independent client sees once the reassignment runs: the throttle, while partitions still move
        List<Set<String>> seenWhileMoving = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        sessions = new KafkaClusterSessions((a, timeout) -> new AdminCalls(a, timeout) {
            @Override
            public org.apache.kafka.clients.admin.ListPartitionReassignmentsResult listPartitionReassignments(
                    Set<TopicPartition> partitions) {
                if (seenWhileMoving.isEmpty()) {
                    try {
                        long deadline = System.nanoTime() + TIMEOUT.toNanos();
                        Set<String> seen = throttles(topic);
                        // brokers apply a dynamic config shortly after the controller committed it
                        while (seen.size() < 8 && System.nanoTime() < deadline) {
                            Thread.sleep(50);
                            seen = throttles(topic);
                        }
                        if (!admin.listPartitionReassignments().reassignments().get(10, TimeUnit.SECONDS).isEmpty()) {
                            seenWhileMoving.add(seen);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                return super.listPartitionReassignments(partitions);
            }
        }, notices::add);

        DeployOutcome grown = deploy(events(3, 3), true);

        assertThat(grown.complete()).isTrue();
        List<List<Integer>> three = awaitFullyReplicated(topic, 3, 3);
        List<String> leaders = new java.util.ArrayList<>();
        List<String> followers = new java.util.ArrayList<>();
        for (int p = 0; p < 3; p++) {
            leaders.add(p + ":" + single.get(p).get(0));
            for (Integer b : three.get(p).subList(1, 3)) followers.add(p + ":" + b);
        }
        assertThat(seenWhileMoving).singleElement().satisfies(seen -> assertThat(seen).containsExactlyInAnyOrder(
                "broker 1 leader.replication.throttled.rate=262144", "broker 1 follower.replication.throttled.rate=262144",
                "broker 2 leader.replication.throttled.rate=262144", "broker 2 follower.replication.throttled.rate=262144",
                "broker 3 leader.replication.throttled.rate=262144", "broker 3 follower.replication.throttled.rate=262144",
                "topic " + topic + " leader.replication.throttled.replicas=" + String.join(",", leaders),
                "topic " + topic + " follower.replication.throttled.replicas=" + String.join(",", followers)));
        assertThat(throttles(topic)).isEmpty();
        assertThat(notices).contains("Replication throttle of 256KiB/s set on brokers 1, 2, 3 while 3 partitions of "
                + topic + " get their new replicas");
        // 4 MiB to send and receive per broker at 256 KiB/s take over 10 s (Kafka lets the first 10 s of the rate
        // through at once): the wait shows how far it got
        assertThat(notices).anySatisfy(l -> assertThat(l).matches(
                "Replica reassignment running, partitions reassigned: " + java.util.regex.Pattern.quote(topic)
                        + ": [0-2] of 3; [0-9.]+ [KMG]?i?B of [0-9.]+ MiB copied \\([0-9.]+ [KMG]?i?B/s\\)"));
        // no throttle key is left to show up as drift
        assertNoOp(deploy(events(3, 3), true));
    }

    @Test
    void aDecreaseKeepsTheInSyncReplicasWhenABrokerIsDown() throws Exception {
        String topic = topic();
        assertThat(deploy(events(3, 3), false).complete()).isTrue();
        List<List<Integer>> three = awaitFullyReplicated(topic, 3, 3);
        cluster.node(3).kill();
        try {
            awaitOutOfSync(topic, 3);

            DeployOutcome shrunk = deploy(events(3, 2), true);

            assertThat(shrunk.complete()).as("%s", shrunk.results()).isTrue();
            for (int p = 0; p < 3; p++) {
                // broker 3 was out of sync: it is the replica dropped, wherever it stood in the list
                List<Integer> kept = three.get(p).stream().filter(b -> b != 3).toList();
                assertThat(replicas(topic).get(p)).as("partition %d", p).isEqualTo(kept);
                TopicPartitionInfo info = describe(topic).partitions().get(p);
                assertThat(ids(info.isr())).containsExactlyInAnyOrderElementsOf(kept);
            }
            // a decrease copies nothing, so it sets no throttle, and none is left
            assertThat(notices).noneMatch(l -> l.startsWith("Replication throttle"));
            assertThat(throttles(topic, Set.of(1, 2))).isEmpty();
        } finally {
            cluster.node(3).restart();
            awaitBrokers(3);
        }
        awaitFullyReplicated(topic, 3, 2);
        assertThat(throttles(topic)).isEmpty();
        assertNoOp(deploy(events(3, 2), true));
    }

    /** Polls until the broker is in no partition's ISR of the topic. */
    static void awaitOutOfSync(String topic, int broker) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (describe(topic).partitions().stream().anyMatch(p -> ids(p.isr()).contains(broker))) {
            if (System.nanoTime() > deadline) throw new AssertionError("broker " + broker + " stays in sync");
            Thread.sleep(200);
        }
    }

    /** Polls until the cluster shows the number of live brokers. */
    static void awaitBrokers(int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            try {
                if (admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size() == count) return;
            } catch (Exception e) {
                // retried until the deadline
            }
            if (System.nanoTime() > deadline) throw new AssertionError("the cluster does not have " + count
                    + " brokers again");
            Thread.sleep(200);
        }
    }

    /** Polls until one partition shows the number of replicas. */
    static void awaitReplicaCount(String topic, int partition, int count) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (replicas(topic).get(partition).size() != count
                || !admin.listPartitionReassignments().reassignments().get(10, TimeUnit.SECONDS).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Partition " + partition + " of " + topic + " does not have " + count
                        + " replicas within " + TIMEOUT.toSeconds() + " s: " + replicas(topic));
            }
            Thread.sleep(100);
        }
    }
}
