package io.kafkaops.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaops.engine.local.TestBroker;
import io.kafkaops.it.MavenResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/**
 * Stages dev and test share one cluster, told apart by their prefixes: each plan sees only its own stage's entities.
 * The admin credentials come from a settings.xml server here (the other deploy ITs use environment variables).
 */
class StagesIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachStageSeesOnlyItsOwnEntities() throws Exception {
        DeployFixture f = DeployFixture.create("StagesIT", DeployFixture.AdminCredentials.SETTINGS_SERVER);
        Path project = f.copyRepo("deploy-billing");
        String dev = f.prefix("dev");
        String test = f.prefix("test");

        List<MavenResult> runs = new ArrayList<>();
        runs.add(f.deploy(project, "dev").assertSucceeded()
                .assertLine("Deploy to stage dev: 10 created, 0 updated, 0 deleted"));
        // everything on dev exists under other names; test still needs all of it
        MavenResult testPlan = f.plan(project, "test").assertSucceeded()
                .assertLine("Plan for stage test: 10 to create, 0 to update, 0 to delete");
        runs.add(testPlan);
        assertThat(testPlan.linesContaining(dev)).isEmpty();
        JsonNode plan = JSON.readTree(project.resolve("target/kafka/test/plan.json").toFile());
        assertThat(plan.path("changes")).hasSize(10)
                .allMatch(c -> c.path("name").asText().replace("User:", "").startsWith(test));
        runs.add(f.deploy(project, "test").assertSucceeded()
                .assertLine("Deploy to stage test: 10 created, 0 updated, 0 deleted"));

        Files.delete(project.resolve("src/main/kafka/audit.yaml"));
        MavenResult devPlan = f.plan(project, "dev").assertSucceeded()
                .assertLine("- topic " + dev + "billing.audit.v1")
                .assertLine("Plan for stage dev: 0 to create, 0 to update, 1 to delete");
        assertThat(devPlan.linesContaining(test)).isEmpty();
        runs.add(devPlan);
        testPlan = f.plan(project, "test").assertSucceeded()
                .assertLine("kept topic " + test + "billing.audit.v1: no longer declared, but stage test does not"
                        + " allow deletes")
                .assertLine("Plan for stage test: 0 to create, 0 to update, 0 to delete, 1 kept");
        assertThat(testPlan.linesContaining(dev)).isEmpty();
        runs.add(testPlan);

        runs.add(f.deploy(project, "dev").assertSucceeded()
                .assertLine("Deploy to stage dev: 0 created, 0 updated, 1 deleted"));
        try (Admin admin = DeployFixture.admin()) {
            assertThat(ClusterView.topics(admin, dev)).doesNotContainKey(dev + "billing.audit.v1").hasSize(2);
            assertThat(ClusterView.topics(admin, test)).containsKey(test + "billing.audit.v1").hasSize(3);
            assertThat(ClusterView.scramUsers(admin, dev)).containsExactly(dev + "billing-service");
            assertThat(ClusterView.scramUsers(admin, test)).containsExactly(test + "billing-service");
            assertThat(ClusterView.acls(admin, test)).hasSize(5);
        }
        assertThat(f.passwords("billing", "dev")).containsOnlyKeys(dev + "billing-service");
        assertThat(f.passwords("billing", "test")).containsOnlyKeys(test + "billing-service");

        // the admin password came from settings.xml, the service passwords were generated: none is written anywhere
        Set<String> secrets = new HashSet<>(f.passwords("billing", "dev").values());
        secrets.addAll(f.passwords("billing", "test").values());
        secrets.add(TestBroker.get().adminCredentials().password());
        assertThat(secrets).hasSize(3);
        SecretScan.assertNowhere(secrets, project, runs);
    }
}
