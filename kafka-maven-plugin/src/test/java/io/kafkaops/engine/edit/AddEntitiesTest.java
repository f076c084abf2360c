package io.kafkaops.engine.edit;

import static io.kafkaops.engine.edit.EditFixture.params;
import static io.kafkaops.engine.edit.EditParameters.CONFIG;
import static io.kafkaops.engine.edit.EditParameters.DESCRIPTION;
import static io.kafkaops.engine.edit.EditParameters.METADATA;
import static io.kafkaops.engine.edit.EditParameters.PARTITIONS;
import static io.kafkaops.engine.edit.EditParameters.SERVICE_ACCOUNTS;
import static io.kafkaops.engine.edit.EditParameters.TOPICS;
import static io.kafkaops.engine.edit.EditParameters.VISIBILITY;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.model.Diagnostic;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddEntitiesTest {

    @TempDir
    Path dir;
    EditFixture fx;

    /** topics.yaml up to the comment that ends it, before which added topics go. */
    static final String EXISTING_TOPICS = """
            # yaml-language-server: $schema=../../../target/kafka/kafka-entities.schema.json
            # Topics owned by the billing team.
            topics:
              - name: billing.invoices.v1   # the main one
                partitions: 6
                config:
                  cleanup.policy: delete
                  retention.ms: '7d'
                metadata:
                  description: Invoices issued for toll transactions

              # payments, compacted
              - name: billing.payments.v1
                partitions: 3
                metadata: {description: "Payment state"}
                # remember: protected
                protected: true

            """;

    static final String LAST_COMMENT = """
            # nothing after the topics but this comment
            """;

    static final String TOPICS_YAML = EXISTING_TOPICS + LAST_COMMENT;

    @BeforeEach
    void setUp() {
        fx = new EditFixture(dir).withPlatform();
    }

    @Test
    void appendsTopicsAfterTheLastOneInTheFilesStyleKeepingEverythingElse() throws Exception {
        fx.file("topics.yaml", TOPICS_YAML);
        EditResult r = fx.run(EditParameters.addTopics(params(TOPICS, "billing.refunds.v1,billing.credits.v1",
                PARTITIONS, "6", CONFIG, "retention.ms=7d,cleanup.policy=compact,delete",
                DESCRIPTION, "Refunds: money back", METADATA, "dataClassification=internal", VISIBILITY, "Public")));

        assertThat(fx.read("topics.yaml")).isEqualTo(EXISTING_TOPICS + """
                  - name: billing.refunds.v1
                    partitions: 6
                    config:
                      retention.ms: 7d
                      cleanup.policy: compact,delete
                    metadata:
                      description: "Refunds: money back"
                      dataClassification: internal
                    visibility: public

                  - name: billing.credits.v1
                    partitions: 6
                    config:
                      retention.ms: 7d
                      cleanup.policy: compact,delete
                    metadata:
                      description: "Refunds: money back"
                      dataClassification: internal
                    visibility: public

                """ + LAST_COMMENT);
        assertThat(r.summary()).containsExactly("added topic billing.refunds.v1 to src/main/kafka/topics.yaml",
                "added topic billing.credits.v1 to src/main/kafka/topics.yaml");
        assertThat(r.changes()).singleElement().satisfies(c -> assertThat(c.created()).isFalse());
    }

    @Test
    void followsUnindentedListsAndWideIndentation() throws Exception {
        fx.file("a.yaml", """
                topics:
                - name: billing.a.v1
                  config:
                      retention.ms: 1d
                serviceAccounts:
                - name: billing-a
                """);
        fx.run(EditParameters.addTopics(params(TOPICS, "billing.b.v1", CONFIG, "retention.ms=2d",
                METADATA, "description=B,owner=jane")));
        assertThat(fx.read("a.yaml")).isEqualTo("""
                topics:
                - name: billing.a.v1
                  config:
                      retention.ms: 1d
                - name: billing.b.v1
                  config:
                      retention.ms: 2d
                  metadata:
                      description: B
                      owner: jane
                serviceAccounts:
                - name: billing-a
                """);
    }

    @Test
    void followsFlowMapsAndThePaddingOfMapsAndListsSeparately() throws Exception {
        fx.file("a.yaml", """
                topics:
                  - name: billing.a.v1
                    config: { retention.ms: 1d }
                    metadata: { description: A }
                    visibility: protected
                    sharedWith: [toll]
                """);
        fx.run(EditParameters.addTopics(params(TOPICS, "billing.b.v1", CONFIG, "retention.ms=2d",
                METADATA, "description=B,owner=jane", VISIBILITY, "protected", EditParameters.SHARED_WITH, "toll")));
        assertThat(fx.read("a.yaml")).isEqualTo("""
                topics:
                  - name: billing.a.v1
                    config: { retention.ms: 1d }
                    metadata: { description: A }
                    visibility: protected
                    sharedWith: [toll]
                  - name: billing.b.v1
                    config: { retention.ms: 2d }
                    metadata: { description: B, owner: jane }
                    visibility: protected
                    sharedWith: [toll]
                """);
    }

    @Test
    void createsTopicsYamlWithTheSiblingsModelineWhenNoFileHasTopics() throws Exception {
        String access = """
                # yaml-language-server: $schema=../../../target/kafka/kafka-entities.schema.json
                serviceAccounts:
                  - name: billing-service
                """;
        fx.file("access.yaml", access);
        EditResult r = fx.run(EditParameters.addTopics(params(TOPICS, "billing.a.v1", DESCRIPTION, "A")));
        assertThat(fx.read("access.yaml")).isEqualTo(access);
        assertThat(fx.read("topics.yaml")).isEqualTo("""
                # yaml-language-server: $schema=../../../target/kafka/kafka-entities.schema.json
                topics:
                  - name: billing.a.v1
                    metadata:
                      description: A
                """);
        assertThat(r.changes()).singleElement().satisfies(c -> assertThat(c.created()).isTrue());
    }

    @Test
    void aNewFileInAnEmptyRepositoryPointsItsModelineAtTheSchemaValidateWrites() throws Exception {
        fx.run(EditParameters.addServiceAccounts(params(SERVICE_ACCOUNTS, "billing-a,billing-b",
                DESCRIPTION, "Billing backend")));
        assertThat(fx.read("service-accounts.yaml")).isEqualTo("""
                # yaml-language-server: $schema=../../../target/kafka/kafka-entities.schema.json
                serviceAccounts:
                  - name: billing-a
                    description: Billing backend
                  - name: billing-b
                    description: Billing backend
                """);
    }

    @Test
    void theFileParameterChoosesTheFileAndAddsTheListToIt() throws Exception {
        fx.file("topics.yaml", TOPICS_YAML);
        fx.file("streams/refunds.yaml", """
                # refunds stream
                serviceAccounts:
                  - name: billing-refunds

                grants:
                  - serviceAccount: billing-refunds
                    consume: [billing.invoices.v1]
                """);
        fx.run(EditParameters.addTopics(params(TOPICS, "billing.refunds.v1", DESCRIPTION, "R")),
                "streams/refunds.yaml");
        assertThat(fx.read("topics.yaml")).isEqualTo(TOPICS_YAML);
        assertThat(fx.read("streams/refunds.yaml")).isEqualTo("""
                # refunds stream
                serviceAccounts:
                  - name: billing-refunds

                grants:
                  - serviceAccount: billing-refunds
                    consume: [billing.invoices.v1]

                topics:
                  - name: billing.refunds.v1
                    metadata:
                      description: R
                """);
    }

    @Test
    void addsServiceAccountsToTheFileThatHasThemWithoutBlankLinesWhenItUsesNone() throws Exception {
        fx.file("access.yaml", """
                serviceAccounts:
                  - name: billing-service
                    description: Billing backend
                  - name: billing-audit
                    credentials: false

                grants:
                  - serviceAccount: billing-service
                    groups: [billing-service]
                """);
        fx.run(EditParameters.addServiceAccounts(params(SERVICE_ACCOUNTS, "billing-refunds",
                DESCRIPTION, "yes", EditParameters.CREDENTIALS, "false", METADATA, "owner=jane")));
        assertThat(fx.read("access.yaml")).isEqualTo("""
                serviceAccounts:
                  - name: billing-service
                    description: Billing backend
                  - name: billing-audit
                    credentials: false
                  - name: billing-refunds
                    description: "yes"
                    credentials: false
                    metadata:
                      owner: jane

                grants:
                  - serviceAccount: billing-service
                    groups: [billing-service]
                """);
    }

    @Test
    void anEmptyFlowListOfTopicsBecomesABlockList() throws Exception {
        fx.file("topics.yaml", """
                topics: []   # none yet
                serviceAccounts: []
                """);
        fx.run(EditParameters.addTopics(params(TOPICS, "billing.a.v1", DESCRIPTION, "A", PARTITIONS, "2")));
        assertThat(fx.read("topics.yaml")).isEqualTo("""
                topics:   # none yet
                  - name: billing.a.v1
                    partitions: 2
                    metadata:
                      description: A
                serviceAccounts: []
                """);
    }

    @Test
    void aDuplicateIsRejectedAtTheExistingDeclarationAndNothingIsWritten() throws Exception {
        fx.file("topics.yaml", TOPICS_YAML);
        EditRejectedException e = fx.rejected(EditParameters.addTopics(params(TOPICS,
                "billing.new.v1,billing.payments.v1", DESCRIPTION, "x")));
        assertThat(e.diagnostics()).extracting(Diagnostic::format).containsExactly(
                "src/main/kafka/topics.yaml:13:11: ERROR [duplicate] topic 'billing.payments.v1' is already declared "
                        + "here (use kafka:update-topic to change it, or choose another name)");
    }

    @Test
    void aBadNameIsReportedWhereItWouldBeWrittenAndNothingIsWritten() throws Exception {
        fx.file("topics.yaml", TOPICS_YAML);
        EditRejectedException e = fx.rejected(EditParameters.addTopics(params(TOPICS, "Billing Refunds!",
                DESCRIPTION, "x")));
        assertThat(e.getMessage()).contains("would leave the Kafka files invalid");
        assertThat(e.diagnostics()).extracting(Diagnostic::location).extracting(Object::toString)
                .contains("src/main/kafka/topics.yaml:19:11");
        assertThat(e.diagnostics()).extracting(Diagnostic::ruleId).contains("schema");
    }

    @Test
    void aPolicyViolationRejectsTheRequest() throws Exception {
        fx.file("topics.yaml", TOPICS_YAML);
        EditRejectedException e = fx.rejected(EditParameters.addTopics(params(TOPICS, "billing.refunds",
                DESCRIPTION, "x")));
        assertThat(e.diagnostics()).extracting(Diagnostic::ruleId).containsExactly("topicNaming");
        assertThat(e.diagnostics().get(0).location().toString()).startsWith("src/main/kafka/topics.yaml:19:");

        EditRejectedException other = fx.rejected(EditParameters.addTopics(params(TOPICS, "toll.refunds.v1",
                DESCRIPTION, "x")));
        assertThat(other.diagnostics()).extracting(Diagnostic::ruleId).containsExactly("teamNamespace");
    }

    @Test
    void newWarningsAreReportedButDoNotStopTheRequest() throws Exception {
        fx.file("topics.yaml", TOPICS_YAML);
        EditResult r = fx.run(EditParameters.addTopics(params(TOPICS, "billing.refunds.v1")));
        assertThat(r.warnings()).extracting(Diagnostic::ruleId).containsExactly("requiredMetadata");
        assertThat(r.warnings().get(0).location().toString()).startsWith("src/main/kafka/topics.yaml:19:");
    }

    @Test
    void valuesThatYamlWouldReadAsSomethingElseAreQuotedInTheFilesQuoteStyle() throws Exception {
        fx.file("topics.yaml", """
                topics:
                  - name: billing.a.v1
                    metadata: {description: "A"}
                """);
        fx.run(EditParameters.addTopics(params(TOPICS, "billing.b.v1", METADATA,
                "description=no,owner=# nobody,since=2024-01-01,note=a \\, b", CONFIG, "retention.ms=-1")));
        assertThat(fx.read("topics.yaml")).isEqualTo("""
                topics:
                  - name: billing.a.v1
                    metadata: {description: "A"}
                  - name: billing.b.v1
                    config: {retention.ms: -1}
                    metadata: {description: "no", owner: "# nobody", since: "2024-01-01", note: "a , b"}
                """);
    }

    @Test
    void entitiesWrittenAsFlowMapsGetNewOnesOfTheSameKind() throws Exception {
        fx.file("topics.yaml", """
                topics:
                  - {name: billing.a.v1, metadata: {description: A}}
                """);
        fx.run(EditParameters.addTopics(params(TOPICS, "billing.b.v1", PARTITIONS, "2", DESCRIPTION, "B")));
        assertThat(fx.read("topics.yaml")).isEqualTo("""
                topics:
                  - {name: billing.a.v1, metadata: {description: A}}
                  - {name: billing.b.v1, partitions: 2, metadata: {description: B}}
                """);
    }

    @Test
    void aNewFileInASubdirectoryPointsItsModelineUpTheRightNumberOfLevels() throws Exception {
        fx.file("topics.yaml", TOPICS_YAML);
        fx.run(EditParameters.addTopics(params(TOPICS, "billing.refunds.v1", DESCRIPTION, "R")),
                "streams/refunds.yaml");
        assertThat(fx.read("streams/refunds.yaml")).isEqualTo("""
                # yaml-language-server: $schema=../../../../target/kafka/kafka-entities.schema.json
                topics:
                  - name: billing.refunds.v1
                    metadata:
                      description: R
                """);
        assertThat(fx.read("topics.yaml")).isEqualTo(TOPICS_YAML);
    }
}
