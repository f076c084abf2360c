package io.kafkaops.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.engine.apply.EntityResult;
import io.kafkaops.engine.cluster.ClusterConnection;
import io.kafkaops.engine.cluster.ClusterException;
import io.kafkaops.engine.cluster.ClusterSession;
import io.kafkaops.engine.cluster.ClusterSessions;
import io.kafkaops.engine.cluster.TopicsOfInterest;
import io.kafkaops.engine.debug.SessionCluster;
import io.kafkaops.engine.plan.Plan;
import io.kafkaops.engine.state.ClusterState;
import io.kafkaops.engine.state.ReadScope;
import io.kafkaops.engine.store.CredentialStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan tells the session which stage it reads before anything reads the ownership topic: the sweep of debug sessions
 * comes before the state, and a first read without the scope would start at the beginning of the ownership topic
 * instead of at the stage's snapshot (and be made again once the scope is known).
 */
class ReadScopeFirstTest {

    @TempDir
    Path out;

    @Test
    void theSessionKnowsTheStageBeforeTheSweepAndTheRead() throws Exception {
        List<String> calls = new ArrayList<>();
        ClusterSessions sessions = (connection, options) -> new ClusterSession() {
            @Override
            public void scope(ReadScope scope) {
                calls.add("scope " + scope.stage());
            }

            @Override
            public SessionCluster debugSessions() throws ClusterException {
                calls.add("debug sessions");
                throw new ClusterException("no debug sessions here");
            }

            @Override
            public ClusterState read(ReadScope scope, TopicsOfInterest topicsOfInterest) {
                calls.add("read " + scope.stage());
                return ClusterState.empty();
            }

            @Override
            public List<EntityResult> apply(Plan plan, ClusterState current, CredentialStore store) {
                throw new AssertionError("a plan applies nothing");
            }

            @Override
            public int roundTrips() {
                return 0;
            }

            @Override
            public void close() {
            }
        };
        StageEngine engine = new StageEngine(Fixtures.platform("localhost:9092"), out, sessions, Clock.systemUTC());
        engine.plan(StageRequest.builder().model(Fixtures.model(List.of(), List.of(), List.of())).stage("dev")
                .repository(Fixtures.REPO).team(Fixtures.TEAM)
                .connection(new ClusterConnection("dev", "localhost:9092", Map.of())).build());
        assertThat(calls).containsExactly("scope dev", "debug sessions", "read dev");
    }
}
