package io.kafkaops.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaops.engine.apply.DeployReport;
import io.kafkaops.engine.apply.EntityResult;
import io.kafkaops.engine.cluster.ClusterConnection;
import io.kafkaops.engine.cluster.ClusterException;
import io.kafkaops.engine.cluster.ClusterSession;
import io.kafkaops.engine.cluster.ClusterSessions;
import io.kafkaops.engine.cluster.TopicsOfInterest;
import io.kafkaops.engine.plan.Plan;
import io.kafkaops.engine.plan.PlanLine;
import io.kafkaops.engine.state.ClusterState;
import io.kafkaops.engine.state.CurrentTopic;
import io.kafkaops.engine.state.ReadScope;
import io.kafkaops.engine.store.CredentialStore;
import io.kafkaops.engine.store.CredentialStoreException;
import io.kafkaops.engine.store.StoredCredential;
import io.kafkaops.model.EntityModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a deploy reports when it applies nothing: a failure before anything was applied leaves no report of an earlier
 * run behind, and a declared topic left unmanaged is repeated and counted.
 */
class FailedDeployReportTest {

    private static StageRequest.Builder request(EntityModel model) {
        return StageRequest.builder().model(model).stage("dev").repository(Fixtures.REPO).team(Fixtures.TEAM)
                .connection(new ClusterConnection("dev", "localhost:9092", Map.of()));
    }

    /** A cluster that is never read: the deploy fails on the store first. */
    private static final ClusterSessions UNREAD = (connection, options) -> new ClusterSession() {
        @Override
        public ClusterState read(ReadScope scope, TopicsOfInterest topicsOfInterest) throws ClusterException {
            throw new ClusterException("the cluster must not be read");
        }

        @Override
        public List<EntityResult> apply(Plan plan, ClusterState current, CredentialStore store) {
            throw new AssertionError("nothing may be applied");
        }

        @Override
        public int roundTrips() {
            return 0;
        }

        @Override
        public void close() {
        }
    };

    /** A store whose vault cannot be reached; its message ends with a full stop, as the Key Vault store's do. */
    private static final CredentialStore UNREACHABLE = new CredentialStore() {
        @Override
        public String describe() {
            return "Azure Key Vault https://kv.example";
        }

        @Override
        public Set<String> existing(String stage, String team) throws CredentialStoreException {
            throw new CredentialStoreException("Azure Key Vault https://kv.example: list secrets failed: the vault"
                    + " could not be reached (no details). Check the vault URL, the network and any proxy.");
        }

        @Override
        public void store(StoredCredential credential) {
            throw new AssertionError("nothing may be stored");
        }

        @Override
        public void delete(String stage, String team, String principal) {
            throw new AssertionError("nothing may be deleted");
        }
    };

    @Test
    void aDeployThatCannotReadTheStoreRemovesTheLastRunsReport(@TempDir Path out) throws Exception {
        Path previous = out.resolve("dev").resolve(DeployReport.DEPLOY_JSON);
        Files.createDirectories(previous.getParent());
        Files.writeString(previous, "{\"formatVersion\":1,\"stage\":\"dev\",\"complete\":true}\n");
        StageEngine engine = new StageEngine(Fixtures.platform("localhost:9092"), out, UNREAD, Clock.systemUTC());

        assertThatThrownBy(() -> engine.deploy(request(Fixtures.model(List.of(), List.of(), List.of()))
                .store(UNREACHABLE).build(), null))
                .isInstanceOf(ClusterException.class)
                // one full stop between the store's message and ours
                .hasMessageEndingWith("Check the vault URL, the network and any proxy. Nothing was deployed.");

        assertThat(previous).doesNotExist();
    }

    @Test
    void aSentenceGetsOneFullStop() {
        assertThat(StageEngine.sentence("could not connect")).isEqualTo("could not connect.");
        assertThat(StageEngine.sentence("any proxy.")).isEqualTo("any proxy.");
        assertThat(StageEngine.sentence("cut off...")).isEqualTo("cut off...");
    }

    @Test
    void aDeclaredTopicLeftUnmanagedIsRepeatedAndCountedInTheDeploysSummaryAndReport(@TempDir Path out)
            throws Exception {
        ClusterState existing = new ClusterState(Map.of("dev.billing.invoices.v1",
                CurrentTopic.of("dev.billing.invoices.v1", 1, 1, Map.of())), List.of(), Map.of(), Map.of(), true,
                List.of(1));
        ClusterSessions sessions = (connection, options) -> new ClusterSession() {
            @Override
            public ClusterState read(ReadScope scope, TopicsOfInterest topicsOfInterest) {
                return existing;
            }

            @Override
            public List<EntityResult> apply(Plan plan, ClusterState current, CredentialStore store) {
                throw new AssertionError("nothing is actionable");
            }

            @Override
            public int roundTrips() {
                return 1;
            }

            @Override
            public void close() {
            }
        };
        CredentialStore empty = new FileCredentialStoreForTest();
        StageEngine engine = new StageEngine(Fixtures.platform("localhost:9092"), out, sessions, Clock.systemUTC());

        DeployOutcome outcome = engine.deploy(request(Fixtures.model(List.of(Fixtures.topic("billing.invoices.v1", 1,
                Map.of())), List.of(), List.of())).store(empty).build(), null);

        assertThat(outcome.summary()).isEqualTo("Deploy to stage dev: 0 created, 0 updated, 0 deleted, 1 unmanaged");
        assertThat(outcome.lines()).extracting(PlanLine::render).containsExactly("? topic dev.billing.invoices.v1:"
                + " exists but no repository manages it; left untouched (-Dkafka.adopt=true takes it over)");
        assertThat(outcome.plan().problems()).anySatisfy(d -> assertThat(d.severity())
                .isEqualTo(io.kafkaops.model.Severity.WARN));
        com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("dev").resolve(DeployReport.DEPLOY_JSON).toFile());
        assertThat(report.get("complete").asBoolean()).isTrue();
        assertThat(report.get("unmanaged")).extracting(com.fasterxml.jackson.databind.JsonNode::asText)
                .containsExactly("dev.billing.invoices.v1");
    }

    /** A store that holds nothing. */
    private static final class FileCredentialStoreForTest implements CredentialStore {
        @Override
        public String describe() {
            return "file creds.json";
        }

        @Override
        public Set<String> existing(String stage, String team) {
            return Set.of();
        }

        @Override
        public void store(StoredCredential credential) {
            throw new AssertionError("nothing may be stored");
        }

        @Override
        public void delete(String stage, String team, String principal) {
            throw new AssertionError("nothing may be deleted");
        }
    }
}
