package io.kafkaops.it.bench;

import io.kafkaops.engine.ClusterConnection;
import io.kafkaops.engine.DeployOutcome;
import io.kafkaops.engine.EngineOptions;
import io.kafkaops.engine.PlanOutcome;
import io.kafkaops.engine.StageEngine;
import io.kafkaops.engine.embedded.KafkaBroker;
import io.kafkaops.engine.store.FileCredentialStore;
import io.kafkaops.model.platform.Cluster;
import io.kafkaops.model.platform.PlatformDefinition;
import io.kafkaops.model.platform.SecretStoreConfig;
import io.kafkaops.model.platform.Stage;
import io.kafkaops.model.platform.Team;
import io.kafkaops.model.platform.TeamPrefixes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Plan and deploy of one large stage against a real local broker: 5,000 topics (1 to 3 partitions, two or three
 * configs each), 1,000 service accounts with SCRAM credentials and 25,000 ACL bindings. The engine
 * ({@link StageEngine}: plan on the empty cluster, deploy, plan again, deploy again) runs beside the same work done
 * with raw batched Admin calls, each on a freshly started broker, and the table shows wall time and Admin round
 * trips of both. A harness that prints figures, not a test.
 *
 * <pre>
 * mvn -B -q -o -pl it -am -Pbench test-compile
 * java -cp "it/target/test-classes:$(cat it/target/bench.classpath)" io.kafkaops.it.bench.PlanDeployBenchmark
 * </pre>
 *
 * System properties: {@code bench.topics} (5000), {@code bench.accounts} (1000), {@code bench.brokerHeap} (2g),
 * {@code bench.timeout} (seconds per step, 600), {@code bench.aclBatch} (bindings per raw createAcls call, 5000 like
 * the engine's batches).
 */
public final class PlanDeployBenchmark {

    private static final String REPOSITORY = "com.example.billing:bench-service";
    private static final String TEAM = "billing";
    private static final String STAGE = "bench";
    private static final String PREFIX = "bench.";
    private static final String WARMUP_STAGE = "warmup";
    private static final String WARMUP_PREFIX = "warmup.";

    private PlanDeployBenchmark() {
    }

    record Row(String operation, Timing engine, int engineTrips, Timing raw, int rawTrips) {
    }

    public static void main(String[] args) throws Exception {
        Workload workload = new Workload(Integer.getInteger("bench.topics", 5_000),
                Integer.getInteger("bench.accounts", 1_000));
        Workload warmup = new Workload(100, 20);
        Duration timeout = Duration.ofSeconds(Integer.getInteger("bench.timeout", 600));
        String heap = System.getProperty("bench.brokerHeap", "2g");
        int aclBatch = Integer.getInteger("bench.aclBatch", 5_000);
        Path work = Files.createTempDirectory("kafkaops-plan-deploy-bench");
        System.out.printf("Workload: %d topics (%d partitions), %d service accounts with credentials, %d ACL"
                        + " bindings; broker heap %s; load average %s%n", workload.topics(), workload.partitionCount(),
                workload.accounts(), workload.bindings(), heap, Bench.loadAverage());
        try {
            List<Row> rows = new ArrayList<>();
            Map<String, Timing> raw = new LinkedHashMap<>();
            Map<String, Integer> rawTrips = new LinkedHashMap<>();
            try (KafkaBroker broker = broker(work.resolve("broker-raw"), heap)) {
                try (RawAdmin w = new RawAdmin(broker.adminClientProperties(), timeout, aclBatch)) {
                    w.read(WARMUP_PREFIX);
                    w.deploy(warmup, WARMUP_PREFIX);
                    w.read(WARMUP_PREFIX);
                }
                try (RawAdmin r = new RawAdmin(broker.adminClientProperties(), timeout, aclBatch)) {
                    rawStep(raw, rawTrips, "read (empty)", r, () -> r.read(PREFIX));
                    long start = System.nanoTime();
                    rawStep(raw, rawTrips, "write", r, () -> {
                        r.deploy(workload, PREFIX);
                        return null;
                    });
                    System.out.printf("raw: the write calls returned after %.0f ms, the broker showed all ACLs and"
                            + " users %.0f ms later%n", Bench.millis(r.writesReturned() - start),
                            Bench.millis(System.nanoTime() - r.writesReturned()));
                    rawStep(raw, rawTrips, "read (full)", r, () -> r.read(PREFIX));
                    rawStep(raw, rawTrips, "read (full) again", r, () -> r.read(PREFIX));
                    System.out.println("raw: the stage holds " + raw.get("read (full)").result());
                }
                System.out.println("load average: " + Bench.loadAverage());
            }

            try (KafkaBroker broker = broker(work.resolve("broker-engine"), heap)) {
                PlatformDefinition platform = platform(broker.bootstrapServers());
                StageEngine engine = new StageEngine(platform, work.resolve("out"));
                ClusterConnection conn = connection(broker, STAGE);
                EngineOptions options = new EngineOptions(false, false, timeout);
                FileCredentialStore store = new FileCredentialStore(work.resolve("credentials/billing-bench.json"));

                // warm-up on its own stage, as the raw side did
                ClusterConnection warmConn = connection(broker, WARMUP_STAGE);
                FileCredentialStore warmStore = new FileCredentialStore(work.resolve("credentials/warmup.json"));
                engine.plan(warmup.model(), WARMUP_STAGE, REPOSITORY, TEAM, warmConn, options, warmStore);
                check(engine.deploy(warmup.model(), WARMUP_STAGE, REPOSITORY, TEAM, warmConn, options, null,
                        warmStore));
                engine.plan(warmup.model(), WARMUP_STAGE, REPOSITORY, TEAM, warmConn, options, warmStore);

                var model = workload.model();
                Timing plan1 = Timing.of(call(() -> engine.plan(model, STAGE, REPOSITORY, TEAM, conn, options, store)));
                PlanOutcome p1 = (PlanOutcome) plan1.result();
                System.out.println("engine: " + p1.summary() + " in " + plan1);
                rows.add(new Row("plan, empty stage (raw: read)", plan1, p1.adminRoundTrips(),
                        raw.get("read (empty)"), rawTrips.get("read (empty)")));

                Timing deploy1 = Timing.of(call(() -> engine.deploy(model, STAGE, REPOSITORY, TEAM, conn, options,
                        null, store)));
                DeployOutcome d1 = (DeployOutcome) deploy1.result();
                System.out.println("engine: " + d1.summary() + " in " + deploy1);
                check(d1);
                rows.add(new Row("deploy, everything new (raw: write)", deploy1, d1.adminRoundTrips(),
                        raw.get("write"), rawTrips.get("write")));

                Timing plan2 = Timing.of(call(() -> engine.plan(model, STAGE, REPOSITORY, TEAM, conn, options, store)));
                PlanOutcome p2 = (PlanOutcome) plan2.result();
                System.out.println("engine: " + p2.summary() + " in " + plan2);
                if (p2.hasChanges()) System.out.println("WARNING: the second plan has changes");
                rows.add(new Row("plan again, no changes (raw: read)", plan2, p2.adminRoundTrips(),
                        raw.get("read (full)"), rawTrips.get("read (full)")));

                Timing deploy2 = Timing.of(call(() -> engine.deploy(model, STAGE, REPOSITORY, TEAM, conn, options,
                        null, store)));
                DeployOutcome d2 = (DeployOutcome) deploy2.result();
                System.out.println("engine: " + d2.summary() + " in " + deploy2);
                if (!d2.results().isEmpty()) System.out.println("WARNING: the second deploy changed something");
                rows.add(new Row("deploy again, no changes (raw: read)", deploy2, d2.adminRoundTrips(),
                        raw.get("read (full) again"), rawTrips.get("read (full) again")));

                try (RawAdmin check = new RawAdmin(broker.adminClientProperties(), timeout, aclBatch)) {
                    System.out.println("engine: the stage holds " + check.read(PREFIX));
                }
                System.out.println("load average: " + Bench.loadAverage());
            }

            System.out.println();
            System.out.println("| operation | engine wall (CPU) | engine round trips | raw wall (CPU) | raw round trips"
                    + " | wall ratio |");
            System.out.println("|---|---|---|---|---|---|");
            for (Row r : rows) {
                System.out.printf("| %s | %s | %d | %s | %d | %.2f |%n", r.operation(), r.engine(), r.engineTrips(),
                        r.raw(), r.rawTrips(), r.engine().wallMillis() / r.raw().wallMillis());
            }
            System.out.println("CPU: of this JVM (the broker runs in its own process)");
        } finally {
            Bench.deleteTree(work);
        }
    }

    private static void check(DeployOutcome d) {
        if (!d.complete()) {
            d.lines().stream().limit(10).forEach(l -> System.out.println("  " + l));
            throw new IllegalStateException("the deploy did not complete: " + d.summary());
        }
    }

    private static void rawStep(Map<String, Timing> times, Map<String, Integer> trips, String name, RawAdmin r,
                                Callable<?> step) {
        int before = r.roundTrips();
        Timing t = Timing.of(call(step));
        times.put(name, t);
        trips.put(name, r.roundTrips() - before);
        System.out.println("raw: " + name + " took " + t);
    }

    private static java.util.function.Supplier<Object> call(Callable<?> c) {
        return () -> {
            try {
                return c.call();
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        };
    }

    private static KafkaBroker broker(Path dataDir, String heap) {
        KafkaBroker broker = KafkaBroker.builder()
                .classpath(KafkaBroker.currentJvmClasspath())
                .dataDir(dataDir)
                .maxHeap(heap)
                .startTimeout(Duration.ofMinutes(3))
                .build();
        broker.start();
        return broker;
    }

    private static ClusterConnection connection(KafkaBroker broker, String stage) {
        Map<String, String> props = new LinkedHashMap<>();
        broker.adminClientProperties().forEach((k, v) -> props.put(k, String.valueOf(v)));
        return new ClusterConnection(stage, broker.bootstrapServers(), props);
    }

    private static PlatformDefinition platform(String bootstrap) {
        Cluster local = new Cluster("local", Cluster.TYPE_APACHE_KAFKA, bootstrap, Map.of(), null, null);
        Team billing = new Team(TEAM, new TeamPrefixes(List.of("billing."), List.of("billing-"), List.of("billing-"),
                List.of("billing-")), List.of("com.example.billing:*"),
                Map.of("*", new SecretStoreConfig(SecretStoreConfig.TYPE_FILE, "credentials/{team}-{stage}.json",
                        Map.of())), null);
        return new PlatformDefinition(
                List.of(new Stage(WARMUP_STAGE, "local", WARMUP_PREFIX, true, null),
                        new Stage(STAGE, "local", PREFIX, true, null)),
                Map.of("local", local), List.of(billing), List.of(), 1, 1, "plan-deploy-benchmark");
    }
}
