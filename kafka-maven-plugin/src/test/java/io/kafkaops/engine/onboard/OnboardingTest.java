package io.kafkaops.engine.onboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaops.engine.EngineOptions;
import io.kafkaops.engine.apply.EntityResult;
import io.kafkaops.engine.cluster.ClusterConnection;
import io.kafkaops.engine.cluster.ClusterSession;
import io.kafkaops.engine.cluster.TopicsOfInterest;
import io.kafkaops.engine.desired.AclSpec;
import io.kafkaops.engine.edit.EditRejectedException;
import io.kafkaops.engine.edit.EntityEditor;
import io.kafkaops.engine.ownership.OwnershipRecord;
import io.kafkaops.engine.plan.Plan;
import io.kafkaops.engine.state.ClusterState;
import io.kafkaops.engine.state.CurrentTopic;
import io.kafkaops.engine.state.ReadScope;
import io.kafkaops.engine.store.CredentialStore;
import io.kafkaops.engine.validate.Validator;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.Severity;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kafka:import's engine on a cluster state given by hand: what is written, what is skipped, what is refused. */
class OnboardingTest {

    static final String REPO = "com.example.billing:billing-service";

    @TempDir
    Path project;

    final List<AclSpec> acls = new ArrayList<>();
    final Map<String, OwnershipRecord> owners = new HashMap<>();

    static AclSpec acl(String principal, String type, String name, String pattern, String op) {
        return new AclSpec("User:" + principal, type, name, pattern, op, "ALLOW", "*");
    }

    ClusterState state() {
        Map<String, CurrentTopic> topics = new HashMap<>();
        topics.put("test.billing.orders.v1", CurrentTopic.of("test.billing.orders.v1", 3, 1, Map.of(
                "retention.ms", "604800000", "max.message.bytes", "1048576", "cleanup.policy", "compact")));
        topics.put("test.billing.audit.v1", CurrentTopic.of("test.billing.audit.v1", 1, 1,
                Map.of("retention.bytes", "10000000")));
        topics.put("test.billing.batch.v1", CurrentTopic.of("test.billing.batch.v1", 1, 1, Map.of()));
        acls.addAll(List.of(
                acl("test.billing-service", "TOPIC", "test.billing.orders.v1", "LITERAL", "WRITE"),
                acl("test.billing-service", "TOPIC", "test.billing.orders.v1", "LITERAL", "DESCRIBE"),
                acl("test.billing-service", "TOPIC", "test.billing.audit.v1", "LITERAL", "READ"),
                acl("test.billing-service", "TOPIC", "test.billing.audit.v1", "LITERAL", "DESCRIBE"),
                acl("test.billing-service", "TOPIC", "test.toll.tx.v1", "LITERAL", "READ"),
                acl("test.billing-service", "TOPIC", "test.toll.tx.v1", "LITERAL", "DESCRIBE"),
                acl("test.billing-service", "GROUP", "test.billing-service", "LITERAL", "READ"),
                acl("test.billing-service", "TRANSACTIONAL_ID", "test.billing-tx", "LITERAL", "WRITE"),
                acl("test.billing-service", "TRANSACTIONAL_ID", "test.billing-tx", "LITERAL", "DESCRIBE"),
                acl("test.billing-reader", "TOPIC", "test.billing.audit.v1", "LITERAL", "READ"),
                acl("test.billing-reader", "TOPIC", "test.billing.audit.v1", "LITERAL", "DESCRIBE_CONFIGS"),
                acl("test.toll-gateway", "TOPIC", "test.toll.tx.v1", "LITERAL", "WRITE")));
        owners.put("topic:test.billing.batch.v1", new OwnershipRecord("com.example.billing:billing-batch", "billing",
                "test", "topic", "test.billing.batch.v1", "billing.batch.v1", "h", "2026-01-01T00:00:00Z", "private",
                List.of(), false));
        return new ClusterState(topics, acls, Map.of("test.billing-service", Set.of("SCRAM-SHA-512"),
                "test.billing-reader", Set.of("SCRAM-SHA-512"), "test.toll-gateway", Set.of("SCRAM-SHA-512")),
                owners, true, List.of(1));
    }

    /** The listed names the real reader would pass, then the state. */
    ClusterSession session(ClusterState state) {
        Set<String> names = Set.of("test.billing.orders.v1", "test.billing.audit.v1", "test.billing.batch.v1",
                "test.toll.tx.v1", "dev.billing.orders.v1", "__consumer_offsets", "_kafkaops-ownership");
        return new ClusterSession() {
            @Override
            public ClusterState read(ReadScope scope, TopicsOfInterest topicsOfInterest) {
                Set<String> first = topicsOfInterest.select(Map.of(), names);
                assertThat(first).containsExactlyInAnyOrder("test.billing.orders.v1", "test.billing.audit.v1",
                        "test.billing.batch.v1");
                topicsOfInterest.select(state.ownership(), names);
                return state;
            }

            @Override
            public List<EntityResult> apply(Plan plan, ClusterState current, CredentialStore store) {
                throw new AssertionError("an import changes nothing on the cluster");
            }

            @Override
            public int roundTrips() {
                return 6;
            }

            @Override
            public void close() {
            }
        };
    }

    Validator.Request validation() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/edit/platform.yaml")) {
            Files.writeString(project.resolve("platform.yaml"), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        return new Validator.Request(project, project.resolve("src/main/kafka"), "com.example.billing",
                "billing-service", "platform.yaml", null, getClass().getClassLoader());
    }

    Onboarding.Outcome importTest(boolean credentials, boolean merge) throws Exception {
        Validator.Request v = validation();
        Validator.Report report = Validator.validate(v);
        ClusterState state = state();
        return new Onboarding(report.platform(), (c, o) -> session(state)).prepare(new Onboarding.Request(
                new EntityEditor(v, project.resolve("target/kafka/kafka-entities.schema.json")), report.model(),
                report.platform().stage("test").orElseThrow(), report.team().orElseThrow(), REPO,
                new ClusterConnection("test", "localhost:9092", Map.of()), EngineOptions.defaults(), credentials,
                merge));
    }

    @Test
    void writesTheTeamsEntitiesAsTheEntityGoalsWouldAndTheyValidate() throws Exception {
        Onboarding.Outcome outcome = importTest(false, false);
        new EntityEditor(validation(), project.resolve("target/kafka/kafka-entities.schema.json"))
                .write(outcome.result());

        assertThat(outcome.summary("test")).isEqualTo("Import from stage test: 2 topics, 2 service accounts,"
                + " 1 grant, 2 raw ACLs; skipped 2 internal topics, 1 of other stages, 3 outside the team's prefixes,"
                + " 1 owned by other repositories");
        Path kafka = project.resolve("src/main/kafka");
        assertThat(Files.readString(kafka.resolve("topics.yaml"))).endsWith("""
                topics:
                  - name: billing.audit.v1
                    partitions: 1
                    replicationFactor: 1
                    config:
                      retention.bytes: 10MB
                  - name: billing.orders.v1
                    partitions: 3
                    replicationFactor: 1
                    config:
                      cleanup.policy: compact
                      max.message.bytes: 1MiB
                      retention.ms: 7d
                """);
        assertThat(Files.readString(kafka.resolve("service-accounts.yaml"))).endsWith("""
                serviceAccounts:
                  - name: billing-reader
                    credentials: false
                  - name: billing-service
                    credentials: false
                """);
        assertThat(Files.readString(kafka.resolve("grants.yaml"))).endsWith("""
                grants:
                  - serviceAccount: billing-service
                    produce: [billing.orders.v1]
                    consume: [billing.audit.v1, toll.tx.v1]
                    groups: [billing-service]
                    transactionalIds: [billing-tx]

                external:
                  topics: [toll.tx.v1]
                """);
        String raw = Files.readString(kafka.resolve("acls.yaml"));
        assertThat(raw).contains("""
                  # not a grant: a grant gives WRITE and DESCRIBE (produce) or READ and DESCRIBE (consume) on a topic;\
                 this topic has [READ, DESCRIBE_CONFIGS]
                  - principal: User:billing-reader
                    resourceType: TOPIC
                    resourceName: billing.audit.v1
                    operation: READ
                """);
        Validator.Report after = Validator.validate(validation());
        assertThat(after.hasErrors()).as("%s", after.diagnostics()).isFalse();
        assertThat(outcome.result().warnings()).extracting(Diagnostic::ruleId).contains("requiredMetadata");
        assertThat(outcome.imported().notes()).anySatisfy(n -> assertThat(n).startsWith("service accounts are written"
                + " with credentials: false"));
    }

    @Test
    void credentialsAreWrittenOnlyWhenAskedAndTheImportSaysPasswordsWillBeReplaced() throws Exception {
        Onboarding.Outcome outcome = importTest(true, false);

        assertThat(outcome.imported().edit().serviceAccounts()).containsEntry("billing-service", true);
        assertThat(outcome.imported().notes()).anySatisfy(n -> assertThat(n)
                .contains("existing passwords cannot be read, so the next deploy without kafka.adopt issues new ones"));
    }

    @Test
    void aRepositoryWithEntitiesIsRefusedUnlessMergingAndMergingAddsOnlyWhatIsMissing() throws Exception {
        Files.createDirectories(project.resolve("src/main/kafka"));
        Files.writeString(project.resolve("src/main/kafka/topics.yaml"), """
                topics:
                  - name: billing.orders.v1
                    partitions: 3
                    metadata: { description: Orders }
                """);

        assertThatThrownBy(() -> importTest(false, false)).isInstanceOfSatisfying(EditRejectedException.class,
                e -> assertThat(e.diagnostics()).singleElement().satisfies(d -> {
                    assertThat(d.ruleId()).isEqualTo(Onboarding.RULE_NOT_EMPTY);
                    assertThat(d.hint()).contains("-Dkafka.import.merge=true");
                }));

        Onboarding.Outcome merged = importTest(false, true);
        assertThat(merged.imported().edit().topics()).containsOnlyKeys("billing.audit.v1");
        assertThat(merged.imported().skipped().alreadyDeclared()).isEqualTo(1);
        assertThat(merged.result().changes()).extracting(c -> c.displayName())
                .contains("src/main/kafka/topics.yaml");
        assertThat(merged.result().changes().stream().filter(c -> c.displayName().endsWith("topics.yaml"))
                .findFirst().orElseThrow().after()).contains("  - name: billing.orders.v1\n    partitions: 3\n"
                        + "    metadata: { description: Orders }\n  - name: billing.audit.v1\n");
        assertThat(merged.result().warnings()).noneMatch(d -> d.severity() == Severity.ERROR);
    }

    @Test
    void mergingExtendsTheGrantOfAnAccountThatHasOneAndAddsOnlyTheMissingBindings() throws Exception {
        Files.createDirectories(project.resolve("src/main/kafka"));
        Files.writeString(project.resolve("src/main/kafka/billing.yaml"), """
                topics:
                  - name: billing.orders.v1
                    partitions: 3
                serviceAccounts:
                  - name: billing-service
                grants:
                  - serviceAccount: billing-service
                    produce: [billing.orders.v1]
                """);

        Onboarding.Outcome merged = importTest(false, true);

        assertThat(merged.imported().edit().grants().get("billing-service").produce()).isEmpty();
        String after = merged.result().changes().stream().filter(c -> c.displayName().endsWith("billing.yaml"))
                .findFirst().orElseThrow().after();
        assertThat(after).contains("""
                grants:
                  - serviceAccount: billing-service
                    produce: [billing.orders.v1]
                    consume: [billing.audit.v1, toll.tx.v1]
                    groups: [billing-service]
                    transactionalIds: [billing-tx]
                """);
        assertThat(merged.imported().skipped().alreadyDeclared()).isEqualTo(4); // a topic, an account, two bindings
    }
}
