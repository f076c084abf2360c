package io.kafkaops.it.bench;

import io.kafkaops.engine.ClusterWiring;
import io.kafkaops.engine.DeployOutcome;
import io.kafkaops.engine.EngineOptions;
import io.kafkaops.engine.PlanOutcome;
import io.kafkaops.engine.StageEngine;
import io.kafkaops.engine.StageRequest;
import io.kafkaops.engine.cluster.ClusterConnection;
import io.kafkaops.engine.local.KafkaBroker;
import io.kafkaops.engine.store.file.FileCredentialStore;
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
 * trips of both. The steps that change nothing are also compared with the raw read on the engine's broker, each engine
 * run followed by one raw read (alternated, so that both see the same load on a shared machine). A harness that
 * prints figures, not a test.
 *
 * <pre>
 * mvn -B -q -o -pl it -am -Pbench test-compile
 * java -cp "it/target/test-classes:$(cat it/target/bench.classpath)" io.kafkaops.it.bench.PlanDeployBenchmark
 * </pre>
 *
 * System properties: {@code bench.topics} (5000), {@code bench.accounts} (1000), {@code bench.brokerHeap} (2g),
 * {@code bench.timeout} (seconds per step, 600), {@code bench.aclBatch} (bindings per raw createAcls call, 5000 like
 * the engine's batches), {@code bench.repeat} (runs of each step that changes nothing, 3: the median is shown),
 * {@code bench.planOnly} (true: only the plan on the empty stage beside the raw read, for profiling the planner),
 * {@code bench.partitions} (partitions of every topic; unset, 1 to 3 by turns).
 *
 * <p>The small-repository case: a repository of {@code bench.smallTopics} (10) topics and {@code bench.smallAccounts}
 * (2) accounts on a stage of its own (prefix {@code small.}) on the engine's broker, planned (and deployed with nothing
 * to change) once on the cluster that holds only it and the warm-up, and again after the large stage was deployed
 * beside it: its reads should cost what its own entities cost, not what the cluster holds. Last, the same plans
 * without the ownership index topic (a read from the beginning of the ownership topic, as before the index).
 * The benchmark JVM's peak resident memory (VmHWM) and heap in use are printed after each engine step. Every timed
 * step, engine or raw, starts on a collected heap ({@code System.gc()} before it, outside the time).
 */
public final class PlanDeployBenchmark {

    private static final String REPOSITORY = "com.example.billing:bench-service";
    private static final String TEAM = "billing";
    private static final String STAGE = "bench";
    private static final String PREFIX = "bench.";
    private static final String WARMUP_STAGE = "warmup";
    private static final String WARMUP_PREFIX = "warmup.";
    private static final String SMALL_REPOSITORY = "com.example.billing:small-service";
    private static final String SMALL_STAGE = "small";
    private static final String SMALL_PREFIX = "small.";

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
        int repeat = Integer.getInteger("bench.repeat", 3);
        boolean planOnly = Boolean.getBoolean("bench.planOnly");
        Path work = Files.createTempDirectory("kafkaops-plan-deploy-bench");
        System.out.printf("Workload: %d topics (%d partitions), %d service accounts with credentials, %d ACL"
                        + " bindings; broker heap %s; load average %s%n", workload.topics(), workload.partitionCount(),
                workload.accounts(), workload.bindings(), heap, Bench.loadAverage());
        try {
            List<Row> rows = new ArrayList<>();
            smallRows.clear();
            Map<String, Timing> raw = new LinkedHashMap<>();
            Map<String, Integer> rawTrips = new LinkedHashMap<>();
            try (KafkaBroker broker = broker(work.resolve("broker-raw"), heap)) {
                try (RawAdmin w = new RawAdmin(broker.adminClientProperties(), timeout, aclBatch)) {
                    w.read(WARMUP_PREFIX);
                    w.deploy(warmup, WARMUP_PREFIX);
                    w.read(WARMUP_PREFIX);
                }
                try (RawAdmin r = new RawAdmin(broker.adminClientProperties(), timeout, aclBatch)) {
                    rawStep(raw, rawTrips, "read (empty)", repeat, r, () -> r.read(PREFIX));
                }
                if (!planOnly) try (RawAdmin r = new RawAdmin(broker.adminClientProperties(), timeout, aclBatch)) {
                    long start = System.nanoTime();
                    rawStep(raw, rawTrips, "write", 1, r, () -> {
                        r.deploy(workload, PREFIX);
                        return null;
                    });
                    System.out.printf("raw: the write calls returned after %.0f ms, the broker showed all ACLs and"
                            + " users %.0f ms later%n", Bench.millis(r.writesReturned() - start),
                            Bench.millis(System.nanoTime() - r.writesReturned()));
                    rawStep(raw, rawTrips, "read (full)", repeat, r, () -> r.read(PREFIX));
                    System.out.println("raw: the stage holds " + raw.get("read (full)").result());
                }
                System.out.println("load average: " + Bench.loadAverage());
            }

            try (KafkaBroker broker = broker(work.resolve("broker-engine"), heap)) {
                PlatformDefinition platform = platform(broker.bootstrapServers());
                StageEngine engine = new StageEngine(platform, work.resolve("out"), ClusterWiring.adminClient(null));
                ClusterConnection conn = connection(broker, STAGE);
                EngineOptions options = new EngineOptions(false, false, timeout);
                FileCredentialStore store = new FileCredentialStore(work.resolve("credentials/billing-bench.json"));

                // warm-up on its own stage, as the raw side did
                ClusterConnection warmConn = connection(broker, WARMUP_STAGE);
                FileCredentialStore warmStore = new FileCredentialStore(work.resolve("credentials/warmup.json"));
                StageRequest warm = StageRequest.builder().model(warmup.model()).stage(WARMUP_STAGE)
                        .repository(REPOSITORY).team(TEAM).connection(warmConn).options(options).store(warmStore)
                        .build();
                engine.plan(warm);
                check(engine.deploy(warm, null));
                engine.plan(warm);

                StageRequest request = StageRequest.builder().model(workload.model()).stage(STAGE)
                        .repository(REPOSITORY).team(TEAM).connection(conn).options(options).store(store).build();
                Callable<PlanOutcome> plan = () -> engine.plan(request);
                Callable<DeployOutcome> deploy = () -> engine.deploy(request, null);

                // the small repository on the cluster that holds only it (and the warm-up)
                Workload smallWork = new Workload(Integer.getInteger("bench.smallTopics", 10),
                        Integer.getInteger("bench.smallAccounts", 2));
                FileCredentialStore smallStore = new FileCredentialStore(work.resolve("credentials/small.json"));
                StageRequest small = StageRequest.builder().model(smallWork.model()).stage(SMALL_STAGE)
                        .repository(SMALL_REPOSITORY).team(TEAM).connection(connection(broker, SMALL_STAGE))
                        .options(options).store(smallStore).build();
                check(engine.deploy(small, null));
                Timing smallPlanEmpty = engineStep("small repository: plan, empty cluster", repeat,
                        () -> engine.plan(small));
                Timing smallDeployEmpty = engineStep("small repository: deploy, nothing to change, empty cluster",
                        repeat, () -> engine.deploy(small, null));

                Timing plan1 = engineStep("plan on the empty stage", repeat, plan);
                PlanOutcome p1 = (PlanOutcome) plan1.result();
                rows.add(new Row("plan, empty stage (raw: read)", plan1, p1.adminRoundTrips(),
                        raw.get("read (empty)"), rawTrips.get("read (empty)")));
                if (planOnly) {
                    print(rows, repeat);
                    return;
                }

                Timing deploy1 = engineStep("deploy", 1, deploy);
                DeployOutcome d1 = (DeployOutcome) deploy1.result();
                check(d1);
                rows.add(new Row("deploy, everything new (raw: write)", deploy1, d1.adminRoundTrips(),
                        raw.get("write"), rawTrips.get("write")));

                // each engine run is followed by the raw read on the same broker: under a shared machine's
                // changing load the alternated pairs compare like with like
                List<Timing> sameBroker = new ArrayList<>();
                Callable<?> rawRead = () -> {
                    try (RawAdmin r = new RawAdmin(broker.adminClientProperties(), timeout, aclBatch)) {
                        Timing t = timed(() -> r.read(PREFIX));
                        sameBroker.add(t);
                        System.out.println("raw: read on the engine's broker took " + t + "; load "
                                + Bench.loadAverage());
                    }
                    return null;
                };
                Timing plan2 = engineStep("plan again", repeat, plan, rawRead);
                Timing rawBeside = Timing.median(sameBroker);
                PlanOutcome p2 = (PlanOutcome) plan2.result();
                if (p2.hasChanges()) System.out.println("WARNING: the plan after the deploy has changes");
                rows.add(new Row("plan again, no changes (raw: read)", plan2, p2.adminRoundTrips(),
                        raw.get("read (full)"), rawTrips.get("read (full)")));
                rows.add(new Row("plan again, no changes (raw: read on the same broker, alternated)", plan2,
                        p2.adminRoundTrips(), rawBeside, rawTrips.get("read (full)")));

                sameBroker.clear();
                Timing deploy2 = engineStep("deploy again", repeat, deploy, rawRead);
                Timing rawBeside2 = Timing.median(sameBroker);
                DeployOutcome d2 = (DeployOutcome) deploy2.result();
                if (!d2.results().isEmpty()) System.out.println("WARNING: the second deploy changed something");
                rows.add(new Row("deploy again, no changes (raw: read)", deploy2, d2.adminRoundTrips(),
                        raw.get("read (full)"), rawTrips.get("read (full)")));
                rows.add(new Row("deploy again, no changes (raw: read on the same broker, alternated)", deploy2,
                        d2.adminRoundTrips(), rawBeside2, rawTrips.get("read (full)")));

                try (RawAdmin check = new RawAdmin(broker.adminClientProperties(), timeout, aclBatch)) {
                    System.out.println("engine: the stage holds " + check.read(PREFIX));
                }

                // the small repository again, now beside the large stage, then without the ownership index
                Timing smallPlanFull = engineStep("small repository: plan, full cluster", repeat,
                        () -> engine.plan(small));
                Timing smallDeployFull = engineStep("small repository: deploy, nothing to change, full cluster",
                        repeat, () -> engine.deploy(small, null));
                try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                        broker.adminClientProperties())) {
                    admin.deleteTopics(List.of(io.kafkaops.engine.ownership.Ownership.INDEX_TOPIC)).all().get();
                }
                Timing smallPlanNoIndex = engineStep("small repository: plan, full cluster, no index", repeat,
                        () -> engine.plan(small));
                smallRows.add(new Row("small repository: plan (empty cluster -> full cluster)", smallPlanFull,
                        ((PlanOutcome) smallPlanFull.result()).adminRoundTrips(), smallPlanEmpty,
                        ((PlanOutcome) smallPlanEmpty.result()).adminRoundTrips()));
                smallRows.add(new Row("small repository: deploy, no changes (empty -> full)", smallDeployFull,
                        ((DeployOutcome) smallDeployFull.result()).adminRoundTrips(), smallDeployEmpty,
                        ((DeployOutcome) smallDeployEmpty.result()).adminRoundTrips()));
                smallRows.add(new Row("small repository: plan on the full cluster (index -> no index)",
                        smallPlanNoIndex, ((PlanOutcome) smallPlanNoIndex.result()).adminRoundTrips(), smallPlanFull,
                        ((PlanOutcome) smallPlanFull.result()).adminRoundTrips()));
                System.out.println("load average: " + Bench.loadAverage());
            }

            print(rows, repeat);
            if (!smallRows.isEmpty()) {
                System.out.println();
                System.out.println("| small repository | engine wall (CPU), second | round trips | engine wall (CPU),"
                        + " first | round trips | ratio second/first |");
                System.out.println("|---|---|---|---|---|---|");
                for (Row r : smallRows) {
                    System.out.printf("| %s | %s | %d | %s | %d | %.2f |%n", r.operation(), r.engine(),
                            r.engineTrips(), r.raw(), r.rawTrips(), r.engine().wallMillis() / r.raw().wallMillis());
                }
            }
            System.out.println("load average at the end: " + Bench.loadAverage() + "; " + memory());
        } finally {
            Bench.deleteTree(work);
        }
    }

    private static final List<Row> smallRows = new ArrayList<>();

    /** This JVM's peak resident memory (VmHWM, Linux) and the heap in use now. */
    static String memory() {
        String hwm = "?";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) hwm = line.substring(6).strip();
            }
        } catch (Exception e) {
            // not Linux
        }
        Runtime rt = Runtime.getRuntime();
        return "peak resident " + hwm + ", heap in use " + (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024)
                + " MiB of max " + rt.maxMemory() / (1024 * 1024) + " MiB";
    }

    private static void print(List<Row> rows, int repeat) {
        {
            System.out.println();
            System.out.println("| operation | engine wall (CPU) | engine round trips | raw wall (CPU) | raw round trips"
                    + " | wall ratio |");
            System.out.println("|---|---|---|---|---|---|");
            for (Row r : rows) {
                System.out.printf("| %s | %s | %d | %s | %d | %.2f |%n", r.operation(), r.engine(), r.engineTrips(),
                        r.raw(), r.rawTrips(), r.engine().wallMillis() / r.raw().wallMillis());
            }
            System.out.println("wall: the median of " + repeat + " runs for the steps that change nothing, one run for"
                    + " the deploy; CPU: of this JVM over the same run (the broker runs in its own process)");
        }
    }

    private static void check(DeployOutcome d) {
        if (!d.complete()) {
            d.lines().stream().limit(10).forEach(l -> System.out.println("  " + l));
            throw new IllegalStateException("the deploy did not complete: " + d.summary());
        }
    }

    /** Runs a step {@code times} times; keeps the run with the median wall time and its round trips. */
    private static void rawStep(Map<String, Timing> times, Map<String, Integer> trips, String name, int repeat,
                                RawAdmin r, Callable<?> step) {
        List<Timing> runs = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            int before = r.roundTrips();
            Timing t = timed(step);
            runs.add(t);
            trips.put(name, r.roundTrips() - before);
            System.out.println("raw: " + name + " took " + t + "; load " + Bench.loadAverage());
        }
        times.put(name, Timing.median(runs));
    }

    private static Timing engineStep(String name, int repeat, Callable<?> step) {
        return engineStep(name, repeat, step, null);
    }

    /** Runs a step {@code repeat} times, each followed by {@code after} when given; keeps the median run. */
    private static Timing engineStep(String name, int repeat, Callable<?> step, Callable<?> after) {
        List<Timing> runs = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            Timing t = timed(step);
            runs.add(t);
            Object outcome = t.result();
            String summary = outcome instanceof PlanOutcome p ? p.summary() : ((DeployOutcome) outcome).summary();
            System.out.println("engine: " + name + ": " + summary + " in " + t + "; load " + Bench.loadAverage()
                    + "; " + memory());
            if (after != null) call(after).get();
        }
        return Timing.median(runs);
    }

    /**
     * Times a step on a collected heap: a user runs each goal in a new {@code mvn} process, which carries no garbage of
     * the steps before it. Without this, a small repository's plan right after the large stage's steps paid for their
     * garbage (550 ms of CPU against 110-170 ms on the cluster with only it), and the order of the steps decided the
     * comparison of the small repository with and without the ownership index.
     */
    private static Timing timed(Callable<?> step) {
        System.gc();
        return Timing.of(call(step));
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
        return Bench.broker(dataDir, heap);
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
                        new Stage(STAGE, "local", PREFIX, true, null),
                        new Stage(SMALL_STAGE, "local", SMALL_PREFIX, true, null)),
                Map.of("local", local), List.of(billing), List.of(), 1, 1, "plan-deploy-benchmark");
    }
}
