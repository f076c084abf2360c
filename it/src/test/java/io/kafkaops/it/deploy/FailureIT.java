package io.kafkaops.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.engine.local.KafkaBroker;
import io.kafkaops.engine.local.TestBroker;
import io.kafkaops.it.MavenResult;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** A cluster that is not there, and a broker that crashes in the middle of a deploy. */
class FailureIT {

    private static final int BULK_TOPICS = 300;
    /** A line logged by one of Kafka's loggers, as Maven prints it with logger names shown. */
    private static final Pattern KAFKA_LOG_LINE = Pattern.compile("^\\[[A-Z]+\\] org\\.apache\\.kafka\\.");

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
            // Maven prints no logger names by default; with them, a line Kafka's client logs says it comes from
            // org.apache.kafka (its "Connection to node -1 ... could not be established" warnings did)
            MavenResult result = f.run(project, goal, "dev", "-Dkafka.timeout=5",
                    "-Dorg.slf4j.simpleLogger.showLogName=true");
            result.assertFailed()
                    .assertLine("Cannot reach the Kafka cluster of stage dev at " + servers + " within 5 s")
                    .assertLineMatching("^\\[INFO\\] org\\.apache\\.maven\\.\\S+ - ");
            assertThat(result.linesContaining("Waiting up to 5 s (kafka.timeout) for the Kafka cluster of stage dev at "
                    + servers)).as("lines of kafka:%s saying that it waits", goal).hasSize(1);
            DeployFixture.assertNoStackTrace(result);
            assertThat(result.lines()).as("Kafka client exceptions logged by kafka:%s", goal)
                    .noneMatch(l -> l.startsWith("org.apache.kafka"));
            assertThat(result.lines()).as("lines Kafka's client logged (WARN or any other level) in kafka:%s", goal)
                    .noneMatch(l -> KAFKA_LOG_LINE.matcher(l).find());
            // Maven's own build time leaves out the JVM start, which a busy machine stretches: well below the
            // default timeout of 30 s shows that kafka.timeout bounded the wait
            assertThat(buildTime(result)).as("build time of kafka:%s", goal).isLessThan(Duration.ofSeconds(20));
        }
        assertThat(f.store("billing", "dev")).as("nothing stored for a deploy that never reached the cluster")
                .doesNotExist();
    }

    @Test
    void aDeployStoppedByABrokerCrashIsCompletedByTheNextDeploy() throws Exception {
        Assumptions.assumeTrue(TestBroker.isJar(), "kills the broker it deploys to: needs the child-JVM test broker");
        DeployFixture f = DeployFixture.create("FailureIT.crash");
        Path project = f.copyRepo("deploy-bulk");
        DeployFixture.write(project.resolve("src/main/kafka/bulk.yaml"), bulkYaml());
        String dev = f.prefix("dev");
        KafkaBroker broker = TestBroker.jar();

        try (Admin admin = DeployFixture.admin()) {
            DeployFixture.ensureOwnershipTopic(admin);
        }
        CompletableFuture<MavenResult> running = CompletableFuture.supplyAsync(
                () -> f.deploy(project, "dev", "-Dkafka.timeout=3"));
        // crash the broker as soon as the first topics exist: the deploy is then between creating its topics and
        // writing their ownership records
        try (Admin watcher = DeployFixture.admin()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (watcher.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                    .noneMatch(t -> t.startsWith(dev + "billing.bulk-"))) {
                if (running.isDone()) {
                    throw new AssertionError("the deploy ended before its topics were seen: " + running.join());
                }
                assertThat(System.nanoTime()).as("the first topics appear within 90 s").isLessThan(deadline);
                Thread.sleep(5);
            }
            broker.kill();
        }
        MavenResult crashed = running.get(3, TimeUnit.MINUTES);
        crashed.assertFailed()
                .assertLineMatching("stage dev.*" + Pattern.quote(broker.bootstrapServers()));
        DeployFixture.assertNoStackTrace(crashed);

        TestBroker.jar(); // restarts the killed broker on the same port with the same data
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

    /** The {@code Total time: 7.551 s} Maven prints at the end. */
    private static Duration buildTime(MavenResult result) {
        String line = result.linesContaining("Total time:").get(0);
        Matcher m = Pattern.compile("Total time:\\s+(?:(\\d+):)?(\\d+(?:\\.\\d+)?) (s|min)").matcher(line);
        assertThat(m.find()).as("a build time in %s", line).isTrue();
        double seconds = Double.parseDouble(m.group(2)) + (m.group(1) == null ? 0 : 60 * Integer.parseInt(m.group(1)));
        return Duration.ofMillis((long) (seconds * 1000));
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
