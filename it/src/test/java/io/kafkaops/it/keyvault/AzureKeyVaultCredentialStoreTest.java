package io.kafkaops.it.keyvault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.implementation.KeyVaultCredentialPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaops.engine.store.CredentialStoreException;
import io.kafkaops.engine.store.StoredCredential;
import io.kafkaops.engine.store.azure.AzureKeyVaultCredentialStore;
import io.kafkaops.engine.store.azure.FakeKeyVault.RecordedRequest;
import io.kafkaops.engine.store.azure.FakeKeyVault.Version;
import io.kafkaops.engine.store.azure.FakeKeyVault;
import io.kafkaops.engine.store.azure.KeyVaultSecretNames;
import io.kafkaops.model.platform.SecretStoreConfig;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/** The real Azure SDK client, through the store, against {@link FakeKeyVault}. */
class AzureKeyVaultCredentialStoreTest {

    private static final String PASSWORD_ENV = "FAKE_KV_TRUST_PASSWORD";
    private static final Map<String, String> ENV = Map.of(PASSWORD_ENV, FakeKeyVault.trustStorePassword());
    private static final Map<String, String> CLIENT = Map.of(
            "bootstrap.servers", "kafka-1.example.internal:9093",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512");

    private final List<TokenRequestContext> tokenRequests = new CopyOnWriteArrayList<>();
    private final TokenCredential credential = context -> {
        tokenRequests.add(context);
        return Mono.just(new AccessToken(FakeKeyVault.TOKEN, OffsetDateTime.now().plusHours(1)));
    };
    private FakeKeyVault vault;
    /** The attempts after which the store waited; it never really waits in these tests. */
    private final List<Integer> pauses = new CopyOnWriteArrayList<>();

    @TempDir
    Path baseDir;

    @BeforeEach
    void startVault() throws Exception {
        vault = FakeKeyVault.start();
    }

    @AfterEach
    void stopVault() {
        vault.close();
    }

    private static Map<String, String> emulatorProperties() {
        return Map.of("trustStore", FakeKeyVault.trustStore().toString(),
                "trustStorePasswordEnv", PASSWORD_ENV,
                "disableChallengeResourceVerification", "true");
    }

    private AzureKeyVaultCredentialStore store(FakeKeyVault target, String team, String stage) throws Exception {
        return AzureKeyVaultCredentialStore.create(
                new SecretStoreConfig("azure-key-vault", target.url(), emulatorProperties()),
                team, stage, baseDir, ENV::get, credential, pauses::add);
    }

    private static StoredCredential credential(String stage, String team, String principal, String password) {
        return new StoredCredential(stage, team, principal, principal, password, CLIENT);
    }

    @Test
    void storesTheConnectionAsJsonWithTagsAfterTheBearerChallenge() throws Exception {
        AzureKeyVaultCredentialStore store = store(vault, "billing", "prod");
        store.store(credential("prod", "billing", "billing-service", "s3cret-Pa55"));

        String name = "kafka-prod-billing-service";
        assertThat(vault.secretNames()).containsExactly(name);
        Version version = vault.versions(name).get(0);
        assertThat(version.contentType()).isEqualTo("application/json");
        assertThat(version.enabled()).isTrue();
        assertThat(version.tags()).containsOnly(Map.entry("managed-by", "kafka-maven-plugin"),
                Map.entry("stage", "prod"), Map.entry("team", "billing"),
                Map.entry("service-account", "billing-service"));
        JsonNode value = new ObjectMapper().readTree(version.value());
        assertThat(value.get("bootstrap.servers").asText()).isEqualTo("kafka-1.example.internal:9093");
        assertThat(value.get("security.protocol").asText()).isEqualTo("SASL_SSL");
        assertThat(value.get("sasl.mechanism").asText()).isEqualTo("SCRAM-SHA-512");
        assertThat(value.get("username").asText()).isEqualTo("billing-service");
        assertThat(value.get("password").asText()).isEqualTo("s3cret-Pa55");
        assertThat(value.get("sasl.jaas.config").asText()).contains("ScramLoginModule required",
                "username=\"billing-service\"", "password=\"s3cret-Pa55\"");

        // The SDK first asks without a token, gets the challenge, and retries with a token for the named tenant.
        List<RecordedRequest> requests = vault.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0)).extracting(RecordedRequest::method, RecordedRequest::bearerToken,
                RecordedRequest::status).containsExactly("PUT", false, 401);
        assertThat(requests.get(1)).extracting(RecordedRequest::method, RecordedRequest::path,
                RecordedRequest::bearerToken, RecordedRequest::status)
                .containsExactly("PUT", "/secrets/" + name, true, 200);
        assertThat(requests.get(1).query()).contains("api-version=");
        assertThat(tokenRequests).isNotEmpty().allSatisfy(context -> {
            assertThat(context.getScopes()).containsExactly("https://vault.azure.net/.default");
            assertThat(context.getTenantId()).isEqualTo(FakeKeyVault.TENANT);
        });
        assertThat(store.describe()).isEqualTo("Azure Key Vault " + vault.url());
    }

    @Test
    void existingReadsOnlyNamesAndTagsAndKeepsToOurStageAndTeam() throws Exception {
        vault.pageSize(2);
        AzureKeyVaultCredentialStore store = store(vault, "billing", "dev");
        store.store(credential("dev", "billing", "dev.billing-service", "p1"));
        store.store(credential("dev", "billing", "dev.billing-worker", "p2"));
        store.store(credential("test", "billing", "test.billing-service", "p3"));
        store.store(credential("dev", "toll", "dev.toll-service", "p4"));
        vault.putSecret("database-password", "x", Map.of(), true);
        vault.putSecret("kafka-dev-copied", "x", Map.of("managed-by", "kafka-maven-plugin", "stage", "dev",
                "team", "billing", "service-account", "dev.someone-else"), true);
        String disabled = KeyVaultSecretNames.secretName("dev", "dev.billing-disabled");
        vault.putSecret(disabled, "x", Map.of("managed-by", "kafka-maven-plugin", "stage", "dev",
                "team", "billing", "service-account", "dev.billing-disabled"), false);
        // Right name for dev, but its tags say another stage: tags decide.
        vault.putSecret(KeyVaultSecretNames.secretName("dev", "dev.billing-moved"), "x", Map.of(
                "managed-by", "kafka-maven-plugin", "stage", "test", "team", "billing",
                "service-account", "dev.billing-moved"), true);
        vault.clearRequests();

        assertThat(store.existing("dev", "billing")).containsExactly("dev.billing-service", "dev.billing-worker");
        assertThat(store.existing("test", "billing")).containsExactly("test.billing-service");
        assertThat(store.existing("prod", "billing")).isEmpty();

        List<RecordedRequest> requests = vault.requests();
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.path()).as("values are never read").isEqualTo("/secrets");
        });
        assertThat(requests).anySatisfy(r -> assertThat(r.query()).contains("$skiptoken="));
    }

    @Test
    void rotationWritesANewVersionAndTheOldOneStaysReadable() throws Exception {
        SecretClient client = new SecretClientBuilder()
                .vaultUrl(vault.url())
                .credential(credential)
                .httpClient(new JdkHttpClientBuilder(HttpClient.newBuilder()
                        .sslContext(FakeKeyVault.clientSslContext())).build())
                .disableChallengeResourceVerification()
                .buildClient();
        AzureKeyVaultCredentialStore store = new AzureKeyVaultCredentialStore(client);
        store.store(credential("prod", "billing", "billing-service", "first-password"));
        store.store(credential("prod", "billing", "billing-service", "second-password"));

        List<Version> versions = vault.versions("kafka-prod-billing-service");
        assertThat(versions).hasSize(2);
        assertThat(client.getSecret("kafka-prod-billing-service").getValue()).contains("second-password");
        assertThat(client.getSecret("kafka-prod-billing-service", versions.get(0).version()).getValue())
                .contains("first-password");
        assertThat(store.existing("prod", "billing")).containsExactly("billing-service");
    }

    @Test
    void deleteRemovesTheSecretAndAMissingOneIsFine() throws Exception {
        AzureKeyVaultCredentialStore store = store(vault, "billing", "dev");
        store.store(credential("dev", "billing", "dev.billing-service", "p1"));
        String name = KeyVaultSecretNames.secretName("dev", "dev.billing-service");

        store.delete("dev", "billing", "dev.billing-service");
        assertThat(vault.secretNames()).isEmpty();
        assertThat(vault.isSoftDeleted(name)).isTrue();
        assertThat(store.existing("dev", "billing")).isEmpty();

        store.delete("dev", "billing", "dev.never-existed");
        assertThat(vault.requests()).anySatisfy(r -> assertThat(r).extracting(RecordedRequest::method,
                RecordedRequest::status).containsExactly("DELETE", 404));
    }

    @Test
    void storingADeletedAccountAgainRecoversItsHistoryFirst() throws Exception {
        AzureKeyVaultCredentialStore store = store(vault, "billing", "dev");
        store.store(credential("dev", "billing", "dev.billing-service", "old-password"));
        store.delete("dev", "billing", "dev.billing-service");
        String name = KeyVaultSecretNames.secretName("dev", "dev.billing-service");
        assertThat(vault.inTransition(name)).as("the vault deletes asynchronously").isTrue();

        store.store(credential("dev", "billing", "dev.billing-service", "new-password"));

        assertThat(vault.isSoftDeleted(name)).isFalse();
        assertThat(vault.inTransition(name)).isFalse();
        assertThat(vault.versions(name)).extracting(Version::value)
                .satisfiesExactly(v -> assertThat(v).contains("old-password"),
                        v -> assertThat(v).contains("new-password"));
        // while the vault was still deleting, then recovering, it answered 409; the store waited and wrote again
        assertThat(vault.requests()).filteredOn(r -> r.status() == 409).isNotEmpty();
        assertThat(vault.requests()).anySatisfy(r -> assertThat(r.path())
                .isEqualTo("/deletedsecrets/" + name + "/recover"));
        assertThat(pauses).isNotEmpty().hasSizeLessThan(8).startsWith(1);
    }

    @Test
    void aConflictWithoutTheInnerCodeIsRecoveredToo() throws Exception {
        vault.asyncRequests(0);
        vault.plainConflicts();
        AzureKeyVaultCredentialStore store = store(vault, "billing", "dev");
        store.store(credential("dev", "billing", "dev.billing-service", "old-password"));
        store.delete("dev", "billing", "dev.billing-service");
        String name = KeyVaultSecretNames.secretName("dev", "dev.billing-service");

        store.store(credential("dev", "billing", "dev.billing-service", "new-password"));

        assertThat(vault.isSoftDeleted(name)).isFalse();
        assertThat(vault.versions(name)).hasSize(2);
        assertThat(vault.requests()).anySatisfy(r -> assertThat(r).extracting(RecordedRequest::method,
                RecordedRequest::path, RecordedRequest::status).containsExactly("GET", "/deletedsecrets/" + name, 200));
    }

    @Test
    void aSecretThatStaysInTransitionFailsAfterABoundedNumberOfAttempts() throws Exception {
        vault.asyncRequests(1_000);
        AzureKeyVaultCredentialStore store = store(vault, "billing", "dev");
        store.store(credential("dev", "billing", "dev.billing-service", "old-password"));
        store.delete("dev", "billing", "dev.billing-service");
        String name = KeyVaultSecretNames.secretName("dev", "dev.billing-service");

        assertThatThrownBy(() -> store.store(credential("dev", "billing", "dev.billing-service", "new-password")))
                .isInstanceOf(CredentialStoreException.class)
                .hasMessageContaining("store secret " + name + " ")
                .hasMessageContaining("still being deleted or recovered (ObjectIsBeingDeleted) after 8 attempts")
                .hasMessageEndingWith("run the deploy again in a minute.")
                .hasMessageNotContaining("new-password");
        assertThat(pauses).containsExactly(1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void aReaderMayListButNotReadValuesNorWrite() throws Exception {
        AzureKeyVaultCredentialStore store = store(vault, "billing", "prod");
        store.store(credential("prod", "billing", "billing-service", "readable-only-by-officers"));
        vault.forbidWrites();
        SecretClient reader = new SecretClientBuilder()
                .vaultUrl(vault.url())
                .credential(credential)
                .httpClient(new JdkHttpClientBuilder(HttpClient.newBuilder()
                        .sslContext(FakeKeyVault.clientSslContext())).build())
                .disableChallengeResourceVerification()
                .buildClient();

        assertThat(store.existing("prod", "billing")).containsExactly("billing-service");
        assertThatThrownBy(() -> reader.getSecret("kafka-prod-billing-service"))
                .hasMessageContaining("403").hasMessageNotContaining("readable-only-by-officers");
        assertThatThrownBy(() -> store.store(credential("prod", "billing", "billing-service", "p2")))
                .isInstanceOf(CredentialStoreException.class)
                .hasMessageContaining("HTTP 403").hasMessageContaining("Key Vault Secrets Officer");
        assertThat(pauses).isEmpty();
    }

    @Test
    void eachTeamAndStageWritesOnlyToItsOwnVault() throws Exception {
        try (FakeKeyVault tollVault = FakeKeyVault.start()) {
            AzureKeyVaultCredentialStore billing = store(vault, "billing", "prod");
            AzureKeyVaultCredentialStore toll = store(tollVault, "toll", "prod");
            billing.store(credential("prod", "billing", "billing-service", "p1"));
            toll.store(credential("prod", "toll", "toll-service", "p2"));
            toll.store(credential("prod", "toll", "toll-gate", "p3"));

            assertThat(writes(vault)).containsExactly("/secrets/kafka-prod-billing-service");
            assertThat(writes(tollVault)).containsExactly("/secrets/kafka-prod-toll-service",
                    "/secrets/kafka-prod-toll-gate");
            assertThat(billing.existing("prod", "billing")).containsExactly("billing-service");
            assertThat(toll.existing("prod", "toll")).containsExactly("toll-gate", "toll-service");
        }
    }

    private static List<String> writes(FakeKeyVault target) {
        return target.requests().stream()
                .filter(r -> r.method().equals("PUT") && r.status() == 200)
                .map(RecordedRequest::path)
                .toList();
    }

    @Test
    void aRefusedWriteNamesVaultOperationAndRoleButNeverTheSecret() throws Exception {
        AzureKeyVaultCredentialStore store = store(vault, "billing", "prod");
        vault.forbid();

        CredentialStoreException e = catchThrowableOfType(CredentialStoreException.class,
                () -> store.store(credential("prod", "billing", "billing-service", "do-not-print-me")));
        assertThat(e.getMessage())
                .contains(vault.url(), "store secret kafka-prod-billing-service", "HTTP 403", "ForbiddenByRbac",
                        "Key Vault Secrets Officer", "az login", "service connection");
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain("do-not-print-me");
        }

        assertThatThrownBy(() -> store.existing("prod", "billing"))
                .isInstanceOf(CredentialStoreException.class)
                .hasMessageContaining("list secrets").hasMessageContaining("Key Vault Reader");
        assertThatThrownBy(() -> store.delete("prod", "billing", "billing-service"))
                .hasMessageContaining("delete secret kafka-prod-billing-service").hasMessageContaining("HTTP 403");
    }

    @Test
    void aFailingSignInSaysHowToSignIn() throws Exception {
        TokenCredential notLoggedIn = context -> Mono.error(new ClientAuthenticationException(
                "AzureCliCredential authentication unavailable. Please run 'az login' to set up account.", null));
        AzureKeyVaultCredentialStore store = AzureKeyVaultCredentialStore.create(
                new SecretStoreConfig("azure-key-vault", vault.url(), emulatorProperties()),
                "billing", "prod", baseDir, ENV::get, notLoggedIn);

        assertThatThrownBy(() -> store.existing("prod", "billing"))
                .isInstanceOf(CredentialStoreException.class)
                .hasMessageContaining(vault.url())
                .hasMessageContaining("could not get an Azure access token")
                .hasMessageContaining("az login");
    }

    @Test
    void withoutTheTrustStoreAnUntrustedCertificateIsAClearTlsError() throws Exception {
        Map<String, String> noTrustStore = Map.of("disableChallengeResourceVerification", "true");
        AzureKeyVaultCredentialStore store = AzureKeyVaultCredentialStore.create(
                new SecretStoreConfig("azure-key-vault", vault.url(), noTrustStore),
                "billing", "prod", baseDir, ENV::get, credential);

        assertThatThrownBy(() -> store.existing("prod", "billing"))
                .isInstanceOf(CredentialStoreException.class)
                .hasMessageContaining(vault.url())
                .hasMessageContaining("TLS")
                .hasMessageContaining("trustStore");
        assertThat(vault.requests()).isEmpty();
    }

    @Test
    void aRelativeTrustStoreResolvesAgainstTheProjectAndABadPasswordIsReported() throws Exception {
        Files.copy(FakeKeyVault.trustStore(), baseDir.resolve("vault-ca.p12"));
        Map<String, String> relative = new HashMap<>(emulatorProperties());
        relative.put("trustStore", "vault-ca.p12");
        AzureKeyVaultCredentialStore store = AzureKeyVaultCredentialStore.create(
                new SecretStoreConfig("azure-key-vault", vault.url(), relative),
                "billing", "prod", baseDir, ENV::get, credential);
        assertThat(store.existing("prod", "billing")).isEmpty();

        assertThatThrownBy(() -> AzureKeyVaultCredentialStore.create(
                new SecretStoreConfig("azure-key-vault", vault.url(), relative),
                "billing", "prod", baseDir, Map.of(PASSWORD_ENV, "wrong")::get, credential))
                .isInstanceOf(CredentialStoreException.class)
                .hasMessageContaining("vault-ca.p12")
                .hasMessageContaining("could not be read");
    }

    @Test
    void aChallengeForAnotherDomainNeedsTheEmulatorOption() throws Exception {
        // The SDK remembers challenges per host and port for the whole JVM; start from a clean slate.
        KeyVaultCredentialPolicy.clearCache();
        Map<String, String> strict = Map.of("trustStore", FakeKeyVault.trustStore().toString(),
                "trustStorePasswordEnv", PASSWORD_ENV);
        AzureKeyVaultCredentialStore store = AzureKeyVaultCredentialStore.create(
                new SecretStoreConfig("azure-key-vault", vault.url(), strict),
                "billing", "prod", baseDir, ENV::get, credential);

        assertThatThrownBy(() -> store.existing("prod", "billing"))
                .isInstanceOf(CredentialStoreException.class)
                .hasMessageContaining(vault.url())
                .hasMessageContaining("disableChallengeResourceVerification: true");
        assertThat(tokenRequests).isEmpty();
    }
}
