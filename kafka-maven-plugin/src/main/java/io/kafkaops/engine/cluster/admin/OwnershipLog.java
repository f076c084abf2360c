package io.kafkaops.engine.cluster.admin;

import io.kafkaops.engine.cluster.ClusterException;
import io.kafkaops.engine.ownership.LogEntry;
import io.kafkaops.engine.ownership.Ownership;
import io.kafkaops.engine.ownership.OwnershipRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads and writes the ownership topic: one JSON record per entity, keyed by {@link Ownership#key}, tombstones for
 * deleted entities, and the deploys' leases ({@link Ownership#leaseKey}). Compaction keeps the latest record per key,
 * so reading the whole topic from the beginning to the end offsets gives the current owners. The log keeps what it has
 * read: a later read continues where the last one ended, and the records read since the last {@link #readAll} are kept
 * in order ({@link #sinceRead}) for the arbitration of claims.
 */
final class OwnershipLog implements AutoCloseable {

    private final Map<String, String> clientProperties;
    private final Duration timeout;
    private final String stage;
    private final String servers;
    private KafkaProducer<String, String> producer;
    /** The consumer every read goes through: created by the first, closed with the log. */
    private KafkaConsumer<String, String> consumer;
    /** How many consumers this log has created (one, unless a read failed half-way). */
    private int consumersCreated;

    /** Read up to here, by partition. */
    private final Map<Integer, Long> positions = new HashMap<>();
    /** The latest record per key read so far (tombstoned keys removed). */
    private final Map<String, LogEntry> latest = new HashMap<>();
    /** Every record read since the last {@link #readAll}, in log order. */
    private final List<LogEntry> journal = new ArrayList<>();

    OwnershipLog(Map<String, String> clientProperties, Duration timeout, String stage, String servers) {
        this.clientProperties = clientProperties;
        this.timeout = timeout;
        this.stage = stage;
        this.servers = servers;
    }

    /**
     * Every current ownership record, by key (leases and debug sessions left out). Needs READ on the ownership topic only (no consumer
     * group is used). Where this read ends is where the arbitration of this session's claims starts.
     */
    Map<String, OwnershipRecord> readAll() throws ClusterException {
        catchUp();
        journal.clear();
        Map<String, OwnershipRecord> records = new HashMap<>();
        for (LogEntry e : latest.values()) {
            if (!Ownership.isEntity(e.key())) continue;
            OwnershipRecord r = Ownership.fromJson(e.value());
            if (r != null) records.put(e.key(), r);
        }
        return records;
    }

    /** The records read since the last {@link #readAll} (all of them when there was none), in log order. */
    List<LogEntry> sinceRead() {
        return List.copyOf(journal);
    }

    /** The current records whose key starts with a prefix, read up to the end now. */
    List<LogEntry> current(String keyPrefix) throws ClusterException {
        catchUp();
        return latest.values().stream().filter(e -> e.key().startsWith(keyPrefix)).toList();
    }

    /**
     * Reads from where the last read ended to the end offsets, keeping the latest record per key and the journal. The
     * first read creates the log's consumer; later reads (a deploy makes several: the debug sessions, the lease, the
     * state, the arbitration of its claims) reuse it and its connections, so each costs a ListOffsets and a fetch, not
     * a new client with its own sign-ins.
     */
    void catchUp() throws ClusterException {
        long deadline = System.nanoTime() + timeout.toNanos();
        KafkaConsumer<String, String> consumer = consumer();
        boolean read = false;
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(Ownership.TOPIC, timeout);
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo i : infos) partitions.add(new TopicPartition(i.topic(), i.partition()));
            consumer.assign(partitions);
            for (TopicPartition tp : partitions) {
                Long at = positions.get(tp.partition());
                if (at == null) {
                    consumer.seekToBeginning(List.of(tp));
                } else {
                    consumer.seek(tp, at);
                }
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new ClusterException("Could not read the ownership topic " + Ownership.TOPIC + " of stage "
                            + stage + " at " + servers + " to its end within " + timeout.toSeconds() + " s; try a"
                            + " longer -Dkafka.timeout");
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() == null) continue;
                    LogEntry e = new LogEntry(r.partition(), r.offset(), r.key(), r.value());
                    journal.add(e);
                    if (r.value() == null) {
                        latest.remove(r.key());
                    } else {
                        latest.put(r.key(), e);
                    }
                }
            }
            for (TopicPartition tp : partitions) positions.put(tp.partition(), consumer.position(tp, timeout));
            read = true;
        } catch (KafkaException e) {
            throw KafkaErrors.toClusterException(e, stage, servers, "reading the ownership topic " + Ownership.TOPIC,
                    timeout);
        } finally {
            // a consumer left half-way is not used again: the next read starts a new one where this one began
            if (!read) closeConsumer();
        }
    }

    /** The log's consumer, created by the first read; reads are made by one thread at a time (the goal's). */
    private KafkaConsumer<String, String> consumer() throws ClusterException {
        if (consumer != null) return consumer;
        Properties p = base();
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "kafkaops-ownership-reader");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(16 * 1024 * 1024));
        // a fetch parked at the end of the log would hold up close() for the default 500 ms
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        try {
            consumer = new KafkaConsumer<>(p);
        } catch (KafkaException e) {
            throw KafkaErrors.toClusterException(e, stage, servers, "reading the ownership topic " + Ownership.TOPIC,
                    timeout);
        }
        consumersCreated++;
        return consumer;
    }

    /** How many consumers this log has created so far. */
    int consumersCreated() {
        return consumersCreated;
    }

    private void closeConsumer() {
        if (consumer == null) return;
        try {
            // no group and no commits: nothing to wait for
            consumer.close(CloseOptions.timeout(Duration.ZERO));
        } catch (KafkaException e) {
            // closing only frees its resources
        } finally {
            consumer = null;
        }
    }

    private boolean reachedEnd(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey(), timeout) < e.getValue()) return false;
        }
        return true;
    }

    /**
     * Writes records (null values become tombstones) and waits until the cluster has them all.
     *
     * @return the keys that could not be written, with the reason; empty when all were written
     */
    Map<String, String> write(Map<String, OwnershipRecord> values) {
        Map<String, String> raw = new LinkedHashMap<>();
        values.forEach((k, v) -> raw.put(k, v == null ? null : Ownership.toJson(v)));
        return send(raw).failed();
    }

    /**
     * What a write did.
     *
     * @param offsets where each written record went, by key
     * @param failed  the keys that could not be written, with the reason
     */
    record Written(Map<String, Long> offsets, Map<String, String> failed) {
    }

    /** Writes raw values (null: a tombstone) in one batch and waits until the cluster has them all. */
    Written send(Map<String, String> values) {
        Map<String, String> failed = new LinkedHashMap<>();
        Map<String, Long> offsets = new LinkedHashMap<>();
        if (values.isEmpty()) return new Written(offsets, failed);
        Map<String, Future<RecordMetadata>> sent = new LinkedHashMap<>();
        try {
            KafkaProducer<String, String> p = producer();
            for (Map.Entry<String, String> e : values.entrySet()) {
                sent.put(e.getKey(), p.send(new ProducerRecord<>(Ownership.TOPIC, e.getKey(), e.getValue())));
            }
            p.flush();
        } catch (KafkaException e) {
            for (String key : values.keySet()) {
                if (!sent.containsKey(key)) failed.put(key, KafkaErrors.message(e));
            }
        }
        for (Map.Entry<String, Future<RecordMetadata>> e : sent.entrySet()) {
            try {
                offsets.put(e.getKey(), e.getValue().get().offset());
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                failed.put(e.getKey(), "interrupted");
            } catch (Exception ex) {
                failed.put(e.getKey(), KafkaErrors.message(ex));
            }
        }
        return new Written(offsets, failed);
    }

    /** Shared by the deploy and its lease renewals (a producer is thread-safe). */
    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties p = base();
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "kafkaops-ownership-writer");
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            // Not idempotent: that needs IDEMPOTENT_WRITE on the cluster or WRITE on some topic before the first send,
            // so a principal without WRITE on the ownership topic failed with a misleading "Cluster authorization
            // failed" (and the client logged a stack trace while closing). One request in flight keeps the records
            // in order; a retried duplicate of a keyed record in a compacted topic changes nothing.
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
            p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout.toMillis()));
            p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
            p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis() + 1000));
            producer = new KafkaProducer<>(p);
        }
        return producer;
    }

    private Properties base() {
        Properties p = new Properties();
        p.putAll(clientProperties);
        ClientSettings.lean(p);
        long requestTimeout = Math.min(timeout.toMillis(), 30_000);
        p.put("request.timeout.ms", Long.toString(requestTimeout));
        return p;
    }

    @Override
    public synchronized void close() {
        closeConsumer();
        if (producer != null) producer.close(Duration.ofSeconds(5));
    }
}
