package io.kafkaops.engine.store.file;

import io.kafkaops.engine.store.CredentialStore;
import io.kafkaops.engine.store.CredentialStoreException;
import io.kafkaops.engine.store.CredentialStoreProvider;
import io.kafkaops.model.platform.SecretStoreConfig;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** {@code type: file}: a JSON file on the machine running the build, for local stages and tests. */
public final class FileCredentialStoreProvider implements CredentialStoreProvider {

    @Override
    public String type() {
        return SecretStoreConfig.TYPE_FILE;
    }

    @Override
    public CredentialStore open(SecretStoreConfig config, String team, String stage, Path projectBaseDir)
            throws CredentialStoreException {
        String location = config.resolvedLocation(team, stage);
        if (location == null || location.isBlank()) {
            throw new CredentialStoreException("the file secret store of team " + team + " for stage " + stage
                    + " has no path (set path: target/kafka/credentials/{team}-{stage}.json)");
        }
        try {
            Path path = Path.of(location);
            if (!path.isAbsolute() && projectBaseDir != null) path = projectBaseDir.resolve(path);
            return new FileCredentialStore(path.normalize(), projectBaseDir);
        } catch (InvalidPathException e) {
            throw new CredentialStoreException("the file secret store of team " + team + " for stage " + stage
                    + " has an invalid path '" + location + "': " + e.getReason());
        }
    }
}
