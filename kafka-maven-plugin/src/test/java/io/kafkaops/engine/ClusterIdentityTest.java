package io.kafkaops.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaops.engine.apply.EntityResult;
import io.kafkaops.engine.cluster.ClusterException;
import io.kafkaops.engine.cluster.ClusterSession;
import io.kafkaops.engine.cluster.TopicsOfInterest;
import io.kafkaops.engine.plan.Plan;
import io.kafkaops.engine.plan.PlanRefusedException;
import io.kafkaops.engine.state.ClusterState;
import io.kafkaops.engine.state.ReadScope;
import io.kafkaops.engine.store.CredentialStore;
import io.kafkaops.model.Location;
import io.kafkaops.model.platform.Cluster;
import io.kafkaops.model.platform.Stage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checks of issue 13's wrong-cluster guard, on a session that only tells its id. */
class ClusterIdentityTest {

    static final String PROD_ID = "MkU3OEVBNTcwNTJENDM2Qg";
    static final String TEST_ID = "4L6g3nShT-eMCtK--X86sw";
    static final Stage TEST = new Stage("test", "nonprod", "test.", true, null);

    static Cluster cluster(String pinned) {
        return new Cluster("nonprod", Cluster.TYPE_APACHE_KAFKA, "k:9093", Map.of(), null,
                new Location("platform.yaml", 18, 3), pinned, 0);
    }

    /** A session on a cluster that answers with the id (null: a cluster type that cannot tell). */
    static ClusterSession session(String id) {
        return new ClusterSession() {
            @Override
            public String clusterId() {
                return id;
            }

            @Override
            public ClusterState read(ReadScope scope, TopicsOfInterest topicsOfInterest) {
                throw new AssertionError("nothing is read before the id is checked");
            }

            @Override
            public List<EntityResult> apply(Plan plan, ClusterState current, CredentialStore store) {
                throw new AssertionError("nothing is applied");
            }

            @Override
            public int roundTrips() {
                return 1;
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void aPinnedIdAcceptsItsClusterAndRefusesAnyOther() throws Exception {
        assertThat(ClusterIdentity.verify(session(TEST_ID), cluster(TEST_ID), TEST, "k:9093", "p.yaml"))
                .isEqualTo(TEST_ID);
        assertThatThrownBy(() -> ClusterIdentity.verify(session(PROD_ID), cluster(TEST_ID), TEST, "prod:9093",
                "p.yaml"))
                .isInstanceOf(ClusterException.class)
                .hasMessage("Wrong cluster for stage test: the cluster at prod:9093 has id " + PROD_ID + ", but the"
                        + " platform definition pins cluster nonprod to id " + TEST_ID + " (clusterId of cluster"
                        + " nonprod in platform.yaml:18:3). Nothing was read or changed. Check the bootstrap servers"
                        + " of cluster nonprod (and where the pipeline takes them from); if the cluster was rebuilt"
                        + " and " + PROD_ID + " is right, change the clusterId in the platform definition.");
        // a pin that cannot be checked is refused, not skipped
        assertThatThrownBy(() -> ClusterIdentity.verify(session(null), cluster(TEST_ID), TEST, "k:9093", "p.yaml"))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("does not tell its id, so it cannot be checked");
    }

    @Test
    void withoutAPinAnyIdIsAcceptedAndShown() throws Exception {
        assertThat(ClusterIdentity.verify(session(PROD_ID), cluster(null), TEST, "k:9093", "p.yaml"))
                .isEqualTo(PROD_ID);
        assertThat(ClusterIdentity.verify(session(null), null, TEST, "k:9093", "p.yaml")).isNull();
        assertThat(ClusterIdentity.note(cluster(null), PROD_ID)).isEqualTo("Cluster id " + PROD_ID
                + " (cluster nonprod, not pinned: add clusterId: " + PROD_ID + " to it in the platform definition to"
                + " refuse any other cluster)");
        assertThat(ClusterIdentity.note(cluster(PROD_ID), PROD_ID)).isNull();
        assertThat(ClusterIdentity.note(new Cluster("local", Cluster.TYPE_EMBEDDED, null, Map.of(), null, null),
                PROD_ID)).isEqualTo("Cluster id " + PROD_ID + " (cluster local, embedded)");
    }

    @Test
    void aSavedPlanIsAppliedOnlyOnTheClusterItWasMadeOn() {
        Plan made = new Plan(Plan.FORMAT_VERSION, "test", "test.", "r", "t", "now", "f", List.of(), List.of())
                .withClusterId(TEST_ID);
        Path file = Path.of("target/kafka/test/plan.json");

        assertThatCode(() -> ClusterIdentity.checkSaved(made, file, TEST_ID, TEST, "k:9093"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> ClusterIdentity.checkSaved(made, file, PROD_ID, TEST, "prod:9093"))
                .isInstanceOf(PlanRefusedException.class)
                .hasMessageStartingWith("The plan file " + file + " was made on the cluster with id " + TEST_ID
                        + ", but the cluster of stage test at prod:9093 has id " + PROD_ID);
        // a plan saved before plans recorded the id is not checked for it
        assertThatCode(() -> ClusterIdentity.checkSaved(made.withClusterId(null), file, PROD_ID, TEST, "k:9093"))
                .doesNotThrowAnyException();
    }
}
