package io.kafkaops.it.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaops.engine.local.TestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the cluster holds under a name prefix, read with the admin's own Admin client and consumer: the independent
 * check of what the plugin did, sharing no code with the engine.
 */
final class ClusterView {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_S = 15;

    /** A topic as Kafka has it: partitions, replication factor and the topic's own (dynamic) configs. */
    record TopicState(int partitions, int replicationFactor, Map<String, String> configs) {
    }

    /**
     * Everything under a prefix, with the ownership records of its entities (a deploy that changes nothing keeps them;
     * it does write its lease and removes it again, so the ownership topic's end offset moves).
     */
    record Snapshot(Map<String, TopicState> topics, Set<String> acls, Set<String> scramUsers,
                    Map<String, JsonNode> ownership) {
    }

    private ClusterView() {
    }

    static Snapshot snapshot(Admin admin, String prefix) throws Exception {
        return new Snapshot(topics(admin, prefix), acls(admin, prefix), scramUsers(admin, prefix),
                ownership(prefix));
    }

    static Map<String, TopicState> topics(Admin admin, String prefix) throws Exception {
        Set<String> names = new TreeSet<>();
        for (String n : admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS)) {
            if (n.startsWith(prefix)) names.add(n);
        }
        Map<String, TopicState> out = new TreeMap<>();
        if (names.isEmpty()) return out;
        Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames()
                .get(TIMEOUT_S, TimeUnit.SECONDS);
        Map<ConfigResource, Config> configs = admin.describeConfigs(names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all()
                .get(TIMEOUT_S, TimeUnit.SECONDS);
        for (String n : names) {
            TopicDescription d = descriptions.get(n);
            Map<String, String> dynamic = new TreeMap<>();
            for (ConfigEntry e : configs.get(new ConfigResource(ConfigResource.Type.TOPIC, n)).entries()) {
                if (e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) dynamic.put(e.name(), e.value());
            }
            out.put(n, new TopicState(d.partitions().size(), d.partitions().get(0).replicas().size(), dynamic));
        }
        return out;
    }

    /** ACL bindings whose principal is {@code User:<prefix>...}, as {@code principal|type|pattern|name|op|perm|host}. */
    static Set<String> acls(Admin admin, String prefix) throws Exception {
        Set<String> out = new TreeSet<>();
        for (AclBinding b : admin.describeAcls(AclBindingFilter.ANY).values().get(TIMEOUT_S, TimeUnit.SECONDS)) {
            if (!b.entry().principal().startsWith("User:" + prefix)) continue;
            out.add(b.entry().principal() + "|" + b.pattern().resourceType() + "|" + b.pattern().patternType() + "|"
                    + b.pattern().name() + "|" + b.entry().operation() + "|" + b.entry().permissionType() + "|"
                    + b.entry().host());
        }
        return out;
    }

    static Set<String> scramUsers(Admin admin, String prefix) throws Exception {
        Set<String> out = new TreeSet<>();
        for (String user : admin.describeUserScramCredentials().all().get(TIMEOUT_S, TimeUnit.SECONDS).keySet()) {
            if (user.startsWith(prefix)) out.add(user);
        }
        return out;
    }

    static long ownershipEndOffset(Admin admin) throws Exception {
        if (!admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS).contains(DeployFixture.OWNERSHIP_TOPIC)) {
            return -1;
        }
        TopicPartition p = new TopicPartition(DeployFixture.OWNERSHIP_TOPIC, 0);
        return admin.listOffsets(Map.of(p, OffsetSpec.latest())).partitionResult(p)
                .get(TIMEOUT_S, TimeUnit.SECONDS).offset();
    }

    /**
     * The current ownership records of the entities under a prefix ({@code topic:<name>}, {@code principal:<name>},
     * {@code acl:User:<name>|...}), read from the beginning of the ownership topic to its end; tombstones remove.
     */
    static Map<String, JsonNode> ownership(String prefix) throws Exception {
        Map<String, Object> props = new HashMap<>(TestBroker.get().adminClientProperties());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, JsonNode> out = new TreeMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(DeployFixture.OWNERSHIP_TOPIC, Duration.ofSeconds(TIMEOUT_S))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(TIMEOUT_S));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) throw new AssertionError("cannot read the ownership topic to its end");
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() == null || !inScope(r.key(), prefix)) continue;
                    if (r.value() == null) out.remove(r.key());
                    else out.put(r.key(), JSON.readTree(r.value()));
                }
            }
        }
        return out;
    }

    private static boolean inScope(String key, String prefix) {
        return key.startsWith("topic:" + prefix) || key.startsWith("principal:" + prefix)
                || key.startsWith("acl:User:" + prefix);
    }
}
