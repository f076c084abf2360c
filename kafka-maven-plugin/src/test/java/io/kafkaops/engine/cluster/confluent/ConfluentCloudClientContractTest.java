package io.kafkaops.engine.cluster.confluent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The client against the Confluent Cloud stand-in, which checks every request and answer against Confluent's OpenAPI
 * documents: the adapter speaks the documented API, follows pages of one item, and rides out 429s and a 5xx.
 */
class ConfluentCloudClientContractTest {

    private final List<String> notices = new ArrayList<>();

    private ConfluentCloudClient client(ConfluentCloudTestServer cloud, String source) {
        Credential k = cloud.cloudApiKey();
        return new ConfluentCloudClient(ConfluentCloudAccess.of(cloud.baseUrl(),
                new CloudCredential(k.key(), k.secret(), source), cloud.environmentId(), cloud.kafkaClusterId())
                .withSslContext(cloud.clientSslContext()), notices::add);
    }

    @Test
    void accountsAndKeysRoundTripWithinTheContractOnPagesOfOne() throws Exception {
        try (ConfluentCloudTestServer cloud = ConfluentCloudTestServer.start(
                new ConfluentCloudTestServer.Options().maxPageSize(1))) {
            ConfluentCloudClient client = client(cloud, "the Cloud API key");

            ServiceAccount a = client.createServiceAccount("dev.billing-service", "Bills customers");
            ServiceAccount b = client.createServiceAccount("dev.billing-reporter", "");
            assertThat(a.id()).startsWith("sa-");
            assertThat(client.serviceAccounts()).extracting(ServiceAccount::displayName)
                    .contains("dev.billing-service", "dev.billing-reporter");

            assertThat(client.updateServiceAccount(b.id(), "Reports").description()).isEqualTo("Reports");

            NewApiKey k1 = client.createApiKey(a.id(), "kafkaops dev.billing-service", "m1");
            NewApiKey k2 = client.createApiKey(b.id(), "kafkaops dev.billing-reporter", "m2");
            assertThat(k1.key().ownerId()).isEqualTo(a.id());
            assertThat(k1.key().resourceId()).isEqualTo(cloud.kafkaClusterId());
            assertThat(client.apiKeys(null, cloud.kafkaClusterId())).extracting(ApiKey::id)
                    .contains(k1.id(), k2.id());
            assertThat(client.apiKeys(a.id(), null)).extracting(ApiKey::id).containsExactly(k1.id());
            assertThat(cloud.keyWorks(k1.id(), k1.secret())).isTrue();

            client.deleteApiKey(k1.id());
            client.deleteApiKey(k1.id()); // gone already: no error
            client.deleteServiceAccount(a.id());
            assertThat(cloud.keyWorks(k1.id(), k1.secret())).isFalse();
            assertThat(client.serviceAccounts()).extracting(ServiceAccount::id).doesNotContain(a.id());

            assertThat(cloud.contractViolations()).isEmpty();
            // every list call was followed page by page
            assertThat(client.counts().requests()).isGreaterThan(10);
        }
    }

    @Test
    void rateLimitsAndAServerErrorAreRiddenOut() throws Exception {
        try (ConfluentCloudTestServer cloud = ConfluentCloudTestServer.start(new ConfluentCloudTestServer.Options()
                .rateLimit(3, Duration.ofSeconds(1)).failOnce(503, "/iam/v2/service-accounts"))) {
            ConfluentCloudClient client = client(cloud, "the Cloud API key");

            for (int i = 0; i < 8; i++) client.createServiceAccount("dev.svc-" + i, "d");

            assertThat(client.serviceAccounts()).hasSizeGreaterThanOrEqualTo(8);
            assertThat(client.counts().rateLimited()).isPositive();
            assertThat(client.counts().retries()).isGreaterThan(client.counts().rateLimited());
            assertThat(cloud.contractViolations()).isEmpty();
        }
    }

    @Test
    void aWrongCloudKeyIsNamedWithItsSource() {
        try (ConfluentCloudTestServer cloud = ConfluentCloudTestServer.start(new ConfluentCloudTestServer.Options())) {
            ConfluentCloudClient client = new ConfluentCloudClient(ConfluentCloudAccess.of(cloud.baseUrl(),
                    new CloudCredential(cloud.cloudApiKey().key(), "wrong-secret-123",
                            "the Cloud API key from settings server `ccloud-iam`"), cloud.environmentId(),
                    cloud.kafkaClusterId()).withSslContext(cloud.clientSslContext()), null);

            assertThatThrownBy(client::serviceAccounts).isInstanceOf(ConfluentCloudException.class)
                    .hasMessageStartingWith("The Cloud API key from settings server `ccloud-iam` was refused (401)")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-secret-123"));
        }
    }

    @Test
    void theKeyLimitIsRecognised() throws Exception {
        try (ConfluentCloudTestServer cloud = ConfluentCloudTestServer.start(
                new ConfluentCloudTestServer.Options().maxKeysPerAccount(1))) {
            ConfluentCloudClient client = client(cloud, "the Cloud API key");
            ServiceAccount a = client.createServiceAccount("dev.a", "");
            client.createApiKey(a.id(), "n", "d");

            assertThatThrownBy(() -> client.createApiKey(a.id(), "n", "d")).isInstanceOf(ConfluentCloudException.class)
                    .satisfies(e -> assertThat(((ConfluentCloudException) e).status()).isEqualTo(402));
            assertThat(cloud.contractViolations()).isEmpty();
        }
    }
}
