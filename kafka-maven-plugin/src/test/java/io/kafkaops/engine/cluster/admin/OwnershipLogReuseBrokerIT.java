package io.kafkaops.engine.cluster.admin;

import static io.kafkaops.engine.Fixtures.REPO;
import static io.kafkaops.engine.Fixtures.model;
import static io.kafkaops.engine.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.engine.cluster.ClusterConnection;
import io.kafkaops.engine.ownership.LogEntry;
import io.kafkaops.engine.ownership.Ownership;
import io.kafkaops.engine.plan.EntityKind;
import io.kafkaops.engine.store.file.FileCredentialStore;
import io.kafkaops.model.EntityModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ownership log reads through one consumer for its whole life: a deploy reads the topic several times (debug
 * sessions, lease, state, the arbitration of its claims), and each read used to create a client with its own two
 * sign-ins. Later reads continue where the last one ended and see what was written in between.
 */
class OwnershipLogReuseBrokerIT extends BrokerTestBase {

    @Test
    void everyReadOfOneLogGoesThroughOneConsumerAndContinuesWhereTheLastEnded() throws Exception {
        EntityModel m = model(List.of(topic("billing.reuse.v1", 1, Map.of())), List.of(), List.of());
        assertThat(k.engine(out).deploy(k.request(m, "dev", REPO)
                .store(new FileCredentialStore(out.resolve("c.json"))).build(), null).complete()).isTrue();
        ClusterConnection c = k.connection("dev");
        try (OwnershipLog log = new OwnershipLog(c.clientProperties(), BrokerSupport.TIMEOUT, "dev",
                c.bootstrapServers())) {
            String key = Ownership.leaseKey(k.dev + "reuse", REPO, "reuse-check");
            assertThat(log.readAll()).containsKey(Ownership.key(EntityKind.TOPIC,
                    k.dev + "billing.reuse.v1"));
            assertThat(log.current(key)).isEmpty();

            Map<String, String> one = new HashMap<>();
            one.put(key, "{}");
            assertThat(log.send(one).failed()).isEmpty();
            assertThat(log.current(key)).extracting(LogEntry::key).containsExactly(key);
            assertThat(log.sinceRead()).extracting(LogEntry::key).contains(key);
            one.put(key, null);
            assertThat(log.send(one).failed()).isEmpty();
            assertThat(log.current(key)).isEmpty();

            assertThat(log.consumersCreated()).isEqualTo(1);
        }
    }

    /**
     * The ownership topic has one partition, the writer one request in flight, and a produce request carries one batch
     * per partition: with the producer's default 16 KiB batches, the 6,000 claims of a deploy of 5,000 ACLs went out in
     * about 130 requests one after the other. Now a few requests carry them, and every record gets its offset.
     */
    @Test
    void aBulkWriteGoesOutInAFewRequests() throws Exception {
        ClusterConnection c = k.connection("dev");
        try (OwnershipLog log = new OwnershipLog(c.clientProperties(), BrokerSupport.TIMEOUT, "dev",
                c.bootstrapServers())) {
            Map<String, String> many = new java.util.LinkedHashMap<>();
            String pad = "x".repeat(300);
            for (int i = 0; i < 6_000; i++) {
                many.put(Ownership.leaseKey(k.dev + "bulk", REPO, "h" + i), "{\"pad\":\"" + pad + "\"}");
            }
            OwnershipLog.Written w = log.send(many);
            assertThat(w.failed()).isEmpty();
            assertThat(w.offsets()).hasSize(6_000);
            assertThat(w.offsets().values().stream().distinct().count()).isEqualTo(6_000);
            // about 2 MB: 4 batches of half a MiB, plus the writer's metadata requests
            assertThat(log.writerRequests()).isBetween(1L, 20L);
            assertThat(log.current(Ownership.leaseKey(k.dev + "bulk", REPO, ""))).hasSize(6_000);

            many.replaceAll((key, v) -> null);
            assertThat(log.send(many).failed()).isEmpty();
            assertThat(log.current(Ownership.leaseKey(k.dev + "bulk", REPO, ""))).isEmpty();
        }
    }
}
