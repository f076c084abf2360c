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

    @Test
    void theIdAnOwnershipRecordKeepsNamesAnAccountRenamedByHandAndDisagreementsAreNoted() throws Exception {
        try (ConfluentCloudTestServer cloud = ConfluentCloudTestServer.start(new ConfluentCloudTestServer.Options())) {
            String renamed = cloud.createServiceAccount("dev.renamed-by-hand", "r");
            String gone = "sa-gone1";
            String other = cloud.createServiceAccount("dev.taken", "t");
            String recordedElsewhere = cloud.createServiceAccount("dev.elsewhere", "e");
            String same = cloud.createServiceAccount("dev.same", "s");
            ConfluentAccounts accounts = new ConfluentAccounts(client(cloud));
            accounts.refresh();
            assertThat(accounts.accountId("dev.same")).isEqualTo(same);

            accounts.recorded(Map.of(
                    "principal:dev.billing-service", record("dev.billing-service", renamed),
                    "principal:dev.taken", record("dev.taken", gone),
                    "principal:dev.other", record("dev.other", null),
                    "principal:dev.elsewhere-recorded", record("dev.taken", recordedElsewhere),
                    "principal:dev.same", record("dev.same", same)));

            // renamed by hand: taken by the recorded id, under the recorded name, both ways
            assertThat(accounts.toCluster("User:dev.billing-service")).isEqualTo("User:" + renamed);
            assertThat(accounts.fromCluster("User:" + renamed)).isEqualTo("User:dev.billing-service");
            assertThat(accounts.accountId("dev.billing-service")).isEqualTo(renamed);
            assertThat(accounts.byName("dev.renamed-by-hand")).isNull();
            // a recorded id that is gone, or another account with the recorded name: the display name counts
            assertThat(accounts.toCluster("User:dev.taken")).isEqualTo("User:" + other);
            assertThat(accounts.fromCluster("User:" + recordedElsewhere)).isEqualTo("User:dev.elsewhere");
            assertThat(accounts.toCluster("User:dev.same")).isEqualTo("User:" + same);
            assertThat(accounts.notes()).hasSize(3);
            assertThat(accounts.notes()).anySatisfy(n -> assertThat(n).contains(renamed, "dev.billing-service",
                    "dev.renamed-by-hand"));
            assertThat(accounts.notes()).anySatisfy(n -> assertThat(n).contains(gone, "no longer exists", other));
            assertThat(accounts.notes()).anySatisfy(n -> assertThat(n).contains(recordedElsewhere, "dev.elsewhere",
                    other, "check which account is meant"));
        }
    }

    private static io.kafkaops.engine.ownership.OwnershipRecord record(String name, String accountId) {
        return new io.kafkaops.engine.ownership.OwnershipRecord("g:a", "billing", "dev", "principal", name, "x", "h",
                "2026-01-01T00:00:00Z", null, List.of(), false, accountId);
    }

    private static ConfluentCloudClient client(ConfluentCloudTestServer cloud) {
        return new ConfluentCloudClient(ConfluentCloudAccess.of(cloud.baseUrl(), new CloudCredential(
                cloud.cloudApiKey().key(), cloud.cloudApiKey().secret(), "the Cloud API key"), cloud.environmentId(),
                cloud.kafkaClusterId()).withSslContext(cloud.clientSslContext()), null);
    }
}
