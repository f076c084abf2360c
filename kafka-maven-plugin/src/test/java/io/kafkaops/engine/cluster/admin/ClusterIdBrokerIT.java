package io.kafkaops.engine.cluster.admin;

import static io.kafkaops.engine.Fixtures.REPO;
import static io.kafkaops.engine.Fixtures.model;
import static io.kafkaops.engine.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaops.engine.DeployOutcome;
import io.kafkaops.engine.PlanOutcome;
import io.kafkaops.engine.StageEngine;
import io.kafkaops.engine.cluster.ClusterException;
import io.kafkaops.engine.onboard.Onboarding;
import io.kafkaops.engine.plan.PlanRefusedException;
import io.kafkaops.engine.plan.file.PlanFiles;
import io.kafkaops.model.EntityModel;
import io.kafkaops.model.Location;
import io.kafkaops.model.platform.Cluster;
import io.kafkaops.model.platform.PlatformDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, the wrong cluster: the platform definition may pin a cluster's id; plan, deploy, rotate and import read
 * the id first (one describeCluster, before anything else) and refuse another; plan.json records the id, and a saved
 * plan is refused on a cluster with another id.
 */
class ClusterIdBrokerIT extends BrokerTestBase {

    /** A valid id that no test broker has: KafkaBroker formats every broker with a random one. */
    static final String OTHER_ID = "AAAAAAAAAAAAAAAAAAAAAA";
    static final Location PINNED_AT = new Location("platform.yaml", 7, 3);

    final EntityModel events = model(List.of(topic("billing.events.v1", 1, Map.of())), List.of(), List.of());
    /** The Admin calls made, by method name, in order. */
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    String brokerId() throws Exception {
        return k.admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
    }

    /** The test platform with cluster nonprod (stages dev and test) pinned to the id. */
    PlatformDefinition pinned(String id) {
        PlatformDefinition p = k.platform;
        Map<String, Cluster> clusters = new LinkedHashMap<>(p.clusters());
        Cluster c = clusters.get("nonprod");
        clusters.put("nonprod", new Cluster(c.name(), c.type(), c.bootstrapServers(), c.properties(), c.credentials(),
                PINNED_AT, id, 0));
        return new PlatformDefinition(p.stages(), clusters, p.teams(), p.policies(), p.defaultPartitions(),
                p.defaultReplicationFactor(), p.source());
    }

    StageEngine engine(PlatformDefinition platform) {
        return new StageEngine(platform, out, engineSessions(), Clock.systemUTC());
    }

    /** Sessions that record the Admin calls made. */
    KafkaClusterSessions engineSessions() {
        return new KafkaClusterSessions((admin, timeout) -> new AdminCalls(admin, timeout) {
            @Override
            protected void count() {
                super.count();
                calls.add(StackWalker.getInstance().walk(s -> s.skip(1).findFirst().orElseThrow().getMethodName()));
            }
        });
    }

    boolean topicExists() throws Exception {
        return k.admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(k.dev + "billing.events.v1");
    }

    @Test
    void anUnpinnedPlanRecordsAndShowsTheIdItSaw() throws Exception {
        PlanOutcome plan = engine(k.platform).plan(k.request(events, "dev", REPO).build());

        String id = brokerId();
        assertThat(plan.plan().clusterId()).isEqualTo(id);
        assertThat(plan.clusterNote()).isEqualTo("Cluster id " + id + " (cluster nonprod, not pinned: add clusterId: "
                + id + " to it in the platform definition to refuse any other cluster)");
        assertThat(Files.readString(plan.planJson(), StandardCharsets.UTF_8))
                .contains("\"clusterId\" : \"" + id + "\"");
        assertThat(PlanFiles.read(plan.planJson()).clusterId()).isEqualTo(id);
        assertThat(Files.readString(plan.planMd(), StandardCharsets.UTF_8)).contains(" on cluster `" + id + "` against");
        // the id costs no round trip of its own: the read takes the brokers from the same describeCluster; and the
        // read describes the topics it needs by name instead of listing every topic of the cluster
        assertThat(calls).startsWith("describeCluster", "describeTopics").containsOnlyOnce("describeCluster")
                .doesNotContain("listTopics");
    }

    @Test
    void aMatchingPinIsAcceptedForPlanAndDeploy() throws Exception {
        StageEngine engine = engine(pinned(brokerId()));

        PlanOutcome plan = engine.plan(k.request(events, "dev", REPO).build());
        DeployOutcome deploy = engine.deploy(k.request(events, "dev", REPO).store(store("c")).build(),
                plan.planJson());

        assertThat(plan.clusterNote()).isNull();
        assertThat(plan.plan().clusterId()).isEqualTo(brokerId());
        assertThat(deploy.complete()).isTrue();
        assertThat(topicExists()).isTrue();
    }

    @Test
    void aPinnedIdRefusesAnotherClusterBeforeReadingAnything() throws Exception {
        StageEngine engine = engine(pinned(OTHER_ID));
        String id = brokerId();

        assertThatThrownBy(() -> engine.plan(k.request(events, "dev", REPO).build()))
                .isInstanceOf(ClusterException.class)
                .hasMessageStartingWith("Wrong cluster for stage dev: the cluster at " + k.broker.bootstrapServers()
                        + " has id " + id + ", but the platform definition pins cluster nonprod to id " + OTHER_ID
                        + " (clusterId of cluster nonprod in platform.yaml:7:3). Nothing was read or changed.")
                .hasMessageContaining("Check the bootstrap servers of cluster nonprod");
        assertThat(calls).containsExactly("describeCluster");
        assertThat(out.resolve("dev").resolve(PlanFiles.PLAN_JSON)).doesNotExist();

        calls.clear();
        assertThatThrownBy(() -> engine.deploy(k.request(events, "dev", REPO).store(store("c")).build(), null))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("has id " + id + ", but the platform definition pins cluster nonprod to id "
                        + OTHER_ID);
        assertThat(calls).containsExactly("describeCluster");
        assertThat(topicExists()).isFalse();

        calls.clear();
        assertThatThrownBy(() -> engine.rotate(k.request(events, "dev", REPO).store(store("c")).build(),
                List.of("billing-service")))
                .isInstanceOf(ClusterException.class).hasMessageContaining("pins cluster nonprod to id " + OTHER_ID);
        assertThat(calls).containsExactly("describeCluster");

        // kafka:import reads a cluster too
        calls.clear();
        PlatformDefinition other = pinned(OTHER_ID);
        assertThatThrownBy(() -> new Onboarding(other, engineSessions()).prepare(new Onboarding.Request(null,
                model(List.of(), List.of(), List.of()), other.stage("dev").orElseThrow(), other.teams().get(0), REPO,
                k.connection("dev"), BrokerSupport.options(), false, false)))
                .isInstanceOf(ClusterException.class).hasMessageContaining("pins cluster nonprod to id " + OTHER_ID);
        assertThat(calls).containsExactly("describeCluster");
    }

    @Test
    void aSavedPlanIsRefusedOnAClusterWithAnotherId() throws Exception {
        StageEngine engine = engine(k.platform);
        PlanOutcome plan = engine.plan(k.request(events, "dev", REPO).build());
        // as if the plan had been made on another cluster: only its id differs
        Path saved = out.resolve("elsewhere.json");
        Files.writeString(saved, Files.readString(plan.planJson()).replace(brokerId(), OTHER_ID));

        assertThatThrownBy(() -> engine.deploy(k.request(events, "dev", REPO).store(store("c")).build(), saved))
                .isInstanceOf(PlanRefusedException.class)
                .hasMessage("The plan file " + saved + " was made on the cluster with id " + OTHER_ID + ", but the"
                        + " cluster of stage dev at " + k.broker.bootstrapServers() + " has id " + brokerId()
                        + ": a reviewed plan is applied only on the cluster it was made on. Nothing was deployed;"
                        + " check the bootstrap servers, or run kafka:plan against this cluster and review the new"
                        + " plan.");
        assertThat(topicExists()).isFalse();

        // the plan as it was made is applied
        assertThat(engine.deploy(k.request(events, "dev", REPO).store(store("c")).build(), plan.planJson())
                .complete()).isTrue();
        assertThat(topicExists()).isTrue();
    }
}
