package io.kafkaops.engine.cluster.admin;

import static io.kafkaops.engine.Fixtures.REPO;
import static io.kafkaops.engine.Fixtures.TEAM;
import static io.kafkaops.engine.Fixtures.model;
import static io.kafkaops.engine.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.engine.PlanOutcome;
import io.kafkaops.engine.plan.ChangeAction;
import io.kafkaops.engine.plan.EntityKind;
import io.kafkaops.engine.store.file.FileCredentialStore;
import io.kafkaops.model.EntityModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The read asks for the declared topics, ACLs and SCRAM users before it reads the ownership topic, so the broker
 * answers while the records are read; topics the repository owns but no longer declares are only known afterwards
 * and cost one more describeTopics and describeConfigs.
 */
class ClusterReadBrokerIT extends BrokerTestBase {

    PlanOutcome plan(EntityModel m) throws Exception {
        return k.engine(out).plan(k.request(m, "dev", REPO).build());
    }

    @Test
    void anOwnedTopicNoLongerDeclaredIsDescribedAfterTheOwnershipRecords() throws Exception {
        EntityModel two = model(List.of(topic("billing.a.v1", 1, Map.of()), topic("billing.b.v1", 2, Map.of())),
                List.of(), List.of());
        EntityModel one = model(List.of(topic("billing.a.v1", 1, Map.of())), List.of(), List.of());
        assertThat(k.engine(out).deploy(k.request(two, "dev", REPO)
                .store(new FileCredentialStore(out.resolve("c.json"))).build(), null).complete()).isTrue();

        PlanOutcome unchanged = plan(two);
        PlanOutcome fewer = plan(one);

        assertThat(unchanged.hasChanges()).isFalse();
        assertThat(unchanged.adminRoundTrips()).isEqualTo(6);
        assertThat(fewer.adminRoundTrips()).isEqualTo(8);
        // described: the delete removes a topic that exists, it is not a record-only clean-up of one already gone
        assertThat(fewer.plan().changes()).filteredOn(c -> c.kind() == EntityKind.TOPIC
                        && c.action() == ChangeAction.DELETE).singleElement()
                .satisfies(c -> {
                    assertThat(c.name()).isEqualTo(k.dev + "billing.b.v1");
                    assertThat(c.recordOnly()).isFalse();
                });
    }

    @Test
    void withNothingDeclaredTheOwnedTopicsAreStillDescribed() throws Exception {
        EntityModel one = model(List.of(topic("billing.c.v1", 1, Map.of())), List.of(), List.of());
        assertThat(k.engine(out).deploy(k.request(one, "dev", REPO)
                .store(new FileCredentialStore(out.resolve("c.json"))).build(), null).complete()).isTrue();

        PlanOutcome none = plan(model(List.of(), List.of(), List.of()));

        // describeCluster, listTopics, describeAcls, describeUserScramCredentials, then the owned topic's two calls
        assertThat(none.adminRoundTrips()).isEqualTo(6);
        assertThat(none.plan().changes()).filteredOn(c -> c.kind() == EntityKind.TOPIC).singleElement()
                .satisfies(c -> {
                    assertThat(c.action()).isEqualTo(ChangeAction.DELETE);
                    assertThat(c.recordOnly()).isFalse();
                });
    }
}
