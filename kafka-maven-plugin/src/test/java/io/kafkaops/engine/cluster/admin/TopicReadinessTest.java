package io.kafkaops.engine.cluster.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

/**
 * The readiness wait against a scripted broker: what it shows at each poll is given per poll number, and the clock
 * advances 25 s per reading, so that a wait of many polls takes "minutes" while the timeout is 30 s.
 */
class TopicReadinessTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Node BROKER = new Node(1, "localhost", 9092);

    /** A broker whose describeTopics answers come from a function of the poll number and the topic. */
    private static final class ScriptedBroker extends AdminCalls {
        final List<List<String>> described = new ArrayList<>();
        final Function<Integer, Function<String, TopicDescription>> script;

        ScriptedBroker(Function<Integer, Function<String, TopicDescription>> script) {
            super(null, TIMEOUT);
            this.script = script;
        }

        @Override
        public DescribeTopicsResult describeTopics(Collection<String> topics) {
            count();
            described.add(List.copyOf(topics));
            Function<String, TopicDescription> now = script.apply(described.size());
            Map<String, KafkaFuture<TopicDescription>> answers = new LinkedHashMap<>();
            for (String t : topics) {
                TopicDescription d = now.apply(t);
                KafkaFutureImpl<TopicDescription> f = new KafkaFutureImpl<>();
                if (d == null) f.completeExceptionally(new UnknownTopicOrPartitionException("unknown " + t));
                else f.complete(d);
                answers.put(t, f);
            }
            return new DescribeTopicsResult(null, answers) {
            };
        }
    }

    /** A topic of {@code partitions} partitions of which the first {@code withLeader} have a leader. */
    private static TopicDescription topic(String name, int partitions, int withLeader) {
        List<TopicPartitionInfo> ps = new ArrayList<>();
        for (int i = 0; i < partitions; i++) {
            ps.add(new TopicPartitionInfo(i, i < withLeader ? BROKER : null, List.of(BROKER), List.of(BROKER)));
        }
        return new TopicDescription(name, false, ps);
    }

    private static TopicReadiness readiness(AdminCalls broker, List<String> notices) {
        AtomicLong clock = new AtomicLong();
        return new TopicReadiness(broker, new AdminFutures(TIMEOUT), notices::add,
                () -> clock.addAndGet(TimeUnit.SECONDS.toNanos(25)));
    }

    @Test
    void aSlowBrokerThatKeepsMakingProgressIsWaitedForLongPastTheTimeout() {
        // one more partition gets a leader at every poll: 6 polls, 150 s on the clock, timeout 30 s
        ScriptedBroker broker = new ScriptedBroker(poll -> name -> name.equals("a")
                ? topic("a", 3, Math.min(3, poll)) : topic("b", 3, Math.max(0, Math.min(3, poll - 3))));

        Map<String, String> notReady = readiness(broker, new ArrayList<>()).await(Map.of("a", 3, "b", 3), Map.of());

        assertThat(notReady).isEmpty();
        assertThat(broker.described).hasSize(6);
        // only what is not ready yet is described again
        assertThat(broker.described.get(5)).containsExactly("b");
    }

    @Test
    void aBrokerCreatingTheLogsOfReadyTopicsIsProgressWhileTheNextChunkIsNotShownYet() {
        // "b" (a later createTopics chunk) stays unseen for 10 polls, 250 s on the clock with a 30 s timeout, while
        // the broker creates the logs of the earlier chunk: one more log at each look at the log directories
        ScriptedBroker broker = new ScriptedBroker(poll -> name -> name.equals("a") ? topic("a", 3, 3)
                : poll > 10 ? topic("b", 3, 3) : null);
        List<String> expected = new ArrayList<>();
        AtomicLong clock = new AtomicLong();
        TopicReadiness readiness = new TopicReadiness(broker, new AdminFutures(TIMEOUT), n -> { },
                () -> clock.addAndGet(TimeUnit.SECONDS.toNanos(25)), () -> new CountedLogs(expected, 1));

        Map<String, String> notReady = readiness.await(Map.of("a", 3, "b", 3), Map.of());

        assertThat(notReady).isEmpty();
        assertThat(broker.described).hasSize(11);
        // only the ready topic's partitions are counted
        assertThat(expected).containsExactly("a");
    }

    /** Logs counted by a script: {@code step} more at each count. */
    private static final class CountedLogs extends PartitionLogs {
        final List<String> expected;
        final int step;
        final List<Long> counts = new ArrayList<>();
        long have;

        CountedLogs(List<String> expected, int step) {
            super(null, new AdminFutures(TIMEOUT));
            this.expected = expected;
            this.step = step;
        }

        @Override
        void expect(String topic, int partitions) {
            if (!expected.contains(topic)) expected.add(topic);
        }

        @Override
        long withLog() {
            have += step;
            counts.add(have);
            return have;
        }
    }

    @Test
    void logsThatStopGrowingAreNoProgress() {
        ScriptedBroker stuck = new ScriptedBroker(poll -> name -> name.equals("a") ? topic("a", 3, 3) : null);
        AtomicLong clock = new AtomicLong();
        CountedLogs flat = new CountedLogs(new ArrayList<>(), 0);
        Map<String, String> notReady = new TopicReadiness(stuck, new AdminFutures(TIMEOUT), n -> { },
                () -> clock.addAndGet(TimeUnit.SECONDS.toNanos(25)), () -> flat)
                .await(Map.of("a", 3, "b", 3), Map.of());
        assertThat(notReady).containsOnlyKeys("b");
        assertThat(notReady.get("b")).contains("the broker made no progress for 30 s");
        // counted at 25 s (the first count) and 50 s without progress, then given up
        assertThat(flat.counts).hasSize(2);

        // a broker that cannot be asked (listOffsets throws): all partitions count as without a log, no progress
        ScriptedBroker silent = new ScriptedBroker(poll -> name -> name.equals("a") ? topic("a", 3, 3) : null);
        assertThat(new TopicReadiness(silent, new AdminFutures(TIMEOUT), n -> { },
                () -> clock.addAndGet(TimeUnit.SECONDS.toNanos(25))).await(Map.of("a", 3, "b", 3), Map.of()))
                .containsOnlyKeys("b");
    }

    @Test
    void aBrokerWithoutProgressForTheTimeoutFailsTheTopicsSayingWhatIsPending() {
        ScriptedBroker broker = new ScriptedBroker(poll -> name -> name.equals("ready") ? topic(name, 3, 3)
                : name.startsWith("stuck") ? topic(name, 3, 1) : null);

        Map<String, String> notReady = readiness(broker, new ArrayList<>())
                .await(Map.of("ready", 3, "stuck-1", 3, "stuck-2", 3, "unseen", 3), Map.of());

        assertThat(notReady).containsOnlyKeys("stuck-1", "stuck-2", "unseen");
        assertThat(notReady.get("stuck-1")).isEqualTo("2 topics created, waiting for their partitions to get a"
                + " leader (2 of its partitions have no leader); the broker made no progress for 30 s; the next"
                + " deploy checks again");
        assertThat(notReady.get("unseen")).isEqualTo("1 topic created, waiting for the broker to show it (the"
                + " broker does not show the topic yet); the broker made no progress for 30 s; the next deploy"
                + " checks again");
        // the first poll is progress, the next two are not: 50 s on the clock without progress
        assertThat(broker.described).hasSize(3);
    }

    @Test
    void topicsStillBeingCreatedAreWaitedForAndDescribedOnlyOnceCreated() {
        KafkaFutureImpl<Void> slow = new KafkaFutureImpl<>();
        KafkaFutureImpl<Void> refused = new KafkaFutureImpl<>();
        refused.completeExceptionally(new TopicExistsException("Topic 'taken' already exists."));
        ScriptedBroker broker = new ScriptedBroker(poll -> {
            if (poll == 1) slow.complete(null);
            return name -> topic(name, 1, 1);
        });
        Map<String, List<String>> createErrors = new LinkedHashMap<>();

        Map<String, String> notReady = readiness(broker, new ArrayList<>()).await(
                Map.of("early", 1, "late", 1, "taken", 1), Map.of(),
                Map.of("late", slow, "taken", refused, "early", KafkaFuture.completedFuture(null)), createErrors);

        assertThat(notReady).isEmpty();
        assertThat(createErrors).containsOnlyKeys("taken");
        assertThat(createErrors.get("taken").get(0)).contains("already exists");
        assertThat(broker.described.get(0)).containsExactly("early");
        assertThat(broker.described).last().isEqualTo(List.of("late"));
        assertThat(broker.described).noneMatch(d -> d.contains("taken"));
    }

    @Test
    void aCreationThatIsNeverAnsweredFailsAfterTheTimeoutWithoutProgress() {
        ScriptedBroker broker = new ScriptedBroker(poll -> name -> topic(name, 1, 1));

        Map<String, String> notReady = readiness(broker, new ArrayList<>()).await(Map.of("hanging", 1), Map.of(),
                Map.of("hanging", new KafkaFutureImpl<>()), new LinkedHashMap<>());

        assertThat(notReady.get("hanging")).startsWith("1 topic waiting for the controller to create it (no answer"
                + " to createTopics yet); the controller made no progress for 30 s");
        assertThat(broker.described).isEmpty();
    }

    @Test
    void largeWaitsPrintAProgressLineNowAndThenSmallOnesNone() {
        Map<String, Integer> many = new LinkedHashMap<>();
        for (int i = 0; i < TopicReadiness.NOTICE_MIN_TOPICS; i++) many.put("t" + i, 2);
        ScriptedBroker broker = new ScriptedBroker(poll -> name -> topic(name, 2, Math.min(2, poll - 1)));
        List<String> notices = new ArrayList<>();

        assertThat(readiness(broker, notices).await(many, Map.of())).isEmpty();

        // polls at 25, 50 and 75 s: a line at most every 10 s, none once everything is ready
        assertThat(notices).hasSize(2);
        assertThat(notices.get(0)).isEqualTo("Waiting for 100 new or changed topics to get ready (25 s): 0 ready,"
                + " 100 topics created, waiting for their partitions to get a leader");

        List<String> few = new ArrayList<>();
        ScriptedBroker small = new ScriptedBroker(poll -> name -> topic(name, 2, Math.min(2, poll - 1)));
        assertThat(readiness(small, few).await(Map.of("x", 2), Map.of())).isEmpty();
        assertThat(few).isEmpty();
    }
}
