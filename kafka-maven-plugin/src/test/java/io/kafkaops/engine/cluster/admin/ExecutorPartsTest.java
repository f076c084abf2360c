package io.kafkaops.engine.cluster.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaops.engine.desired.AclSpec;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.common.acl.AclBinding;
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
