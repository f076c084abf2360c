package io.kafkaops.engine.cluster.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaops.engine.desired.AclSpec;
import io.kafkaops.engine.cluster.admin.ReplicaAssignments.PartitionState;
import io.kafkaops.engine.desired.TopicSpec;
import io.kafkaops.model.Visibility;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

class ExecutorPartsTest {

    @Test
    void createTopicsChunksStayUnderTheRecordLimit() {
        // 60 topics of 100 partitions and 2 configs cost 103 records each: 6,180 in all
        List<Integer> costs = Collections.nCopies(60, 103);

        List<List<Integer>> chunks = AdminFutures.chunks(costs, c -> c);

        assertThat(chunks).hasSize(2);
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.stream().mapToInt(i -> i).sum()).isLessThanOrEqualTo(5000));
        assertThat(chunks.stream().mapToInt(List::size).sum()).isEqualTo(60);
    }

    @Test
    void thousandTopicsOfThreePartitionsAndTwoConfigsGoInOneCreateTopicsRequest() {
        // the broker's per-request cap is 10,000 records; 1,000 x (1 topic + 3 partitions + 2 configs) = 6,000
        TopicSpec spec = spec(3, Map.of("cleanup.policy", "delete", "retention.ms", "86400000"));

        assertThat(TopicChanges.createCost("dev.billing.t0001.events", spec)).isEqualTo(6);
        assertThat(createRequests(1_000, spec)).hasSize(1);
    }

    @Test
    void createTopicsRequestsAreFilledUpToTheCapExactly() {
        // 10,000 topics of 6 records: 60,000 records in six full requests of 1,666 topics (9,996 records) and a rest
        TopicSpec spec = spec(3, Map.of("cleanup.policy", "delete", "retention.ms", "86400000"));

        assertThat(createRequests(10_000, spec)).extracting(List::size)
                .containsExactly(1666, 1666, 1666, 1666, 1666, 1666, 4);
        // 2,000 topics of 5 records fill a request to exactly 10,000: the cap itself is allowed
        assertThat(createRequests(2_001, spec(2, Map.of("a", "1", "b", "2")))).extracting(List::size)
                .containsExactly(2000, 1);
    }

    @Test
    void largeConfigValuesCountByTheirBytesSoThatARequestStaysUnderTheAtomicBatchSize() {
        // 8 MiB per atomic batch: a topic whose one config value has 80,000 bytes costs 100 units, not 3
        TopicSpec big = spec(1, Map.of("message.timestamp.type", "x".repeat(80_000)));

        assertThat(TopicChanges.createCost("dev.big", big)).isBetween(100, 101);
    }

    private static TopicSpec spec(int partitions, Map<String, String> config) {
        return new TopicSpec(partitions, 1, config, Visibility.PRIVATE, List.of(), false);
    }

    /** The createTopics requests of n topics of that spec, as TopicChanges sizes them. */
    private static List<List<String>> createRequests(int n, TopicSpec spec) {
        List<String> names = IntStream.range(0, n).mapToObj(i -> String.format("dev.billing.t%05d.events", i))
                .toList();
        return AdminFutures.chunks(names, name -> TopicChanges.createCost(name, spec),
                AdminFutures.CREATE_TOPICS_RECORD_CAP);
    }

    @Test
    void aTopicBiggerThanAChunkGoesAlone() {
        List<List<Integer>> chunks = AdminFutures.chunks(List.of(10, 7000, 10), c -> c);

        assertThat(chunks).containsExactly(List.of(10), List.of(7000), List.of(10));
    }

    @Test
    void aclsGoInBatchesOfFiveThousand() {
        List<Integer> bindings = IntStream.range(0, 12_001).boxed().toList();

        assertThat(AdminFutures.chunks(bindings, b -> 1)).extracting(List::size)
                .containsExactly(5000, 5000, 2001);
    }

    @Test
    void growingTheReplicationFactorSpreadsNewReplicasEvenly() {
        List<List<Integer>> current = List.of(List.of(1), List.of(2), List.of(3), List.of(1));

        List<List<Integer>> target = ReplicaAssignments.target(current, 3, List.of(1, 2, 3, 4));

        assertThat(target).allSatisfy(r -> assertThat(r).hasSize(3).doesNotHaveDuplicates());
        assertThat(target).extracting(r -> r.get(0)).containsExactly(1, 2, 3, 1);
        int[] load = new int[5];
        target.forEach(r -> r.forEach(b -> load[b]++));
        assertThat(load[1] + load[2] + load[3] + load[4]).isEqualTo(12);
        assertThat(IntStream.of(load).skip(1).max().getAsInt() - IntStream.of(load).skip(1).min().getAsInt())
                .isLessThanOrEqualTo(1);
    }

    @Test
    void shrinkingKeepsThePreferredLeader() {
        List<List<Integer>> target = ReplicaAssignments.target(List.of(List.of(3, 1, 2), List.of(2, 3, 1)), 1,
                List.of(1, 2, 3));

        assertThat(target).containsExactly(List.of(3), List.of(2));
    }

    @Test
    void shrinkingKeepsTheLeaderAndTheInSyncReplicasFirst() {
        // issue 13: replicas to drop are chosen among the out-of-sync ones; the leader stays even when not preferred
        List<List<Integer>> current = List.of(List.of(1, 2, 3), List.of(2, 3, 1), List.of(3, 1, 2), List.of(1, 2, 3),
                List.of(1, 2, 3));
        List<PartitionState> states = List.of(
                new PartitionState(2, Set.of(2, 3)),      // preferred leader 1 fell out of sync
                new PartitionState(2, Set.of(2, 1)),      // 3 out of sync: dropped although second
                new PartitionState(1, Set.of(1)),         // only the leader in sync: it stays, then list order
                new PartitionState(null, Set.of(3)),      // no leader: the in-sync replica is kept
                new PartitionState(1, Set.of(1, 2, 3)));  // all in sync: the first replicas, as before

        List<List<Integer>> target = ReplicaAssignments.target(current, 5, 2, List.of(1, 2, 3), states);

        assertThat(target).containsExactly(List.of(2, 3), List.of(2, 1), List.of(3, 1), List.of(1, 3),
                List.of(1, 2));
        assertThat(ReplicaAssignments.target(current, 5, 1, List.of(1, 2, 3), states))
                .containsExactly(List.of(2), List.of(2), List.of(1), List.of(3), List.of(1));
        // without the replicas' state (the cluster did not answer) the first replicas stay
        assertThat(ReplicaAssignments.keep(List.of(3, 1, 2), 2, null)).containsExactly(3, 1);
        // growing keeps every replica, in sync or not
        assertThat(ReplicaAssignments.target(List.of(List.of(1, 2)), 1, 3, List.of(1, 2, 3),
                List.of(new PartitionState(1, Set.of(1))))).containsExactly(List.of(1, 2, 3));
    }

    @Test
    void theThrottleCoversTheBrokersAndReplicasThatCopyData() {
        TopicPartition a0 = new TopicPartition("dev.a", 0);
        TopicPartition a1 = new TopicPartition("dev.a", 1);
        TopicPartition b0 = new TopicPartition("dev.b", 0);
        Map<TopicPartition, List<Integer>> before = Map.of(a0, List.of(1), a1, List.of(2), b0, List.of(1, 2, 3));
        Map<TopicPartition, List<Integer>> after = new LinkedHashMap<>();
        after.put(a0, List.of(1, 2, 3));
        after.put(a1, List.of(2, 4));
        after.put(b0, List.of(1, 2));   // a decrease copies nothing: no throttle for dev.b

        ReplicationThrottle throttle = ReplicationThrottle.of(before, after, 1_048_576, List.of());

        assertThat(throttle.isEmpty()).isFalse();
        assertThat(throttle.brokers()).containsExactly(1, 2, 3, 4);
        assertThat(throttle.topics()).containsExactly("dev.a");
        Map<ConfigResource, Map<String, String>> values = throttle.values();
        assertThat(values).containsEntry(new ConfigResource(ConfigResource.Type.BROKER, "4"),
                Map.of("leader.replication.throttled.rate", "1048576", "follower.replication.throttled.rate",
                        "1048576"));
        assertThat(values).containsEntry(new ConfigResource(ConfigResource.Type.TOPIC, "dev.a"),
                Map.of("leader.replication.throttled.replicas", "0:1,1:2",
                        "follower.replication.throttled.replicas", "0:2,0:3,1:4"));
        assertThat(values).hasSize(5);
        assertThat(ReplicationThrottle.of(Map.of(b0, List.of(1, 2, 3)), Map.of(b0, List.of(1, 2)), 1, List.of())
                .isEmpty()).isTrue();
        // a broker that is down gets no broker config (it could not take one, and copies nothing)
        assertThat(ReplicationThrottle.of(before, after, 1, List.of(1, 2, 3)).brokers()).containsExactly(1, 2, 3);
    }

    @Test
    void progressLinesCountPartitionsAndBytes() {
        Map<String, Integer> total = new TreeMap<>(Map.of("orders.events", 6, "orders.audit", 2));
        Set<TopicPartition> pending = Set.of(new TopicPartition("orders.events", 1),
                new TopicPartition("orders.events", 4), new TopicPartition("orders.events", 5),
                new TopicPartition("orders.events", 0));

        assertThat(TopicReassignments.progress(total, pending, new long[] {3L << 20, 9L << 20}, 1L << 20, 2.0))
                .isEqualTo("Replica reassignment running, partitions reassigned: orders.audit: 2 of 2,"
                        + " orders.events: 2 of 6; 3 MiB of 9 MiB copied (1 MiB/s)");
        assertThat(TopicReassignments.progress(total, pending, null, 0, 5.0))
                .isEqualTo("Replica reassignment running, partitions reassigned: orders.audit: 2 of 2,"
                        + " orders.events: 2 of 6");
    }

    @Test
    void partitionsAddedInTheSameDeployGetReplicasAsWell() {
        List<List<Integer>> current = List.of(List.of(1), List.of(2));

        List<List<Integer>> target = ReplicaAssignments.target(current, 5, 2, List.of(1, 2, 3));

        assertThat(target).hasSize(5).allSatisfy(r -> assertThat(r).hasSize(2).doesNotHaveDuplicates());
        assertThat(target.get(0).get(0)).isEqualTo(1);
        assertThat(target.get(1).get(0)).isEqualTo(2);
        int[] load = new int[4];
        target.forEach(r -> r.forEach(b -> load[b]++));
        assertThat(IntStream.of(load).skip(1).max().getAsInt() - IntStream.of(load).skip(1).min().getAsInt())
                .isLessThanOrEqualTo(1);
        assertThatThrownBy(() -> ReplicaAssignments.target(current, 1, 2, List.of(1, 2, 3)))
                .hasMessageContaining("has 2 partitions, not 1");
    }

    @Test
    void tooFewBrokersIsRefused() {
        assertThatThrownBy(() -> ReplicaAssignments.target(List.of(List.of(1)), 3, List.of(1)))
                .hasMessageContaining("needs at least 3 brokers; the cluster has 1");
    }

    @Test
    void aclSpecsBecomeKafkaBindings() {
        AclSpec spec = new AclSpec("User:dev.svc", "TOPIC", "dev.billing.", "PREFIXED", "WRITE", "ALLOW", "*");

        AclBinding b = AclChanges.binding(spec);

        assertThat(b.toString()).contains("resourceType=TOPIC", "name=dev.billing.", "patternType=PREFIXED",
                "principal=User:dev.svc", "operation=WRITE", "permissionType=ALLOW");
        assertThat(AclSpec.parseKey(spec.key())).isEqualTo(spec);
    }

    @Test
    void kafkaErrorsNameStageAndServers() {
        var e = KafkaErrors.toClusterException(new org.apache.kafka.common.errors.TimeoutException("t"), "dev",
                "k1:9093,k2:9093", "listing topics", java.time.Duration.ofSeconds(30));
        assertThat(e.getMessage()).startsWith("Cannot reach the Kafka cluster of stage dev at k1:9093,k2:9093 within 30 s")
                .contains("(while listing topics)");
        var denied = KafkaErrors.toClusterException(
                new org.apache.kafka.common.errors.ClusterAuthorizationException("denied"), "prod", "k:1",
                "describing ACLs", java.time.Duration.ofSeconds(5));
        assertThat(denied.getMessage()).contains("denied the admin principal").contains("DESCRIBE on the cluster");
    }
}
