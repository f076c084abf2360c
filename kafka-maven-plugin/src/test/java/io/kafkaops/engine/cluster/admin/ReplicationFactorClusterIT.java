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

    StageEngine engine() {
        if (platform == null) {
            platform = Fixtures.platform(cluster.bootstrapServers(), cluster.bootstrapServers(), 1, 1, dev,
                    TestBroker.uniqueName("rt") + ".");
            store = new FileCredentialStore(out.resolve("credentials").resolve("billing-dev.json"));
        }
        return new StageEngine(platform, out, new KafkaClusterSessions());
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
