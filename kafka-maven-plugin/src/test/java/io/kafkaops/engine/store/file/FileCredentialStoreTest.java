package io.kafkaops.engine.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaops.engine.store.CredentialStoreException;
import io.kafkaops.engine.store.StoredCredential;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCredentialStoreTest {

    static final String SECRET = "p4ss=word\"with\\specials";

    @TempDir
    Path dir;

    static StoredCredential credential(String stage, String principal, String password) {
        return new StoredCredential(stage, "billing", principal, principal, password, Map.of(
                "bootstrap.servers", "kafka:9093", "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512"));
    }

    @Test
    void storesListsAndDeletesPerStageAndTeam() throws Exception {
        FileCredentialStore store = new FileCredentialStore(dir.resolve("creds/billing-dev.json"));
        assertThat(store.existing("dev", "billing")).isEmpty();

        store.store(credential("dev", "dev.billing-service", SECRET));
        store.store(credential("dev", "dev.billing-batch", "other"));
        store.store(credential("test", "test.billing-service", "third"));

        assertThat(store.existing("dev", "billing")).containsExactly("dev.billing-batch", "dev.billing-service");
        assertThat(store.existing("test", "billing")).containsExactly("test.billing-service");
        assertThat(store.existing("dev", "toll")).isEmpty();

        store.delete("dev", "billing", "dev.billing-batch");
        store.delete("dev", "billing", "never-stored");
        assertThat(store.existing("dev", "billing")).containsExactly("dev.billing-service");
        assertThat(store.propertiesDirectory().resolve("dev.billing-batch.properties")).doesNotExist();
    }

    @Test
    void theFileHoldsEverythingAClientNeeds() throws Exception {
        FileCredentialStore store = new FileCredentialStore(dir.resolve("billing-dev.json"));

        store.store(credential("dev", "dev.billing-service", SECRET));

        JsonNode entry = new ObjectMapper().readTree(dir.resolve("billing-dev.json").toFile())
                .get("credentials").get("dev.billing-service");
        assertThat(entry.get("username").asText()).isEqualTo("dev.billing-service");
        assertThat(entry.get("password").asText()).isEqualTo(SECRET);
        assertThat(entry.get("bootstrap.servers").asText()).isEqualTo("kafka:9093");
        assertThat(entry.get("security.protocol").asText()).isEqualTo("SASL_SSL");
        assertThat(entry.get("sasl.mechanism").asText()).isEqualTo("SCRAM-SHA-512");
        assertThat(entry.get("sasl.jaas.config").asText()).contains("ScramLoginModule required")
                .contains("username=\"dev.billing-service\"");

        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve("billing-dev/dev.billing-service.properties"))) {
            props.load(r);
        }
        assertThat(props.getProperty("sasl.jaas.config")).isEqualTo(entry.get("sasl.jaas.config").asText());
        assertThat(props.getProperty("bootstrap.servers")).isEqualTo("kafka:9093");
    }

    @Test
    void replacingACredentialKeepsOneEntry() throws Exception {
        FileCredentialStore store = new FileCredentialStore(dir.resolve("c.json"));
        store.store(credential("dev", "dev.a", "first"));
        store.store(credential("dev", "dev.a", "second"));

        String json = Files.readString(dir.resolve("c.json"));
        assertThat(json).contains("second").doesNotContain("first");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("c.json", "c");
        }
    }

    @Test
    void severalCredentialsAreStoredAtOnceEachWithItsPropertiesFile() throws Exception {
        FileCredentialStore store = new FileCredentialStore(dir.resolve("billing-dev.json"));
        store.store(credential("dev", "dev.billing-old", "kept"));

        Map<String, CredentialStoreException> failed = store.storeAll(List.of(
                credential("dev", "dev.billing-a", "pa"), credential("dev", "dev.billing-b", "pb"),
                credential("test", "test.billing-a", "pc")));

        assertThat(failed).isEmpty();
        assertThat(store.existing("dev", "billing")).containsExactly("dev.billing-a", "dev.billing-b", "dev.billing-old");
        assertThat(store.existing("test", "billing")).containsExactly("test.billing-a");
        JsonNode credentials = new ObjectMapper().readTree(dir.resolve("billing-dev.json").toFile()).get("credentials");
        assertThat(credentials.get("dev.billing-b").get("password").asText()).isEqualTo("pb");
        assertThat(credentials.get("dev.billing-old").get("password").asText()).isEqualTo("kept");
        for (String principal : List.of("dev.billing-a", "dev.billing-b", "test.billing-a")) {
            assertThat(dir.resolve("billing-dev/" + principal + ".properties")).isRegularFile();
        }
    }

    @Test
    void descriptionsAndMessagesShowPathsInsideTheProjectRelativeToIt() throws Exception {
        Path project = dir.resolve("project");
        Path file = project.resolve("target/kafka/credentials/billing-dev.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "not json");
        // as the provider opens it, from the platform definition's path and the project directory
        FileCredentialStore store = (FileCredentialStore) new FileCredentialStoreProvider().open(
                new io.kafkaops.model.platform.SecretStoreConfig("file", "target/kafka/credentials/{team}-{stage}.json",
                        Map.of()), "billing", "dev", project);

        // these reach plan.md, plan.json, deploy.json and the console: no machine path
        assertThat(store.describe()).isEqualTo("file target/kafka/credentials/billing-dev.json");
        assertThatThrownBy(() -> store.existing("dev", "billing"))
                .hasMessageStartingWith("the credential file target/kafka/credentials/billing-dev.json is not valid")
                .hasMessageNotContaining(dir.toString());
        // a file outside the project is shown as it is
        assertThat(new FileCredentialStore(dir.resolve("elsewhere.json"), project).describe())
                .isEqualTo("file " + dir.resolve("elsewhere.json").toAbsolutePath().normalize());
    }

    @Test
    void aBatchForAFileThatCannotBeReadStoresNone() throws Exception {
        Path file = dir.resolve("billing-dev.json");
        Files.writeString(file, "not json");
        FileCredentialStore store = new FileCredentialStore(file);

        Map<String, CredentialStoreException> failed = store.storeAll(List.of(
                credential("dev", "dev.billing-a", "pa"), credential("dev", "dev.billing-b", "pb")));

        assertThat(failed).containsOnlyKeys("dev.billing-a", "dev.billing-b");
        assertThat(failed.get("dev.billing-a")).hasMessageContaining("billing-dev.json is not valid");
        assertThat(Files.readString(file)).isEqualTo("not json");
        assertThat(store.propertiesDirectory()).doesNotExist();
    }

    @Test
    void filesAndDirectoriesAreOwnerOnly() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        FileCredentialStore store = new FileCredentialStore(dir.resolve("new/nested/billing-dev.json"));

        store.store(credential("dev", "dev.billing-service", SECRET));

        assertThat(perms(dir.resolve("new"))).isEqualTo("rwx------");
        assertThat(perms(dir.resolve("new/nested"))).isEqualTo("rwx------");
        assertThat(perms(dir.resolve("new/nested/billing-dev.json"))).isEqualTo("rw-------");
        assertThat(perms(dir.resolve("new/nested/billing-dev"))).isEqualTo("rwx------");
        assertThat(perms(dir.resolve("new/nested/billing-dev/dev.billing-service.properties"))).isEqualTo("rw-------");
    }

    @Test
    void noSecretInToStringDescribeOrErrors() throws Exception {
        Path file = dir.resolve("broken.json");
        FileCredentialStore store = new FileCredentialStore(file);
        store.store(credential("dev", "dev.a", SECRET));
        // damage the file right at the password
        String json = Files.readString(file);
        Files.writeString(file, json.replace("\"password\" : \"", "\"password\" : " + "hunter2-" ));

        assertThat(store.toString()).doesNotContain(SECRET).contains("broken.json");
        assertThat(store.describe()).doesNotContain(SECRET);
        assertThat(credential("dev", "dev.a", SECRET).toString()).doesNotContain(SECRET);
        assertThatThrownBy(() -> store.existing("dev", "billing"))
                .isInstanceOf(CredentialStoreException.class)
                .hasMessageContaining("broken.json is not valid at line")
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("p4ss"));
    }

    private static String perms(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
