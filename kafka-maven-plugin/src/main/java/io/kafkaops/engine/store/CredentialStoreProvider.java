package io.kafkaops.engine.store;

import io.kafkaops.model.platform.SecretStoreConfig;
import java.nio.file.Path;

/**
 * Opens the credential stores of one type ({@code file}, {@code azure-key-vault}, ...). Built-in providers are
 * registered in {@link CredentialStores}; others are found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.kafkaops.engine.store.CredentialStoreProvider}) in a jar on the plugin's class path.
 */
public interface CredentialStoreProvider {

    /** The {@code type} value of a team's {@code secretStores} entry this provider handles. */
    String type();

    /**
     * @param config         the team's store for the stage; {@link SecretStoreConfig#resolvedLocation} fills in the
     *                       team and stage
     * @param projectBaseDir relative locations are resolved against it
     * @throws CredentialStoreException when the configuration is incomplete or the store cannot be opened
     */
    CredentialStore open(SecretStoreConfig config, String team, String stage, Path projectBaseDir)
            throws CredentialStoreException;
}
