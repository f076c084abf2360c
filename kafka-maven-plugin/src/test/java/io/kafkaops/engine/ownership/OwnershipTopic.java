package io.kafkaops.engine.ownership;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the ownership topic with a consumer of its own, independent of the engine, for tests to check what it holds. */
public final class OwnershipTopic {

    private OwnershipTopic() {
    }

    /** The latest value per key (tombstoned keys left out), read from the beginning to the end offsets. */
    public static Map<String, String> latest(Map<String, Object> clientProperties) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> r : all(clientProperties)) {
            if (r.value() == null) {
                out.remove(r.key());
            } else {
                out.put(r.key(), r.value());
            }
        }
        return out;
    }

    /** The latest ownership records (leases and stage snapshots left out), by key. */
    public static Map<String, OwnershipRecord> records(Map<String, Object> clientProperties) {
        Map<String, OwnershipRecord> out = new LinkedHashMap<>();
        latest(clientProperties).forEach((k, v) -> {
            if (!Ownership.isLease(k) && !StageSnapshot.isPart(k)) out.put(k, Ownership.fromJson(v));
        });
        return out;
    }

    /** Every record in log order. */
    public static List<ConsumerRecord<String, String>> all(Map<String, Object> clientProperties) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            TopicPartition tp = new TopicPartition(Ownership.TOPIC, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(tp) < end) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("ownership topic not read in time");
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
