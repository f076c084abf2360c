package io.kafkaops.it.bench;

import io.kafkaops.model.EntityModel;
import io.kafkaops.model.Grant;
import io.kafkaops.model.ResourceRef;
import io.kafkaops.model.ServiceAccount;
import io.kafkaops.model.Topic;
import io.kafkaops.model.Visibility;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The entities of the plan/deploy benchmark, once as the engine's model (logical names) and once as the raw Admin
 * objects the same stage needs (physical names with the stage prefix). Each service account gets one grant that
 * produces to 3 topics, consumes 8 and uses one group and one transactional id: 25 ACL bindings.
 */
record Workload(int topics, int accounts) {

    static final int PRODUCE = 3;
    static final int CONSUME = 8;
    /** Bindings per service account: WRITE+DESCRIBE per produced topic, READ+DESCRIBE per consumed one, a group
     *  READ, and WRITE+DESCRIBE on the transactional id. */
    static final int BINDINGS_PER_ACCOUNT = PRODUCE * 2 + CONSUME * 2 + 1 + 2;

    /** {@code bench.partitions}: every topic gets that many partitions; unset or 0, 1 to 3 partitions by turns. At
     *  10,000 topics use 1: a single local broker keeps file handles per partition and the open-files limit may be
     *  too low for 20,000 partitions. */
    static final int FIXED_PARTITIONS = Integer.getInteger("bench.partitions", 0);

    int partitions(int i) {
        return FIXED_PARTITIONS > 0 ? FIXED_PARTITIONS : 1 + i % 3;
    }

    Map<String, String> config(int i) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("cleanup.policy", "delete");
        c.put("retention.ms", Long.toString((1 + i % 14) * 86_400_000L));
        if (i % 4 == 0) c.put("max.message.bytes", "1048576");
        return c;
    }

    String topic(int i) {
        return String.format("billing.s%04d-events.v1", i);
    }

    String account(int a) {
        return String.format("billing-svc-%04d", a);
    }

    List<Integer> produced(int a) {
        List<Integer> out = new ArrayList<>();
        for (int j = 0; j < PRODUCE; j++) out.add((PRODUCE * a + j) % topics);
        return out;
    }

    List<Integer> consumed(int a) {
        List<Integer> out = new ArrayList<>();
        for (int j = 0; j < CONSUME; j++) out.add((PRODUCE * a + PRODUCE + 7 * j) % topics);
        return out;
    }

    int bindings() {
        return accounts * BINDINGS_PER_ACCOUNT;
    }

    int partitionCount() {
        int n = 0;
        for (int i = 0; i < topics; i++) n += partitions(i);
        return n;
    }

    EntityModel model() {
        List<Topic> ts = new ArrayList<>();
        for (int i = 0; i < topics; i++) {
            ts.add(new Topic(topic(i), partitions(i), null, config(i),
                    Map.of("description", "events " + i, "dataClassification", "internal"),
                    Visibility.PRIVATE, List.of(), false, null, Map.of(), null));
        }
        List<ServiceAccount> sas = new ArrayList<>();
        List<Grant> grants = new ArrayList<>();
        for (int a = 0; a < accounts; a++) {
            sas.add(new ServiceAccount(account(a), "service " + a, true, Map.of(), null, null));
            grants.add(new Grant(account(a),
                    produced(a).stream().map(i -> ResourceRef.literal(topic(i), null)).toList(),
                    consumed(a).stream().map(i -> ResourceRef.literal(topic(i), null)).toList(),
                    List.of(ResourceRef.literal(account(a), null)),
                    List.of(ResourceRef.literal(account(a) + "-tx", null)), null));
        }
        return new EntityModel(ts, sas, grants, List.of(), List.of(), List.of(), List.of("bench"));
    }

    List<NewTopic> newTopics(String prefix) {
        List<NewTopic> out = new ArrayList<>();
        for (int i = 0; i < topics; i++) {
            out.add(new NewTopic(prefix + topic(i), partitions(i), (short) 1).configs(config(i)));
        }
        return out;
    }

    List<String> users(String prefix) {
        List<String> out = new ArrayList<>();
        for (int a = 0; a < accounts; a++) out.add(prefix + account(a));
        return out;
    }

    List<AclBinding> aclBindings(String prefix) {
        List<AclBinding> out = new ArrayList<>();
        for (int a = 0; a < accounts; a++) {
            String principal = "User:" + prefix + account(a);
            for (int i : produced(a)) {
                out.add(binding(ResourceType.TOPIC, prefix + topic(i), principal, AclOperation.WRITE));
                out.add(binding(ResourceType.TOPIC, prefix + topic(i), principal, AclOperation.DESCRIBE));
            }
            for (int i : consumed(a)) {
                out.add(binding(ResourceType.TOPIC, prefix + topic(i), principal, AclOperation.READ));
                out.add(binding(ResourceType.TOPIC, prefix + topic(i), principal, AclOperation.DESCRIBE));
            }
            out.add(binding(ResourceType.GROUP, prefix + account(a), principal, AclOperation.READ));
            out.add(binding(ResourceType.TRANSACTIONAL_ID, prefix + account(a) + "-tx", principal, AclOperation.WRITE));
            out.add(binding(ResourceType.TRANSACTIONAL_ID, prefix + account(a) + "-tx", principal,
                    AclOperation.DESCRIBE));
        }
        return out;
    }

    private static AclBinding binding(ResourceType type, String name, String principal, AclOperation op) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
    }
}
