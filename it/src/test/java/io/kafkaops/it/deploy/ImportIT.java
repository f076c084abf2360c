package io.kafkaops.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.it.MavenResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

/**
 * Onboarding with the real {@code mvn}: a stage filled by hand with an independent Admin client (topics with odd
 * configs, ACLs that are and are not grant-shaped, SCRAM users), then kafka:import writes the files, kafka:validate
 * lists what the policies reject until the user completes them, kafka:plan -Dkafka.adopt shows adoptions only, the
 * deploy adopts and the next plan has no changes; a repository of another team imports its own part without touching
 * the first's.
 */
class ImportIT {

    private final DeployFixture f = DeployFixture.create("import");

    @Test
    void importValidateAdoptDeployThenNothingToDo() throws Exception {
        String t = f.prefix("test");
        try (Admin admin = DeployFixture.admin()) {
            DeployFixture.ensureOwnershipTopic(admin);
            fillByHand(admin, t);

            Path billing = f.copyRepo("import-billing");
            f.run(billing, "import", "test").assertSucceeded()
                    .assertLine("Import from stage test: 2 topics, 2 service accounts, 1 grant, 2 raw ACLs; skipped")
                    .assertLine("Created src/main/kafka/topics.yaml")
                    .assertLine("service accounts are written with credentials: false")
                    .assertLineMatching("src/main/kafka/topics.yaml:\\d+:\\d+: ERROR \\[requiredMetadata] ")
                    .assertLine("The platform's policies report 4 errors in the imported files (listed above)");
            Path kafka = billing.resolve("src/main/kafka");
            assertThat(Files.readString(kafka.resolve("topics.yaml"))).contains("retention.ms: 7d")
                    .contains("max.message.bytes: 1MiB").contains("cleanup.policy: compact")
                    .contains("retention.bytes: 10MB").doesNotContain("toll");
            assertThat(Files.readString(kafka.resolve("acls.yaml"))).contains("# not a grant: ")
                    .contains("operation: DESCRIBE_CONFIGS");

            // the policies want metadata the cluster does not have: listed, then completed by the user
            f.run(billing, "validate", "test").assertFailed().assertLine("ERROR [requiredMetadata]");
            completeMetadata(kafka);
            f.run(billing, "validate", "test").assertSucceeded();

            MavenResult adoption = f.plan(billing, "test", "-Dkafka.adopt=true").assertSucceeded()
                    .assertLine("Plan for stage test: 0 to create, 0 to update, 0 to delete, 15 to adopt");
            assertThat(adoption.lines()).noneMatch(l -> l.contains("[INFO] + ") || l.contains("[INFO] - "));
            f.deploy(billing, "test", "-Dkafka.adopt=true").assertSucceeded()
                    .assertLine("Deploy to stage test: 0 created, 0 updated, 0 deleted, 15 adopted");
            f.plan(billing, "test").assertSucceeded()
                    .assertLine("Plan for stage test: 0 to create, 0 to update, 0 to delete")
                    .assertNoLine("to adopt");
            Map<String, String> billingFiles = snapshot(kafka);

            // the other team: only its part, and nothing of billing's changes
            Path toll = f.copyRepo("import-toll");
            f.run(toll, "import", "test").assertSucceeded()
                    .assertLine("Import from stage test: 1 topic, 1 service account, 1 grant, 0 raw ACLs; skipped");
            Path tollKafka = toll.resolve("src/main/kafka");
            assertThat(String.join("\n", snapshot(tollKafka).values())).doesNotContain("billing");
            completeMetadata(tollKafka);
            f.deploy(toll, "test", "-Dkafka.adopt=true").assertSucceeded()
                    .assertLine("Deploy to stage test: 0 created, 0 updated, 0 deleted, 5 adopted");

            f.plan(billing, "test").assertSucceeded()
                    .assertLine("Plan for stage test: 0 to create, 0 to update, 0 to delete");
            assertThat(snapshot(kafka)).isEqualTo(billingFiles);
            assertThat(ClusterView.ownership(t)).hasEntrySatisfying("topic:" + t + "billing.orders.v1",
                    rec -> assertThat(rec.path("repository").asText()).isEqualTo("com.example.billing:billing-legacy"))
                    .hasEntrySatisfying("topic:" + t + "toll.tx.v1",
                            rec -> assertThat(rec.path("repository").asText()).isEqualTo("com.example.toll:toll-legacy"));
            // the passwords set by hand are still the ones on the cluster: nothing issued new ones
            assertThat(f.passwords("billing", "test")).isEmpty();
        }
    }

    /** The stage as an operator left it. */
    private static void fillByHand(Admin admin, String t) throws Exception {
        admin.createTopics(List.of(
                new NewTopic(t + "billing.orders.v1", 3, (short) 1).configs(Map.of("retention.ms", "604800000",
                        "max.message.bytes", "1048576", "cleanup.policy", "compact")),
                new NewTopic(t + "billing.audit.v1", 1, (short) 1).configs(Map.of("retention.bytes", "10000000")),
                new NewTopic(t + "toll.tx.v1", 2, (short) 1),
                new NewTopic(t + "misc.unowned", 1, (short) 1))).all().get(15, TimeUnit.SECONDS);
        List<UserScramCredentialUpsertion> users = new ArrayList<>();
        for (String u : List.of("billing-service", "billing-reader", "toll-gateway")) {
            users.add(new UserScramCredentialUpsertion(t + u,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), "set-by-hand-" + u));
        }
        admin.alterUserScramCredentials(new ArrayList<>(users)).all().get(15, TimeUnit.SECONDS);
        String service = t + "billing-service";
        List<AclBinding> acls = new ArrayList<>();
        acls.add(acl(service, ResourceType.TOPIC, t + "billing.orders.v1", PatternType.LITERAL, AclOperation.WRITE));
        acls.add(acl(service, ResourceType.TOPIC, t + "billing.orders.v1", PatternType.LITERAL, AclOperation.DESCRIBE));
        acls.add(acl(service, ResourceType.TOPIC, t + "billing.orders.", PatternType.PREFIXED, AclOperation.WRITE));
        acls.add(acl(service, ResourceType.TOPIC, t + "billing.orders.", PatternType.PREFIXED, AclOperation.DESCRIBE));
        acls.add(acl(service, ResourceType.TOPIC, t + "billing.audit.v1", PatternType.LITERAL, AclOperation.READ));
        acls.add(acl(service, ResourceType.TOPIC, t + "billing.audit.v1", PatternType.LITERAL, AclOperation.DESCRIBE));
        acls.add(acl(service, ResourceType.GROUP, t + "billing-service", PatternType.LITERAL, AclOperation.READ));
        acls.add(acl(service, ResourceType.TRANSACTIONAL_ID, t + "billing-tx", PatternType.LITERAL, AclOperation.WRITE));
        acls.add(acl(service, ResourceType.TRANSACTIONAL_ID, t + "billing-tx", PatternType.LITERAL,
                AclOperation.DESCRIBE));
        acls.add(acl(t + "billing-reader", ResourceType.TOPIC, t + "billing.audit.v1", PatternType.LITERAL,
                AclOperation.READ));
        acls.add(acl(t + "billing-reader", ResourceType.TOPIC, t + "billing.audit.v1", PatternType.LITERAL,
                AclOperation.DESCRIBE_CONFIGS));
        acls.add(acl(t + "toll-gateway", ResourceType.TOPIC, t + "toll.tx.v1", PatternType.LITERAL,
                AclOperation.WRITE));
        acls.add(acl(t + "toll-gateway", ResourceType.TOPIC, t + "toll.tx.v1", PatternType.LITERAL,
                AclOperation.DESCRIBE));
        acls.add(acl(t + "toll-gateway", ResourceType.GROUP, t + "toll-gateway", PatternType.LITERAL,
                AclOperation.READ));
        admin.createAcls(acls).all().get(15, TimeUnit.SECONDS);
        Await.until("the hand-made ACLs and SCRAM users are visible", () -> {
            assertThat(admin.describeAcls(AclBindingFilter.ANY).values().get()).containsAll(acls);
            assertThat(admin.describeUserScramCredentials().all().get()).containsKeys(t + "billing-service",
                    t + "billing-reader", t + "toll-gateway");
        });
    }

    /** What the user adds after the import: the metadata the platform requires and no cluster holds. */
    private static void completeMetadata(Path kafka) throws Exception {
        Path topics = kafka.resolve("topics.yaml");
        Files.writeString(topics, Files.readString(topics).replace("    replicationFactor: 1\n",
                "    replicationFactor: 1\n    metadata: { description: Imported, dataClassification: internal }\n"));
        Path accounts = kafka.resolve("service-accounts.yaml");
        Files.writeString(accounts, Files.readString(accounts).replace("    credentials: false\n",
                "    credentials: false\n    description: Imported\n"));
    }

    private static Map<String, String> snapshot(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) out.put(dir.relativize(p).toString(),
                    Files.readString(p));
        }
        return out;
    }

    private static AclBinding acl(String user, ResourceType type, String name, PatternType pattern,
                                  AclOperation op) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW));
    }
}
