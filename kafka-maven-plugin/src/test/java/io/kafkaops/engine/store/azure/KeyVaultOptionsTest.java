package io.kafkaops.engine.store.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaops.engine.store.CredentialStoreException;
import io.kafkaops.model.platform.SecretStoreConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyVaultOptionsTest {

    private static final Path BASE = Path.of("/work/project");

    private static KeyVaultOptions read(String url, Map<String, String> properties, Map<String, String> env)
            throws CredentialStoreException {
        return KeyVaultOptions.from(new SecretStoreConfig("azure-key-vault", url, properties), "billing", "prod",
                BASE, env::get);
    }

    @Test
    void resolvesTheUrlTemplatePerTeamAndStage() throws Exception {
        KeyVaultOptions options = read("https://kv-{team}-{stage}.vault.azure.net/", Map.of(), Map.of());
        assertThat(options.vaultUrl()).isEqualTo("https://kv-billing-prod.vault.azure.net");
        assertThat(options.trustStore()).isNull();
        assertThat(options.trustStorePassword()).isNull();
        assertThat(options.disableChallengeResourceVerification()).isFalse();
    }

    @Test
    void readsTrustStoreAndItsPasswordFromTheNamedVariable() throws Exception {
        KeyVaultOptions options = read("https://localhost:8443",
                Map.of("trustStore", "src/test/kv.p12", "trustStorePasswordEnv", "KV_TRUST",
                        "disableChallengeResourceVerification", "TRUE"),
                Map.of("KV_TRUST", "s3cret"));
        assertThat(options.trustStore()).isEqualTo(Path.of("/work/project/src/test/kv.p12"));
        assertThat(options.trustStorePassword()).containsExactly('s', '3', 'c', 'r', 'e', 't');
        assertThat(options.disableChallengeResourceVerification()).isTrue();
        assertThat(options.toString()).doesNotContain("s3cret");
    }

    @Test
    void theDefaultFactorySignsInLazilyAndNamesTheVault() throws Exception {
        // DefaultAzureCredential only looks for a sign-in when the first request needs a token.
        AzureKeyVaultCredentialStore store = AzureKeyVaultCredentialStore.create(
                new SecretStoreConfig("azure-key-vault", "https://kv-{team}-{stage}.vault.azure.net", Map.of()),
                "billing", "prod");
        assertThat(store.describe()).isEqualTo("Azure Key Vault https://kv-billing-prod.vault.azure.net");
    }

    @Test
    void refusesAPasswordInThePlatformDefinition() {
        assertThatThrownBy(() -> read("https://kv.vault.azure.net", Map.of("trustStore", "a.p12",
                "trustStorePassword", "s3cret"), Map.of()))
                .isInstanceOf(CredentialStoreException.class)
                .hasMessageContaining("team 'billing'").hasMessageContaining("stage 'prod'")
                .hasMessageContaining("trustStorePasswordEnv")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void namesAMissingEnvironmentVariable() {
        assertThatThrownBy(() -> read("https://kv.vault.azure.net",
                Map.of("trustStore", "a.p12", "trustStorePasswordEnv", "KV_TRUST"), Map.of()))
                .hasMessageContaining("environment variable 'KV_TRUST'");
    }

    @Test
    void rejectsUnknownPropertiesAndBadBooleans() {
        assertThatThrownBy(() -> read("https://kv.vault.azure.net", Map.of("truststore", "a.p12"), Map.of()))
                .hasMessageContaining("unknown property [truststore]").hasMessageContaining("trustStore");
        assertThatThrownBy(() -> read("https://kv.vault.azure.net",
                Map.of("disableChallengeResourceVerification", "yes"), Map.of()))
                .hasMessageContaining("must be true or false");
    }

    @Test
    void rejectsUrlsThatAreNotAVaultAddress() {
        assertThatThrownBy(() -> read("http://kv.vault.azure.net", Map.of(), Map.of()))
                .hasMessageContaining("must be an https URL");
        assertThatThrownBy(() -> read("https://kv-{team}-{env}.vault.azure.net", Map.of(), Map.of()))
                .hasMessageContaining("placeholder");
        assertThatThrownBy(() -> read("https://kv.vault.azure.net/secrets/x", Map.of(), Map.of()))
                .hasMessageContaining("without path");
        assertThatThrownBy(() -> read(null, Map.of(), Map.of()))
                .hasMessageContaining("has no 'url'");
        assertThatThrownBy(() -> KeyVaultOptions.from(new SecretStoreConfig("file", "x.properties", Map.of()),
                "billing", "prod", BASE, k -> null))
                .hasMessageContaining("type 'file'");
    }
}
