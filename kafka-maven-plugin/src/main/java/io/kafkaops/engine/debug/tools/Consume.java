package io.kafkaops.engine.debug.tools;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code kafka:consume}: reads records of one topic and prints each as one line ({@link RecordText}), then a summary.
 * Without a group it assigns itself every partition and commits nothing, which needs no group ACL; with a group it
 * subscribes as a member of it and commits the offsets of the records it printed. It stops by itself: after
 * {@link Request#records} records; after {@link Request#duration} when one is given; else once it has reached the end
 * each partition had when it started.
 */
public final class Consume {

    private static final Duration POLL = Duration.ofMillis(200);

    /**
     * @param topic    the topic's physical name
     * @param group    the consumer group, or null to read without one
     * @param from     where to start; with a group and no explicit start, the group's committed offsets
     * @param fromGiven whether {@code from} was asked for (with a group, it then overrides the committed offsets)
     * @param records  the most records to print (at least 1)
     * @param duration how long to wait for records, or null to stop at the end of the topic
     * @param width    the most characters shown of each key, header value and value; 0 for all
     * @param timeout  bound of each call to the cluster, and of the wait for the end without a duration
     */
    public record Request(String topic, String group, StartPosition from, boolean fromGiven, int records,
                          Duration duration, int width, Duration timeout) {
    }

    /** What a run did: how many records, why it stopped, what it committed. */
    public record Result(int records, String stoppedBecause, boolean committed) {
    }

    private Consume() {
    }

    public static Result run(ToolCredentials.Access access, Request r, Consumer<String> out) throws ToolException {
        Map<String, Object> props = Clients.settings(access, r.timeout());
        props.put("key.deserializer", ByteArrayDeserializer.class.getName());
        props.put("value.deserializer", ByteArrayDeserializer.class.getName());
        props.put("enable.auto.commit", "false");
        props.put("max.poll.records", String.valueOf(Math.max(1, Math.min(500, r.records()))));
        if (r.group() != null) {
            props.put("group.id", r.group());
            props.put("auto.offset.reset", r.from().kind() == StartPosition.Kind.LATEST ? "latest" : "earliest");
        }
        String doing = "read topic " + r.topic();
        KafkaConsumer<byte[], byte[]> consumer;
        try {
            consumer = new KafkaConsumer<>(props);
        } catch (RuntimeException e) {
            throw ClientErrors.explain(e, access.account(), "create a consumer", r.group(),
                    Clients.describe(r.timeout()));
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> toCommit = new HashMap<>();
        int printed = 0;
        String stopped;
        long started = System.nanoTime();
        try {
            if (r.group() == null) {
                List<PartitionInfo> partitions = consumer.partitionsFor(r.topic(), r.timeout());
                if (partitions == null || partitions.isEmpty()) {
                    throw new ToolException("topic " + r.topic() + " does not exist");
                }
                List<TopicPartition> tps = partitions.stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(tps);
                seek(consumer, tps, r);
                ends.putAll(consumer.endOffsets(tps, r.timeout()));
            } else {
                consumer.subscribe(List.of(r.topic()), new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                        // offsets are committed once, at the end
                    }

                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        if (r.fromGiven()) seek(consumer, partitions, r);
                        ends.putAll(consumer.endOffsets(partitions, r.timeout()));
                    }
                });
            }
            long deadline = started + (r.duration() != null ? r.duration() : r.timeout()).toNanos();
            // a fetch is what the broker checks READ on: the end of an empty topic counts only after one poll
            boolean polled = false;
            while (true) {
                if (printed >= r.records()) {
                    stopped = r.records() + " record" + (r.records() == 1 ? "" : "s") + " (kafka.records)";
                    break;
                }
                if (r.duration() == null && polled && !consumer.assignment().isEmpty() && caughtUp(consumer, ends)) {
                    stopped = "reached the end of the topic";
                    break;
                }
                if (System.nanoTime() - deadline >= 0) {
                    if (r.duration() != null) {
                        stopped = "kafka.duration " + r.duration().toSeconds() + " s passed";
                    } else if (consumer.assignment().isEmpty()) {
                        throw new ToolException("consumer group " + r.group() + " got no partition of topic "
                                + r.topic() + " within " + Clients.describe(r.timeout())
                                + " (other members may hold them all)");
                    } else {
                        stopped = "no end of the topic within " + Clients.describe(r.timeout())
                                + " (records still arriving; use kafka.duration)";
                    }
                    break;
                }
                var batch = consumer.poll(POLL);
                polled = true;
                for (ConsumerRecord<byte[], byte[]> rec : batch) {
                    if (printed >= r.records()) break;
                    out.accept(RecordText.line(rec, r.width()));
                    printed++;
                    toCommit.put(new TopicPartition(rec.topic(), rec.partition()),
                            new OffsetAndMetadata(rec.offset() + 1));
                }
            }
            boolean committed = false;
            if (r.group() != null && !toCommit.isEmpty()) {
                consumer.commitSync(toCommit, r.timeout());
                committed = true;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            out.accept(String.format(java.util.Locale.ROOT, "Consumed %d record%s from %s in %.1f s (from %s%s);"
                            + " stopped: %s", printed, printed == 1 ? "" : "s", r.topic(), seconds,
                    r.group() != null && !r.fromGiven() ? "the group's committed offsets, else " + r.from()
                            : r.from(), r.group() == null ? ", no consumer group, nothing committed"
                            : ", group " + r.group() + (committed ? ", offsets committed" : ", nothing to commit"),
                    stopped));
            return new Result(printed, stopped, committed);
        } catch (ToolException e) {
            throw e;
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted while reading topic " + r.topic());
        } catch (RuntimeException e) {
            throw ClientErrors.explain(e, access.account(), doing, r.group(), Clients.describe(r.timeout()));
        } finally {
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private static void seek(KafkaConsumer<byte[], byte[]> consumer, Collection<TopicPartition> tps, Request r) {
        switch (r.from().kind()) {
            case EARLIEST -> consumer.seekToBeginning(tps);
            case LATEST -> consumer.seekToEnd(tps);
            case TIME -> {
                Map<TopicPartition, Long> query = new HashMap<>();
                for (TopicPartition tp : tps) query.put(tp, r.from().timestamp().toEpochMilli());
                Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, r.timeout());
                List<TopicPartition> none = new ArrayList<>();
                for (TopicPartition tp : tps) {
                    OffsetAndTimestamp at = found.get(tp);
                    if (at == null) none.add(tp);
                    else consumer.seek(tp, at.offset());
                }
                // no record at or after the time: start at the end, for records still to come
                if (!none.isEmpty()) consumer.seekToEnd(none);
            }
        }
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        Set<TopicPartition> assigned = consumer.assignment();
        for (TopicPartition tp : assigned) {
            Long end = ends.get(tp);
            if (end == null || consumer.position(tp, Duration.ofSeconds(5)) < end) return false;
        }
        return true;
    }
}
