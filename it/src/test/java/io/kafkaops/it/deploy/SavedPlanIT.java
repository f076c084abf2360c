package io.kafkaops.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/**
 * {@code kafka:plan} then {@code kafka:deploy -Dkafka.planFile=...}: the reviewed plan is applied as it was
 * reviewed, and refused once someone changed what it was made against.
 */
class SavedPlanIT {

    private static final String PLAN_FILE = "-Dkafka.planFile=target/kafka/dev/plan.json";
    private static final String REFUSED = "The cluster of stage dev changed since the plan";

    @Test
    void aSavedPlanIsAppliedAsReviewedAndRefusedOnceTheClusterChanged() throws Exception {
        DeployFixture f = DeployFixture.create("SavedPlanIT");
        Path project = f.copyRepo("deploy-billing");
        String dev = f.prefix("dev");
        String invoices = dev + "billing.invoices.v1";
        String refunds = dev + "billing.refunds.v1";

        try (Admin admin = DeployFixture.admin()) {
            // the files change after the review: the deploy still applies what was reviewed, not the files
            f.plan(project, "dev").assertSucceeded()
                    .assertLine("Plan for stage dev: 10 to create, 0 to update, 0 to delete");
            DeployFixture.write(project.resolve("src/main/kafka/refunds.yaml"), """
                    topics:
                      - name: billing.refunds.v1
                        metadata: { description: Refunds of cancelled invoices, dataClassification: internal }
                    """);
            f.deploy(project, "dev", PLAN_FILE).assertSucceeded()
                    .assertLine("Deploy to stage dev: 10 created, 0 updated, 0 deleted");
            assertThat(ClusterView.topics(admin, dev)).containsOnlyKeys(dev + "billing.audit.v1", invoices,
                    dev + "billing.payments.v1");

            // someone changes a config of a topic the plan names between review and deploy
            f.plan(project, "dev").assertSucceeded()
                    .assertLine("+ topic " + refunds + " (1 partition, replication factor 1)")
                    .assertLine("Plan for stage dev: 1 to create, 0 to update, 0 to delete");
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, invoices);
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                    new ConfigEntry("retention.ms", "259200000"), AlterConfigOp.OpType.SET))))
                    .all().get(15, TimeUnit.SECONDS);
            Await.until("the broker shows the changed retention", () -> assertThat(ClusterView.topics(admin, invoices)
                    .get(invoices).configs()).containsEntry("retention.ms", "259200000"));
            f.deploy(project, "dev", PLAN_FILE).assertFailed()
                    .assertLine(REFUSED)
                    .assertLine("Nothing was deployed; run kafka:plan again and review the new plan.");
            assertThat(ClusterView.topics(admin, refunds)).as("nothing of the refused plan was applied").isEmpty();
            assertThat(ClusterView.ownership(refunds)).isEmpty();

            // someone creates a topic the plan creates
            f.plan(project, "dev").assertSucceeded()
                    .assertLine("retention.ms 3d -> 1w")
                    .assertLine("Plan for stage dev: 1 to create, 1 to update, 0 to delete");
            admin.createTopics(List.of(new NewTopic(refunds, 1, (short) 1))).all().get(15, TimeUnit.SECONDS);
            Await.until(refunds + " is listed", () -> assertThat(ClusterView.topics(admin, refunds)).hasSize(1));
            f.deploy(project, "dev", PLAN_FILE).assertFailed().assertLine(REFUSED);
            assertThat(ClusterView.topics(admin, invoices).get(invoices).configs())
                    .as("the refused plan's retention update was not applied")
                    .containsEntry("retention.ms", "259200000");
            assertThat(ClusterView.ownership(refunds)).isEmpty();

            // a plan is bound to its stage
            f.deploy(project, "test", PLAN_FILE).assertFailed()
                    .assertLine("was made for stage dev, not test: plan with -Dkafka.stage=test and deploy that plan");
            assertThat(ClusterView.topics(admin, f.prefix("test"))).isEmpty();
        }
    }
}
