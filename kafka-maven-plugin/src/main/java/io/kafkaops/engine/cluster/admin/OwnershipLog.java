package io.kafkaops.engine.cluster.admin;

import io.kafkaops.engine.cluster.ClusterException;
import io.kafkaops.engine.ownership.LogEntry;
import io.kafkaops.engine.ownership.Ownership;
import io.kafkaops.engine.ownership.OwnershipRecord;
import io.kafkaops.engine.ownership.StageSnapshot;
import io.kafkaops.engine.state.ReadScope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads and writes the ownership topic: one JSON record per entity, keyed by {@link Ownership#key}, tombstones for
 * deleted entities, and the deploys' leases ({@link Ownership#leaseKey}). Compaction keeps the latest record per key,
 * so reading the whole topic from the beginning to the end offsets gives the current owners. The log keeps what it has
 * read: a later read continues where the last one ended, and every record read after a {@link #readAll}, of whatever
 * stage, is kept in order ({@link #sinceRead}) for the arbitration of claims.
 *
 * <p>With a {@link #scope} the log keeps only the entity records of that stage (every lease and other record too), and
 * its first read starts at the stage's latest {@link StageSnapshot} when {@link Ownership#INDEX_TOPIC} names one: the
 * snapshot's entries, then the topic from the snapshot's base offset to its end. What a read costs so grows with the
 * stage and with what was written since the snapshot, not with the other stages' records. Reads after the first
 * continue from where the last one ended, so the arbitration window after a deploy's claims is the same as before, and
 * the scope does not filter it. A snapshot is used only until {@link StageSnapshot.Pointer#expiresAt}: after that,
 * compaction may have removed a tombstone written after it, and the read starts at the beginning.
 */
final class OwnershipLog implements AutoCloseable {

    /** A deploy writes a new snapshot of its stage when it read at least this many records past the last one. */
    static final int SNAPSHOT_TAIL = 1_000;

    private final Map<String, String> clientProperties;
    private final Duration timeout;
    private final String stage;
    private final String servers;
    private KafkaProducer<String, String> producer;
    /** Only ever used by the thread that reads (the lease renewals only write). */
    private KafkaConsumer<byte[], byte[]> consumer;
    /** How many consumers this log has created (one, unless a read failed half-way). */
    private int consumersCreated;

    /** The stage whose entity records are kept; null: every record. */
    private ReadScope scope;
    /** Read up to here, by partition. */
    private final Map<Integer, Long> positions = new HashMap<>();
    /** The latest record per key read so far (tombstoned keys removed). */
    private final Map<String, LogEntry> latest = new HashMap<>();
    /** Every record read since the last {@link #readAll} (none before the first), in log order, of every stage. */
    private final List<LogEntry> journal = new ArrayList<>();
    /** Whether a {@link #readAll} was made: from then on every record read goes into the {@link #journal}. */
    private boolean journaling;
    /** When the last {@link #catchUp} started (epoch ms): every record past where it ended was written after. */
    private long readStartedAt;
    /** The snapshot the first read started from, or null. */
    private StageSnapshot.Pointer snapshot;
    /** Whether the first read found the index topic: otherwise a snapshot creates it first (never a send to a topic
     * that may not exist, which would wait the whole timeout for its metadata). */
    private boolean indexFound;
    /** Where the first read started: the snapshot's base, or 0. */
    private long readStart;
    /**
     * The other stages' latest snapshots, from the index topic, whose stage got no record in what this log read past
     * their base: still true at the end of what was read, so a deploy may move their base up ({@link #snapshotIfDue}).
     */
    private final Map<String, StageSnapshot.Pointer> othersClean = new HashMap<>();
    /** Records fetched from the ownership topic so far (snapshot parts included), and those past the snapshot. */
    private long recordsRead;
    private long tailRead;

    OwnershipLog(Map<String, String> clientProperties, Duration timeout, String stage, String servers) {
        this.clientProperties = clientProperties;
        this.timeout = timeout;
        this.stage = stage;
        this.servers = servers;
    }

    /**
     * Keeps only this stage's entity records from now on. Set before the first read; a log that has already read
     * with another scope (or none) forgets what it read and starts again.
     */
    void scope(ReadScope readScope) {
        if (readScope == null || readScope.equals(scope)) return;
        if (!positions.isEmpty()) {
            positions.clear();
            latest.clear();
            journal.clear();
            journaling = false;
            snapshot = null;
            // found for the old scope: one of them may be the new scope's own snapshot
            othersClean.clear();
            indexFound = false;
            readStart = 0;
            tailRead = 0;
        }
        scope = readScope;
    }

    /** Records fetched from the ownership topic so far, snapshot parts included. */
    long recordsRead() {
        return recordsRead;
    }

    /** The snapshot the first read started from, or null when it read from the beginning. */
    StageSnapshot.Pointer snapshotUsed() {
        return snapshot;
    }

    /**
     * Every current ownership record, by key (leases, debug sessions and snapshots left out). Needs READ on the ownership topic only (no consumer
     * group is used). Where this read ends is where the arbitration of this session's claims starts.
     */
    Map<String, OwnershipRecord> readAll() throws ClusterException {
        catchUp();
        journal.clear();
        journaling = true;
        Map<String, OwnershipRecord> records = new HashMap<>();
        for (LogEntry e : latest.values()) {
            if (!Ownership.isEntityKey(e.key())) continue;
            OwnershipRecord r = Ownership.fromJson(e.value());
            if (r != null) records.put(e.key(), r);
        }
        return records;
    }

    /**
     * The records read since the last {@link #readAll} (none when there was none), in log order: every record, not only
     * the scope's, since the arbitration of a claim needs every other claim of its key, whatever stage it is in.
     */
    List<LogEntry> sinceRead() {
        return List.copyOf(journal);
    }

    /** The current records whose key starts with a prefix, read up to the end now. */
    List<LogEntry> current(String keyPrefix) throws ClusterException {
        catchUp();
        return latest.values().stream().filter(e -> e.key().startsWith(keyPrefix)).toList();
    }

    /** Whether a record is kept: snapshot parts never, entity records of the scope's stage, everything else. */
    private boolean keep(String key) {
        if (StageSnapshot.isPart(key)) return false;
        if (scope == null || !Ownership.isEntityKey(key)) return true;
        return scope.containsKey(key);
    }

    /** Reads from where the last read ended to the end offsets, keeping the latest record per key and the journal. */
    void catchUp() throws ClusterException {
        long deadline = System.nanoTime() + timeout.toNanos();
        readStartedAt = System.currentTimeMillis();
        KafkaConsumer<byte[], byte[]> consumer = consumer();
        boolean failed = true;
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(Ownership.TOPIC, timeout);
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo i : infos) partitions.add(new TopicPartition(i.topic(), i.partition()));
            boolean first = positions.isEmpty();
            if (first && scope != null && partitions.size() == 1 && partitions.get(0).partition() == 0) {
                fromSnapshot(consumer, partitions.get(0), deadline);
            }
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
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    recordsRead++;
                    tailRead++;
                    if (r.key() == null) continue;
                    String key = new String(r.key(), StandardCharsets.UTF_8);
                    if (!othersClean.isEmpty()) touch(key, r.offset(), r.value() == null);
                    boolean kept = keep(key);
                    if (!kept && !(journaling && !StageSnapshot.isPart(key))) continue;
                    String value = r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8);
                    LogEntry e = new LogEntry(r.partition(), r.offset(), key, value);
                    if (journaling) journal.add(e);
                    if (!kept) continue;
                    if (value == null) {
                        latest.remove(key);
                    } else {
                        latest.put(key, e);
                    }
                }
            }
            for (TopicPartition tp : partitions) positions.put(tp.partition(), consumer.position(tp, timeout));
            // nothing fetched ahead is kept between reads: the next one seeks to where this one ended
            consumer.assign(List.of());
            failed = false;
        } catch (KafkaException e) {
            throw KafkaErrors.toClusterException(e, stage, servers, "reading the ownership topic " + Ownership.TOPIC,
                    timeout);
        } finally {
            if (failed) closeConsumer();
        }
    }

    /** The reader of the ownership topic, opened once per log: every read after the first saves the connection. */
    private KafkaConsumer<byte[], byte[]> consumer() throws ClusterException {
        if (consumer != null) return consumer;
        Properties p = base();
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "kafkaops-ownership-reader");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        // 4 MiB: few fetches for a read from the beginning, little fetched in vain past a snapshot's parts
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(4 * 1024 * 1024));
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

    /** Closes the reader, which the next read then opens again. */
    private void closeConsumer() {
        if (consumer == null) return;
        try {
            // no group and no commits: nothing to wait for
            consumer.close(CloseOptions.timeout(Duration.ZERO));
        } catch (KafkaException e) {
            // closing only
        }
        consumer = null;
    }

    /** Forgets the other stages' snapshots that a record read at {@code offset} makes out of date. */
    private void touch(String key, long offset, boolean tombstone) {
        if (StageSnapshot.isPart(key)) return;
        othersClean.values().removeIf(p -> {
            if (offset < p.base()) return false;
            ReadScope other = ReadScope.fromId(p.scope());
            if (Ownership.isEntityKey(key)) return other.containsKey(key);
            if (Ownership.isLease(key)) {
                // a new lease of the stage, or the end of one the snapshot holds; the end of a lease the snapshot
                // left out (its writer's own, removed right after) changes nothing for it
                return key.startsWith(Ownership.LEASE_PREFIX + other.stage() + ":")
                        && (!tombstone || p.leases().contains(key));
            }
            return true;
        });
    }

    /**
     * Starts the first read at the scope's latest snapshot: its entries become what was read, and the read continues
     * at its base offset. Leaves everything as it was (a read from the beginning) when there is no index topic, no
     * pointer for this scope, no right to read them, the pointer has expired, or the parts are not exactly the
     * pointer's.
     */
    private void fromSnapshot(KafkaConsumer<byte[], byte[]> consumer, TopicPartition log, long deadline) {
        StageSnapshot.Pointer pointer;
        try {
            List<PartitionInfo> index = consumer.partitionsFor(Ownership.INDEX_TOPIC, timeout);
            if (index.isEmpty()) return;
            indexFound = true;
            String wanted = StageSnapshot.pointerKey(scope.id());
            String value = null;
            Map<String, String> pointers = new HashMap<>();
            List<TopicPartition> tps = index.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps, timeout);
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) return;
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() == null) continue;
                    String key = new String(r.key(), StandardCharsets.UTF_8);
                    String v = r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8);
                    if (wanted.equals(key)) value = v;
                    if (v == null) {
                        pointers.remove(key);
                    } else {
                        pointers.put(key, v);
                    }
                }
            }
            long now = System.currentTimeMillis();
            for (String v : pointers.values()) {
                StageSnapshot.Pointer other = StageSnapshot.pointer(v);
                if (other != null && other.usableAt(now) && !other.scope().equals(scope.id())
                        && ReadScope.fromId(other.scope()) != null) {
                    othersClean.put(other.scope(), other);
                }
            }
            pointer = StageSnapshot.pointer(value);
            // an expired snapshot may hold a record whose tombstone compaction has removed since: not used
            if (pointer == null || !pointer.scope().equals(scope.id()) || !pointer.usableAt(now)) return;
            consumer.assign(List.of(log));
            consumer.seek(log, pointer.offset());
            long logEnd = consumer.endOffsets(List.of(log), timeout).get(log);
            // the parts were written in one batch, but other deploys' records may lie between them
            long scanTo = Math.min(logEnd, pointer.offset() + pointer.parts() + 1_000L);
            List<StageSnapshot.Part> parts = new ArrayList<>();
            long lastPart = pointer.offset();
            String prefix = StageSnapshot.PREFIX + scope.id() + ":";
            while (parts.size() < pointer.parts() && consumer.position(log, timeout) < scanTo) {
                if (System.nanoTime() > deadline) return;
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (parts.size() == pointer.parts()) break;
                    if (r.offset() >= scanTo || r.key() == null || r.value() == null) continue;
                    if (!new String(r.key(), StandardCharsets.UTF_8).startsWith(prefix)) continue;
                    StageSnapshot.Part part = StageSnapshot.part(new String(r.value(), StandardCharsets.UTF_8));
                    if (part != null && part.id().equals(pointer.id())) {
                        parts.add(part);
                        lastPart = r.offset();
                    }
                }
            }
            // the records from the first part to the last (a fetch may bring more, up to its size, unused)
            recordsRead += lastPart - pointer.offset() + 1;
            List<LogEntry> entries = StageSnapshot.entries(pointer, parts, log.partition());
            if (entries == null) return;
            for (LogEntry e : entries) {
                if (keep(e.key())) latest.put(e.key(), e);
            }
            positions.put(log.partition(), pointer.base());
            snapshot = pointer;
            readStart = pointer.base();
            tailRead = 0;
        } catch (KafkaException e) {
            // no right to read the index or the parts, or they are gone: read from the beginning
            latest.clear();
            positions.clear();
            readStart = 0;
        }
    }

    /**
     * Writes a snapshot of the stage's records and points the index topic at it, when the reads of this session went
     * through at least {@link #SNAPSHOT_TAIL} records (and a quarter of the stage's) past the last snapshot, or found
     * none. A snapshot only speeds reads up, so a failure here changes nothing and is not reported.
     *
     * @param createIndex     creates the index topic when the read found none (the deploying principal may create
     *                        topics)
     * @param leftOut         keys the snapshot leaves out: the writer's own lease, which it removes right after
     * @param deleteRetention the ownership topic's {@code delete.retention.ms}, or a negative number when it cannot be
     *                        read: then no snapshot is written and no pointer moved (their expiry would be a guess)
     * @return whether a snapshot was written
     */
    boolean snapshotIfDue(java.util.function.Predicate<Integer> createIndex, java.util.Set<String> leftOut,
                          java.util.function.LongSupplier deleteRetention) {
        if (scope == null) return false;
        try {
            catchUp();
            if (positions.size() != 1 || !positions.containsKey(0)) return false;
            long base = positions.get(0);
            boolean due = snapshot == null || tailRead >= SNAPSHOT_TAIL && tailRead >= latest.size() / 4;
            List<StageSnapshot.Pointer> movable = movable(base);
            if (!due && movable.isEmpty()) return false;
            long retention = deleteRetention.getAsLong();
            if (retention <= 0) return false;
            long expiresAt = StageSnapshot.expiry(readStartedAt, retention);
            advance(movable, base, expiresAt);
            // what this session read rests on the snapshot it started at: only while that one is still good
            if (!due || snapshot != null && !snapshot.usableAt(System.currentTimeMillis())) return false;
            if (!indexFound && !createIndex.test(0)) return false;
            indexFound = true;
            String id = UUID.randomUUID().toString();
            List<LogEntry> entries = latest.values().stream().filter(e -> !leftOut.contains(e.key())).toList();
            List<StageSnapshot.Part> parts = StageSnapshot.split(id, scope.id(), base, entries);
            List<String> leases = entries.stream().map(LogEntry::key).filter(Ownership::isLease).sorted().toList();
            Map<String, String> values = new LinkedHashMap<>();
            for (StageSnapshot.Part part : parts) {
                values.put(StageSnapshot.partKey(scope.id(), part.part()), StageSnapshot.toJson(part));
            }
            // parts of the previous snapshot beyond this one's go, so that compaction can drop them
            for (int i = parts.size(); snapshot != null && i < snapshot.parts(); i++) {
                values.put(StageSnapshot.partKey(scope.id(), i), null);
            }
            Written w = send(values);
            if (!w.failed().isEmpty()) return false;
            long first = w.offsets().get(StageSnapshot.partKey(scope.id(), 0));
            StageSnapshot.Pointer pointer = new StageSnapshot.Pointer(id, scope.id(), base, first, parts.size(),
                    leases, expiresAt);
            Future<RecordMetadata> sent = producer().send(new ProducerRecord<>(Ownership.INDEX_TOPIC,
                    StageSnapshot.pointerKey(scope.id()), StageSnapshot.toJson(pointer)));
            producer().flush();
            sent.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (ClusterException | KafkaException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * The other stages' snapshots whose base can move up to {@code end}: this log read everything from their base on
     * and none of it was theirs, so their snapshot is still exact there, and their next read is that much shorter.
     * Only snapshots still usable now: then no tombstone since their base had been compacted away when this log read
     * it, and a moved one is usable until the expiry of what this log read last.
     */
    private List<StageSnapshot.Pointer> movable(long end) {
        long now = System.currentTimeMillis();
        return othersClean.values().stream()
                .filter(p -> readStart <= p.base() && end - p.base() >= SNAPSHOT_TAIL && p.usableAt(now)).toList();
    }

    /** Moves the base of {@link #movable} snapshots up to {@code end}, usable until {@code expiresAt}. */
    private void advance(List<StageSnapshot.Pointer> movable, long end, long expiresAt) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (StageSnapshot.Pointer p : movable) {
            StageSnapshot.Pointer moved = p.movedTo(end, expiresAt);
            sent.add(producer().send(new ProducerRecord<>(Ownership.INDEX_TOPIC, StageSnapshot.pointerKey(p.scope()),
                    StageSnapshot.toJson(moved))));
        }
        if (sent.isEmpty()) return;
        producer().flush();
        for (Future<RecordMetadata> f : sent) f.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        othersClean.clear();
    }

    private boolean reachedEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
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

    /** The size of the writer's record batches. */
    static final int BATCH_BYTES = 512 * 1024;

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
            // The topic has one partition and one request is in flight, and a request carries one batch per
            // partition: with the default 16 KiB batches, the 6,000 claims of a deploy took 130 round trips one after
            // the other. Half a MiB stays under the brokers' default message.max.bytes (1 MiB).
            p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(BATCH_BYTES));
            p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis() + 1000));
            producer = new KafkaProducer<>(p);
        }
        return producer;
    }

    /** The requests the writer has sent so far (produce and metadata), from its own metrics; 0 before any write. */
    synchronized long writerRequests() {
        if (producer == null) return 0;
        for (var e : producer.metrics().entrySet()) {
            if (e.getKey().group().equals("producer-metrics") && e.getKey().name().equals("request-total")) {
                return Math.round(((Number) e.getValue().metricValue()).doubleValue());
            }
        }
        throw new IllegalStateException("the producer has no metric request-total");
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
