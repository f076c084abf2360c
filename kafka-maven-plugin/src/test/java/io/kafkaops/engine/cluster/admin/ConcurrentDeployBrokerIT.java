package io.kafkaops.engine.cluster.admin;

import static io.kafkaops.engine.Fixtures.account;
import static io.kafkaops.engine.Fixtures.model;
import static io.kafkaops.engine.Fixtures.produces;
import static io.kafkaops.engine.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaops.engine.DeployOutcome;
import io.kafkaops.engine.EngineOptions;
import io.kafkaops.engine.PlanOutcome;
import io.kafkaops.engine.StageEngine;
import io.kafkaops.engine.apply.EntityResult;
import io.kafkaops.engine.cluster.ClusterException;
import io.kafkaops.engine.cluster.ClusterSession;
import io.kafkaops.engine.cluster.ClusterSessions;
import io.kafkaops.engine.cluster.DeployLease;
import io.kafkaops.engine.cluster.TopicsOfInterest;
import io.kafkaops.engine.ownership.OwnershipRecord;
import io.kafkaops.engine.ownership.OwnershipTopic;
import io.kafkaops.engine.plan.EntityKind;
import io.kafkaops.engine.plan.Plan;
import io.kafkaops.engine.plan.PlanRefusedException;
import io.kafkaops.engine.state.ClusterState;
import io.kafkaops.engine.state.ReadScope;
import io.kafkaops.engine.store.CredentialStore;
import io.kafkaops.model.EntityModel;
import io.kafkaops.model.Severity;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.junit.jupiter.api.Test;

/**
 * Deploys at the same moment on a real broker: two repositories racing for one topic end with exactly one owner and
 * a conflict naming it; a repository's second deploy to a stage waits for the first and fails naming it; the lease of
 * a killed deploy ends by itself.
 */
class ConcurrentDeployBrokerIT extends BrokerTestBase {

    private static final String A = "com.example:billing-a";
    private static final String B = "com.example:billing-b";

    private EntityModel repo(String self) {
        return model(List.of(topic("billing.shared.v1", 1, Map.of()), topic("billing." + self + ".v1", 1, Map.of())),
                List.of(account("billing-" + self)),
                List.of(produces("billing-" + self, "billing.shared.v1", "billing." + self + ".v1")));
    }

    /** A repository with nothing in common with another. */
    private EntityModel own(String self) {
        return model(List.of(topic("billing." + self + ".v1", 1, Map.of())), List.of(account("billing-" + self)),
                List.of(produces("billing-" + self, "billing." + self + ".v1")));
    }

    /** Sessions whose reads wait for each other, so both deploys plan on the state before either claims. */
    private static ClusterSessions racing(KafkaClusterSessions real, CyclicBarrier barrier) {
        return (connection, options) -> {
            ClusterSession s = real.open(connection, options);
            return new ClusterSession() {
                @Override
                public ClusterState read(ReadScope scope, TopicsOfInterest topicsOfInterest) throws ClusterException {
                    ClusterState state = s.read(scope, topicsOfInterest);
                    try {
                        barrier.await(60, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new ClusterException("the other deploy did not read in time: " + e);
                    }
                    return state;
                }

                @Override
                public List<EntityResult> apply(Plan plan, ClusterState current, CredentialStore store)
                        throws ClusterException {
                    return s.apply(plan, current, store);
                }

                @Override
                public DeployLease acquireLease(String stage, String repository, Duration wait)
                        throws ClusterException {
                    return s.acquireLease(stage, repository, wait);
                }

                @Override
                public DeployLease acquireLease(ReadScope scope, String repository, Duration wait)
                        throws ClusterException {
                    return s.acquireLease(scope, repository, wait);
                }

                @Override
                public void refreshIndex() {
                    s.refreshIndex();
                }

                @Override
                public int roundTrips() {
                    return s.roundTrips();
                }

                @Override
                public void close() {
                    s.close();
                }
            };
        };
    }

    @Test
    void twoRepositoriesRacingForOneTopicEndWithExactlyOneOwnerAndAConflictNamingIt() throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(2);
        ClusterSessions sessions = racing(new KafkaClusterSessions(), barrier);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        DeployOutcome a;
        DeployOutcome b;
        try {
            Future<DeployOutcome> ra = pool.submit(() -> new StageEngine(k.platform, out.resolve("a"),
                    sessions).deploy(k.request(repo("a"), "dev", A).store(store("a")).build(), null));
            Future<DeployOutcome> rb = pool.submit(() -> new StageEngine(k.platform, out.resolve("b"),
                    sessions).deploy(k.request(repo("b"), "dev", B).store(store("b")).build(), null));
            a = ra.get(120, TimeUnit.SECONDS);
            b = rb.get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        String shared = k.dev + "billing.shared.v1";
        DeployOutcome winner = won(a, shared) ? a : b;
        DeployOutcome loser = winner == a ? b : a;
        String winnerRepo = winner == a ? A : B;
        String loserSelf = winner == a ? "b" : "a";
        assertThat(won(loser, shared)).as("exactly one created the topic").isFalse();

        assertThat(winner.complete()).isTrue();
        assertThat(loser.complete()).isFalse();
        assertThat(loser.results()).filteredOn(r -> r.status() == EntityResult.Status.CONFLICT)
                .extracting(r -> r.kind() + " " + r.name())
                .containsExactlyInAnyOrder("TOPIC " + shared, "ACL " + aclKey("billing-" + loserSelf, shared, "WRITE"),
                        "ACL " + aclKey("billing-" + loserSelf, shared, "DESCRIBE"));
        assertThat(loser.results()).filteredOn(r -> r.kind() == EntityKind.TOPIC && r.name().equals(shared))
                .singleElement().satisfies(r -> assertThat(r.message()).contains("claimed first by repository "
                        + winnerRepo + " (team billing)"));
        assertThat(loser.results()).filteredOn(r -> r.status() != EntityResult.Status.CONFLICT)
                .allSatisfy(r -> assertThat(r.applied()).as(r.toString()).isTrue());
        assertThat(loser.summary()).contains("3 conflicts");
        assertThat(Files.readString(loser.deployJson())).contains("\"status\" : \"CONFLICT\"");

        // the cluster and the ownership topic, read independently
        Map<String, OwnershipRecord> records = OwnershipTopic.records(k.broker.adminClientProperties());
        assertThat(records.get("topic:" + shared)).satisfies(r -> {
            assertThat(r.repository()).isEqualTo(winnerRepo);
            assertThat(r.claimOnly()).isFalse();
        });
        assertThat(records).doesNotContainKeys("acl:" + aclKey("billing-" + loserSelf, shared, "WRITE"),
                "acl:" + aclKey("billing-" + loserSelf, shared, "DESCRIBE"));
        assertThat(records.get("topic:" + k.dev + "billing." + loserSelf + ".v1").claimOnly()).isFalse();
        assertThat(k.admin.describeAcls(AclBindingFilter.ANY).values().get())
                .noneMatch(x -> x.entry().principal().equals("User:" + k.dev + "billing-" + loserSelf)
                        && x.pattern().name().equals(shared));

        // afterwards: the winner has nothing to do, the loser's plan names the owner (refused as any conflict)
        assertThat(k.engine(out).plan(k.request(repo(winner == a ? "a" : "b"), "dev", winnerRepo).build())
                .plan().hasChanges()).isFalse();
        PlanOutcome again = k.engine(out).plan(k.request(repo(loserSelf), "dev", winner == a ? B : A).build());
        assertThat(again.problems()).anySatisfy(d -> {
            assertThat(d.severity()).isEqualTo(Severity.ERROR);
            assertThat(d.message()).contains(winnerRepo);
        });
        assertThatThrownBy(() -> k.engine(out).deploy(k.request(repo(loserSelf), "dev", winner == a ? B : A)
                .store(store(loserSelf)).build(), null)).isInstanceOf(PlanRefusedException.class)
                .hasMessageContaining(winnerRepo);
    }

    private static boolean won(DeployOutcome o, String topic) {
        return o.results().stream().anyMatch(r -> r.kind() == EntityKind.TOPIC && r.name().equals(topic)
                && r.applied());
    }

    private String aclKey(String account, String topic, String operation) {
        return "User:" + k.dev + account + "|TOPIC|LITERAL|" + topic + "|" + operation + "|ALLOW|*";
    }

    private EngineOptions waiting(Duration wait) {
        return new EngineOptions(false, false, BrokerSupport.TIMEOUT, wait);
    }

    @Test
    void aSecondDeployOfTheSameRepositoryToTheStageWaitsThenFailsNamingTheRunningOne() throws Exception {
        EntityModel m = own("a");
        List<String> notices = new CopyOnWriteArrayList<>();
        KafkaClusterSessions sessions = new KafkaClusterSessions((Consumer<String>) notices::add);
        try (ClusterSession first = new KafkaClusterSessions().open(k.connection("dev"), BrokerSupport.options());
             DeployLease held = first.acquireLease("dev", A, Duration.ZERO)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> k.engine(out, sessions).deploy(k.request(m, "dev", A).options(
                    waiting(Duration.ofSeconds(2))).store(store("a")).build(), null))
                    .isInstanceOf(ClusterException.class)
                    .hasMessageContaining("Another deploy of " + A + " to stage dev is running: holder ")
                    .hasMessageContaining(" on host ")
                    .hasMessageContaining(", since ")
                    .hasMessageContaining("Waited 2 s (kafka.leaseWait); nothing was deployed");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(notices).anySatisfy(n -> assertThat(n).startsWith("Waiting up to 2 s (kafka.leaseWait) for"
                    + " the deploy of " + A + " to stage dev that is running: holder "));
            assertThat(k.admin.listTopics().names().get()).doesNotContain(k.dev + "billing.a.v1");
            // a plan does not wait, and takes the lease record for nothing it owns or has to change
            PlanOutcome planned = k.engine(out).plan(k.request(m, "dev", A).build());
            assertThat(planned.problems()).isEmpty();
            assertThat(planned.plan().changes()).noneMatch(c -> c.name().contains("lease"));
            // a deploy of another repository to the same stage does not wait
            assertThat(k.engine(out.resolve("b"), sessions).deploy(k.request(own("b"), "dev", B).options(
                    waiting(Duration.ZERO)).store(store("b")).build(), null).complete()).isTrue();
        }
        // released: the next deploy goes ahead at once
        assertThat(k.engine(out, sessions).deploy(k.request(m, "dev", A).options(waiting(Duration.ZERO))
                .store(store("a")).build(), null).results())
                .filteredOn(r -> r.name().equals(k.dev + "billing.a.v1")).singleElement()
                .satisfies(r -> assertThat(r.applied()).isTrue());
        assertThat(OwnershipTopic.latest(k.broker.adminClientProperties()).keySet())
                .noneMatch(key -> key.startsWith("lease:dev:" + A + ":"));
    }

    @Test
    void aDeployWaitingForARunningOneGoesAheadWhenThatOneEnds() throws Exception {
        List<String> notices = new CopyOnWriteArrayList<>();
        ClusterSession first = new KafkaClusterSessions().open(k.connection("dev"), BrokerSupport.options());
        DeployLease held = first.acquireLease("dev", A, Duration.ZERO);
        // the first deploy ends as soon as the second says it waits
        KafkaClusterSessions sessions = new KafkaClusterSessions((Consumer<String>) line -> {
            notices.add(line);
            if (line.startsWith("Waiting up to")) {
                held.close();
                first.close();
            }
        });
        DeployOutcome second = k.engine(out, sessions).deploy(k.request(own("a"), "dev", A)
                .options(waiting(Duration.ofSeconds(60))).store(store("a")).build(), null);
        assertThat(second.complete()).isTrue();
        assertThat(notices).hasSize(1);
    }

    @Test
    void theLeaseOfAKilledDeployEndsByItself() throws Exception {
        Path props = out.resolve("client.properties");
        Properties p = new Properties();
        k.broker.adminClientProperties().forEach((key, v) -> p.put(key, String.valueOf(v)));
        try (OutputStream o = Files.newOutputStream(props)) {
            p.store(o, null);
        }
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), LeaseHolderMain.class.getName(),
                props.toString(), k.broker.bootstrapServers(), "dev", A, "3000")
                .redirectErrorStream(true).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            ExecutorService reader = Executors.newSingleThreadExecutor();
            try {
                Future<Boolean> held = reader.submit(() -> {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (line.equals("HELD")) return true;
                    }
                    return false;
                });
                assertThat(held.get(90, TimeUnit.SECONDS)).as("the child holds the lease").isTrue();
            } finally {
                reader.shutdownNow();
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        Files.delete(props);

        List<String> notices = new CopyOnWriteArrayList<>();
        DeployOutcome taken = k.engine(out, new KafkaClusterSessions((Consumer<String>) notices::add)).deploy(k.request(own("a"), "dev",
                A).options(waiting(Duration.ofSeconds(60))).store(store("a")).build(), null);
        assertThat(taken.complete()).isTrue();
        // the killed deploy's lease had up to 3 s left: the deploy waited for it (unless it started later than that)
        assertThat(notices).allSatisfy(n -> assertThat(n).startsWith("Waiting up to 60 s (kafka.leaseWait)"));
    }
}
