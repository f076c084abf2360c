package io.kafkaops.it.bench;

import io.kafkaops.engine.DeployOutcome;
import io.kafkaops.engine.EngineOptions;
import io.kafkaops.engine.Fixtures;
import io.kafkaops.engine.StageEngine;
import io.kafkaops.engine.StageRequest;
import io.kafkaops.engine.cluster.ClusterConnection;
import io.kafkaops.engine.cluster.admin.AdminCalls;
import io.kafkaops.engine.cluster.admin.KafkaClusterSessions;
import io.kafkaops.engine.local.KafkaBroker;
import io.kafkaops.engine.store.file.FileCredentialStore;
import io.kafkaops.model.EntityModel;
import io.kafkaops.model.Topic;
import io.kafkaops.model.Visibility;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Creating many topics at once: the engine's deploy of N new topics (3 partitions, 2 configs each; default 1,000)
 * against the floor, a raw Admin program that sends the same topics in as few createTopics requests as the controller's
 * cap of 10,000 records per request allows (one for 1,000 topics), all at once, and polls describeTopics until
 * every partition has a leader. Each run gets a freshly started broker (with a small warm-up create on it, so that
 * class loading and the first connection are not timed); raw and engine runs alternate. For both, the table also
 * shows when every new partition's log exists: when one listOffsets call for all of them (the Admin client retries
 * the partitions whose leader has no log yet) has answered for every partition. A harness that prints figures, not a
 * test.
 *
 * <pre>
 * mvn -B -q -o -pl it -am -Pbench test-compile
 * java -cp "it/target/test-classes:$(cat it/target/bench.classpath)" io.kafkaops.it.bench.CreateTopicsBenchmark
 * </pre>
 *
 * System properties: {@code bench.topics} (1000), {@code bench.partitions} (3), {@code bench.runs} (runs per side,
 * 3), {@code bench.brokerHeap} (1g), {@code bench.timeout} (the engine's kafka.timeout in seconds, 30: the default).
 */
public final class CreateTopicsBenchmark {

    private static final String STAGE = "dev";
    private static final String PREFIX = "dev.";
    private static final String WARMUP_STAGE = "test";
    private static final String WARMUP_PREFIX = "test.";

    private CreateTopicsBenchmark() {
    }

    /**
     * One run; for the engine, {@code readyMillis} is its topic phase (first createTopics to the end of its readiness
     * wait, the figure comparable to the raw run) and {@code deployMillis} the whole deploy (plan, ownership claims
     * and records, deploy report included).
     */
    record Run(String side, int index, double readyMillis, double deployMillis, double logsMillis, String loadBefore,
               String loadAfter, String failure) {
    }

    /** Notes when the engine sent its first createTopics and when it made its first other call after that. */
    static final class TimedCalls extends AdminCalls {
        volatile long firstCreate;
        volatile long afterTopics;

        TimedCalls(Admin admin, Duration timeout) {
            super(admin, timeout);
        }

        @Override
        public CreateTopicsResult createTopics(Collection<NewTopic> topics) {
            if (firstCreate == 0) firstCreate = System.nanoTime();
            return super.createTopics(topics);
        }

        @Override
        protected void count() {
            super.count();
            if (firstCreate != 0 && afterTopics == 0) {
                String caller = StackWalker.getInstance().walk(f -> f.skip(1).findFirst().orElseThrow()).getMethodName();
                if (!caller.equals("createTopics") && !caller.equals("describeTopics")
                        && !caller.equals("listOffsets")) afterTopics = System.nanoTime();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        // the listOffsets probe's retries of partitions without a log yet are expected; the Admin client logs each
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.clients.admin.internals", "off");
        int topics = Integer.getInteger("bench.topics", 1_000);
        int partitions = Integer.getInteger("bench.partitions", 3);
        int runs = Integer.getInteger("bench.runs", 3);
        String heap = System.getProperty("bench.brokerHeap", "1g");
        Duration timeout = Duration.ofSeconds(Integer.getInteger("bench.timeout", 30));
        Path work = Files.createTempDirectory("kafkaops-create-topics-bench");
        System.out.printf("Workload: %d topics x %d partitions, 2 configs each (%d metadata records); broker heap %s;"
                + " kafka.timeout %d s; load average %s%n", topics, partitions, topics * (1 + partitions + 2), heap,
                timeout.toSeconds(), Bench.loadAverage());
        List<Run> results = new ArrayList<>();
        try {
            for (int i = 0; i < runs; i++) {
                results.add(raw(work.resolve("raw-" + i), heap, topics, partitions, i));
                results.add(engine(work.resolve("engine-" + i), heap, topics, partitions, timeout, i));
            }
        } finally {
            Bench.deleteTree(work);
        }
        System.out.println();
        System.out.println("| run | side | first createTopics to every partition with a leader | whole deploy |"
                + " until every log answers listOffsets | load average before -> after | outcome |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Run r : results) {
            System.out.printf("| %d | %s | %.1f s | %s | %.1f s | %s -> %s | %s |%n", r.index() + 1, r.side(),
                    r.readyMillis() / 1000, r.side().equals("raw") ? "-" : String.format("%.1f s",
                            r.deployMillis() / 1000), r.logsMillis() / 1000, r.loadBefore(), r.loadAfter(),
                    r.failure() == null ? "ok" : "FAILED: " + r.failure());
        }
        double raw = Bench.median(results.stream().filter(r -> r.side().equals("raw")).map(Run::readyMillis).toList());
        double eng = Bench.median(results.stream().filter(r -> r.side().equals("engine")).map(Run::readyMillis)
                .toList());
        double whole = Bench.median(results.stream().filter(r -> r.side().equals("engine")).map(Run::deployMillis)
                .toList());
        System.out.printf("%nmedian: raw (floor) %.1f s, engine createTopics to ready %.1f s (ratio %.2f), whole"
                + " engine deploy %.1f s (ratio %.2f)%n", raw / 1000, eng / 1000, eng / raw, whole / 1000, whole / raw);
    }

    private static Run raw(Path dir, String heap, int topics, int partitions, int index) throws Exception {
        try (KafkaBroker broker = broker(dir, heap);
             Admin admin = Admin.create(broker.adminClientProperties())) {
            List<NewTopic> warm = newTopics(WARMUP_PREFIX, 10, partitions);
            admin.createTopics(warm).all().get();
            awaitLeaders(admin, names(warm));
            List<NewTopic> all = newTopics(PREFIX, topics, partitions);
            String loadBefore = Bench.loadAverage();
            long start = System.nanoTime();
            // as few requests as the controller's cap of 10,000 records per request allows (a topic: one topic record,
            // one per partition, one per config), all sent at once; one request up to 1,000 topics of 3 partitions
            int perRequest = Math.max(1, 10_000 / (1 + partitions + 2));
            List<KafkaFuture<Void>> created = new ArrayList<>();
            for (int from = 0; from < all.size(); from += perRequest) {
                created.add(admin.createTopics(all.subList(from, Math.min(all.size(), from + perRequest))).all());
            }
            awaitLeaders(admin, names(all));
            for (KafkaFuture<Void> f : created) f.get();
            double ready = Bench.millis(System.nanoTime() - start);
            awaitLogs(admin, names(all), partitions);
            double logs = Bench.millis(System.nanoTime() - start);
            Run r = new Run("raw", index, ready, ready, logs, loadBefore, Bench.loadAverage(), null);
            System.out.printf("raw %d: leaders after %.1f s, logs after %.1f s (load %s)%n", index + 1, ready / 1000,
                    logs / 1000, r.loadAfter());
            return r;
        }
    }

    private static Run engine(Path dir, String heap, int topics, int partitions, Duration timeout, int index)
            throws Exception {
        try (KafkaBroker broker = broker(dir, heap);
             Admin admin = Admin.create(broker.adminClientProperties())) {
            List<TimedCalls> calls = new ArrayList<>();
            StageEngine engine = new StageEngine(Fixtures.platform(broker.bootstrapServers()), dir.resolve("out"),
                    new KafkaClusterSessions((a, t) -> {
                        TimedCalls c = new TimedCalls(a, t);
                        calls.add(c);
                        return c;
                    }, line -> System.out.println("  engine: " + line)));
            EngineOptions options = new EngineOptions(false, false, timeout);
            check(engine.deploy(request(broker, WARMUP_STAGE, model(10, partitions), options,
                    dir.resolve("warm.json")), null));
            StageRequest request = request(broker, STAGE, model(topics, partitions), options, dir.resolve("dev.json"));
            String loadBefore = Bench.loadAverage();
            long start = System.nanoTime();
            DeployOutcome outcome = engine.deploy(request, null);
            long end = System.nanoTime();
            double deploy = Bench.millis(end - start);
            TimedCalls timed = calls.get(calls.size() - 1);
            double ready = Bench.millis((timed.afterTopics == 0 ? end : timed.afterTopics) - timed.firstCreate);
            String failure = null;
            if (!outcome.complete()) {
                failure = outcome.summary();
                outcome.results().stream().filter(r -> !r.applied()).limit(3)
                        .forEach(r -> System.out.println("  FAILED " + r.display() + ": " + r.message()));
            }
            awaitLogs(admin, names(newTopics(PREFIX, topics, partitions)), partitions);
            double logs = Bench.millis(System.nanoTime() - start);
            Run r = new Run("engine", index, ready, deploy, logs, loadBefore, Bench.loadAverage(), failure);
            System.out.printf("engine %d: %s in %.1f s (%d round trips; createTopics to ready %.1f s), logs after"
                    + " %.1f s (load %s)%n", index + 1, outcome.summary(), deploy / 1000, outcome.adminRoundTrips(),
                    ready / 1000, logs / 1000, r.loadAfter());
            return r;
        }
    }

    private static StageRequest request(KafkaBroker broker, String stage, EntityModel model, EngineOptions options,
                                        Path store) {
        Map<String, String> props = new LinkedHashMap<>();
        broker.adminClientProperties().forEach((k, v) -> props.put(k, String.valueOf(v)));
        return StageRequest.builder().model(model).stage(stage).repository(Fixtures.REPO).team(Fixtures.TEAM)
                .connection(new ClusterConnection(stage, broker.bootstrapServers(), props)).options(options)
                .store(new FileCredentialStore(store)).build();
    }

    private static void check(DeployOutcome d) {
        // the warm-up deploy must complete; the timed one is reported as it went
        if (!d.complete()) {
            d.lines().stream().limit(10).forEach(l -> System.out.println("  " + l));
            throw new IllegalStateException("the deploy did not complete: " + d.summary());
        }
    }

    static String topic(int i) {
        return String.format("billing.t%04d.events", i);
    }

    static Map<String, String> config(int i) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("cleanup.policy", "delete");
        c.put("retention.ms", Long.toString((1 + i % 14) * 86_400_000L));
        return c;
    }

    static EntityModel model(int topics, int partitions) {
        List<Topic> ts = new ArrayList<>();
        for (int i = 0; i < topics; i++) {
            ts.add(new Topic(topic(i), partitions, null, config(i), Map.of(), Visibility.PRIVATE, List.of(), false,
                    null, Map.of(), null));
        }
        return new EntityModel(ts, List.of(), List.of(), List.of(), List.of(), List.of(), List.of("bench"));
    }

    static List<NewTopic> newTopics(String prefix, int topics, int partitions) {
        List<NewTopic> out = new ArrayList<>();
        for (int i = 0; i < topics; i++) {
            out.add(new NewTopic(prefix + topic(i), partitions, (short) 1).configs(config(i)));
        }
        return out;
    }

    private static List<String> names(List<NewTopic> topics) {
        return topics.stream().map(NewTopic::name).toList();
    }

    /** Polls describeTopics of the topics not ready yet until every partition has a leader. */
    static void awaitLeaders(Admin admin, List<String> names) throws Exception {
        Set<String> pending = new HashSet<>(names);
        long backoff = 50;
        while (!pending.isEmpty()) {
            Map<String, KafkaFuture<TopicDescription>> answers = admin.describeTopics(pending).topicNameValues();
            for (Map.Entry<String, KafkaFuture<TopicDescription>> e : answers.entrySet()) {
                try {
                    TopicDescription d = e.getValue().get();
                    if (d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                        pending.remove(e.getKey());
                    }
                } catch (ExecutionException notYet) {
                    // not known to the broker yet
                }
            }
            if (pending.isEmpty()) break;
            Thread.sleep(backoff);
            backoff = Math.min(500, backoff * 2);
        }
    }

    /** One listOffsets call for every partition; the Admin client retries those whose log does not exist yet. */
    static void awaitLogs(Admin admin, List<String> names, int partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> all = new HashMap<>();
        for (String n : names) {
            for (int p = 0; p < partitions; p++) all.put(new TopicPartition(n, p), OffsetSpec.latest());
        }
        while (true) {
            ListOffsetsResult r = admin.listOffsets(all);
            try {
                r.all().get(10, TimeUnit.MINUTES);
                return;
            } catch (ExecutionException retry) {
                all.keySet().removeIf(tp -> {
                    KafkaFuture<?> f = r.partitionResult(tp);
                    return f.isDone() && !f.isCompletedExceptionally();
                });
            }
        }
    }

    private static KafkaBroker broker(Path dataDir, String heap) {
        return Bench.broker(dataDir, heap);
    }
}
