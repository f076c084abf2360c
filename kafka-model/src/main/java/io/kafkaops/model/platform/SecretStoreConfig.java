package io.kafkaops.model.platform;

import java.util.Map;

/**
 * Where a team's credentials for one stage are stored.
 *
 * @param type     {@code file} (local use) or {@code azure-key-vault}
 * @param location a path for {@code file}, a vault URL (template with {@code {team}} and {@code {stage}}) for Key Vault
 */
public record SecretStoreConfig(String type, String location, Map<String, String> properties) {

    public static final String TYPE_FILE = "file";
    public static final String TYPE_AZURE_KEY_VAULT = "azure-key-vault";
    /** The file store of a development stage whose team names none for it. */
    public static final String LOCAL_FILE_PATH = "target/kafka/credentials/{team}-{stage}.json";

    public SecretStoreConfig {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** A file store under the project's {@code target/}, for development stages. */
    public static SecretStoreConfig localFile() {
        return new SecretStoreConfig(TYPE_FILE, LOCAL_FILE_PATH, Map.of());
    }

    /** The location with {@code {team}} and {@code {stage}} filled in. */
    public String resolvedLocation(String team, String stage) {
        return location == null ? null : location.replace("{team}", team).replace("{stage}", stage);
    }
}
