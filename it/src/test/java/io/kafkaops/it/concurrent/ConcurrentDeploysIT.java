package io.kafkaops.it.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.engine.DeployOutcome;
import io.kafkaops.engine.EngineOptions;
import io.kafkaops.engine.Fixtures;
import io.kafkaops.engine.StageEngine;
import io.kafkaops.engine.StageRequest;
import io.kafkaops.engine.apply.EntityResult;
import io.kafkaops.engine.cluster.ClusterConnection;
import io.kafkaops.engine.cluster.admin.KafkaClusterSessions;
import io.kafkaops.engine.local.TestBroker;
import io.kafkaops.engine.local.TestKafka;
import io.kafkaops.engine.ownership.Ownership;
import io.kafkaops.engine.ownership.OwnershipRecord;
import io.kafkaops.engine.ownership.OwnershipTopic;
import io.kafkaops.engine.plan.EntityKind;
import io.kafkaops.engine.plan.PlanRefusedException;
import io.kafkaops.engine.store.file.FileCredentialStore;
import io.kafkaops.model.EntityModel;
import io.kafkaops.model.Grant;
import io.kafkaops.model.ServiceAccount;
import io.kafkaops.model.Topic;
import io.kafkaops.model.platform.Cluster;
import io.kafkaops.model.platform.PlatformDefinition;
import io.kafkaops.model.platform.SecretStoreConfig;
import io.kafkaops.model.platform.Stage;
import io.kafkaops.model.platform.Team;
import io.kafkaops.model.platform.TeamPrefixes;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twenty repositories of four teams deploy to one broker at the same moment, two of them declaring the same topic.
 * Afterwards exactly one owns that topic and the other failed with a conflict naming it; every other repository
 * succeeded; every entity on the stage has exactly one ownership record (its owner's, confirmed), and no claim or lease
 * is left over; a second round at the same moment changes nothing; no ACL or credential is lost, checked with an
 * independent Admin client, the stores, and a login with every stored credential.
 *
 * <p>The deploys run through the engine in 20 threads of this JVM, each with its own sessions (Admin client, producer
 * and consumers of its own), not as 20 {@code mvn} processes: on two cores 20 Maven JVMs would spend minutes starting
 * up, one after the other, so they would hardly overlap on the cluster, which is what this test is about. The goals
 * are thin over this engine path (kafka:deploy calls {@link StageEngine#deploy} alike).
 */
class ConcurrentDeploysIT {

    private static final List<String> TEAMS = List.of("billing", "toll", "fleet", "payments");
    private static final int REPOSITORIES = 20;
    private static final String STAGE = "test";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    private final TestKafka broker = TestBroker.get();
    private final String prefix = TestBroker.uniqueName("cc") + ".";

    private record Repo(String repository, String team, String self, EntityModel model) {
    }

    @Test
    void twentyRepositoriesOfFourTeamsDeployAtOnce() throws Exception {
        PlatformDefinition platform = platform();
        List<Repo> repos = repos();
        Map<String, FileCredentialStore> stores = new TreeMap<>();
        for (String t : TEAMS) stores.put(t, new FileCredentialStore(work.resolve("credentials/" + t + ".json")));
        ClusterConnection connection = connection();
        String shared = prefix + "billing.shared.v1";

        long start = System.nanoTime();
        Map<String, Object> first = round(platform, repos, stores, connection);
        long wall = System.nanoTime() - start;
        System.out.printf("ConcurrentDeploysIT: round 1, %d repositories deploying at once: %.1f s wall time%n",
                REPOSITORIES, wall / 1e9);

        // exactly one of the two owns the shared topic; the other failed with a conflict naming it
        Map<String, OwnershipRecord> records = ownershipOfStage();
        String owner = records.get(Ownership.key(EntityKind.TOPIC, shared)).repository();
        assertThat(owner).isIn(repos.get(0).repository(), repos.get(4).repository());
        String loser = owner.equals(repos.get(0).repository()) ? repos.get(4).repository()
                : repos.get(0).repository();
        Object lost = first.get(loser);
        if (lost instanceof DeployOutcome o) {
            System.out.println("ConcurrentDeploysIT: " + loser + " lost the race at its claims (arbitration)");
            assertThat(o.complete()).isFalse();
            assertThat(o.results()).filteredOn(r -> r.kind() == EntityKind.TOPIC && r.name().equals(shared))
                    .singleElement().satisfies(r -> {
                        assertThat(r.status()).isEqualTo(EntityResult.Status.CONFLICT);
                        assertThat(r.message()).contains("claimed first by repository " + owner);
                    });
            assertThat(o.results()).filteredOn(r -> r.status() != EntityResult.Status.CONFLICT)
                    .allSatisfy(r -> assertThat(r.applied()).as(r.toString()).isTrue());
        } else {
            System.out.println("ConcurrentDeploysIT: " + loser + " planned after the claim (refused at plan time)");
            assertThat(lost).isInstanceOf(PlanRefusedException.class);
            assertThat(((Exception) lost).getMessage()).contains(owner);
        }
        for (Repo r : repos) {
            if (r.repository().equals(loser)) continue;
            assertThat(first.get(r.repository())).as(r.repository()).isInstanceOf(DeployOutcome.class);
            DeployOutcome o = (DeployOutcome) first.get(r.repository());
            assertThat(o.complete()).as(r.repository() + ": " + o.results()).isTrue();
        }

        // refused at plan time, the loser deployed nothing at all; after losing at its claims, everything else
        boolean loserDeployed = lost instanceof DeployOutcome;
        Snapshot before = snapshot(repos, stores, owner, loser, loserDeployed);

        long again = System.nanoTime();
        Map<String, Object> second = round(platform, repos, stores, connection);
        System.out.printf("ConcurrentDeploysIT: round 2 (nothing to change): %.1f s wall time%n",
                (System.nanoTime() - again) / 1e9);
        for (Repo r : repos) {
            Object o = second.get(r.repository());
            if (r.repository().equals(loser)) {
                assertThat(o).isInstanceOf(PlanRefusedException.class);
                assertThat(((Exception) o).getMessage()).contains(owner);
            } else {
                assertThat(o).as(r.repository()).isInstanceOf(DeployOutcome.class);
                assertThat(((DeployOutcome) o).results()).as(r.repository()).isEmpty();
            }
        }
        assertThat(snapshot(repos, stores, owner, loser, loserDeployed)).isEqualTo(before);
    }

    /** Every deploy at once; by repository, its outcome or the exception it ended with. */
    private Map<String, Object> round(PlatformDefinition platform, List<Repo> repos,
                                      Map<String, FileCredentialStore> stores, ClusterConnection connection)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(repos.size());
        CountDownLatch go = new CountDownLatch(1);
        Map<String, Future<Object>> futures = new LinkedHashMap<>();
        try {
            for (Repo r : repos) {
                StageEngine engine = new StageEngine(platform, work.resolve("out").resolve(r.self()),
                        new KafkaClusterSessions());
                StageRequest request = StageRequest.builder().model(r.model()).stage(STAGE)
                        .repository(r.repository()).team(r.team()).connection(connection)
                        .options(new EngineOptions(false, false, TIMEOUT)).store(stores.get(r.team())).build();
                futures.put(r.repository(), pool.submit(() -> {
                    go.await();
                    try {
                        return engine.deploy(request, null);
                    } catch (PlanRefusedException e) {
                        return e;
                    }
                }));
            }
            go.countDown();
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, Future<Object>> f : futures.entrySet()) {
                out.put(f.getKey(), f.getValue().get(150, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** What the stage holds, read independently; checked on the way: one confirmed record per entity, nothing lost. */
    private record Snapshot(Set<String> topics, Set<String> acls, Set<String> users, Map<String, String> records) {
    }

    private Snapshot snapshot(List<Repo> repos, Map<String, FileCredentialStore> stores, String owner, String loser,
                              boolean loserDeployed) throws Exception {
        try (Admin admin = Admin.create(broker.adminClientProperties())) {
            Set<String> topics = admin.listTopics().names().get().stream().filter(t -> t.startsWith(prefix))
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> acls = new TreeSet<>();
            for (AclBinding b : admin.describeAcls(AclBindingFilter.ANY).values().get()) {
                if (!b.entry().principal().startsWith("User:" + prefix)) continue;
                acls.add(b.entry().principal() + "|" + b.pattern().resourceType() + "|" + b.pattern().patternType()
                        + "|" + b.pattern().name() + "|" + b.entry().operation() + "|" + b.entry().permissionType()
                        + "|" + b.entry().host());
            }
            Set<String> users = admin.describeUserScramCredentials().all().get().keySet().stream()
                    .filter(u -> u.startsWith(prefix)).collect(Collectors.toCollection(TreeSet::new));

            Map<String, OwnershipRecord> records = ownershipOfStage();
            Set<String> entities = new TreeSet<>();
            topics.forEach(t -> entities.add(Ownership.key(EntityKind.TOPIC, t)));
            users.forEach(u -> entities.add(Ownership.key(EntityKind.SERVICE_ACCOUNT, u)));
            acls.forEach(a -> entities.add(Ownership.key(EntityKind.ACL, a)));
            // one record per entity, confirmed, and no record (a claim left over) without its entity
            assertThat(records.keySet()).isEqualTo(entities);
            assertThat(records.values()).allSatisfy(r -> assertThat(r.claimOnly()).as(r.name()).isFalse());
            assertThat(OwnershipTopic.latest(broker.adminClientProperties()).keySet())
                    .noneMatch(k -> k.startsWith(Ownership.LEASE_PREFIX + STAGE + ":com.example:"));

            for (Repo r : repos) {
                String account = prefix + r.team() + "-" + r.self();
                if (r.repository().equals(loser) && !loserDeployed) {
                    assertThat(records.values()).noneMatch(x -> x.repository().equals(loser));
                    assertThat(users).doesNotContain(account);
                    continue;
                }
                String repoOfTopic0 = records.get(Ownership.key(EntityKind.TOPIC, prefix + r.team() + "." + r.self()
                        + ".t0.v1")).repository();
                assertThat(repoOfTopic0).isEqualTo(r.repository());
                assertThat(records.get(Ownership.key(EntityKind.SERVICE_ACCOUNT, account)).repository())
                        .isEqualTo(r.repository());
                // every grant's ACLs are there (the loser's on the shared topic aside)
                for (int t = 0; t < 3; t++) {
                    assertThat(acls).contains("User:" + account + "|TOPIC|LITERAL|" + prefix + r.team() + "."
                            + r.self() + ".t" + t + ".v1|WRITE|ALLOW|*");
                }
                assertThat(acls).contains("User:" + account + "|GROUP|LITERAL|" + account + "|READ|ALLOW|*");
                String shared = prefix + "billing.shared.v1";
                if (r.repository().equals(owner)) {
                    assertThat(acls).contains("User:" + account + "|TOPIC|LITERAL|" + shared + "|WRITE|ALLOW|*");
                } else if (r.repository().equals(loser)) {
                    assertThat(acls).noneMatch(a -> a.startsWith("User:" + account + "|") && a.contains(shared));
                }
                // the credential: on the cluster, in the team's store, and it logs in
                assertThat(users).contains(account);
                assertThat(stores.get(r.team()).existing(STAGE, r.team())).contains(account);
                login(stores.get(r.team()).propertiesDirectory().resolve(account + ".properties"));
            }
            Map<String, String> raw = new TreeMap<>();
            records.forEach((k, v) -> raw.put(k, v.canonical()));
            return new Snapshot(topics, acls, users, raw);
        }
    }

    private Map<String, OwnershipRecord> ownershipOfStage() {
        Map<String, OwnershipRecord> out = new TreeMap<>();
        OwnershipTopic.records(broker.adminClientProperties()).forEach((k, v) -> {
            if (Ownership.scopeName(k).startsWith(prefix)) out.put(k, v);
        });
        return out;
    }

    private static void login(Path properties) throws Exception {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(properties)) {
            p.load(in);
        }
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "40000");
        try (Admin client = Admin.create(p)) {
            assertThat(client.describeCluster().clusterId().get(20, TimeUnit.SECONDS)).isNotBlank();
        }
    }

    private List<Repo> repos() {
        List<Repo> out = new ArrayList<>();
        for (int i = 0; i < REPOSITORIES; i++) {
            String team = TEAMS.get(i % TEAMS.size());
            String self = "svc" + i;
            String account = team + "-" + self;
            List<Topic> topics = new ArrayList<>();
            List<String> produced = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                String name = team + "." + self + ".t" + t + ".v1";
                topics.add(Fixtures.topic(name, 1, Map.of()));
                produced.add(name);
            }
            if (i == 0 || i == 4) {
                // two billing repositories declaring the same topic
                topics.add(Fixtures.topic("billing.shared.v1", 1, Map.of()));
                produced.add("billing.shared.v1");
            }
            List<ServiceAccount> accounts = List.of(Fixtures.account(account));
            List<Grant> grants = List.of(Fixtures.produces(account, produced.toArray(String[]::new)),
                    Fixtures.consumes(account, account, team + "." + self + ".t0.v1"));
            out.add(new Repo("com.example:" + account, team, self, Fixtures.model(topics, accounts, grants)));
        }
        return out;
    }

    private PlatformDefinition platform() {
        List<Stage> stages = List.of(new Stage(STAGE, "shared", prefix, true, null));
        Map<String, Cluster> clusters = Map.of("shared", new Cluster("shared", Cluster.TYPE_APACHE_KAFKA,
                broker.bootstrapServers(), Map.of(), null, null));
        List<Team> teams = new ArrayList<>();
        for (String t : TEAMS) {
            teams.add(new Team(t, new TeamPrefixes(List.of(t + "."), List.of(t + "-"), List.of(t + "-"),
                    List.of(t + "-")), List.of("com.example:" + t + "-*"), Map.of("*", new SecretStoreConfig(
                    SecretStoreConfig.TYPE_FILE, "target/kafka/credentials/{team}-{stage}.json", Map.of())), null));
        }
        return new PlatformDefinition(stages, clusters, teams, List.of(), 1, 1, "concurrent-platform");
    }

    private ClusterConnection connection() {
        Map<String, String> props = new LinkedHashMap<>();
        broker.adminClientProperties().forEach((k, v) -> props.put(k, String.valueOf(v)));
        return new ClusterConnection(STAGE, broker.bootstrapServers(), props);
    }
}
