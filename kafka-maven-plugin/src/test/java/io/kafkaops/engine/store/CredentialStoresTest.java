package io.kafkaops.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaops.engine.Fixtures;
import io.kafkaops.engine.store.file.FileCredentialStore;
import io.kafkaops.engine.store.file.FileCredentialStoreProvider;
import io.kafkaops.model.platform.Cluster;
import io.kafkaops.model.platform.PlatformDefinition;
import io.kafkaops.model.platform.Stage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoresTest {

    @TempDir
    Path base;

    final PlatformDefinition platform = Fixtures.platform("localhost:9092");

    @Test
    void aFileStoreResolvesPlaceholdersAgainstTheProjectDirectory() throws Exception {
        // a build directory elsewhere: here the file store serves a shared stage
        CredentialStore store = CredentialStores.available().open(platform, "billing", "dev", base,
                base.resolve("build"));

        assertThat(store).isInstanceOf(FileCredentialStore.class);
        assertThat(((FileCredentialStore) store).file())
                .isEqualTo(base.resolve("target/kafka/credentials/billing-dev.json").toAbsolutePath());
        assertThat(store.describe()).endsWith("billing-dev.json");
    }

    @Test
    void aFileStoreInTheBuildDirectoryIsRefusedForASharedStage() {
        // dev runs on the shared cluster nonprod; its store is target/kafka/credentials/billing-dev.json
        assertThatThrownBy(() -> CredentialStores.available().open(platform, "billing", "dev", base,
                base.resolve("target")))
                .isInstanceOf(CredentialStoreException.class)
                .hasMessageStartingWith("the file secret store of team billing for stage dev"
                        + " (target/kafka/credentials/billing-dev.json) is inside the build directory")
                .hasMessageContaining("give every service account of stage dev a new password")
                .hasMessageContaining("for embedded stages only")
                .hasMessageContaining("secretStores.dev: { type: azure-key-vault");
        // the same through the shortcut without a build directory: target/ under the project
        assertThatThrownBy(() -> CredentialStores.forStage(platform, "billing", "dev", base))
                .hasMessageContaining("is inside the build directory");
    }

    @Test
    void aFileStoreInTheBuildDirectoryIsFineForAnEmbeddedStage() throws Exception {
        PlatformDefinition withLocal = new PlatformDefinition(
                List.of(new Stage("local", "local", "", true, null)),
                Map.of("local", new Cluster("local", Cluster.TYPE_EMBEDDED, null, Map.of(), null, null)),
                platform.teams(), List.of(), 1, 1, "test-platform");

        CredentialStore store = CredentialStores.available().open(withLocal, "billing", "local", base,
                base.resolve("target"));

        assertThat(((FileCredentialStore) store).file())
                .isEqualTo(base.resolve("target/kafka/credentials/billing-local.json").toAbsolutePath());
    }

    @Test
    void aFileStoreOutsideTheBuildDirectoryServesASharedStage() throws Exception {
        CredentialStore store = CredentialStores.available().open(platform, "billing", "dev", base,
                base.resolve("build"));

        assertThat(store).isInstanceOf(FileCredentialStore.class);
    }

    @Test
    void anUnknownTypeNamesTheTypesAvailable() {
        assertThatThrownBy(() -> CredentialStores.forStage(platform, "billing", "prod", base))
                .isInstanceOf(CredentialStoreException.class)
                .hasMessageContaining("no credential store of type 'aws-secrets-manager' is available")
                .hasMessageContaining("team billing, stage prod")
                .hasMessageContaining("[azure-key-vault, file]");
    }

    @Test
    void fileAndKeyVaultAreBuiltIn() {
        assertThat(CredentialStores.available().types()).contains("file", "azure-key-vault");
    }

    @Test
    void anotherProviderCanBeRegisteredForAType() throws Exception {
        CredentialStore fake = new CredentialStore() {
            public String describe() {
                return "vault";
            }

            public Set<String> existing(String stage, String team) {
                return Set.of();
            }

            public void store(StoredCredential credential) {
            }

            public void delete(String stage, String team, String principal) {
            }
        };
        CredentialStoreProvider vault = new CredentialStoreProvider() {
            public String type() {
                return "aws-secrets-manager";
            }

            public CredentialStore open(io.kafkaops.model.platform.SecretStoreConfig config, String team,
                                        String stage, Path projectBaseDir) {
                assertThat(config.resolvedLocation(team, stage)).isEqualTo("billing/prod");
                return fake;
            }
        };

        CredentialStores stores = CredentialStores.of(new FileCredentialStoreProvider(), vault);

        assertThat(stores.types()).containsExactly("aws-secrets-manager", "file");
        assertThat(stores.open(platform, "billing", "prod", base)).isSameAs(fake);
    }

    @Test
    void anUnknownTeamIsAClearError() {
        assertThatThrownBy(() -> CredentialStores.forStage(platform, "nobody", "dev", base))
                .hasMessageContaining("team 'nobody' is not defined");
    }
}
