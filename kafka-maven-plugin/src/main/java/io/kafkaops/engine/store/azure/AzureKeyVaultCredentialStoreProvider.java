package io.kafkaops.engine.store.azure;

import io.kafkaops.engine.store.CredentialStore;
import io.kafkaops.engine.store.CredentialStoreException;
import io.kafkaops.engine.store.CredentialStoreProvider;
import io.kafkaops.model.platform.SecretStoreConfig;
import java.nio.file.Path;

/** {@code type: azure-key-vault}: the team's vault for the stage, signed in with {@code DefaultAzureCredential}. */
public final class AzureKeyVaultCredentialStoreProvider implements CredentialStoreProvider {

    @Override
    public String type() {
        return SecretStoreConfig.TYPE_AZURE_KEY_VAULT;
    }

    @Override
    public CredentialStore open(SecretStoreConfig config, String team, String stage, Path projectBaseDir)
            throws CredentialStoreException {
        return AzureKeyVaultCredentialStore.create(config, team, stage,
                projectBaseDir != null ? projectBaseDir : Path.of("").toAbsolutePath());
    }
}
