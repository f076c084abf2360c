package io.kafkaops.it.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The entities of one case of {@link PeerComparisonBenchmark}, written three ways: as this plugin's entity files
 * (logical names; the stage {@code bench} adds the prefix {@code bench.}), as Jikkou resource files (KafkaTopic and
 * KafkaPrincipalAuthorization of {@code kafka.jikkou.io/v1beta2}, physical names) and as the raw Admin objects.
 * Topics {@code billing.tNNNN.events} with {@code partitions} partitions and two configs (cleanup.policy,
 * retention.ms); service accounts {@code billing-svc-NNNN} without credentials, each with one grant that produces to
 * one topic, consumes another and uses one group: 5 ACL bindings (WRITE+DESCRIBE, READ+DESCRIBE, group READ).
 */
record PeerWorkload(int topics, int partitions, int accounts) {

    static final String STAGE = "bench";
    static final String PREFIX = "bench.";
    static final int BINDINGS_PER_ACCOUNT = 5;

    String topic(int i) {
        return String.format("billing.t%05d.events", i);
    }

    String account(int a) {
        return String.format("billing-svc-%04d", a);
    }

    long retention(int i) {
        return (1 + i % 14) * 86_400_000L;
    }

    int produced(int a) {
        return a % topics;
    }

    int consumed(int a) {
        return (a + 1) % topics;
    }

    int bindings() {
        return accounts * BINDINGS_PER_ACCOUNT;
    }

    /** The same topics without the service accounts (set up before an ACL case). */
    PeerWorkload topicsOnly() {
        return new PeerWorkload(topics, partitions, 0);
    }

    /** {@code src/main/kafka/entities.yaml} of this plugin's service repository. */
    void writeEntities(Path kafkaDir) throws IOException {
        Files.createDirectories(kafkaDir);
        StringBuilder y = new StringBuilder("topics:\n");
        for (int i = 0; i < topics; i++) {
            y.append("  - name: ").append(topic(i)).append('\n')
                    .append("    partitions: ").append(partitions).append('\n')
                    .append("    config:\n")
                    .append("      cleanup.policy: delete\n")
                    .append("      retention.ms: ").append(retention(i)).append('\n');
        }
        if (accounts > 0) {
            y.append("\nserviceAccounts:\n");
            for (int a = 0; a < accounts; a++) {
                y.append("  - name: ").append(account(a)).append("\n    description: service ").append(a)
                        .append("\n    credentials: false\n");
            }
            y.append("\ngrants:\n");
            for (int a = 0; a < accounts; a++) {
                y.append("  - serviceAccount: ").append(account(a)).append('\n')
                        .append("    produce: [").append(topic(produced(a))).append("]\n")
                        .append("    consume: [").append(topic(consumed(a))).append("]\n")
                        .append("    groups: [").append(account(a)).append("]\n");
            }
        }
        Files.writeString(kafkaDir.resolve("entities.yaml"), y);
    }

    /**
     * Jikkou's resource files: KafkaTopic documents, or, when there are service accounts, their
     * KafkaPrincipalAuthorization documents only (the topics exist already). Not both in one apply: Jikkou 0.34.0's
     * {@code DefaultApi.patch} hands every change of the apply to each kind's controller (it passes {@code changes}
     * where it means the kind's {@code items}), so new authorizations beside unchanged topics reach the topic
     * controller's create handler and fail with a NullPointerException in {@code CreateTopicChangeHandler.toNewTopic}.
     */
    void writeJikkou(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (accounts > 0) {
            writeAuthorizations(dir);
            return;
        }
        StringBuilder y = new StringBuilder();
        for (int i = 0; i < topics; i++) {
            y.append("---\napiVersion: \"kafka.jikkou.io/v1beta2\"\nkind: \"KafkaTopic\"\nmetadata:\n  name: \"")
                    .append(PREFIX).append(topic(i)).append("\"\nspec:\n  partitions: ").append(partitions)
                    .append("\n  replicas: 1\n  configs:\n    cleanup.policy: \"delete\"\n    retention.ms: ")
                    .append(retention(i)).append('\n');
        }
        Files.writeString(dir.resolve("topics.yaml"), y);
    }

    private void writeAuthorizations(Path dir) throws IOException {
        StringBuilder y = new StringBuilder();
        for (int a = 0; a < accounts; a++) {
            y.append("---\napiVersion: \"kafka.jikkou.io/v1beta2\"\nkind: \"KafkaPrincipalAuthorization\"\n")
                    .append("metadata:\n  name: \"User:").append(PREFIX).append(account(a)).append("\"\nspec:\n")
                    .append("  acls:\n");
            acl(y, "TOPIC", PREFIX + topic(produced(a)), "WRITE, DESCRIBE");
            acl(y, "TOPIC", PREFIX + topic(consumed(a)), "READ, DESCRIBE");
            acl(y, "GROUP", PREFIX + account(a), "READ");
        }
        Files.writeString(dir.resolve("acls.yaml"), y);
    }

    private static void acl(StringBuilder y, String type, String name, String operations) {
        y.append("    - resource:\n        type: ").append(type).append("\n        pattern: \"").append(name)
                .append("\"\n        patternType: LITERAL\n      operations: [").append(operations)
                .append("]\n      type: ALLOW\n      host: \"*\"\n");
    }

    List<NewTopic> newTopics() {
        List<NewTopic> out = new ArrayList<>();
        for (int i = 0; i < topics; i++) {
            out.add(new NewTopic(PREFIX + topic(i), partitions, (short) 1).configs(java.util.Map.of(
                    "cleanup.policy", "delete", "retention.ms", Long.toString(retention(i)))));
        }
        return out;
    }

    List<String> topicNames() {
        return newTopics().stream().map(NewTopic::name).toList();
    }

    List<AclBinding> aclBindings() {
        List<AclBinding> out = new ArrayList<>();
        for (int a = 0; a < accounts; a++) {
            String principal = "User:" + PREFIX + account(a);
            String produced = PREFIX + topic(produced(a));
            String consumed = PREFIX + topic(consumed(a));
            out.add(binding(ResourceType.TOPIC, produced, principal, AclOperation.WRITE));
            out.add(binding(ResourceType.TOPIC, produced, principal, AclOperation.DESCRIBE));
            out.add(binding(ResourceType.TOPIC, consumed, principal, AclOperation.READ));
            out.add(binding(ResourceType.TOPIC, consumed, principal, AclOperation.DESCRIBE));
            out.add(binding(ResourceType.GROUP, PREFIX + account(a), principal, AclOperation.READ));
        }
        return out;
    }

    private static AclBinding binding(ResourceType type, String name, String principal, AclOperation op) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
    }

    /** As program arguments of {@link RawFloor}. */
    String[] args() {
        return new String[] {Integer.toString(topics), Integer.toString(partitions), Integer.toString(accounts)};
    }

    static PeerWorkload of(String[] args, int from) {
        return new PeerWorkload(Integer.parseInt(args[from]), Integer.parseInt(args[from + 1]),
                Integer.parseInt(args[from + 2]));
    }
}
