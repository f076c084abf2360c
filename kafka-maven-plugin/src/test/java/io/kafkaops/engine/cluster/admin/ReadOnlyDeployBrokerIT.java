package io.kafkaops.engine.cluster.admin;

import static io.kafkaops.engine.Fixtures.REPO;
import static io.kafkaops.engine.Fixtures.model;
import static io.kafkaops.engine.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.engine.cluster.ClusterConnection;
import io.kafkaops.engine.cluster.ClusterException;
import io.kafkaops.engine.ownership.Ownership;
import io.kafkaops.engine.store.file.FileCredentialStore;
import io.kafkaops.model.EntityModel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A deploy run with the read-only planning principal: refused at its first write, named for what it lacks. */
class ReadOnlyDeployBrokerIT extends BrokerTestBase {

    @Test
    void aPrincipalWithoutWriteOnTheOwnershipTopicIsToldSoAndNothingChanges() throws Exception {
        FileCredentialStore store = new FileCredentialStore(out.resolve("billing-dev.json"));
        EntityModel one = model(List.of(topic("billing.invoices.v1", 1, Map.of())), List.of(), List.of());
        // an admin deploy first, so the ownership topic exists and the read-only deploy gets as far as its claims
        k.engine(out).deploy(k.request(one, "dev", REPO).store(store).build(), null);
        ClusterConnection readOnly = k.readOnlyPlanner();
        EntityModel two = model(List.of(topic("billing.invoices.v1", 1, Map.of()),
                topic("billing.refunds.v1", 1, Map.of())), List.of(), List.of());

        // its first write is the deploy's lease, before anything else
        ClusterException refused = awaitRefusal(two, readOnly, store);

        assertThat(refused.getMessage()).contains("Cannot write the deploy lease of " + REPO + " on stage dev")
                .contains("Not authorized to access topics: [" + Ownership.TOPIC + "]")
                .contains("Nothing was deployed");
        assertThat(k.admin.listTopics().names().get()).doesNotContain(k.dev + "billing.refunds.v1");
    }

    /**
     * The planner's SCRAM credential and ACLs reach the broker through the metadata log: retry until in force, that
     * is until the refusal names the missing right.
     */
    private ClusterException awaitRefusal(EntityModel m, ClusterConnection readOnly, FileCredentialStore store)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                k.engine(out).deploy(k.request(m, "dev", REPO).connection(readOnly).store(store).build(), null);
                throw new AssertionError("the read-only deploy was not refused");
            } catch (ClusterException e) {
                if (e.getMessage().contains("Not authorized to access topics") || System.nanoTime() > deadline) {
                    return e;
                }
                Thread.sleep(100);
            }
        }
    }
}
