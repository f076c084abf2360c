package io.kafkaops.it.ccloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaops.engine.cluster.confluent.ConfluentCloudTestCluster;
import io.kafkaops.engine.cluster.confluent.ConfluentCloudTestServer;
import io.kafkaops.engine.cluster.confluent.ManagedKeys;
import io.kafkaops.engine.local.TestBroker;
import io.kafkaops.engine.store.azure.FakeKeyVault;
import io.kafkaops.engine.store.azure.KeyVaultSecretNames;
import io.kafkaops.it.MavenResult;
import io.kafkaops.it.MavenRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The real {@code mvn} on a {@code confluent-cloud} stage: the stand-in for Confluent's IAM API (checked against the
 * OpenAPI documents, rate-limited, new keys working after a delay) and a broker accepting exactly its keys. Two teams'
 * repositories deploy; their service accounts, keys and ACLs are made, each team's keys land in its own (fake) Key
 * Vault before first use, an application reading its secret from the vault produces to its topic, a second deploy
 * changes nothing, and no secret appears in any output or file under the repositories.
 */
class ConfluentCloudMavenIT {

    static final String STAGE = "dev";
    static final String CLOUD_KEY_ENV = "KAFKAOPS_IT_CCLOUD_KEY";
    static final String CLOUD_SECRET_ENV = "KAFKAOPS_IT_CCLOUD_SECRET";
    static final String TRUST_PASSWORD_ENV = "KAFKAOPS_IT_KV_TRUST_PASSWORD";
    static final String CLUSTER_SERVER = "ccloud-kafka";
    static final ObjectMapper JSON = new ObjectMapper();

    static ConfluentCloudTestServer cloud;
    static ConfluentCloudTestCluster cluster;

    FakeKeyVault billingVault;
    FakeKeyVault tollVault;
    final String prefix = TestBroker.uniqueName("cc") + ".";

    @BeforeAll
    static void startCloud() {
        cloud = ConfluentCloudTestServer.start(new ConfluentCloudTestServer.Options()
                .keyActivationDelay(Duration.ofSeconds(2)).maxPageSize(2).rateLimit(8, Duration.ofSeconds(1)));
        cluster = ConfluentCloudTestCluster.start(cloud);
    }

    @AfterAll
    static void stopCloud() {
        if (cluster != null) cluster.close();
        if (cloud != null) cloud.close();
    }

    @BeforeEach
    void startVaults() throws IOException {
        billingVault = FakeKeyVault.start();
        tollVault = FakeKeyVault.start();
    }

    @AfterEach
    void stopVaults() {
        billingVault.close();
        tollVault.close();
        assertThat(cloud.contractViolations()).isEmpty();
    }

    String platform(Path dir) throws IOException {
        String text = """
                defaults: { partitions: 1, replicationFactor: 1 }
                stages:
                  - { name: %s, cluster: ccloud, prefix: "%s", allowDeletes: true }
                clusters:
                  ccloud:
                    type: confluent-cloud
                    environment: %s
                    kafkaCluster: %s
                    bootstrapServers: "%s"
                    apiBaseUrl: "%s"
                    credentials:
                      cloudApiKey: { usernameEnv: %s, passwordEnv: %s }
                      clusterApiKey: { server: %s }
                teams:
                %s%s""".formatted(STAGE, prefix, cloud.environmentId(), cloud.kafkaClusterId(),
                cluster.bootstrapServers(), cloud.baseUrl(), CLOUD_KEY_ENV, CLOUD_SECRET_ENV, CLUSTER_SERVER,
                team("billing", billingVault), team("toll", tollVault));
        Files.createDirectories(dir);
        Path file = dir.resolve("kafka-platform.yaml");
        Files.writeString(file, text);
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

    /**
     * The child {@code mvn} trusts the stand-in's certificate through the JVM's trust store (as a proxy's CA would be),
     * takes the Cloud API key from the environment and the cluster API key from a settings.xml server.
     */
    MavenRunner runner(TestInfo test) {
        return MavenRunner.forTest(test)
                .env("MAVEN_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djavax.net.ssl.trustStore="
                        + cloud.trustStore() + " -Djavax.net.ssl.trustStorePassword=" + cloud.trustStorePassword()
                        + " -Djavax.net.ssl.trustStoreType=PKCS12")
                .env(CLOUD_KEY_ENV, cloud.cloudApiKey().key())
                .env(CLOUD_SECRET_ENV, cloud.cloudApiKey().secret())
                .env(TRUST_PASSWORD_ENV, FakeKeyVault.trustStorePassword())
                .server(CLUSTER_SERVER, cloud.clusterAdminKey().key(), cloud.clusterAdminKey().secret());
    }

    static MavenRunner signedInTo(MavenRunner runner, FakeKeyVault vault) {
        vault.managedIdentityEnvironment().forEach(runner::env);
        return runner;
    }

    String physical(String logical) {
        return prefix + logical;
    }

    String saOf(String physical) {
        return cloud.serviceAccounts().stream().filter(a -> a.displayName().equals(physical))
                .map(ConfluentCloudTestServer.ServiceAccountView::id).findFirst().orElse(null);
    }

    JsonNode secret(FakeKeyVault vault, String logical) throws IOException {
        List<FakeKeyVault.Version> versions = vault.versions(KeyVaultSecretNames.secretName(STAGE, physical(logical)));
        assertThat(versions).as("versions of the secret of " + logical).isNotEmpty();
        return JSON.readTree(versions.get(versions.size() - 1).value());
    }

    /** What an application does with its secret: every field as a client property, plus the TLS trust it has. */
    Throwable produce(JsonNode secret, String topic) {
        Map<String, Object> p = new HashMap<>(cluster.clientProperties());
        for (Iterator<Map.Entry<String, JsonNode>> it = secret.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getKey().equals("username") && !f.getKey().equals("password")) p.put(f.getKey(), f.getValue().asText());
        }
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get(20, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
    }

    /** No secret in any run's output nor in any file of the repositories (their target/ included). */
    static void noSecretAnywhere(Set<String> secrets, List<Path> repos, List<MavenResult> runs) throws IOException {
        List<String> texts = new ArrayList<>();
        for (MavenResult r : runs) texts.add(r.output());
        for (Path repo : repos) {
            try (Stream<Path> files = Files.walk(repo)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    try {
                        texts.add(Files.readString(f));
                    } catch (java.nio.charset.MalformedInputException e) {
                        texts.add(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1));
                    }
                }
            }
        }
        for (String s : secrets) assertThat(texts).as("outputs and files").noneMatch(t -> t.contains(s));
    }

    @Test
    void twoTeamsDeployTheirAccountsKeysAndAclsEachTeamsKeysInItsOwnVault(TestInfo test) throws Exception {
        MavenRunner runner = runner(test);
        String platform = platform(runner.workDir());
        Path billing = runner.copyRepo("vault-billing");
        Path toll = runner.copyRepo("vault-toll");

        MavenResult billingDeploy = signedInTo(runner, billingVault)
                .run(billing, "kafka:deploy", "-Dkafka.stage=" + STAGE, platform);
        MavenResult tollDeploy = signedInTo(runner, tollVault)
                .run(toll, "kafka:deploy", "-Dkafka.stage=" + STAGE, platform);

        billingDeploy.assertSucceeded()
                .assertLine("+ credential " + physical("billing-service") + " created")
                .assertLine("stored in Azure Key Vault " + billingVault.url())
                .assertLine("Waiting for 2 new API keys to work on the cluster")
                .assertLine("Confluent Cloud API requests");
        tollDeploy.assertSucceeded()
                .assertLine("+ credential " + physical("toll-gateway") + " created");

        for (String account : List.of("billing-service", "billing-batch", "toll-gateway")) {
            String sa = saOf(physical(account));
            assertThat(sa).as(account).startsWith("sa-");
            assertThat(cloud.apiKeys()).filteredOn(k -> sa.equals(k.ownerId())).singleElement()
                    .satisfies(k -> assertThat(ManagedKeys.stageOf(k.description())).isEqualTo(STAGE));
        }
        assertThat(billingVault.secretNames()).containsExactlyInAnyOrder(
                KeyVaultSecretNames.secretName(STAGE, physical("billing-service")),
                KeyVaultSecretNames.secretName(STAGE, physical("billing-batch")));
        assertThat(tollVault.secretNames()).containsExactly(
                KeyVaultSecretNames.secretName(STAGE, physical("toll-gateway")));

        JsonNode service = secret(billingVault, "billing-service");
        assertThat(service.get("sasl.mechanism").asText()).isEqualTo("PLAIN");
        assertThat(cloud.keyWorks(service.get("username").asText(), service.get("password").asText())).isTrue();
        assertThat(produce(service, physical("billing.invoices.v1"))).isNull();
        assertThat(produce(service, physical("billing.audit.v1")))
                .isInstanceOf(org.apache.kafka.common.errors.TopicAuthorizationException.class);
        assertThat(produce(secret(tollVault, "toll-gateway"), physical("toll.transactions.v1"))).isNull();

        MavenResult plan = signedInTo(runner, billingVault)
                .run(billing, "kafka:plan", "-Dkafka.stage=" + STAGE, platform);
        plan.assertSucceeded().assertLine("Plan for stage dev: 0 to create, 0 to update, 0 to delete");
        MavenResult again = signedInTo(runner, billingVault)
                .run(billing, "kafka:deploy", "-Dkafka.stage=" + STAGE, platform);
        again.assertSucceeded().assertLine("Deploy to stage dev: 0 created, 0 updated, 0 deleted");
        assertThat(billingVault.versions(KeyVaultSecretNames.secretName(STAGE, physical("billing-service"))))
                .hasSize(1);

        Set<String> secrets = new TreeSet<>(List.of(cloud.cloudApiKey().secret(), cloud.clusterAdminKey().secret()));
        for (FakeKeyVault vault : List.of(billingVault, tollVault)) {
            for (String name : vault.secretNames()) {
                for (FakeKeyVault.Version v : vault.versions(name)) {
                    secrets.add(JSON.readTree(v.value()).get("password").asText());
                }
            }
        }
        noSecretAnywhere(secrets, List.of(billing, toll), List.of(billingDeploy, tollDeploy, plan, again));
    }

    @Test
    void aVaultThatRefusesTheKeyLeavesNoKeyAndRotationReplacesTheKey(TestInfo test) throws Exception {
        MavenRunner runner = runner(test);
        String platform = platform(runner.workDir());
        Path toll = runner.copyRepo("vault-toll");

        tollVault.forbidWrites();
        MavenResult refused = signedInTo(runner, tollVault)
                .run(toll, "kafka:deploy", "-Dkafka.stage=" + STAGE, platform);
        refused.assertFailed().assertLine("deleted again at once");
        String sa = saOf(physical("toll-gateway"));
        assertThat(cloud.apiKeys()).noneMatch(k -> sa.equals(k.ownerId()));

        tollVault.allow();
        signedInTo(runner, tollVault).run(toll, "kafka:deploy", "-Dkafka.stage=" + STAGE, platform)
                .assertSucceeded();
        JsonNode first = secret(tollVault, "toll-gateway");

        MavenResult rotated = signedInTo(runner, tollVault).run(toll, "kafka:rotate-credentials",
                "-Dkafka.stage=" + STAGE, "-Dkafka.serviceAccounts=toll-gateway", platform);
        rotated.assertSucceeded();
        JsonNode second = secret(tollVault, "toll-gateway");
        assertThat(second.get("username").asText()).isNotEqualTo(first.get("username").asText());
        assertThat(cloud.keyWorks(first.get("username").asText(), first.get("password").asText())).isFalse();
        assertThat(cloud.keyWorks(second.get("username").asText(), second.get("password").asText())).isTrue();
        noSecretAnywhere(Set.of(first.get("password").asText(), second.get("password").asText(),
                cloud.cloudApiKey().secret()), List.of(toll), List.of(refused, rotated));
    }
}
