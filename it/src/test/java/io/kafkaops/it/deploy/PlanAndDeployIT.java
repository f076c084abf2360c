package io.kafkaops.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaops.engine.local.TestBroker;
import io.kafkaops.it.MavenResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/**
 * A service repository's first plan and deploy on a stage, run by the real mvn against the real broker: what the plan
 * prints and writes, what the deploy creates (checked with an independent Admin client), that a second deploy changes
 * nothing, that {@code kafka.failOnChanges} detects drift, and that no secret reaches any output or file.
 */
class PlanAndDeployIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Maven's success style: bold green. */
    private static final String GREEN = "\u001B[1;32m";

    @Test
    void planShowsTheChangesDeployAppliesThemAndASecondDeployChangesNothing() throws Exception {
        DeployFixture f = DeployFixture.create("PlanAndDeployIT");
        Path project = f.copyRepo("deploy-billing");
        String dev = f.prefix("dev");
        String account = dev + "billing-service";
        List<MavenResult> runs = new ArrayList<>();

        // a plan in a drift-detecting build fails, since everything is still to be created; colours on, as in a
        // terminal
        MavenResult plan = f.plan(project, "dev", "-Dkafka.failOnChanges=true", "-Dstyle.color=always");
        runs.add(plan);
        plan.assertFailed()
                .assertLinesInOrder(
                        "+ service account " + account,
                        "+ credential " + account,
                        "a new SCRAM-SHA-512 credential, stored in file " + f.store("billing", "dev"),
                        "+ topic " + dev + "billing.audit.v1 (1 partition, replication factor 1)",
                        "+ topic " + dev + "billing.invoices.v1 (3 partitions, replication factor 1)",
                        "cleanup.policy = delete",
                        "retention.ms = 1w",
                        "+ topic " + dev + "billing.payments.v1 (2 partitions, replication factor 1)",
                        "cleanup.policy = compact",
                        "+ acl ",
                        "Plan for stage dev: 10 to create, 0 to update, 0 to delete")
                .assertLine("+ acl ALLOW User:" + account + " WRITE on TOPIC " + dev + "billing.invoices.v1")
                .assertLine("+ acl ALLOW User:" + account + " READ on GROUP " + dev + "billing-service")
                .assertLine("Stage dev differs from the repo's Kafka entities (kafka.failOnChanges=true)");
        assertThat(plan.linesContaining("+ acl ")).hasSize(5);
        assertThat(plan.linesContaining("+ topic ")).as("creates are green").hasSize(3)
                .allMatch(l -> l.contains(GREEN + "+ topic "));
        assertThat(plan.linesContaining("cleanup.policy = ")).as("details are not coloured")
                .noneMatch(l -> l.contains(GREEN));

        JsonNode planJson = JSON.readTree(project.resolve("target/kafka/dev/plan.json").toFile());
        assertThat(planJson.path("stage").asText()).isEqualTo("dev");
        assertThat(planJson.path("stagePrefix").asText()).isEqualTo(dev);
        assertThat(planJson.path("repository").asText()).isEqualTo("com.example.billing:billing-service");
        assertThat(planJson.path("summary").path("create").asInt()).isEqualTo(10);
        assertThat(planJson.path("stateFingerprint").asText()).hasSize(64);
        assertThat(planJson.path("changes")).hasSize(10).allMatch(c -> c.path("action").asText().equals("CREATE")
                && c.path("name").asText().replace("User:", "").startsWith(dev));
        String planMd = DeployFixture.read(project.resolve("target/kafka/dev/plan.md"));
        assertThat(planMd).contains("### Kafka plan for stage `dev`")
                .contains("**Plan for stage dev: 10 to create, 0 to update, 0 to delete**")
                .contains("```diff\n+ topic " + dev + "billing.audit.v1");

        try (Admin admin = DeployFixture.admin()) {
            assertThat(ClusterView.topics(admin, dev)).as("a plan changes nothing").isEmpty();
            // the platform definition pins no cluster id: the plan shows the one it saw, and plan.json records it
            String clusterId = admin.describeCluster().clusterId().get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(planJson.path("clusterId").asText()).isEqualTo(clusterId);
            plan.assertLine("Cluster id " + clusterId + " (cluster ");

            MavenResult deploy = f.deploy(project, "dev");
            runs.add(deploy);
            deploy.assertSucceeded()
                    .assertLine("+ topic " + dev + "billing.invoices.v1 created")
                    .assertLine("ready: all 3 partitions have a leader")
                    .assertLine("Deploy to stage dev: 10 created, 0 updated, 0 deleted");
            assertThat(project.resolve("target/kafka/dev/deploy.json")).exists();
            JsonNode report = JSON.readTree(project.resolve("target/kafka/dev/deploy.json").toFile());
            assertThat(report.path("complete").asBoolean()).isTrue();
            assertThat(report.path("credentialsStored")).extracting(JsonNode::asText).containsExactly(account);

            ClusterView.Snapshot after = ClusterView.snapshot(admin, dev);
            assertThat(after.topics()).containsOnly(
                    Map.entry(dev + "billing.audit.v1", new ClusterView.TopicState(1, 1, Map.of())),
                    Map.entry(dev + "billing.invoices.v1", new ClusterView.TopicState(3, 1,
                            Map.of("cleanup.policy", "delete", "retention.ms", "604800000"))),
                    Map.entry(dev + "billing.payments.v1", new ClusterView.TopicState(2, 1,
                            Map.of("cleanup.policy", "compact"))));
            String user = "User:" + account;
            assertThat(after.acls()).containsExactlyInAnyOrder(
                    user + "|TOPIC|LITERAL|" + dev + "billing.invoices.v1|WRITE|ALLOW|*",
                    user + "|TOPIC|LITERAL|" + dev + "billing.invoices.v1|DESCRIBE|ALLOW|*",
                    user + "|TOPIC|LITERAL|" + dev + "billing.payments.v1|READ|ALLOW|*",
                    user + "|TOPIC|LITERAL|" + dev + "billing.payments.v1|DESCRIBE|ALLOW|*",
                    user + "|GROUP|LITERAL|" + dev + "billing-service|READ|ALLOW|*");
            assertThat(after.scramUsers()).containsExactly(account);
            Map<String, JsonNode> owners = ClusterView.ownership(dev);
            assertThat(owners).hasSize(9).allSatisfy((key, rec) -> {
                assertThat(rec.path("repository").asText()).isEqualTo("com.example.billing:billing-service");
                assertThat(rec.path("team").asText()).isEqualTo("billing");
                assertThat(rec.path("specHash").asText()).as("record of %s is complete", key).hasSize(64);
            });
            Map<String, String> passwords = f.passwords("billing", "dev");
            assertThat(passwords).containsOnlyKeys(account);

            // the second deploy finds nothing to do: no Admin change, no ownership record, same credential
            MavenResult again = f.deploy(project, "dev");
            runs.add(again);
            again.assertSucceeded().assertLine("Deploy to stage dev: 0 created, 0 updated, 0 deleted");
            assertThat(ClusterView.snapshot(admin, dev)).isEqualTo(after);
            assertThat(f.passwords("billing", "dev")).isEqualTo(passwords);

            MavenResult drift = f.plan(project, "dev", "-Dkafka.failOnChanges=true");
            runs.add(drift);
            drift.assertSucceeded().assertLine("Plan for stage dev: 0 to create, 0 to update, 0 to delete");
            assertThat(DeployFixture.read(project.resolve("target/kafka/dev/plan.md")))
                    .contains("No changes: stage `dev` matches the repository.");

            Set<String> secrets = Set.of(passwords.get(account), TestBroker.get().adminCredentials().password());
            SecretScan.assertNowhere(secrets, project, runs);
        }
    }
}
