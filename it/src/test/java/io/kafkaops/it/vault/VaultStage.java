package io.kafkaops.it.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaops.engine.local.TestBroker;
import io.kafkaops.engine.local.TestKafka;
import io.kafkaops.engine.store.azure.FakeKeyVault;
import io.kafkaops.engine.store.azure.KeyVaultSecretNames;
import io.kafkaops.it.MavenResult;
import io.kafkaops.it.MavenRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.TestInfo;
import reactor.core.publisher.Mono;

/**
 * One stage {@code dev} on the shared IT broker (with a prefix of its own, so tests never meet) whose teams keep their
 * credentials in fake Azure Key Vaults, and what the tests need around it: the platform definition, a runner whose
 * child {@code mvn} signs in to a vault through the managed identity endpoint, and an application that reads its
 * secret from the vault with the real SDK and connects with it.
 */
final class VaultStage implements AutoCloseable {

    static final String STAGE = "dev";
    static final String ADMIN_USER_ENV = "KAFKAOPS_IT_ADMIN_USER";
    static final String ADMIN_PASSWORD_ENV = "KAFKAOPS_IT_ADMIN_PASSWORD";
    static final String TRUST_PASSWORD_ENV = "KAFKAOPS_IT_KV_TRUST_PASSWORD";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    final TestKafka broker = TestBroker.get();
    final String prefix = TestBroker.uniqueName("v") + ".";
    final Admin admin = Admin.create(broker.adminClientProperties());

    /**
     * Writes the platform definition: stage dev on the broker, teams billing and toll, each with its own vault.
     *
     * @return the {@code -Dkafka.platform=...} argument
     */
    String writePlatform(Path dir, FakeKeyVault billingVault, FakeKeyVault tollVault) {
        String text = """
                defaults: { partitions: 1, replicationFactor: 1 }
                stages:
                  - { name: %s, cluster: local, prefix: "%s", allowDeletes: true }
                clusters:
                  local:
                    bootstrapServers: "%s"
                    properties: { security.protocol: SASL_PLAINTEXT, sasl.mechanism: SCRAM-SHA-512 }
                    credentials: { usernameEnv: %s, passwordEnv: %s }
                teams:
                %s%s""".formatted(STAGE, prefix, broker.bootstrapServers(), ADMIN_USER_ENV, ADMIN_PASSWORD_ENV,
                team("billing", billingVault), team("toll", tollVault));
        Path file = dir.resolve("kafka-platform.yaml");
        try {
            Files.createDirectories(dir);
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "-Dkafka.platform=" + file;
    }

    private static String team(String name, FakeKeyVault vault) {
        return """
                  - name: %1$s
                    prefixes: { topics: ["%1$s."], serviceAccounts: ["%1$s-"], groups: ["%1$s-"], transactionalIds: ["%1$s-"] }
                    repositories: ["com.example.%1$s:*"]
                    secretStores:
                      "*":
                        type: azure-key-vault
                        url: "%2$s"
                        trustStore: "%3$s"
                        trustStorePasswordEnv: %4$s
                        disableChallengeResourceVerification: true
                """.formatted(name, vault.url(), FakeKeyVault.trustStore().toString().replace('\\', '/'),
                TRUST_PASSWORD_ENV);
    }

    /** A runner with the cluster's admin credentials and the trust store password in the environment. */
    MavenRunner runner(TestInfo test) {
        return MavenRunner.forTest(test)
                .env(ADMIN_USER_ENV, broker.adminCredentials().username())
                .env(ADMIN_PASSWORD_ENV, broker.adminCredentials().password())
                .env(TRUST_PASSWORD_ENV, FakeKeyVault.trustStorePassword());
    }

    /** The next runs sign in like an App Service with a managed identity, whose endpoint is the vault's. */
    static MavenRunner signedInTo(MavenRunner runner, FakeKeyVault vault) {
        vault.managedIdentityEnvironment().forEach(runner::env);
        return runner;
    }

    String physical(String logicalName) {
        return prefix + logicalName;
    }

    String secretName(String logicalAccount) {
        return KeyVaultSecretNames.secretName(STAGE, physical(logicalAccount));
    }

    /** The current password of an account as the vault holds it. */
    String password(FakeKeyVault vault, String logicalAccount) {
        List<FakeKeyVault.Version> versions = vault.versions(secretName(logicalAccount));
        assertThat(versions).as("versions of " + secretName(logicalAccount)).isNotEmpty();
        return value(versions.get(versions.size() - 1)).get("password").asText();
    }

    /** Every password any version of any secret in the vaults holds. */
    static Set<String> allPasswords(FakeKeyVault... vaults) {
        Set<String> out = new java.util.TreeSet<>();
        for (FakeKeyVault vault : vaults) {
            for (String name : vault.secretNames()) {
                for (FakeKeyVault.Version v : vault.versions(name)) out.add(value(v).get("password").asText());
            }
        }
        return out;
    }

    static JsonNode value(FakeKeyVault.Version version) {
        try {
            return JSON.readTree(version.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What an application does: reads its secret from the vault with the real SDK client and turns the JSON into Kafka
     * client properties (every field but username and password, which sasl.jaas.config carries).
     */
    Properties application(FakeKeyVault vault, String logicalAccount) throws IOException {
        TokenCredential token = context -> Mono.just(new AccessToken(FakeKeyVault.TOKEN,
                OffsetDateTime.now().plusHours(1)));
        SecretClient client = new SecretClientBuilder()
                .vaultUrl(vault.url())
                .credential(token)
                .httpClient(new JdkHttpClientBuilder(HttpClient.newBuilder()
                        .sslContext(FakeKeyVault.clientSslContext())).build())
                .disableChallengeResourceVerification()
                .buildClient();
        JsonNode json = JSON.readTree(client.getSecret(secretName(logicalAccount)).getValue());
        Properties props = new Properties();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getKey().equals("username") && !field.getKey().equals("password")) {
                props.put(field.getKey(), field.getValue().asText());
            }
        }
        return props;
    }

    /** Sends one record; null when it was written, else the failure's cause. */
    static Throwable produce(Properties application, String topic) throws InterruptedException {
        Properties p = new Properties();
        p.putAll(application);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get(20, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
            return e;
        }
    }

    /** Whether the broker accepts the password now; an authorization error still means it signed in. */
    boolean signsIn(String user, String password) throws Exception {
        return broker.signsIn(user, password);
    }

    /** Brokers apply SCRAM changes shortly after the controller commits them: polls until the password fails. */
    void awaitRefused(String user, String password) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (signsIn(user, password)) {
            assertThat(System.nanoTime()).as("the old password of " + user + " still works after " + WAIT)
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    Set<String> scramUsers() throws Exception {
        return admin.describeUserScramCredentials().all().get(30, TimeUnit.SECONDS).keySet();
    }

    /** No secret appears in any build's output or in any file under the project's target directory. */
    static void assertNoSecrets(Collection<String> secrets, Path project, MavenResult... runs) throws IOException {
        assertThat(secrets).isNotEmpty();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(project.resolve("target"))) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (String secret : secrets) {
                // the file is named, not the secret
                assertThat(text.contains(secret)).as("a secret in " + file).isFalse();
            }
        }
        for (MavenResult run : runs) {
            for (String secret : secrets) run.assertNoLine(secret);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
