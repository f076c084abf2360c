package io.kafkaops.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A three-broker cluster of its own: every node listed, the same SCRAM and ACL security on the broker-only nodes as on
 * the controller node, real replication (a killed broker leaves and rejoins the ISR), and nothing left after stop().
 */
class KafkaClusterIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    @Test
    void threeBrokersReplicateEnforceScramAndAclsAndCleanUpOnStop() throws Exception {
        Path dataDir = temp.resolve("cluster");
        KafkaCluster cluster = KafkaCluster.builder()
                .classpath(KafkaBroker.currentJvmClasspath())
                .dataDir(dataDir)
                .build();
        try {
            cluster.start();

            assertThat(cluster.nodes()).extracting(KafkaBroker::nodeId).containsExactly(1, 2, 3);
            assertThat(cluster.nodes()).extracting(KafkaBroker::isController).containsExactly(true, false, false);
            assertThat(cluster.bootstrapServers().split(",")).hasSize(3)
                    .containsExactly(cluster.node(1).bootstrapServers(), cluster.node(2).bootstrapServers(),
                            cluster.node(3).bootstrapServers());
            assertThat(cluster.toString()).doesNotContain(cluster.adminCredentials().password());
            assertThatThrownBy(cluster::start).isInstanceOf(IllegalStateException.class);

            String topic = "replicated";
            try (Admin admin = Admin.create(cluster.adminClientProperties())) {
                assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)).extracting(Node::id)
                        .containsExactlyInAnyOrder(1, 2, 3);
                QuorumInfo quorum = admin.describeMetadataQuorum().quorumInfo().get(10, TimeUnit.SECONDS);
                assertThat(quorum.leaderId()).isEqualTo(1);
                assertThat(quorum.voters()).extracting(QuorumInfo.ReplicaState::replicaId).containsExactly(1);

                admin.createTopics(List.of(new NewTopic(topic, 3, (short) 3))).all().get(10, TimeUnit.SECONDS);
                awaitIsr(admin, topic, Set.of(1, 2, 3));

                // a killed broker drops out of every ISR once the controller fences it, and comes back after a restart
                cluster.node(3).kill();
                awaitIsr(admin, topic, Set.of(1, 2));
                cluster.node(3).restart();
                awaitIsr(admin, topic, Set.of(1, 2, 3));
            }

            // the broker-only nodes authenticate with SCRAM and authorize with ACLs like the controller node
            Map<String, Object> wrong = new HashMap<>(cluster.node(2).clientProperties(
                    cluster.adminCredentials().username(), "not-the-password"));
            try (Admin admin = Admin.create(wrong)) {
                assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(SaslAuthenticationException.class);
            }
            String user = "svc";
            String password = "pw-" + Long.toHexString(System.nanoTime());
            try (Admin admin = Admin.create(cluster.adminClientProperties())) {
                admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password)))
                        .all().get(10, TimeUnit.SECONDS);
            }
            try (Admin asUser = Admin.create(cluster.node(3).clientProperties(user, password))) {
                Throwable denied = await("user " + user + " signs in on node 3 and is denied the topic", () -> {
                    try {
                        asUser.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS);
                        return new AssertionError("described without an ACL");
                    } catch (ExecutionException e) {
                        // SASL errors while the credential is on its way to the broker; then the authorizer's refusal
                        return e.getCause() instanceof TopicAuthorizationException ? e.getCause() : null;
                    } catch (Exception e) {
                        return null;
                    }
                });
                assertThat(denied).isInstanceOf(TopicAuthorizationException.class);
            }

            List<Path> logs = cluster.nodes().stream().map(n -> n.logFile().getParent().resolve("process-1.log"))
                    .toList();
            for (Path log : logs) {
                assertThat(Files.readString(log)).doesNotContain(cluster.adminCredentials().password());
            }
            List<KafkaBroker> nodes = cluster.nodes();

            cluster.stop();

            assertThat(nodes).noneMatch(KafkaBroker::isRunning);
            assertThat(cluster.isRunning()).isFalse();
            assertThat(cluster.nodes()).isEmpty();
            assertThat(dataDir).doesNotExist();
        } finally {
            cluster.stop();
        }
    }

    @Test
    void theBuilderRefusesWhatTheClusterSetsPerNode() {
        List<Path> jars = KafkaBroker.currentJvmClasspath();
        assertThatThrownBy(() -> KafkaCluster.builder().classpath(jars).brokers(0).build())
                .hasMessageContaining("1 to 9 brokers");
        assertThatThrownBy(() -> KafkaCluster.builder().classpath(jars).property("node.id", "7").build())
                .hasMessageContaining("node.id is set per node");
        assertThatThrownBy(() -> KafkaCluster.builder().classpath(jars).adminPassword("with space").build())
                .hasMessageContaining("admin password");
        assertThatThrownBy(() -> KafkaCluster.builder().build()).hasMessageContaining("classpath");
        KafkaCluster notStarted = KafkaCluster.builder().classpath(jars).build();
        assertThat(notStarted.nodes()).isEmpty();
        assertThat(notStarted.isRunning()).isFalse();
        assertThatThrownBy(notStarted::bootstrapServers).isInstanceOf(IllegalStateException.class);
        notStarted.stop();
        assertThat(notStarted.dataDir()).doesNotExist();
    }

    /** Polls until every partition of the topic has exactly these brokers in its ISR. */
    private static void awaitIsr(Admin admin, String topic, Set<Integer> isr) {
        await("every partition of " + topic + " has ISR " + isr, () -> {
            try {
                TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(10, TimeUnit.SECONDS).get(topic);
                for (TopicPartitionInfo p : d.partitions()) {
                    Set<Integer> now = p.isr().stream().map(Node::id).collect(Collectors.toSet());
                    if (!now.equals(isr)) {
                        return null;
                    }
                }
                return Boolean.TRUE;
            } catch (Exception e) {
                return null;
            }
        });
    }

    /** Polls the check until it returns non-null, within {@link #PROPAGATION}; never sleeps a fixed time otherwise. */
    private static <T> T await(String what, Supplier<T> check) {
        long deadline = System.nanoTime() + PROPAGATION.toNanos();
        while (true) {
            T value = check.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + PROPAGATION.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting until " + what, e);
            }
        }
    }
}
