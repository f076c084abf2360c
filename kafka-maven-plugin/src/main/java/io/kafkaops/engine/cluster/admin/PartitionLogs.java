package io.kafkaops.engine.cluster.admin;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The partitions of a deploy's new topics whose log may not exist yet. A broker applies metadata changes in order: it
 * shows a createTopics chunk's topics with their leaders, then creates their partitions' logs, and only then shows
 * anything later (the next chunk's topics, the deploy's ACLs). While the number of partitions without a log falls,
 * the broker is working towards those later changes, though nothing else it shows moves. A partition's leader answers
 * ListOffsets only once its log exists, so one listOffsets call of the partitions not yet seen with a log counts them;
 * the cost grows with the deploy's new partitions, not with the cluster.
 */
class PartitionLogs {

    private final AdminCalls admin;
    private final AdminFutures futures;
    private final Set<TopicPartition> withoutLog = new LinkedHashSet<>();
    private final Set<String> expected = new LinkedHashSet<>();
    private long total;

    PartitionLogs(AdminCalls admin, AdminFutures futures) {
        this.admin = admin;
        this.futures = futures;
    }

    /** Adds a topic whose partitions' logs are to be counted (a topic added before is ignored). */
    void expect(String topic, int partitions) {
        if (!expected.add(topic)) return;
        for (int p = 0; p < partitions; p++) withoutLog.add(new TopicPartition(topic, p));
        total += partitions;
    }

    /** How many of the expected partitions have a log, after {@link #withoutLog()}; only grows. */
    long withLog() {
        return total - withoutLog();
    }

    /**
     * How many of the expected partitions have no log, after one listOffsets call (of at most a second) for those not
     * seen with a log before; when the call cannot be made, all of them.
     */
    int withoutLog() {
        if (withoutLog.isEmpty()) return 0;
        Map<TopicPartition, OffsetSpec> probe = new LinkedHashMap<>();
        for (TopicPartition tp : withoutLog) probe.put(tp, OffsetSpec.latest());
        ListOffsetsResult answers;
        try {
            answers = admin.listOffsets(probe, Duration.ofSeconds(1));
        } catch (RuntimeException e) {
            return withoutLog.size();
        }
        for (TopicPartition tp : probe.keySet()) {
            if (futures.error(answers.partitionResult(tp)) == null) withoutLog.remove(tp);
        }
        return withoutLog.size();
    }
}
