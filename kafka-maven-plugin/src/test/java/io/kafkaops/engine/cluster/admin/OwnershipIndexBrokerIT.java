package io.kafkaops.engine.cluster.admin;

import static io.kafkaops.engine.Fixtures.account;
import static io.kafkaops.engine.Fixtures.model;
import static io.kafkaops.engine.Fixtures.produces;
import static io.kafkaops.engine.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.engine.PlanOutcome;
import io.kafkaops.engine.ownership.Ownership;
import io.kafkaops.engine.ownership.OwnershipRecord;
import io.kafkaops.engine.ownership.StageSnapshot;
import io.kafkaops.engine.plan.ChangeAction;
import io.kafkaops.engine.plan.EntityKind;
import io.kafkaops.engine.state.ReadScope;
import io.kafkaops.model.EntityModel;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
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

    @Test
    void aStageReadsItsSnapshotAndWhatCameAfterItNotTheOtherStagesRecords() throws Exception {
        ReadScope dev = ReadScope.of(k.platform, "dev");
        assertThat(k.engine(out).deploy(k.request(small(), "dev", A).store(store("a")).build(), null).complete())
                .isTrue();
        otherStageRecords(OTHERS);
        // a deploy with nothing to change that read past the other stage's records leaves a new snapshot
        assertThat(k.engine(out).deploy(k.request(small(), "dev", A).store(store("a")).build(), null).results())
                .isEmpty();

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
        assertThat(k.engine(out).deploy(k.request(small(), "dev", A).store(store("a")).build(), null).complete())
                .isTrue();
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
        assertThat(k.engine(out).deploy(k.request(small(), "dev", A).store(store("a")).build(), null).complete())
                .isTrue();
        otherStageRecords(OTHERS);
        // a pointer to parts compaction removed (here: parts that never were)
        try (KafkaProducer<String, String> p = producer()) {
            p.send(new ProducerRecord<>(Ownership.INDEX_TOPIC, StageSnapshot.pointerKey(dev.id()),
                    StageSnapshot.toJson(new StageSnapshot.Pointer("gone", dev.id(), 5, 0, 2)))).get();
        }
        try (OwnershipLog log = log()) {
            log.scope(dev);
            Map<String, OwnershipRecord> scoped = log.readAll();
            assertThat(log.snapshotUsed()).isNull();
            assertThat(scoped).isEqualTo(fullRead(dev))
                    .containsKey(Ownership.key(EntityKind.TOPIC, k.dev + "billing.a.v1"));
        }
    }
}
