package io.kafkaops.it.vault;

import static io.kafkaops.it.vault.VaultStage.STAGE;
import static io.kafkaops.it.vault.VaultStage.signedInTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaops.engine.store.azure.FakeKeyVault.RecordedRequest;
import io.kafkaops.engine.store.azure.FakeKeyVault;
import io.kafkaops.it.MavenResult;
import io.kafkaops.it.MavenRunner;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * A secret deleted from the vault: the plan (which reads names and tags only) shows the credential missing, the deploy
 * issues a new one; then a rotation after a leak makes the old password fail and the new one work. The real mvn,
 * signed in through the managed identity endpoint of the fake billingVault.
 */
class VaultLifecycleIT extends VaultTestBase {

    @Test
    void aDeletedSecretIsPlannedMissingAndRedeployedAndRotationReplacesThePassword(TestInfo test) throws Exception {
        MavenRunner runner = signedInTo(stage.runner(test), billingVault);
        String platform = stage.writePlatform(runner.workDir(), billingVault, tollVault);
        Path project = runner.copyRepo("vault-billing");
        String user = stage.physical("billing-service");
        String secret = stage.secretName("billing-service");

        MavenResult deploy = runner.run(project, "kafka:deploy", "-Dkafka.stage=" + STAGE, platform).assertSucceeded();
        String first = stage.password(billingVault, "billing-service");
        String batch = stage.password(billingVault, "billing-batch");
        assertThat(stage.signsIn(user, first)).isTrue();

        billingVault.deleteSecret(secret);
        billingVault.clearRequests();
        MavenResult plan = runner.run(project, "kafka:plan", "-Dkafka.stage=" + STAGE, platform);

        plan.assertSucceeded()
                .assertLinesInOrder("~ credential " + user,
                        "credential missing from Azure Key Vault " + billingVault.url()
                                + ": a new password replaces the one on the cluster")
                .assertLine("Plan for stage dev: 0 to create, 1 to update, 0 to delete");
        // names and tags only: the plan lists the vault's secrets and never reads a value
        assertThat(billingVault.requests()).filteredOn(RecordedRequest::bearerToken).isNotEmpty()
                .allSatisfy(r -> assertThat(r.method() + " " + r.path()).isEqualTo("GET /secrets"));
        JsonNode planJson = new ObjectMapper().readTree(project.resolve("target/kafka/dev/plan.json").toFile());
        assertThat(planJson.get("changes")).anySatisfy(c -> {
            assertThat(c.get("kind").asText()).isEqualTo("CREDENTIAL");
            assertThat(c.get("name").asText()).isEqualTo(user);
            assertThat(c.get("action").asText()).isEqualTo("UPDATE");
        });

        MavenResult repair = runner.run(project, "kafka:deploy", "-Dkafka.stage=" + STAGE, platform);

        repair.assertSucceeded()
                .assertLine("~ credential " + user + " updated")
                .assertLine("Deploy to stage dev: 0 created, 1 updated, 0 deleted");
        // the soft-deleted secret was recovered, so its history stays, and the new credential is its newest version
        assertThat(billingVault.isSoftDeleted(secret)).isFalse();
        assertThat(billingVault.versions(secret)).hasSize(2);
        String second = stage.password(billingVault, "billing-service");
        assertThat(second).isNotEqualTo(first);
        assertThat(VaultStage.produce(stage.application(billingVault, "billing-service"),
                stage.physical("billing.invoices.v1"))).isNull();
        stage.awaitRefused(user, first);

        // the SDK's logging raised, and the environment asking it for HTTP bodies and headers: the request body
        // holds the new password, so the store never lets the SDK log bodies
        MavenResult rotate = runner.env("AZURE_HTTP_LOG_DETAIL_LEVEL", "BODY_AND_HEADERS")
                .run(project, "kafka:rotate-credentials", "-Dkafka.stage=" + STAGE,
                        "-Dkafka.serviceAccounts=billing-service", platform,
                        "-Dorg.slf4j.simpleLogger.log.com.azure=info");

        rotate.assertSucceeded()
                .assertLine("\"az.sdk.message\":\"HTTP request\"")
                .assertLine("~ credential " + user + " rotated")
                .assertLine("new version stored in Azure Key Vault " + billingVault.url()
                        + "; the old password no longer works")
                .assertLine("Rotated 1 credential on stage dev")
                .assertLine("Rotation report written to target/kafka/dev/rotate.json");
        assertThat(billingVault.versions(secret)).hasSize(3);
        String third = stage.password(billingVault, "billing-service");
        assertThat(third).isNotIn(first, second);
        assertThat(stage.signsIn(user, third)).isTrue();
        stage.awaitRefused(user, second);
        assertThat(VaultStage.produce(stage.application(billingVault, "billing-service"),
                stage.physical("billing.invoices.v1"))).isNull();
        // only the named account was rotated
        assertThat(billingVault.versions(stage.secretName("billing-batch"))).hasSize(1);
        assertThat(stage.signsIn(stage.physical("billing-batch"), batch)).isTrue();
        JsonNode report = new ObjectMapper().readTree(project.resolve("target/kafka/dev/rotate.json").toFile());
        assertThat(report.get("complete").asBoolean()).isTrue();
        assertThat(report.get("credentialsRotated")).extracting(JsonNode::asText).containsExactly(user);

        MavenResult refused = runner.run(project, "kafka:rotate-credentials", "-Dkafka.stage=" + STAGE,
                "-Dkafka.serviceAccounts=billing-service,billing-ledger", platform);

        refused.assertFailed()
                .assertLine("kafka.serviceAccounts: ERROR [rotateCredentials] service account 'billing-ledger' is"
                        + " not declared in this repository (service accounts with credentials on stage dev:"
                        + " billing-batch, billing-service)")
                .assertLine("Nothing was rotated on stage dev");
        assertThat(stage.password(billingVault, "billing-service")).isEqualTo(third);

        VaultStage.assertNoSecrets(Set.of(first, second, third, batch), project, deploy, plan, repair, rotate,
                refused);
    }
}
