package io.kafkaops.engine.cluster.admin;

import static io.kafkaops.engine.Fixtures.REPO;
import static io.kafkaops.engine.Fixtures.TEAM;
import static io.kafkaops.engine.Fixtures.account;
import static io.kafkaops.engine.Fixtures.consumes;
import static io.kafkaops.engine.Fixtures.model;
import static io.kafkaops.engine.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaops.engine.ClusterChecks;
import io.kafkaops.engine.PlanOutcome;
import io.kafkaops.engine.plan.PlanRefusedException;
import io.kafkaops.engine.store.file.FileCredentialStore;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.EntityModel;
import io.kafkaops.model.Location;
import io.kafkaops.model.Visibility;
import io.kafkaops.policy.KnownTopic;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.junit.jupiter.api.Test;

/**
 * The checks the goals run with the cluster's ownership records (topicVisibility): they see the topics other
 * repositories own, their problems go into the plan, and an ERROR among them stops a deploy before any change.
 */
class ClusterChecksBrokerIT extends BrokerTestBase {

    static final String OTHER_REPO = "com.example:billing-ledger";

    @Test
    void theChecksSeeOtherRepositoriesTopicsAndTheirErrorsBlockPlanAndDeploy() throws Exception {
        EntityModel ledger = model(List.of(topic("billing.ledger.v1", 1, Map.of())), List.of(), List.of());
        k.engine(out).deploy(k.request(ledger, "dev", OTHER_REPO)
                .store(new FileCredentialStore(out.resolve("other.json"))).build(), null);
        EntityModel reader = model(List.of(), List.of(account("billing-reader")),
                List.of(consumes("billing-reader", null, "billing.ledger.v1")));
        List<Map<String, KnownTopic>> seen = new ArrayList<>();
        Diagnostic refused = Diagnostic.error("topicVisibility", "billing.ledger.v1 is private",
                Location.ofFile("src/main/kafka/reader.yaml"), null);
        ClusterChecks checks = known -> {
            seen.add(known);
            return known.containsKey("billing.ledger.v1") ? List.of(refused) : List.of();
        };

        PlanOutcome plan = k.engine(out).plan(k.request(reader, "dev", REPO).clusterChecks(checks).build());

        assertThat(seen).singleElement().satisfies(known -> {
            KnownTopic ledgerTopic = known.get("billing.ledger.v1");
            assertThat(ledgerTopic.ownerRepository()).isEqualTo(OTHER_REPO);
            assertThat(ledgerTopic.visibility()).isEqualTo(Visibility.PRIVATE);
        });
        assertThat(plan.hasErrors()).isTrue();
        assertThat(plan.problems()).contains(refused);
        assertThat(plan.plan().problems()).contains(refused);
        assertThat(Files.readString(plan.planJson())).contains("billing.ledger.v1 is private");

        FileCredentialStore store = new FileCredentialStore(out.resolve("reader.json"));
        assertThatThrownBy(() -> k.engine(out).deploy(k.request(reader, "dev", REPO).store(store).clusterChecks(checks)
                .build(), null))
                .isInstanceOf(PlanRefusedException.class)
                .hasMessageContaining("billing.ledger.v1 is private")
                .hasMessageContaining("nothing was deployed");
        assertThat(seen).hasSize(2);
        String principal = "User:" + k.dev + "billing-reader";
        assertThat(k.admin.describeAcls(AclBindingFilter.ANY).values().get())
                .noneMatch(b -> b.entry().principal().equals(principal));
        assertThat(k.admin.describeUserScramCredentials().all().get()).doesNotContainKey(k.dev + "billing-reader");
        assertThat(store.existing("dev", TEAM)).isEmpty();
    }
}
