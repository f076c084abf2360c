package io.kafkaops.it.vault;

import static io.kafkaops.it.vault.VaultStage.STAGE;
import static io.kafkaops.it.vault.VaultStage.signedInTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaops.engine.store.azure.FakeKeyVault;
import io.kafkaops.it.MavenResult;
import io.kafkaops.it.MavenRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * A vault that refuses the writes (an identity with Key Vault Reader but not Key Vault Secrets Officer): the deploy
 * fails with one clear message per credential, creates no SCRAM user, says so in deploy.json, and the next deploy with
 * the right role completes. The Azure SDK's own logging stays out of the output unless asked for.
 */
class VaultFailureIT extends VaultTestBase {

    @Test
    void aVaultThatRefusesWritesFailsTheDeployBeforeTheClusterGetsACredential(TestInfo test) throws Exception {
        MavenRunner runner = signedInTo(stage.runner(test), billingVault);
        String platform = stage.writePlatform(runner.workDir(), billingVault, tollVault);
        Path project = runner.copyRepo("vault-billing");
        String service = stage.physical("billing-service");
        String batch = stage.physical("billing-batch");
        billingVault.forbidWrites();

        MavenResult refused = runner.run(project, "kafka:deploy", "-Dkafka.stage=" + STAGE, platform);

        String storeError = "could not store the credential in Azure Key Vault " + billingVault.url()
                + " (Azure Key Vault " + billingVault.url() + ": store secret " + stage.secretName("billing-service")
                + " (service account '" + service + "', stage 'dev') failed: HTTP 403 (Forbidden/ForbiddenByRbac: "
                + "Caller is not authorized to perform action on resource.";
        refused.assertFailed()
                .assertLine("! credential " + service + " FAILED: " + storeError)
                .assertLine("The identity is not allowed to do this: give it the role 'Key Vault Secrets Officer' on"
                        + " the vault (RBAC vaults) or the secret permission 'Set' in an access policy")
                .assertLine("the cluster was not changed, run the deploy again once the store accepts it")
                .assertLine("! credential " + batch + " FAILED: could not store the credential")
                .assertLine("The deploy to stage dev did not complete: see target/kafka/dev/deploy.json; run it again"
                        + " to finish it");
        // one message per failure, ours: the SDK's own error logging and sign-in narration stay out
        assertThat(refused.linesContaining("ForbiddenByRbac")).hasSize(2);
        refused.assertNoLine("Status code 403").assertNoLine("Azure Identity =>").assertNoLine("[Managed Identity]");
        assertThat(stage.scramUsers()).doesNotContain(service, batch);
        JsonNode report = new ObjectMapper().readTree(project.resolve("target/kafka/dev/deploy.json").toFile());
        assertThat(report.get("complete").asBoolean()).isFalse();
        assertThat(report.get("credentialsStored")).isEmpty();
        assertThat(report.get("results")).filteredOn(r -> r.get("kind").asText().equals("CREDENTIAL"))
                .hasSize(2).allSatisfy(r -> {
                    assertThat(r.get("status").asText()).isEqualTo("FAILED");
                    assertThat(r.get("message").asText()).startsWith("could not store the credential in Azure Key"
                            + " Vault " + billingVault.url());
                });

        // the SDK's logging is still there for whoever asks for it
        MavenResult verbose = runner.run(project, "kafka:plan", "-Dkafka.stage=" + STAGE, platform,
                "-Dorg.slf4j.simpleLogger.log.com.azure=info");
        verbose.assertSucceeded().assertLine("Azure Identity =>")
                .assertLine("Plan for stage dev: 2 to create, 0 to update, 0 to delete");

        billingVault.allow();
        MavenResult repaired = runner.run(project, "kafka:deploy", "-Dkafka.stage=" + STAGE, platform);

        repaired.assertSucceeded()
                .assertLine("+ credential " + service + " created")
                .assertLine("Deploy to stage dev: 2 created, 0 updated, 0 deleted");
        assertThat(stage.scramUsers()).contains(service, batch);
        assertThat(stage.signsIn(service, stage.password(billingVault, "billing-service"))).isTrue();
        assertThat(VaultStage.produce(stage.application(billingVault, "billing-service"),
                stage.physical("billing.invoices.v1"))).isNull();
        VaultStage.assertNoSecrets(VaultStage.allPasswords(billingVault), project, refused, verbose, repaired);
    }

    @Test
    void aVaultThatCannotBeReachedFailsTheDeployWithOneCleanMessageAndLeavesNoOldReport(TestInfo test)
            throws Exception {
        MavenRunner runner = signedInTo(stage.runner(test), billingVault);
        String platform = stage.writePlatform(runner.workDir(), billingVault, tollVault);
        Path project = runner.copyRepo("vault-billing");
        runner.run(project, "kafka:deploy", "-Dkafka.stage=" + STAGE, platform).assertSucceeded();
        Path report = project.resolve("target/kafka/dev/deploy.json");
        assertThat(new ObjectMapper().readTree(report.toFile()).get("complete").asBoolean()).isTrue();
        billingVault.close(); // its port is closed now

        MavenResult unreachable = runner.run(project, "kafka:deploy", "-Dkafka.stage=" + STAGE, platform);

        unreachable.assertFailed()
                .assertLine("Cannot read the credential store Azure Key Vault " + billingVault.url()
                        + " of team billing for stage dev: Azure Key Vault " + billingVault.url()
                        + ": list secrets of team 'billing' for stage 'dev' failed: the vault could not be reached")
                .assertLine("Check the vault URL, the network and any proxy. Nothing was deployed. -> [Help 1]");
        // ours only: neither the SDK's own error log (one line per retry) nor a cause's class name after our message
        unreachable.assertNoLine("java.net.ConnectException").assertNoLine("Retry attempts have been exhausted")
                .assertNoLine("proxy..").assertNoLine("ClosedChannelException");
        // the previous run's report does not pretend this one succeeded
        assertThat(report).doesNotExist();
    }
}
