package io.kafkaops.it.vault;

import static io.kafkaops.it.vault.VaultStage.STAGE;
import static io.kafkaops.it.vault.VaultStage.signedInTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.engine.store.azure.FakeKeyVault.TokenRequest;
import io.kafkaops.engine.store.azure.FakeKeyVault;
import io.kafkaops.it.MavenResult;
import io.kafkaops.it.MavenRunner;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * {@code kafka:deploy} run by the real mvn writes every team's credentials to that team's vault only, signed in
 * through azure-identity's DefaultAzureCredential (managed identity), trusting the vault through the store's trust
 * store option; an application that reads its secret connects with it.
 */
class VaultDeployIT extends VaultTestBase {

    @Test
    void eachTeamsCredentialsGoToItsOwnVaultAndTheApplicationConnectsWithThem(TestInfo test) throws Exception {
        MavenRunner runner = stage.runner(test);
        String platform = stage.writePlatform(runner.workDir(), billingVault, tollVault);
        Path billing = runner.copyRepo("vault-billing");
        Path toll = runner.copyRepo("vault-toll");

        MavenResult billingDeploy = signedInTo(runner, billingVault)
                .run(billing, "kafka:deploy", "-Dkafka.stage=" + STAGE, platform);
        MavenResult tollDeploy = signedInTo(runner, tollVault)
                .run(toll, "kafka:deploy", "-Dkafka.stage=" + STAGE, platform);

        billingDeploy.assertSucceeded()
                .assertLine("+ credential " + stage.physical("billing-service") + " created")
                .assertLine("stored in Azure Key Vault " + billingVault.url())
                .assertLine("Deploy to stage dev: 10 created, 0 updated, 0 deleted");
        tollDeploy.assertSucceeded()
                .assertLine("+ credential " + stage.physical("toll-gateway") + " created")
                .assertLine("stored in Azure Key Vault " + tollVault.url());
        assertThat(billingVault.secretNames()).containsExactlyInAnyOrder(stage.secretName("billing-service"),
                stage.secretName("billing-batch"));
        assertThat(tollVault.secretNames()).containsExactly(stage.secretName("toll-gateway"));
        assertThat(billingVault.versions(stage.secretName("billing-service"))).singleElement()
                .satisfies(v -> assertThat(v.tags()).containsOnly(Map.entry("managed-by", "kafka-maven-plugin"),
                        Map.entry("stage", STAGE), Map.entry("team", "billing"),
                        Map.entry("service-account", stage.physical("billing-service"))));
        assertThat(tollVault.versions(stage.secretName("toll-gateway"))).singleElement()
                .satisfies(v -> assertThat(v.tags()).containsEntry("team", "toll"));

        // each child signed in through the App Service managed identity endpoint, not through a test hook
        for (FakeKeyVault vault : new FakeKeyVault[] {billingVault, tollVault}) {
            assertThat(vault.tokenRequests()).isNotEmpty().allSatisfy(t -> assertThat(t)
                    .extracting(TokenRequest::method, TokenRequest::resource, TokenRequest::apiVersion,
                            TokenRequest::identityHeader, TokenRequest::status)
                    .containsExactly("GET", FakeKeyVault.RESOURCE, FakeKeyVault.IDENTITY_API_VERSION, true, 200));
            assertThat(vault.requests()).anySatisfy(r -> assertThat(r.bearerToken()).isTrue());
        }

        Properties billingApp = stage.application(billingVault, "billing-service");
        assertThat(billingApp).containsEntry("bootstrap.servers", stage.broker.bootstrapServers())
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsKey("sasl.jaas.config");
        assertThat(VaultStage.produce(billingApp, stage.physical("billing.invoices.v1"))).isNull();
        assertThat(VaultStage.produce(billingApp, stage.physical("billing.audit.v1")))
                .isInstanceOf(TopicAuthorizationException.class);
        Properties tollApp = stage.application(tollVault, "toll-gateway");
        assertThat(VaultStage.produce(tollApp, stage.physical("toll.transactions.v1"))).isNull();

        VaultStage.assertNoSecrets(VaultStage.allPasswords(billingVault, tollVault), billing, billingDeploy);
        VaultStage.assertNoSecrets(VaultStage.allPasswords(billingVault, tollVault), toll, tollDeploy);
    }
}
