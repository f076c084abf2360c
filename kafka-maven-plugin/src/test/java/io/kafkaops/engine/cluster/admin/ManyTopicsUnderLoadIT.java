package io.kafkaops.engine.cluster.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.engine.DeployOutcome;
import io.kafkaops.engine.EngineOptions;
import io.kafkaops.engine.Fixtures;
import io.kafkaops.engine.StageEngine;
import io.kafkaops.engine.StageRequest;
import io.kafkaops.engine.apply.EntityResult;
import io.kafkaops.engine.cluster.ClusterConnection;
import io.kafkaops.engine.local.KafkaBroker;
import io.kafkaops.engine.plan.EntityKind;
import io.kafkaops.engine.store.file.FileCredentialStore;
import io.kafkaops.model.Topic;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deploy of 1,000 new topics (3 partitions, 2 configs each) and the ACLs of one service account, with the default
 * settings ({@code kafka.timeout} 30 s), on a broker of its own while threads spin on every core: the cluster is slow
 * but working, so the deploy must succeed. It failed before the readiness wait counted progress (833 created, 167
 * "not described yet"); the ACLs' wait fails without counting the broker's log creation as progress when that takes
 * longer than the timeout.
 */
class ManyTopicsUnderLoadIT {

    private static final int TOPICS = 1_000;
    private static final int PARTITIONS = 3;

    @TempDir
    Path out;

    @Test
    void aThousandTopicsDeployWithDefaultSettingsBesideACpuBurner() throws Exception {
        List<String> notices = new ArrayList<>();
        try (KafkaBroker broker = KafkaBroker.builder()
                .classpath(KafkaBroker.currentJvmClasspath())
                .dataDir(Path.of(System.getProperty("basedir", "."), "target", "many-topics-broker",
                        String.valueOf(ProcessHandle.current().pid())))
                .build()) {
            broker.start();
            Map<String, String> props = new LinkedHashMap<>();
            broker.adminClientProperties().forEach((k, v) -> props.put(k, String.valueOf(v)));
            List<Topic> topics = new ArrayList<>();
            for (int i = 0; i < TOPICS; i++) {
                topics.add(Fixtures.topic(String.format("billing.t%04d.events", i), PARTITIONS,
                        Map.of("cleanup.policy", "delete", "retention.ms", Long.toString((1 + i % 14) * 86_400_000L))));
            }
            // the topic names of each createTopics call, in order
            List<List<String>> creates = java.util.Collections.synchronizedList(new ArrayList<>());
            StageEngine engine = new StageEngine(Fixtures.platform(broker.bootstrapServers()), out,
                    new KafkaClusterSessions((a, t) -> new AdminCalls(a, t) {
                        @Override
                        public org.apache.kafka.clients.admin.CreateTopicsResult createTopics(
                                java.util.Collection<org.apache.kafka.clients.admin.NewTopic> newTopics) {
                            creates.add(newTopics.stream().map(org.apache.kafka.clients.admin.NewTopic::name).toList());
                            return super.createTopics(newTopics);
                        }
                    }, notices::add));
            // and a service account producing to the last topic: its ACLs reach the broker's metadata after the new
            // topics, and the broker shows them only once it has created the 3,000 partitions' logs
            StageRequest request = StageRequest.builder().model(Fixtures.model(topics,
                            List.of(Fixtures.account("billing-writer")),
                            List.of(Fixtures.produces("billing-writer", topics.get(TOPICS - 1).name()))))
                    .stage("dev").repository(Fixtures.REPO).team(Fixtures.TEAM)
                    .connection(new ClusterConnection("dev", broker.bootstrapServers(), props))
                    .options(new EngineOptions(false, false, null))
                    .store(new FileCredentialStore(out.resolve("credentials.json"))).build();

            DeployOutcome outcome;
            long took;
            CpuBurner burner = new CpuBurner();
            try {
                long start = System.nanoTime();
                outcome = engine.deploy(request, null);
                took = System.nanoTime() - start;
            } finally {
                burner.close();
            }

            System.out.printf("ManyTopicsUnderLoadIT: %s in %.1f s beside %d spinning threads that used %.1f s of CPU"
                    + " (load average %s)%n", outcome.summary(), took / 1e9, Runtime.getRuntime().availableProcessors(),
                    burner.cpuNanos() / 1e9, java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim());
            assertThat(burner.cpuNanos()).as("the burner competed for the cores").isPositive();
            assertThat(outcome.results()).filteredOn(r -> !r.applied())
                    .extracting(EntityResult::message).isEmpty();
            assertThat(outcome.complete()).isTrue();
            assertThat(outcome.results()).filteredOn(r -> r.kind() == EntityKind.TOPIC).hasSize(TOPICS)
                    .allSatisfy(r -> assertThat(r.message()).isEqualTo("ready: all 3 partitions have a leader"));
            assertThat(outcome.results()).filteredOn(r -> r.kind() == EntityKind.ACL).isNotEmpty();
            try (Admin admin = Admin.create(broker.adminClientProperties())) {
                Map<String, TopicDescription> shown = admin.describeTopics(topics.stream()
                        .map(t -> "dev." + t.name()).toList()).allTopicNames().get(60, TimeUnit.SECONDS);
                assertThat(shown).hasSize(TOPICS);
                assertThat(shown.values()).allSatisfy(d -> assertThat(d.partitions()).hasSize(PARTITIONS)
                        .allSatisfy(p -> assertThat(p.leader()).isNotNull()));
            }
            assertThat(engine.plan(request).hasChanges()).isFalse();
            // the ownership and index topics are created together before the 1,000 topics: created after them, the
            // index topic waited until the broker had created their 3,000 logs (10-20 s)
            assertThat(creates.get(0)).containsExactlyInAnyOrder(io.kafkaops.engine.ownership.Ownership.TOPIC,
                    io.kafkaops.engine.ownership.Ownership.INDEX_TOPIC);
            assertThat(creates.subList(1, creates.size())).allSatisfy(names -> assertThat(names)
                    .doesNotContain(io.kafkaops.engine.ownership.Ownership.INDEX_TOPIC));
        }
        notices.forEach(n -> System.out.println("  notice: " + n));
    }

    /** One thread per core spinning until closed; notes the CPU time they got. */
    private static final class CpuBurner implements AutoCloseable {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final List<Thread> threads = new ArrayList<>();
        private long cpuNanos;

        CpuBurner() {
            for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
                Thread t = new Thread(() -> {
                    long spins = 0;
                    while (!stop.get()) spins++;
                    sink = spins;
                }, "cpu-burner-" + i);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
        }

        long cpuNanos() {
            return cpuNanos;
        }

        @Override
        public void close() throws InterruptedException {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            for (Thread t : threads) cpuNanos += Math.max(0, mx.getThreadCpuTime(t.getId()));
            stop.set(true);
            for (Thread t : threads) t.join(Duration.ofSeconds(10).toMillis());
        }
    }

    static volatile long sink;
}
