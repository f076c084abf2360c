package io.kafkaops.engine.edit;

import static io.kafkaops.engine.edit.EditFixture.params;
import static io.kafkaops.engine.edit.EditParameters.CONFIG;
import static io.kafkaops.engine.edit.EditParameters.DESCRIPTION;
import static io.kafkaops.engine.edit.EditParameters.PARTITIONS;
import static io.kafkaops.engine.edit.EditParameters.PROTECTED;
import static io.kafkaops.engine.edit.EditParameters.REMOVE_CONFIG;
import static io.kafkaops.engine.edit.EditParameters.REMOVE_METADATA;
import static io.kafkaops.engine.edit.EditParameters.REPLICATION_FACTOR;
import static io.kafkaops.engine.edit.EditParameters.SERVICE_ACCOUNTS;
import static io.kafkaops.engine.edit.EditParameters.SHARED_WITH;
import static io.kafkaops.engine.edit.EditParameters.TOPICS;
import static io.kafkaops.engine.edit.EditParameters.VISIBILITY;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.model.Diagnostic;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoveUpdateTest {

    @TempDir
    Path dir;
    EditFixture fx;

    /** The head of topics.yaml and its first topic. */
    static final String INVOICES = """
            # Topics of the billing team.
            topics:
              # the first one
              - name: billing.invoices.v1
                partitions: 6   # grown in March
                config:
                  cleanup.policy: delete
                  retention.ms: '7d'
                metadata:
                  description: Invoices
                visibility: public

            """;

    /** The middle topic of topics.yaml, with its comment and the blank line after it. */
    static final String PAYMENTS = """
              # second
              - name: billing.payments.v1
                config: {cleanup.policy: compact}
                metadata: {description: "Payments"}

            """;

    /** The last topic of topics.yaml. */
    static final String REFUNDS = """
              - name: billing.refunds.v1
                metadata:
                  description: Refunds
            """;

    static final String TOPICS_YAML = INVOICES + PAYMENTS + REFUNDS;

    /** The raw ACL section that ends access.yaml. */
    static final String RAW_ACLS = """
            acls:
              - principal: User:billing-audit
                resourceType: TOPIC
                resourceName: billing.invoices.v1
                operation: DESCRIBE_CONFIGS
            """;

    static final String ACCESS_YAML = """
            serviceAccounts:
              - name: billing-service
              - name: billing-audit
            grants:
              - serviceAccount: billing-service
                produce: [billing.invoices.v1, billing.payments.v1]
                consume: [{prefix: billing.}]
              - serviceAccount: billing-audit
                consume: [billing.payments.v1]
            """ + RAW_ACLS;

    @BeforeEach
    void setUp() {
        fx = new EditFixture(dir).withPlatform().file("topics.yaml", TOPICS_YAML).file("access.yaml", ACCESS_YAML);
    }

    @Test
    void removingAMiddleTopicTakesItsCommentAndSeparatorAndTheGrantItemsNamingIt() throws Exception {
        EditResult r = fx.run(EditParameters.remove(params(TOPICS, "billing.payments.v1")));
        assertThat(fx.read("topics.yaml")).isEqualTo(INVOICES + REFUNDS);
        assertThat(fx.read("access.yaml")).isEqualTo("""
                serviceAccounts:
                  - name: billing-service
                  - name: billing-audit
                grants:
                  - serviceAccount: billing-service
                    produce: [billing.invoices.v1]
                    consume: [{prefix: billing.}]
                """ + RAW_ACLS);
        assertThat(r.summary()).containsExactly("removed topic billing.payments.v1 from src/main/kafka/topics.yaml",
                "  removed produce billing.payments.v1 from the grant for billing-service",
                "  removed consume billing.payments.v1 from the grant for billing-audit (the grant had nothing left and "
                        + "was removed)");
    }

    @Test
    void removingTheFirstAndLastTopicsKeepsTheListTidy() throws Exception {
        fx.file("access.yaml", "serviceAccounts:\n  - name: billing-service\n");
        fx.run(EditParameters.remove(params(TOPICS, "billing.invoices.v1,billing.refunds.v1")));
        assertThat(fx.read("topics.yaml")).isEqualTo("""
                # Topics of the billing team.
                topics:
                  # second
                  - name: billing.payments.v1
                    config: {cleanup.policy: compact}
                    metadata: {description: "Payments"}
                """);
        fx.run(EditParameters.remove(params(TOPICS, "billing.payments.v1")));
        assertThat(fx.read("topics.yaml")).isEqualTo("""
                # Topics of the billing team.
                topics: []
                """);
    }

    @Test
    void removingAServiceAccountTakesItsGrantsAndRawAcls() throws Exception {
        EditResult r = fx.run(EditParameters.remove(params(SERVICE_ACCOUNTS, "billing-audit")));
        assertThat(fx.read("access.yaml")).isEqualTo("""
                serviceAccounts:
                  - name: billing-service
                grants:
                  - serviceAccount: billing-service
                    produce: [billing.invoices.v1, billing.payments.v1]
                    consume: [{prefix: billing.}]
                acls: []
                """);
        assertThat(r.summary()).containsExactly(
                "removed service account billing-audit from src/main/kafka/access.yaml",
                "  removed its grant from src/main/kafka/access.yaml",
                "  removed its raw ACL DESCRIBE_CONFIGS on TOPIC billing.invoices.v1 from src/main/kafka/access.yaml");
    }

    @Test
    void aRawAclOfAnotherAccountOnARemovedTopicStopsTheRequest() throws Exception {
        EditRejectedException e = fx.rejected(EditParameters.remove(params(TOPICS, "billing.invoices.v1")));
        assertThat(e.diagnostics()).extracting(Diagnostic::format).containsExactly(
                "src/main/kafka/access.yaml:13:19: ERROR [removal] the raw ACL for 'User:billing-audit' names topic "
                        + "'billing.invoices.v1', which this request removes (raw ACLs are not changed automatically: "
                        + "remove or change this ACL by hand, then run the goal again)");
    }

    @Test
    void aGrantPrefixThatWouldMatchNothingStopsTheRequest() throws Exception {
        fx.file("access.yaml", """
                serviceAccounts:
                  - name: billing-service
                grants:
                  - serviceAccount: billing-service
                    consume: [{prefix: billing.ref}]
                """);
        EditRejectedException e = fx.rejected(EditParameters.remove(params(TOPICS, "billing.refunds.v1")));
        assertThat(e.diagnostics()).extracting(Diagnostic::ruleId).containsExactly("references");
        assertThat(e.diagnostics().get(0).location().toString()).startsWith("src/main/kafka/access.yaml:5:");
    }

    @Test
    void unknownNamesAreRejectedWithADidYouMean() throws Exception {
        EditRejectedException e = fx.rejected(EditParameters.remove(params(TOPICS, "billing.payment.v1",
                SERVICE_ACCOUNTS, "nobody")));
        assertThat(e.diagnostics()).extracting(Diagnostic::message).containsExactly(
                "-Dkafka.serviceAccounts names service account 'nobody', which this repository does not declare",
                "-Dkafka.topics names topic 'billing.payment.v1', which this repository does not declare");
        assertThat(e.diagnostics().get(1).hint()).startsWith("did you mean 'billing.payments.v1'?");
    }

    @Test
    void updateReplacesValuesInTheirStyleAndInsertsKeysInTheUsualOrder() throws Exception {
        EditResult r = fx.run(EditParameters.updateTopics(params(TOPICS, "billing.invoices.v1,billing.refunds.v1",
                PARTITIONS, "12", CONFIG, "retention.ms=14d,max.message.bytes=1MiB", VISIBILITY, "protected",
                SHARED_WITH, "toll", DESCRIPTION, "Changed: yes")));
        assertThat(fx.read("topics.yaml")).isEqualTo("""
                # Topics of the billing team.
                topics:
                  # the first one
                  - name: billing.invoices.v1
                    partitions: 12   # grown in March
                    config:
                      cleanup.policy: delete
                      retention.ms: '14d'
                      max.message.bytes: 1MiB
                    metadata:
                      description: "Changed: yes"
                    visibility: protected
                    sharedWith: [toll]

                """ + PAYMENTS + """
                  - name: billing.refunds.v1
                    partitions: 12
                    config:
                      retention.ms: 14d
                      max.message.bytes: 1MiB
                    metadata:
                      description: "Changed: yes"
                    visibility: protected
                    sharedWith: [toll]
                """);
        assertThat(r.summary().get(0)).isEqualTo("updated topic billing.invoices.v1 in src/main/kafka/topics.yaml: "
                + "partitions 6 -> 12; config retention.ms 7d -> 14d; config max.message.bytes 1MiB; metadata "
                + "description Invoices -> Changed: yes; visibility public -> protected; sharedWith [toll]");
    }

    @Test
    void updateEditsFlowMapsAndRemovesKeysAndEmptyMaps() throws Exception {
        fx.run(EditParameters.updateTopics(params(TOPICS, "billing.payments.v1", CONFIG, "retention.ms=1d",
                REPLICATION_FACTOR, "3", PROTECTED, "true")));
        assertThat(fx.read("topics.yaml")).contains("""
                  - name: billing.payments.v1
                    replicationFactor: 3
                    config: {cleanup.policy: compact, retention.ms: 1d}
                    metadata: {description: "Payments"}
                    protected: true
                """);
        fx.run(EditParameters.updateTopics(params(TOPICS, "billing.payments.v1,billing.invoices.v1",
                REMOVE_CONFIG, "cleanup.policy", REMOVE_METADATA, "description")));
        assertThat(fx.read("topics.yaml")).isEqualTo("""
                # Topics of the billing team.
                topics:
                  # the first one
                  - name: billing.invoices.v1
                    partitions: 6   # grown in March
                    config:
                      retention.ms: '7d'
                    visibility: public

                  # second
                  - name: billing.payments.v1
                    replicationFactor: 3
                    config: {retention.ms: 1d}
                    protected: true

                """ + REFUNDS);
        fx.run(EditParameters.updateTopics(params(TOPICS, "billing.payments.v1", REMOVE_CONFIG, "retention.ms")));
        assertThat(fx.read("topics.yaml")).contains("""
                  - name: billing.payments.v1
                    replicationFactor: 3
                    protected: true
                """);
    }

    @Test
    void settingWhatIsAlreadySetChangesNothing() throws Exception {
        EditResult r = fx.run(EditParameters.updateTopics(params(TOPICS, "billing.invoices.v1", PARTITIONS, "6",
                VISIBILITY, "public")));
        assertThat(r.hasChanges()).isFalse();
        assertThat(r.summary()).containsExactly("topic billing.invoices.v1 already had these settings "
                + "(src/main/kafka/topics.yaml)");
    }

    @Test
    void partitionsCannotShrinkAndUnknownKeysCannotBeRemoved() throws Exception {
        EditRejectedException e = fx.rejected(EditParameters.updateTopics(params(TOPICS, "billing.invoices.v1",
                PARTITIONS, "3", REMOVE_CONFIG, "segment.ms")));
        assertThat(e.diagnostics()).extracting(Diagnostic::format).containsExactly(
                "src/main/kafka/topics.yaml:4:11: ERROR [unknownEntity] topic 'billing.invoices.v1' has no config key "
                        + "'segment.ms' to remove (remove only keys the topic sets)",
                "src/main/kafka/topics.yaml:5:17: ERROR [partitionsShrink] topic 'billing.invoices.v1' has 6 partitions;"
                        + " Kafka cannot reduce them to 3 (keep 6 or more, or create a new topic (a new name, e.g. the "
                        + "next version) and move the consumers)");
    }

    @Test
    void anUpdateThatBreaksAPolicyIsRejected() throws Exception {
        EditRejectedException e = fx.rejected(EditParameters.updateTopics(params(TOPICS, "billing.invoices.v1",
                SHARED_WITH, "nobody-team")));
        assertThat(e.diagnostics()).extracting(Diagnostic::ruleId).contains("references");
    }
}
