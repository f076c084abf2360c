package io.kafkaops.engine.cluster.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.engine.DeployOutcome;
import io.kafkaops.engine.PlanOutcome;
import io.kafkaops.engine.StageRequest;
import io.kafkaops.engine.edit.EntityEditor;
import io.kafkaops.engine.onboard.Onboarding;
import io.kafkaops.engine.plan.ChangeAction;
import io.kafkaops.engine.plan.EntityKind;
import io.kafkaops.engine.plan.PlannedChange;
import io.kafkaops.engine.store.file.FileCredentialStore;
import io.kafkaops.engine.validate.Validator;
import io.kafkaops.model.platform.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * Onboarding on a real broker filled by hand with an independent Admin client: import, the files validate, an adoption
 * run adopts only, the deploy adopts, the next plan has no changes; and another team imports its part without
 * touching the first team's.
 */
class ImportBrokerIT extends BrokerTestBase {

    static final String BILLING = "com.example.billing:billing-service";
    static final String TOLL = "com.example.toll:toll-gateway";

    @TempDir
    Path repos;

    @Test
    void importThenAdoptThenNothingLeftToDo() throws Exception {
        String t = k.test;
        fillByHand(t);

        Path billing = repo("billing-service", "com.example.billing");
        Onboarding.Outcome imported = importInto(billing, "com.example.billing", "billing-service", false);
        assertThat(imported.summary("test")).startsWith("Import from stage test: 2 topics, 2 service accounts,"
                + " 1 grant, 2 raw ACLs; skipped ");
        assertThat(imported.imported().skipped().outsideTeam()).isGreaterThanOrEqualTo(3);
        assertThat(imported.adminRoundTrips()).isLessThanOrEqualTo(8);
        String topics = Files.readString(billing.resolve("src/main/kafka/topics.yaml"));
        assertThat(topics).contains("retention.ms: 7d").contains("max.message.bytes: 1MiB")
                .contains("cleanup.policy: compact").contains("retention.bytes: 10MB").doesNotContain("toll");

        Validator.Report report = Validator.validate(validation(billing, "com.example.billing", "billing-service"));
        assertThat(report.hasErrors()).as("%s", report.diagnostics()).isFalse();

        FileCredentialStore store = store("billing-test");
        PlanOutcome adoption = k.engine(out).plan(request(report, BILLING).options(BrokerSupport.adopting())
                .store(store).build());
        assertThat(adoption.plan().changes()).extracting(PlannedChange::action).containsOnly(ChangeAction.ADOPT);
        assertThat(adoption.plan().changes()).filteredOn(c -> c.kind() == EntityKind.TOPIC)
                .extracting(PlannedChange::name).containsExactlyInAnyOrder(t + "billing.audit.v1",
                        t + "billing.orders.v1");
        assertThat(adoption.plan().changes()).filteredOn(c -> c.kind() == EntityKind.ACL).extracting(PlannedChange::name).hasSize(11);
        assertThat(adoption.hasErrors()).isFalse();

        DeployOutcome adopted = k.engine(out).deploy(request(report, BILLING).options(BrokerSupport.adopting())
                .store(store).build(), null);
        assertThat(adopted.complete()).isTrue();
        assertThat(adopted.summary()).isEqualTo("Deploy to stage test: 0 created, 0 updated, 0 deleted, 15 adopted");

        PlanOutcome next = k.engine(out).plan(request(report, BILLING).store(store).build());
        assertThat(next.plan().changes()).extracting(PlannedChange::action).containsOnly(ChangeAction.UNCHANGED);
        assertThat(next.hasChanges()).isFalse();
        assertThat(next.problems()).isEmpty();
        // the passwords set by hand still work: nothing replaced or deleted them
        assertThat(k.admin.describeUserScramCredentials(List.of(t + "billing-service")).all().get())
                .containsKey(t + "billing-service");

        // another team imports its part: nothing of billing's is in its files, and billing's records stay
        Path toll = repo("toll-gateway", "com.example.toll");
        Onboarding.Outcome tollImport = importInto(toll, "com.example.toll", "toll-gateway", false);
        assertThat(tollImport.imported().edit().topics()).containsOnlyKeys("toll.tx.v1");
        assertThat(tollImport.imported().edit().serviceAccounts()).containsOnlyKeys("toll-gateway");
        String tollFiles = Files.readString(toll.resolve("src/main/kafka/topics.yaml"))
                + Files.readString(toll.resolve("src/main/kafka/grants.yaml"));
        assertThat(tollFiles).doesNotContain("billing");
        Validator.Report tollReport = Validator.validate(validation(toll, "com.example.toll", "toll-gateway"));
        assertThat(tollReport.hasErrors()).as("%s", tollReport.diagnostics()).isFalse();
        DeployOutcome tollAdopted = k.engine(out).deploy(request(tollReport, TOLL).options(BrokerSupport.adopting())
                .store(store("toll-test")).build(), null);
        assertThat(tollAdopted.summary()).isEqualTo("Deploy to stage test: 0 created, 0 updated, 0 deleted,"
                + " 5 adopted");

        PlanOutcome billingAgain = k.engine(out).plan(request(report, BILLING).store(store).build());
        assertThat(billingAgain.hasChanges()).isFalse();
        assertThat(billingAgain.plan().changes()).extracting(PlannedChange::action)
                .containsOnly(ChangeAction.UNCHANGED);
        assertThat(k.admin.describeAcls(AclBindingFilter.ANY).values().get()).filteredOn(b ->
                b.entry().principal().equals("User:" + t + "billing-service")).hasSize(9);
    }

    /** The stage as an operator left it: topics with odd configs, SCRAM users, ACLs grant-shaped and not. */
    private void fillByHand(String t) throws Exception {
        k.admin.createTopics(List.of(
                new NewTopic(t + "billing.orders.v1", 3, (short) 1).configs(Map.of("retention.ms", "604800000",
                        "max.message.bytes", "1048576", "cleanup.policy", "compact")),
                new NewTopic(t + "billing.audit.v1", 1, (short) 1).configs(Map.of("retention.bytes", "10000000")),
                new NewTopic(t + "toll.tx.v1", 2, (short) 1),
                new NewTopic(t + "misc.unowned", 1, (short) 1))).all().get();
        List<UserScramCredentialUpsertion> users = new ArrayList<>();
        for (String u : List.of("billing-service", "billing-reader", "toll-gateway")) {
            users.add(new UserScramCredentialUpsertion(t + u, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512,
                    8192), "set-by-hand-" + u));
        }
        k.admin.alterUserScramCredentials(new ArrayList<>(users)).all().get();
        List<AclBinding> acls = List.of(
                acl(t + "billing-service", ResourceType.TOPIC, t + "billing.orders.v1", PatternType.LITERAL,
                        AclOperation.WRITE),
                acl(t + "billing-service", ResourceType.TOPIC, t + "billing.orders.v1", PatternType.LITERAL,
                        AclOperation.DESCRIBE),
                acl(t + "billing-service", ResourceType.TOPIC, t + "billing.orders.", PatternType.PREFIXED,
                        AclOperation.WRITE),
                acl(t + "billing-service", ResourceType.TOPIC, t + "billing.orders.", PatternType.PREFIXED,
                        AclOperation.DESCRIBE),
                acl(t + "billing-service", ResourceType.TOPIC, t + "billing.audit.v1", PatternType.LITERAL,
                        AclOperation.READ),
                acl(t + "billing-service", ResourceType.TOPIC, t + "billing.audit.v1", PatternType.LITERAL,
                        AclOperation.DESCRIBE),
                acl(t + "billing-service", ResourceType.GROUP, t + "billing-service", PatternType.LITERAL,
                        AclOperation.READ),
                acl(t + "billing-service", ResourceType.TRANSACTIONAL_ID, t + "billing-tx", PatternType.LITERAL,
                        AclOperation.WRITE),
                acl(t + "billing-service", ResourceType.TRANSACTIONAL_ID, t + "billing-tx", PatternType.LITERAL,
                        AclOperation.DESCRIBE),
                acl(t + "billing-reader", ResourceType.TOPIC, t + "billing.audit.v1", PatternType.LITERAL,
                        AclOperation.READ),
                acl(t + "billing-reader", ResourceType.TOPIC, t + "billing.audit.v1", PatternType.LITERAL,
                        AclOperation.DESCRIBE_CONFIGS),
                acl(t + "toll-gateway", ResourceType.TOPIC, t + "toll.tx.v1", PatternType.LITERAL,
                        AclOperation.WRITE),
                acl(t + "toll-gateway", ResourceType.TOPIC, t + "toll.tx.v1", PatternType.LITERAL,
                        AclOperation.DESCRIBE),
                acl(t + "toll-gateway", ResourceType.GROUP, t + "toll-gateway", PatternType.LITERAL,
                        AclOperation.READ));
        k.admin.createAcls(acls).all().get();
        until(() -> k.admin.describeAcls(AclBindingFilter.ANY).values().get().containsAll(acls)
                && k.admin.describeUserScramCredentials().all().get().keySet().containsAll(
                        Set.of(t + "billing-service", t + "billing-reader", t + "toll-gateway")));
    }

    private Path repo(String name, String groupId) throws Exception {
        Path p = repos.resolve(name);
        Files.createDirectories(p);
        String platform = """
                stages:
                  - { name: dev, cluster: nonprod, prefix: "%s", allowDeletes: true }
                  - { name: test, cluster: nonprod, prefix: "%s", allowDeletes: true }
                clusters:
                  nonprod: { type: apache-kafka, bootstrapServers: "%s" }
                defaults: { partitions: 1, replicationFactor: 1 }
                teams:
                  - name: billing
                    prefixes: { topics: ["billing."], serviceAccounts: ["billing-"], groups: ["billing-"], transactionalIds: ["billing-"] }
                    repositories: ["com.example.billing:*"]
                  - name: toll
                    prefixes: { topics: ["toll."], serviceAccounts: ["toll-"], groups: ["toll-"], transactionalIds: ["toll-"] }
                    repositories: ["com.example.toll:*"]
                policies:
                  - rule: topicNaming
                    params: { pattern: '^[a-z]+\\.[a-z0-9-]+\\.v[0-9]+$' }
                  - rule: requiredMetadata
                    level: WARN
                    params: { topics: [description] }
                  - rule: rawAcl
                    level: WARN
                """.formatted(k.dev, k.test, k.broker.bootstrapServers());
        Files.writeString(p.resolve("platform.yaml"), platform);
        return p;
    }

    private Validator.Request validation(Path project, String groupId, String artifactId) {
        return new Validator.Request(project, project.resolve("src/main/kafka"), groupId, artifactId, "platform.yaml",
                null, getClass().getClassLoader());
    }

    private Onboarding.Outcome importInto(Path project, String groupId, String artifactId, boolean credentials)
            throws Exception {
        Validator.Request v = validation(project, groupId, artifactId);
        Validator.Report report = Validator.validate(v);
        Stage test = report.platform().stage("test").orElseThrow();
        EntityEditor editor = new EntityEditor(v, project.resolve("target/kafka/kafka-entities.schema.json"));
        Onboarding.Outcome outcome = new Onboarding(report.platform(), new KafkaClusterSessions()).prepare(
                new Onboarding.Request(editor, report.model(), test, report.team().orElseThrow(),
                        groupId + ":" + artifactId, k.connection("test"), BrokerSupport.options(), credentials,
                        false));
        editor.write(outcome.result());
        return outcome;
    }

    private StageRequest.Builder request(Validator.Report report, String repository) {
        return StageRequest.builder().model(report.model()).stage("test").repository(repository)
                .team(report.team().orElseThrow().name()).connection(k.connection("test"));
    }

    private static AclBinding acl(String user, ResourceType type, String name, PatternType pattern, AclOperation op) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW));
    }

    /** Polls until the broker shows what was written through the metadata log. */
    private static void until(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) throw new AssertionError("the broker did not show the state in time");
            Thread.sleep(50);
        }
    }
}
