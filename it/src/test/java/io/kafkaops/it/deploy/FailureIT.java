package io.kafkaops.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.kafkaops.engine.embedded.KafkaBroker;
import io.kafkaops.it.ItBroker;
import io.kafkaops.it.MavenResult;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/** A cluster that is not there, and a broker that crashes in the middle of a deploy. */
class FailureIT {

    private static final int BULK_TOPICS = 300;

    @Test
    void anUnreachableClusterFailsWithinTheTimeoutNamingStageAndServers() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String servers = "127.0.0.1:" + port;
        DeployFixture f = DeployFixture.create("FailureIT.unreachable", DeployFixture.AdminCredentials.ENVIRONMENT,
                servers, "admin", "not-a-real-password-0123456789");
        Path project = f.copyRepo("deploy-billing");

        for (String goal : List.of("plan", "deploy")) {
            MavenResult result = f.run(project, goal, "dev", "-Dkafka.timeout=5");
            result.assertFailed()
                    .assertLine("Cannot reach the Kafka cluster of stage dev at " + servers + " within 5 s");
            DeployFixture.assertNoStackTrace(result);
            assertThat(result.lines()).as("Kafka client exceptions logged by kafka:%s", goal)
                    .noneMatch(l -> l.startsWith("org.apache.kafka"));
            // the default timeout is 30 s: finishing well below it shows kafka.timeout bounded the wait
            assertThat(result.duration()).as("kafka:%s took", goal).isLessThan(Duration.ofSeconds(25));
        }
        assertThat(f.store("billing", "dev")).as("nothing stored for a deploy that never reached the cluster")
                .doesNotExist();
    }

    @Test
    void aDeployStoppedByABrokerCrashIsCompletedByTheNextDeploy() throws Exception {
        DeployFixture f = DeployFixture.create("FailureIT.crash");
        Path project = f.copyRepo("deploy-bulk");
        DeployFixture.write(project.resolve("src/main/kafka/bulk.yaml"), bulkYaml());
        String dev = f.prefix("dev");
        KafkaBroker broker = ItBroker.get();

        long claimsBefore;
        try (Admin admin = DeployFixture.admin()) {
            DeployFixture.ensureOwnershipTopic(admin);
            claimsBefore = ClusterView.ownershipEndOffset(admin);
        }
        CompletableFuture<MavenResult> running = CompletableFuture.supplyAsync(
                () -> f.deploy(project, "dev", "-Dkafka.timeout=3"));
        // the deploy writes its ownership claims before it creates anything: crash the broker as soon as they land
        try (Admin watcher = DeployFixture.admin()) {
            Await.result("the deploy writes its ownership claims", Duration.ofSeconds(90), () -> {
                if (running.isDone()) {
                    throw new IllegalStateException("the deploy ended before the broker could be killed: "
                            + running.join());
                }
                assertThat(ClusterView.ownershipEndOffset(watcher)).isGreaterThan(claimsBefore);
                return null;
            });
            broker.kill();
        }
        MavenResult crashed = running.get(3, TimeUnit.MINUTES);
        crashed.assertFailed()
                .assertLineMatching("stage dev.*" + java.util.regex.Pattern.quote(broker.bootstrapServers()));
        DeployFixture.assertNoStackTrace(crashed);

        ItBroker.get(); // restarts the killed broker on the same port with the same data
        MavenResult completed = f.deploy(project, "dev");
        completed.assertSucceeded();
        try (Admin admin = DeployFixture.admin()) {
            Map<String, ClusterView.TopicState> topics = ClusterView.topics(admin, dev);
            assertThat(topics).hasSize(BULK_TOPICS)
                    .allSatisfy((name, t) -> assertThat(t.partitions()).as(name).isEqualTo(2));
            assertThat(ClusterView.scramUsers(admin, dev)).containsExactly(dev + "billing-bulk");
            assertThat(ClusterView.ownership(dev)).hasSize(BULK_TOPICS + 3)
                    .allSatisfy((key, rec) -> assertThat(rec.path("specHash").asText()).as(key).hasSize(64));

            ClusterView.Snapshot converged = ClusterView.snapshot(admin, dev);
            f.deploy(project, "dev").assertSucceeded()
                    .assertLine("Deploy to stage dev: 0 created, 0 updated, 0 deleted");
            assertThat(ClusterView.snapshot(admin, dev)).isEqualTo(converged);
        }
    }

    /** Many topics, a service account and a prefix grant: every step of a deploy has work to do. */
    private static String bulkYaml() {
        StringBuilder yaml = new StringBuilder("topics:\n");
        for (int i = 1; i <= BULK_TOPICS; i++) {
            yaml.append("  - name: billing.bulk-").append(String.format("%03d", i)).append(".v1\n")
                    .append("    partitions: 2\n")
                    .append("    config: { retention.ms: 1d }\n")
                    .append("    metadata: { description: Bulk topic ").append(i)
                    .append(", dataClassification: internal }\n");
        }
        yaml.append("""
                serviceAccounts:
                  - name: billing-bulk
                    description: Bulk loader
                    credentials: true
                grants:
                  - serviceAccount: billing-bulk
                    produce: [{ prefix: billing.bulk- }]
                """);
        return yaml.toString();
    }
}
