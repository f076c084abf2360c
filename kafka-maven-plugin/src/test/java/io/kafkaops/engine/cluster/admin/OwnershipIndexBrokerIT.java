package io.kafkaops.engine.cluster.admin;

import static io.kafkaops.engine.Fixtures.account;
import static io.kafkaops.engine.Fixtures.model;
import static io.kafkaops.engine.Fixtures.produces;
import static io.kafkaops.engine.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.engine.DeployOutcome;
import io.kafkaops.engine.PlanOutcome;
import io.kafkaops.engine.ownership.ClaimArbitration;
import io.kafkaops.engine.ownership.Ownership;
import io.kafkaops.engine.ownership.OwnershipRecord;
import io.kafkaops.engine.ownership.StageSnapshot;
import io.kafkaops.engine.plan.ChangeAction;
import io.kafkaops.engine.plan.EntityKind;
import io.kafkaops.engine.state.ReadScope;
import io.kafkaops.model.EntityModel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A read of one stage goes through that stage's snapshot and what was written since, not through the records of the
 * other stages on the cluster, and gives what a read from the beginning gives.
 */
class OwnershipIndexBrokerIT extends BrokerTestBase {

    private static final String A = "com.example:billing-a";
    private static final int OTHERS = 3_000;

    private EntityModel small() {
        return model(List.of(topic("billing.a.v1", 1, Map.of())), List.of(account("billing-a")),
                List.of(produces("billing-a", "billing.a.v1")));
    }

    private KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.putAll(k.broker.adminClientProperties());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        return new KafkaProducer<>(p);
    }

    /** Records of another repository on stage test: as many as a busy cluster has, written directly. */
    private void otherStageRecords(int n) throws Exception {
        try (KafkaProducer<String, String> p = producer()) {
            for (int i = 0; i < n; i++) {
                String name = k.test + "billing.other.t" + i;
                p.send(new ProducerRecord<>(Ownership.TOPIC, Ownership.key(EntityKind.TOPIC, name),
                        Ownership.toJson(new OwnershipRecord("com.example:billing-other", "billing", "test", "topic",
                                name, "billing.other.t" + i, "h", "2026-01-01T00:00:00Z", "private", List.of(),
                                false))));
            }
            p.flush();
        }
    }

    private OwnershipLog log() {
        Map<String, String> props = new TreeMap<>();
        k.broker.adminClientProperties().forEach((key, v) -> props.put(key, String.valueOf(v)));
        return new OwnershipLog(props, BrokerSupport.TIMEOUT, "dev", k.broker.bootstrapServers());
    }

    /** What a read from the beginning without a scope gives for stage dev. */
    private Map<String, OwnershipRecord> fullRead(ReadScope dev) throws Exception {
        Map<String, OwnershipRecord> out = new TreeMap<>();
        try (OwnershipLog full = log()) {
            full.readAll().forEach((key, r) -> {
                if (dev.containsKey(key)) out.put(key, r);
            });
            assertThat(full.recordsRead()).isGreaterThanOrEqualTo(OTHERS);
        }
        return out;
    }

    /** Deploys repository A's small model to stage dev. */
    private DeployOutcome deploySmall() throws Exception {
        return k.engine(out).deploy(k.request(small(), "dev", A).store(store("a")).build(), null);
    }

    @Test
    void aStageReadsItsSnapshotAndWhatCameAfterItNotTheOtherStagesRecords() throws Exception {
        ReadScope dev = ReadScope.of(k.platform, "dev");
        assertThat(deploySmall().complete()).isTrue();
        otherStageRecords(OTHERS);
        // a deploy with nothing to change that read past the other stage's records leaves a new snapshot
        assertThat(deploySmall().results()).isEmpty();

        // another repository claims a topic of stage dev after the snapshot, written the way a deploy writes it
        String late = k.dev + "billing.late.v1";
        try (KafkaProducer<String, String> p = producer()) {
            p.send(new ProducerRecord<>(Ownership.TOPIC, Ownership.key(EntityKind.TOPIC, late),
                    Ownership.toJson(new OwnershipRecord("com.example:billing-late", "billing", "dev", "topic", late,
                            "billing.late.v1", null, "2026-01-01T00:00:00Z", "public", List.of(), false)))).get();
        }

        Map<String, OwnershipRecord> scoped;
        try (OwnershipLog log = log()) {
            log.scope(dev);
            scoped = log.readAll();
            assertThat(log.snapshotUsed()).as("the read started at the stage's snapshot").isNotNull();
            assertThat(log.recordsRead()).as("records fetched").isLessThan(100);
        }
        assertThat(scoped).isEqualTo(fullRead(dev));
        assertThat(scoped).containsKeys(Ownership.key(EntityKind.TOPIC, k.dev + "billing.a.v1"),
                Ownership.key(EntityKind.TOPIC, late));

        // the engine's plan goes the same way: the record written after the snapshot is a conflict for a repository
        // declaring that topic, and the small repository plans no change
        PlanOutcome conflict = k.engine(out).plan(k.request(model(List.of(topic("billing.late.v1", 1, Map.of())),
                List.of(), List.of()), "dev", A).build());
        assertThat(conflict.plan().problems()).anySatisfy(d -> assertThat(d.message()).contains(late)
                .contains("com.example:billing-late"));
        assertThat(k.engine(out).plan(k.request(small(), "dev", A).build()).plan().changes())
                .allSatisfy(c -> assertThat(c.action()).isEqualTo(ChangeAction.UNCHANGED));
    }

    @Test
    void aDeployOfAnotherStageMovesTheSnapshotOfAStageItFoundNothingOfUp() throws Exception {
        ReadScope dev = ReadScope.of(k.platform, "dev");
        assertThat(deploySmall().complete()).isTrue();
        otherStageRecords(OTHERS);
        // a deploy to stage test reads past dev's snapshot and finds nothing of dev there
        assertThat(k.engine(out).deploy(k.request(model(List.of(topic("billing.b.v1", 1, Map.of())), List.of(),
                List.of()), "test", "com.example:billing-b").store(store("b")).build(), null).complete()).isTrue();
        try (OwnershipLog log = log()) {
            log.scope(dev);
            Map<String, OwnershipRecord> scoped = log.readAll();
            assertThat(log.snapshotUsed()).isNotNull();
            assertThat(log.recordsRead()).as("records fetched").isLessThan(100);
            assertThat(scoped).isEqualTo(fullRead(dev))
                    .containsKey(Ownership.key(EntityKind.TOPIC, k.dev + "billing.a.v1"));
        }
    }

    @Test
    void aPointerWhosePartsAreGoneMakesTheReadStartAtTheBeginning() throws Exception {
        ReadScope dev = ReadScope.of(k.platform, "dev");
        assertThat(deploySmall().complete()).isTrue();
        otherStageRecords(OTHERS);
        // a pointer to parts compaction removed (here: parts that never were)
        try (KafkaProducer<String, String> p = producer()) {
            p.send(new ProducerRecord<>(Ownership.INDEX_TOPIC, StageSnapshot.pointerKey(dev.id()),
                    StageSnapshot.toJson(new StageSnapshot.Pointer("gone", dev.id(), 5, 0, 2,
                            Long.MAX_VALUE)))).get();
        }
        try (OwnershipLog log = log()) {
            log.scope(dev);
            Map<String, OwnershipRecord> scoped = log.readAll();
            assertThat(log.snapshotUsed()).isNull();
            assertThat(scoped).isEqualTo(fullRead(dev))
                    .containsKey(Ownership.key(EntityKind.TOPIC, k.dev + "billing.a.v1"));
        }
    }

    /** The stage's pointer in the index topic as written, raw. */
    private String pointerOf(ReadScope scope) throws Exception {
        Properties p = new Properties();
        p.putAll(k.broker.adminClientProperties());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        String value = null;
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            TopicPartition tp = new TopicPartition(Ownership.INDEX_TOPIC, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            while (c.position(tp) < end) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    if (StageSnapshot.pointerKey(scope.id()).equals(r.key())) value = r.value();
                }
            }
        }
        return value;
    }

    @Test
    void aSnapshotIsUsedOnlyWhileNoTombstoneWrittenAfterItCanHaveBeenCompactedAway() throws Exception {
        ReadScope dev = ReadScope.of(k.platform, "dev");
        long before = System.currentTimeMillis();
        assertThat(deploySmall().complete()).isTrue();
        otherStageRecords(OTHERS);
        assertThat(deploySmall().results()).isEmpty();
        String raw = pointerOf(dev);
        StageSnapshot.Pointer pointer = StageSnapshot.pointer(raw);
        assertThat(pointer).isNotNull();
        // the broker's default delete.retention.ms is a day: usable for half of it from the read it was taken after
        assertThat(pointer.expiresAt()).isBetween(before + 43_200_000L, System.currentTimeMillis() + 43_200_000L);

        // the same pointer, expired: compaction may have removed a tombstone written after its base (the snapshot
        // would bring the deleted record back), so the read starts at the beginning
        String expired = raw.replaceFirst("\"expiresAt\":[0-9]+", "\"expiresAt\":" + (before - 1));
        assertThat(expired).isNotEqualTo(raw);
        try (KafkaProducer<String, String> p = producer()) {
            p.send(new ProducerRecord<>(Ownership.INDEX_TOPIC, StageSnapshot.pointerKey(dev.id()), expired)).get();
        }
        try (OwnershipLog log = log()) {
            log.scope(dev);
            Map<String, OwnershipRecord> scoped = log.readAll();
            assertThat(log.snapshotUsed()).isNull();
            assertThat(log.recordsRead()).isGreaterThanOrEqualTo(OTHERS);
            assertThat(scoped).isEqualTo(fullRead(dev));
        }
        // the next deploy of the stage writes a fresh snapshot, which reads use again
        assertThat(deploySmall().results()).isEmpty();
        try (OwnershipLog log = log()) {
            log.scope(dev);
            log.readAll();
            assertThat(log.snapshotUsed()).isNotNull();
            assertThat(log.snapshotUsed().expiresAt()).isGreaterThan(System.currentTimeMillis());
        }
    }

    @Test
    void theArbitrationWindowAfterAScopedReadHoldsTheClaimsOfEveryStage() throws Exception {
        ReadScope dev = ReadScope.of(k.platform, "dev");
        assertThat(deploySmall().complete()).isTrue();
        otherStageRecords(OTHERS);
        assertThat(deploySmall().results()).isEmpty();
        // keys a deploy of stage dev may claim although its scope does not contain them: a binding of the wildcard
        // principal User:* (kept unprefixed), a topic whose name falls under another stage's prefix
        String wildcard = "acl:User:*|TOPIC|" + k.dev + "billing.a.v1|LITERAL|READ|ALLOW|*";
        String foreign = Ownership.key(EntityKind.TOPIC, k.test + "billing.shared.v1");
        assertThat(dev.containsKey(wildcard)).isFalse();
        assertThat(dev.containsKey(foreign)).isFalse();
        try (OwnershipLog log = log()) {
            log.scope(dev);
            log.readAll();
            assertThat(log.snapshotUsed()).isNotNull();
            // another repository claims both first, then this one
            String other = "com.example:billing-other";
            try (KafkaProducer<String, String> p = producer()) {
                for (String key : List.of(wildcard, foreign)) {
                    p.send(new ProducerRecord<>(Ownership.TOPIC, key, claim(other, key))).get();
                }
            }
            Map<String, Long> mine = new TreeMap<>();
            OwnershipLog.Written w = log.send(Map.of(wildcard, claim(A, wildcard), foreign, claim(A, foreign)));
            assertThat(w.failed()).isEmpty();
            mine.putAll(w.offsets());
            log.catchUp();
            assertThat(log.sinceRead()).extracting(e -> e.key()).contains(wildcard, foreign);
            assertThat(ClaimArbitration.lost(log.sinceRead(), A, mine)).containsOnlyKeys(wildcard, foreign);
        }
    }

    private static String claim(String repository, String key) {
        return Ownership.toJson(new OwnershipRecord(repository, "billing", "dev", key.substring(0, key.indexOf(':')),
                Ownership.scopeName(key), "x", null, "2026-01-01T00:00:00Z", "private", List.of(), false));
    }
}
