package io.kafkaops.model.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.model.AclOperation;
import io.kafkaops.model.AclPermission;
import io.kafkaops.model.AclResourceType;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.EntityModel;
import io.kafkaops.model.Grant;
import io.kafkaops.model.LoadResult;
import io.kafkaops.model.Location;
import io.kafkaops.model.PatternType;
import io.kafkaops.model.RawAcl;
import io.kafkaops.model.ResourceRef;
import io.kafkaops.model.ServiceAccount;
import io.kafkaops.model.Topic;
import io.kafkaops.model.TopicOverride;
import io.kafkaops.model.Visibility;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntityLoaderTest {

    private static final String FILE = "src/main/kafka/billing.yaml";

    static final String BILLING = """
            # yaml-language-server: $schema=../../../target/kafka/kafka-entities.schema.json
            topics:
              - name: billing.invoices.v1
                partitions: 6
                replicationFactor: 3
                config:
                  cleanup.policy: delete
                  retention.ms: 7d
                  max.message.bytes: 1MiB
                  min.insync.replicas: 2
                metadata:
                  description: Invoices issued for toll transactions
                  dataClassification: internal
                visibility: Public
                sharedWith: [toll]
                protected: true
                deployTo: [dev, test, preprod, prod]
                overrides:
                  prod: { partitions: 12, config: { retention.ms: 14d } }
            serviceAccounts:
              - name: billing-service
                description: Billing backend
                metadata: { owner: jane }
                deployTo: [dev, test]
              - name: billing-batch
                credentials: false
            grants:
              - serviceAccount: billing-service
                produce: [billing.invoices.v1, {prefix: "billing.audit."}]
                consume: [toll.transactions.v1]
                groups: [billing-service]
                transactionalIds: [billing-tx]
            acls:
              - principal: User:billing-service
                resourceType: topic
                resourceName: billing.audit.v1
                patternType: PREFIXED
                operation: DESCRIBE_CONFIGS
            external:
              topics: [toll.transactions.v1]
              serviceAccounts: [toll-service]
            """;

    @Test
    void loadsEveryKindOfEntityWithExactLocations() {
        LoadResult<EntityModel> result = EntityLoader.load(FILE, BILLING);

        assertThat(result.diagnostics()).isEmpty();
        EntityModel model = result.value();
        assertThat(model.files()).containsExactly(FILE);

        Topic topic = model.topics().get(0);
        assertThat(topic.name()).isEqualTo("billing.invoices.v1");
        assertThat(topic.partitions()).isEqualTo(6);
        assertThat(topic.replicationFactor()).isEqualTo(3);
        assertThat(topic.config()).containsEntry("cleanup.policy", "delete")
                .containsEntry("retention.ms", "604800000")
                .containsEntry("max.message.bytes", "1048576")
                .containsEntry("min.insync.replicas", "2");
        assertThat(topic.metadata()).containsEntry("description", "Invoices issued for toll transactions")
                .containsEntry("dataClassification", "internal");
        assertThat(topic.visibility()).isEqualTo(Visibility.PUBLIC);
        assertThat(topic.sharedWith()).containsExactly("toll");
        assertThat(topic.protectedTopic()).isTrue();
        assertThat(topic.deployTo()).containsExactly("dev", "test", "preprod", "prod");
        assertThat(topic.overrides()).containsEntry("prod",
                new TopicOverride(12, null, java.util.Map.of("retention.ms", "1209600000")));

        assertThat(topic.origin().location()).isEqualTo(at(3, 5));
        assertThat(topic.origin().at("name")).isEqualTo(at(3, 5));
        assertThat(topic.origin().at("partitions")).isEqualTo(at(4, 5));
        assertThat(topic.origin().at("config")).isEqualTo(at(6, 5));
        assertThat(topic.origin().at("config.retention.ms")).isEqualTo(at(8, 7));
        assertThat(topic.origin().at("metadata.dataClassification")).isEqualTo(at(13, 7));
        assertThat(topic.origin().at("sharedWith[0]")).isEqualTo(at(15, 18));
        assertThat(topic.origin().at("deployTo[2]")).isEqualTo(at(17, 27));
        assertThat(topic.origin().at("overrides.prod")).isEqualTo(at(19, 7));
        assertThat(topic.origin().at("overrides.prod.partitions")).isEqualTo(at(19, 15));
        assertThat(topic.origin().at("overrides.prod.config.retention.ms")).isEqualTo(at(19, 41));
        // a field that was not written falls back to the closest enclosing one, then to the entity
        assertThat(topic.origin().at("overrides.test.partitions")).isEqualTo(at(18, 5));
        assertThat(topic.origin().at("description")).isEqualTo(at(3, 5));

        ServiceAccount sa = model.serviceAccounts().get(0);
        assertThat(sa.name()).isEqualTo("billing-service");
        assertThat(sa.description()).isEqualTo("Billing backend");
        assertThat(sa.credentials()).isTrue();
        assertThat(sa.metadata()).containsEntry("owner", "jane");
        assertThat(sa.deployTo()).containsExactly("dev", "test");
        assertThat(sa.origin().at("deployTo[1]")).isEqualTo(at(24, 21));
        ServiceAccount batch = model.serviceAccounts().get(1);
        assertThat(batch.credentials()).isFalse();
        assertThat(batch.deployTo()).isNull();

        Grant grant = model.grants().get(0);
        assertThat(grant.serviceAccount()).isEqualTo("billing-service");
        assertThat(grant.produce()).containsExactly(
                new ResourceRef("billing.invoices.v1", PatternType.LITERAL, at(29, 15)),
                new ResourceRef("billing.audit.", PatternType.PREFIXED, at(29, 36)));
        assertThat(grant.consume()).containsExactly(ResourceRef.literal("toll.transactions.v1", at(30, 15)));
        assertThat(grant.groups()).extracting(ResourceRef::name).containsExactly("billing-service");
        assertThat(grant.transactionalIds()).extracting(ResourceRef::name).containsExactly("billing-tx");
        assertThat(grant.origin().at("produce[1]")).isEqualTo(at(29, 36));
        assertThat(grant.origin().at("serviceAccount")).isEqualTo(at(28, 5));

        RawAcl acl = model.acls().get(0);
        assertThat(acl.principal()).isEqualTo("User:billing-service");
        assertThat(acl.resourceType()).isEqualTo(AclResourceType.TOPIC);
        assertThat(acl.patternType()).isEqualTo(PatternType.PREFIXED);
        assertThat(acl.operation()).isEqualTo(AclOperation.DESCRIBE_CONFIGS);
        assertThat(acl.permission()).isEqualTo(AclPermission.ALLOW);
        assertThat(acl.host()).isEqualTo("*");
        assertThat(acl.origin().at("operation")).isEqualTo(at(38, 5));

        assertThat(model.externalTopics()).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("toll.transactions.v1");
            assertThat(e.location()).isEqualTo(at(40, 12));
        });
        assertThat(model.externalServiceAccounts()).extracting(r -> r.name()).containsExactly("toll-service");
    }

    @Test
    void mergesFilesAndDocumentsInPathOrderWithProjectRelativeNames(@TempDir Path project) throws IOException {
        Path kafka = project.resolve("src/main/kafka");
        write(kafka.resolve("b.yaml"), "topics:\n  - name: b.one.v1\n");
        write(kafka.resolve("a/z.yml"), "topics:\n  - name: a.z.v1\n---\nserviceAccounts:\n  - name: a-z\n");
        write(kafka.resolve("a.yaml"), "topics:\n  - name: a.top.v1\n");
        write(kafka.resolve("notes.txt"), "not yaml: [");
        write(kafka.resolve(".backup/old.yaml"), "topics: [");
        write(kafka.resolve("empty.yaml"), "");
        write(kafka.resolve("only-comments.yaml"), "# nothing yet\n");

        LoadResult<EntityModel> result = EntityLoader.load(project, kafka);

        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.value().files()).containsExactly("src/main/kafka/a.yaml", "src/main/kafka/a/z.yml",
                "src/main/kafka/b.yaml", "src/main/kafka/empty.yaml", "src/main/kafka/only-comments.yaml");
        assertThat(result.value().topics()).extracting(Topic::name).containsExactly("a.top.v1", "a.z.v1", "b.one.v1");
        ServiceAccount sa = result.value().serviceAccounts().get(0);
        assertThat(sa.origin().location()).isEqualTo(new Location("src/main/kafka/a/z.yml", 5, 5));
    }

    @Test
    void missingDirectoryIsAnEmptyModelWithoutDiagnostics(@TempDir Path project) {
        LoadResult<EntityModel> result = EntityLoader.load(project, project.resolve("src/main/kafka"));
        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.value().isEmpty()).isTrue();
        assertThat(result.value().files()).isEmpty();
    }

    @Test
    void reportsEveryProblemOfEveryFileAtOnce(@TempDir Path project) throws IOException {
        Path kafka = project.resolve("src/main/kafka");
        write(kafka.resolve("one.yaml"), """
                topics:
                  - name: one.good.v1
                  - name: one.bad.v1
                    partitons: 3
                    partitions: "6"
                    visibility: secret
                    config:
                      retention.ms: 7dd
                  - name: one.other.v1
                """);
        write(kafka.resolve("two.yaml"), "topics:\n  - name: two.v1\n   partitions: 3\n");
        write(kafka.resolve("three.yaml"), "serviceAccounts:\n  - description: no name\n");

        LoadResult<EntityModel> result = EntityLoader.load(project, kafka);

        assertThat(result.diagnostics()).extracting(Diagnostic::format).containsExactly(
                "src/main/kafka/one.yaml:4:5: ERROR [unknownKey] unknown key 'partitons' in topics[1] (did you mean 'partitions'?)",
                "src/main/kafka/one.yaml:5:17: ERROR [schema] topics[1].partitions must be an integer, not a string (\"6\") (write 6 without quotes)",
                "src/main/kafka/one.yaml:6:17: ERROR [schema] topics[1].visibility: 'secret' is not one of private, protected, public",
                "src/main/kafka/one.yaml:8:21: ERROR [schema] topics[1].config.retention.ms: unknown unit 'dd' in '7dd' (use ms, s, m, h, d or w) (retention.ms takes a duration such as 7d, 12h or 500ms, or a plain number)",
                "src/main/kafka/three.yaml:2:5: ERROR [schema] serviceAccounts[0] has no 'name', which is required (add 'name: ...')",
                "src/main/kafka/two.yaml:3:4: ERROR [yamlSyntax] YAML syntax error: expected <block end>, but found '<block mapping start>' (while parsing a block collection that starts at line 2) (check the indentation: the entries of one map or list start in the same column)");
        // entities with a schema problem are left out, their neighbours stay
        assertThat(result.value().topics()).extracting(Topic::name)
                .containsExactly("one.good.v1", "one.other.v1");
    }

    @Test
    void typeErrorsNameTheExpectedType() {
        LoadResult<EntityModel> result = EntityLoader.load("t.yaml", """
                topics:
                  - name: 42
                    protected: "yes"
                    config: { a: [1, 2], b: }
                    deployTo: dev
                grants:
                  - serviceAccount: s
                    produce: [3, {prefx: x}]
                """);
        assertThat(result.diagnostics()).extracting(Diagnostic::format).containsExactly(
                "t.yaml:2:11: ERROR [schema] topics[0].name must be a string, not an integer (42) (quote it: \"42\")",
                "t.yaml:3:16: ERROR [schema] topics[0].protected must be true or false, not a string (\"yes\") (write true (without quotes))",
                "t.yaml:4:18: ERROR [schema] topics[0].config.a must be a string, a number or true or false, not a list",
                "t.yaml:4:28: ERROR [schema] topics[0].config.b must be a string, a number or true or false, not no value",
                "t.yaml:5:15: ERROR [schema] topics[0].deployTo must be a list, not a string (\"dev\")",
                "t.yaml:8:15: ERROR [schema] grants[0].produce[0] must be a string or a map, not an integer (3) (A topic name, or {prefix: \"billing.\"} for every topic starting with it.)",
                "t.yaml:8:19: ERROR [unknownKey] unknown key 'prefx' in grants[0].produce[1] (did you mean 'prefix'?)");
    }

    @Test
    void topLevelTyposAndNonMapDocumentsAreReported() {
        LoadResult<EntityModel> typo = EntityLoader.load("t.yaml", "topic:\n  - name: x\n");
        assertThat(typo.diagnostics()).extracting(Diagnostic::format).containsExactly(
                "t.yaml:1:1: ERROR [unknownKey] unknown key 'topic' at the top level (did you mean 'topics'?)");

        LoadResult<EntityModel> list = EntityLoader.load("l.yaml", "- name: x\n");
        assertThat(list.diagnostics()).extracting(Diagnostic::format).containsExactly(
                "l.yaml:1:1: ERROR [schema] the document must be a map, not a list");
    }

    @Test
    void multipleDocumentsAreValidatedAndMergedSeparately() {
        LoadResult<EntityModel> result = EntityLoader.load("m.yaml", """
                topics:
                  - name: first.v1
                ---
                topics:
                  - name: second.v1
                    partitions: 0
                ---
                ---
                topics:
                  - name: third.v1
                """);
        assertThat(result.diagnostics()).extracting(Diagnostic::format).containsExactly(
                "m.yaml:6:17: ERROR [schema] topics[0].partitions must be at least 1, not 0");
        assertThat(result.value().topics()).extracting(Topic::name).containsExactly("first.v1", "third.v1");
        assertThat(result.value().topics().get(1).origin().location()).isEqualTo(new Location("m.yaml", 10, 5));
    }

    @Test
    void duplicateKeysAreErrorsAtTheSecondKey() {
        LoadResult<EntityModel> result = EntityLoader.load("d.yaml", """
                topics:
                  - name: a.v1
                    partitions: 3
                    partitions: 6
                """);
        assertThat(result.diagnostics()).extracting(Diagnostic::format).containsExactly(
                "d.yaml:4:5: ERROR [duplicateKey] the key 'partitions' appears twice in this map (first at line 3) (keep only one 'partitions')");
    }

    @Test
    void anchorsAliasesAndMergeKeysShareSettings() {
        LoadResult<EntityModel> result = EntityLoader.load("a.yaml", """
                topics:
                  - name: a.one.v1
                    config: &compacted
                      cleanup.policy: compact
                      min.compaction.lag.ms: 1h
                  - name: a.two.v1
                    config:
                      <<: *compacted
                      min.compaction.lag.ms: 2h
                """);
        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.value().topics().get(1).config())
                .containsEntry("cleanup.policy", "compact")
                .containsEntry("min.compaction.lag.ms", "7200000");
    }

    @Test
    void unquotedStarIsASyntaxErrorWithAQuotingHint() {
        LoadResult<EntityModel> result = EntityLoader.load("s.yaml", """
                acls:
                  - principal: User:x
                    resourceType: TOPIC
                    resourceName: a
                    operation: READ
                    host: *
                """);
        assertThat(result.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.ruleId()).isEqualTo(LoadRules.YAML_SYNTAX);
            assertThat(d.location().line()).isEqualTo(6);
            assertThat(d.hint()).contains("quoted");
        });
    }

    private static Location at(int line, int column) {
        return new Location(FILE, line, column);
    }

    static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    static List<String> formatted(LoadResult<?> result) {
        return result.diagnostics().stream().map(Diagnostic::format).toList();
    }

    @Test
    void namesOfDroppedEntitiesAndOfFilesThatDoNotParseAreKeptForThePolicies() {
        // issue 10 item 7: the policies skip follow-ups of what the loader reported already
        var dropped = EntityLoader.load("t.yaml", """
                topics:
                  - name: billing.bad.v1
                    partitions: many
                  - name: billing.good.v1
                serviceAccounts:
                  - name: billing-bad
                    credentials: maybe
                """).value().dropped();
        org.assertj.core.api.Assertions.assertThat(dropped.topics()).containsExactly("billing.bad.v1");
        org.assertj.core.api.Assertions.assertThat(dropped.serviceAccounts()).containsExactly("billing-bad");
        org.assertj.core.api.Assertions.assertThat(dropped.unreadable()).isFalse();

        var unparsed = EntityLoader.load("u.yaml", "topics:\n  - name: billing.x.v1\n    config: {a: [\n").value()
                .dropped();
        org.assertj.core.api.Assertions.assertThat(unparsed.mayDeclareTopic("billing.x.v1")).isTrue();
        org.assertj.core.api.Assertions.assertThat(unparsed.mayDeclareTopicWithPrefix("billing.")).isTrue();
        org.assertj.core.api.Assertions.assertThat(unparsed.mayDeclareTopic("billing.y.v1")).isFalse();

        var unreadable = EntityLoader.load("n.yaml", "topics: []\u0000".getBytes(
                java.nio.charset.StandardCharsets.UTF_8), LoaderLimits.DEFAULTS).value().dropped();
        org.assertj.core.api.Assertions.assertThat(unreadable.unreadable()).isTrue();
        org.assertj.core.api.Assertions.assertThat(EntityLoader.load("ok.yaml", "topics: []\n").value().dropped()
                .isEmpty()).isTrue();
    }
}
