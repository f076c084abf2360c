package io.kafkaops.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkaops.it.MavenResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two repositories of two teams deploy to one cluster (deploy-billing, deploy-toll): each changes only what it owns,
 * a topic another repository owns is a conflict naming it, and a topic nobody manages is left alone until adopted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwnershipIT {

    private static final String BILLING = "com.example.billing:billing-service";

    private DeployFixture f;
    private String dev;

    @BeforeAll
    void deployBothRepositories() {
        f = DeployFixture.create("OwnershipIT");
        dev = f.prefix("dev");
        f.deploy(f.copyRepo("deploy-billing"), "dev").assertSucceeded();
        f.deploy(f.copyRepo("deploy-toll"), "dev").assertSucceeded()
                .assertLine("Deploy to stage dev: 9 created, 0 updated, 0 deleted");
    }

    @Test
    void aTopicNoLongerDeclaredIsDeletedAndNothingOfTheOtherRepositoryIsTouched() throws Exception {
        Path billing = f.copyRepo("deploy-billing");
        Files.delete(billing.resolve("src/main/kafka/audit.yaml"));
        String toll = dev + "toll";
        try (Admin admin = DeployFixture.admin()) {
            Map<String, ClusterView.TopicState> tollTopics = ClusterView.topics(admin, toll);
            assertThat(tollTopics).hasSize(2);
            var tollAcls = ClusterView.acls(admin, toll);
            assertThat(tollAcls).hasSize(5);
            Map<String, JsonNode> tollOwners = ClusterView.ownership(toll);
            assertThat(tollOwners).hasSize(8);

            MavenResult plan = f.plan(billing, "dev").assertSucceeded()
                    .assertLine("- topic " + dev + "billing.audit.v1")
                    .assertLine("Plan for stage dev: 0 to create, 0 to update, 1 to delete");
            assertThat(plan.linesContaining(toll)).isEmpty();

            f.deploy(billing, "dev").assertSucceeded()
                    .assertLine("- topic " + dev + "billing.audit.v1 deleted")
                    .assertLine("Deploy to stage dev: 0 created, 0 updated, 1 deleted");

            assertThat(ClusterView.topics(admin, dev + "billing.")).containsOnlyKeys(
                    dev + "billing.invoices.v1", dev + "billing.payments.v1");
            assertThat(ClusterView.ownership(dev + "billing.audit")).isEmpty();
            assertThat(ClusterView.topics(admin, toll)).isEqualTo(tollTopics);
            assertThat(ClusterView.acls(admin, toll)).isEqualTo(tollAcls);
            assertThat(ClusterView.scramUsers(admin, toll)).containsExactly(dev + "toll-gateway");
            assertThat(ClusterView.ownership(toll)).isEqualTo(tollOwners);
        }
    }

    @Test
    void aTopicAnotherRepositoryOwnsIsAConflictNamingThatRepository() throws Exception {
        Path reports = f.copyRepo("deploy-billing-reports");
        String invoices = dev + "billing.invoices.v1";

        f.plan(reports, "dev").assertFailed()
                .assertLine("! topic " + invoices + ": owned by " + BILLING + " (team billing); nothing is changed")
                .assertLine("ERROR [ownershipConflict] topic " + invoices + " on stage dev is owned by " + BILLING
                        + " (team billing); this repository cannot manage it")
                .assertLine("Plan for stage dev: 1 to create, 0 to update, 0 to delete, 1 conflict")
                .assertLine("The plan for stage dev has problems that block a deploy");
        DeployFixture.assertNoStackTrace(f.deploy(reports, "dev").assertFailed()
                .assertLine("The plan for stage dev has 1 problem that blocks a deploy; nothing was deployed"));

        try (Admin admin = DeployFixture.admin()) {
            assertThat(ClusterView.topics(admin, dev + "billing.reports")).isEmpty();
        }
        assertThat(ClusterView.ownership(invoices)).hasEntrySatisfying("topic:" + invoices,
                rec -> assertThat(rec.path("repository").asText()).isEqualTo(BILLING));
    }

    @Test
    void anotherTeamsTopicCannotEvenBeDeclared() {
        Path billing = f.copyRepo("deploy-billing");
        DeployFixture.write(billing.resolve("src/main/kafka/toll.yaml"), """
                topics:
                  - name: toll.transactions.v1
                    metadata: { description: Taken from team toll, dataClassification: internal }
                """);

        f.plan(billing, "dev").assertFailed()
                .assertLineMatching("src/main/kafka/toll.yaml:2:\\d+: ERROR \\[teamNamespace] topic"
                        + " 'toll.transactions.v1' is outside the namespace of team billing")
                .assertNoLine("Plan for stage");
    }

    @Test
    void anUnmanagedTopicIsReportedAndLeftAloneUntilAdopted() throws Exception {
        // on stage test, so the deletes and conflicts the other tests make on dev do not meet this one
        String test = f.prefix("test");
        String legacy = test + "billing.legacy.v1";
        Path billing = f.copyRepo("deploy-billing");
        DeployFixture.write(billing.resolve("src/main/kafka/legacy.yaml"), """
                topics:
                  - name: billing.legacy.v1
                    partitions: 2
                    config: { retention.ms: 2d }
                    metadata: { description: Created by hand before the repository existed, dataClassification: internal }
                """);
        try (Admin admin = DeployFixture.admin()) {
            admin.createTopics(List.of(new NewTopic(legacy, 2, (short) 1).configs(Map.of("retention.ms", "86400000"))))
                    .all().get(15, TimeUnit.SECONDS);
            Await.until(legacy + " shows its config", () -> assertThat(ClusterView.topics(admin, legacy))
                    .containsEntry(legacy, new ClusterView.TopicState(2, 1, Map.of("retention.ms", "86400000"))));

            f.plan(billing, "test").assertSucceeded()
                    .assertLine("? topic " + legacy + ": exists but no repository manages it; left untouched"
                            + " (-Dkafka.adopt=true takes it over)")
                    .assertLine("WARN [unmanagedEntity] topic " + legacy + " exists on the cluster but no repository"
                            + " manages it")
                    .assertLine("Plan for stage test: 10 to create, 0 to update, 0 to delete, 1 unmanaged");
            f.deploy(billing, "test").assertSucceeded()
                    .assertLine("Deploy to stage test: 10 created, 0 updated, 0 deleted");
            assertThat(ClusterView.topics(admin, legacy)).containsEntry(legacy,
                    new ClusterView.TopicState(2, 1, Map.of("retention.ms", "86400000")));
            assertThat(ClusterView.ownership(legacy)).isEmpty();

            // an adoption run takes over only what matches the files: 2d in the file, 1d on the cluster
            f.deploy(billing, "test", "-Dkafka.adopt=true").assertSucceeded()
                    .assertLine("WARN [adoptionRefused] topic " + legacy + " is not adopted: it differs from the files"
                            + " (retention.ms 1d -> 2d)")
                    .assertLine("Deploy to stage test: 0 created, 0 updated, 0 deleted, 1 unmanaged");
            assertThat(ClusterView.ownership(legacy)).isEmpty();

            Path legacyFile = billing.resolve("src/main/kafka/legacy.yaml");
            Files.writeString(legacyFile, Files.readString(legacyFile).replace("retention.ms: 2d", "retention.ms: 1d"));
            f.deploy(billing, "test", "-Dkafka.adopt=true").assertSucceeded()
                    .assertLine("~ topic " + legacy + " adopted")
                    .assertLine("Deploy to stage test: 0 created, 0 updated, 0 deleted, 1 adopted");
            assertThat(ClusterView.topics(admin, legacy)).containsEntry(legacy,
                    new ClusterView.TopicState(2, 1, Map.of("retention.ms", "86400000")));
            assertThat(ClusterView.ownership(legacy)).hasEntrySatisfying("topic:" + legacy, rec -> {
                assertThat(rec.path("repository").asText()).isEqualTo(BILLING);
                assertThat(rec.path("specHash").asText()).hasSize(64);
            });
        }
    }
}
