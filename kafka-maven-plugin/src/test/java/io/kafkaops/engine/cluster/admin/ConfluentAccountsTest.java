package io.kafkaops.engine.cluster.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.engine.cluster.confluent.CloudCredential;
import io.kafkaops.engine.cluster.confluent.ConfluentCloudAccess;
import io.kafkaops.engine.cluster.confluent.ConfluentCloudClient;
import io.kafkaops.engine.cluster.confluent.ConfluentCloudTestServer;
import io.kafkaops.engine.cluster.confluent.ManagedKeys;
import io.kafkaops.engine.state.ReadScope;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one translation between plan principals and Confluent's {@code User:sa-...}, and what plans see of keys. */
class ConfluentAccountsTest {

    @Test
    void principalsTranslateBothWaysAndUnknownOnesStayAsTheyAre() throws Exception {
        try (ConfluentCloudTestServer cloud = ConfluentCloudTestServer.start(
                new ConfluentCloudTestServer.Options().maxPageSize(1))) {
            String sa = cloud.createServiceAccount("dev.billing-service", "d");
            ConfluentAccounts accounts = new ConfluentAccounts(client(cloud));
            accounts.refresh();

            assertThat(accounts.toCluster("User:dev.billing-service")).isEqualTo("User:" + sa);
            assertThat(accounts.fromCluster("User:" + sa)).isEqualTo("User:dev.billing-service");
            // a legacy numeric principal: IAM v2 has no numeric id to map it by
            assertThat(accounts.fromCluster("User:123456")).isEqualTo("User:123456");
            assertThat(accounts.toCluster("User:dev.unknown")).isEqualTo("User:dev.unknown");
            assertThat(accounts.fromCluster("User:sa-unknown")).isEqualTo("User:sa-unknown");
            assertThat(accounts.toCluster("Group:x")).isEqualTo("Group:x");
            assertThat(cloud.contractViolations()).isEmpty();
        }
    }

    @Test
    void plansSeeAccountsInScopeWithPlainOnlyWhenTheStageHasAManagedKey() throws Exception {
        try (ConfluentCloudTestServer cloud = ConfluentCloudTestServer.start(
                new ConfluentCloudTestServer.Options().maxPageSize(1))) {
            String withKey = cloud.createServiceAccount("dev.a", "");
            String handMade = cloud.createServiceAccount("dev.b", "");
            cloud.createServiceAccount("dev.c", "");
            cloud.createServiceAccount("test.a", "");
            cloud.createApiKey(withKey, ManagedKeys.description("g:a", "dev", "dev.a"));
            cloud.createApiKey(handMade, "CI key");
            ConfluentAccounts accounts = new ConfluentAccounts(client(cloud));
            accounts.refresh();

            Map<String, Set<String>> seen = accounts.credentials(new ReadScope("dev", "dev.", List.of()));

            assertThat(seen).containsOnly(Map.entry("dev.a", Set.of("PLAIN")), Map.entry("dev.b", Set.of()),
                    Map.entry("dev.c", Set.of()));
            assertThat(accounts.managedKeys(withKey, "dev")).hasSize(1);
            assertThat(accounts.managedKeys(withKey, "test")).isEmpty();
            assertThat(accounts.managedKeys(handMade, "dev")).isEmpty();
        }
    }

    private static ConfluentCloudClient client(ConfluentCloudTestServer cloud) {
        return new ConfluentCloudClient(ConfluentCloudAccess.of(cloud.baseUrl(), new CloudCredential(
                cloud.cloudApiKey().key(), cloud.cloudApiKey().secret(), "the Cloud API key"), cloud.environmentId(),
                cloud.kafkaClusterId()).withSslContext(cloud.clientSslContext()), null);
    }
}
