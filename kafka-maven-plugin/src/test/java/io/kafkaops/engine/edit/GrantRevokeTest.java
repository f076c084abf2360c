package io.kafkaops.engine.edit;

import static io.kafkaops.engine.edit.EditFixture.params;
import static io.kafkaops.engine.edit.EditParameters.CONSUME;
import static io.kafkaops.engine.edit.EditParameters.GROUPS;
import static io.kafkaops.engine.edit.EditParameters.PREFIXED;
import static io.kafkaops.engine.edit.EditParameters.PRODUCE;
import static io.kafkaops.engine.edit.EditParameters.SERVICE_ACCOUNT;
import static io.kafkaops.engine.edit.EditParameters.TRANSACTIONAL_IDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.model.Diagnostic;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrantRevokeTest {

    @TempDir
    Path dir;
    EditFixture fx;

    static final String TOPICS = """
            topics:
              - name: billing.invoices.v1
                metadata: {description: I}
              - name: billing.payments.v1
                metadata: {description: P}
              - name: billing.refunds.v1
                metadata: {description: R}
            external:
              topics: [toll.transactions.v1]
            """;

    /** The head of access.yaml, which no test here changes: the service accounts, then the grants key. */
    static final String ACCOUNTS = """
            serviceAccounts:
              - name: billing-service
              - name: billing-audit
              - name: billing-refunds

            grants:
            """;

    /** The last grant of access.yaml, in block style. */
    static final String AUDIT_GRANT = """
              - serviceAccount: billing-audit
                consume:
                  - billing.invoices.v1
                  - {prefix: billing.pay}
                groups:
                  - billing-audit
            """;

    static final String ACCESS = ACCOUNTS + """
              # the backend
              - serviceAccount: billing-service
                produce: [billing.invoices.v1, billing.payments.v1]   # both
                groups: [billing-service]

            """ + AUDIT_GRANT;

    @BeforeEach
    void setUp() {
        fx = new EditFixture(dir).withPlatform().file("topics.yaml", TOPICS).file("access.yaml", ACCESS);
    }

    @Test
    void extendsFlowListsAndAddsMissingListsInTheUsualOrder() throws Exception {
        EditResult r = fx.run(EditParameters.grant(params(SERVICE_ACCOUNT, "billing-service",
                PRODUCE, "billing.refunds.v1,billing.invoices.v1", CONSUME, "toll.transactions.v1",
                TRANSACTIONAL_IDS, "billing-tx*")));
        assertThat(fx.read("access.yaml")).isEqualTo(ACCOUNTS + """
                  # the backend
                  - serviceAccount: billing-service
                    produce: [billing.invoices.v1, billing.payments.v1, billing.refunds.v1]   # both
                    consume: [toll.transactions.v1]
                    groups: [billing-service]
                    transactionalIds: [{prefix: billing-tx}]

                """ + AUDIT_GRANT);
        assertThat(r.summary()).containsExactly(
                "granted billing-service: produce billing.refunds.v1, consume toll.transactions.v1, transactionalIds "
                        + "billing-tx* (extended the grant at src/main/kafka/access.yaml:8:21)",
                "billing-service already had produce billing.invoices.v1");
    }

    @Test
    void extendsBlockListsInTheirIndentation() throws Exception {
        fx.run(EditParameters.grant(params(SERVICE_ACCOUNT, "billing-audit", CONSUME, "billing.refunds.v1",
                PRODUCE, "billing.refunds.v1", GROUPS, "billing-audit-2")));
        assertThat(fx.read("access.yaml")).endsWith("""
                  - serviceAccount: billing-audit
                    produce:
                      - billing.refunds.v1
                    consume:
                      - billing.invoices.v1
                      - {prefix: billing.pay}
                      - billing.refunds.v1
                    groups:
                      - billing-audit
                      - billing-audit-2
                """);
    }

    @Test
    void aServiceAccountWithoutAGrantGetsANewEntryAndSeveralAccountsAreHandledInOneCall() throws Exception {
        EditResult r = fx.run(EditParameters.grant(params(SERVICE_ACCOUNT, "billing-refunds,billing-service",
                CONSUME, "billing.", PREFIXED, "true")));
        assertThat(fx.read("access.yaml")).isEqualTo(ACCOUNTS + """
                  # the backend
                  - serviceAccount: billing-service
                    produce: [billing.invoices.v1, billing.payments.v1]   # both
                    consume: [{prefix: billing.}]
                    groups: [billing-service]

                """ + AUDIT_GRANT + """

                  - serviceAccount: billing-refunds
                    consume: [{prefix: billing.}]
                """);
        assertThat(r.summary()).hasSize(2);
    }

    @Test
    void grantingWhatIsAlreadyGrantedChangesNothing() throws Exception {
        EditResult r = fx.run(EditParameters.grant(params(SERVICE_ACCOUNT, "billing-audit",
                CONSUME, "billing.pay*")));
        assertThat(r.hasChanges()).isFalse();
        assertThat(r.summary()).containsExactly("billing-audit already had consume billing.pay*");
        assertThat(fx.read("access.yaml")).isEqualTo(ACCESS);
    }

    @Test
    void aNewGrantGoesToGrantsYamlWhenNoFileHasGrants() throws Exception {
        fx = new EditFixture(dir.resolve("other")).withPlatform().file("topics.yaml", TOPICS)
                .file("accounts.yaml", "serviceAccounts:\n  - name: billing-service\n");
        fx.run(EditParameters.grant(params(SERVICE_ACCOUNT, "billing-service", PRODUCE, "billing.invoices.v1",
                GROUPS, "billing-service")));
        assertThat(fx.read("grants.yaml")).isEqualTo("""
                # yaml-language-server: $schema=../../../target/kafka/kafka-entities.schema.json
                grants:
                  - serviceAccount: billing-service
                    produce: [billing.invoices.v1]
                    groups: [billing-service]
                """);
    }

    @Test
    void grantingAnUnknownTopicIsRejectedWithADidYouMean() throws Exception {
        EditRejectedException e = fx.rejected(EditParameters.grant(params(SERVICE_ACCOUNT, "billing-service",
                CONSUME, "billing.refund.v1")));
        assertThat(e.diagnostics()).extracting(Diagnostic::ruleId).containsExactly("references");
        assertThat(e.diagnostics().get(0).location().toString()).isEqualTo("src/main/kafka/access.yaml:10:15");
        assertThat(e.diagnostics().get(0).hint()).contains("billing.refunds.v1");
    }

    @Test
    void grantingAGroupOrTransactionalIdWithANewlineIsRejectedBeforeAnythingIsWritten() throws Exception {
        // issue 10 item 9: the newline used to be written into access.yaml and validated
        EditRejectedException e = fx.rejected(EditParameters.grant(params(SERVICE_ACCOUNT, "billing-service",
                GROUPS, "billing-x\n  - evil")));
        assertThat(e.diagnostics()).extracting(Diagnostic::ruleId).contains("kafkaNames");
        assertThat(e.diagnostics()).extracting(Diagnostic::format)
                .anySatisfy(l -> assertThat(l).contains("consumer group 'billing-x\\n  - evil' contains a newline"));

        EditRejectedException tx = fx.rejected(EditParameters.grant(params(SERVICE_ACCOUNT, "billing-service",
                TRANSACTIONAL_IDS, "billing-tx\u001b[31m")));
        assertThat(tx.diagnostics()).extracting(Diagnostic::ruleId).contains("kafkaNames");
    }

    @Test
    void grantingToAnotherTeamsServiceAccountIsRejected() throws Exception {
        EditRejectedException e = fx.rejected(EditParameters.grant(params(SERVICE_ACCOUNT, "toll-gateway",
                CONSUME, "billing.invoices.v1")));
        assertThat(e.diagnostics()).extracting(Diagnostic::ruleId).contains("references");
    }

    @Test
    void revokeRemovesItemsThenEmptyListsThenEmptyGrants() throws Exception {
        EditResult r = fx.run(EditParameters.revoke(params(SERVICE_ACCOUNT, "billing-service",
                PRODUCE, "billing.payments.v1", GROUPS, "billing-service")));
        assertThat(fx.read("access.yaml")).isEqualTo(ACCOUNTS + """
                  # the backend
                  - serviceAccount: billing-service
                    produce: [billing.invoices.v1]   # both

                """ + AUDIT_GRANT);
        assertThat(r.summary()).containsExactly("revoked from billing-service: produce billing.payments.v1; groups "
                + "billing-service");

        r = fx.run(EditParameters.revoke(params(SERVICE_ACCOUNT, "billing-service", PRODUCE, "billing.invoices.v1")));
        assertThat(r.summary().get(0)).endsWith("(its grant had nothing left and was removed)");
        assertThat(fx.read("access.yaml")).isEqualTo(ACCOUNTS + AUDIT_GRANT);
    }

    @Test
    void revokeFromBlockListsAndTheLastGrantLeavesAnEmptyList() throws Exception {
        fx.run(EditParameters.revoke(params(SERVICE_ACCOUNT, "billing-audit", CONSUME, "billing.pay*")));
        assertThat(fx.read("access.yaml")).endsWith("""
                  - serviceAccount: billing-audit
                    consume:
                      - billing.invoices.v1
                    groups:
                      - billing-audit
                """);
        fx.run(EditParameters.revoke(params(SERVICE_ACCOUNT, "billing-audit", CONSUME, "billing.invoices.v1",
                GROUPS, "billing-audit")));
        fx.run(EditParameters.revoke(params(SERVICE_ACCOUNT, "billing-service", PRODUCE,
                "billing.invoices.v1,billing.payments.v1", GROUPS, "billing-service")));
        assertThat(fx.read("access.yaml")).isEqualTo("""
                serviceAccounts:
                  - name: billing-service
                  - name: billing-audit
                  - name: billing-refunds

                grants: []
                """);
    }

    @Test
    void revokingWhatWasNotGrantedIsRejected() throws Exception {
        EditRejectedException e = fx.rejected(EditParameters.revoke(params(SERVICE_ACCOUNT, "billing-service",
                PRODUCE, "billing.refunds.v1", CONSUME, "billing.invoices.v1")));
        assertThat(e.diagnostics()).extracting(Diagnostic::format).containsExactly(
                "src/main/kafka/access.yaml:8:21: ERROR [notGranted] 'billing-service' has no consume "
                        + "'billing.invoices.v1' to revoke (its grant lists produce billing.invoices.v1, "
                        + "billing.payments.v1; groups billing-service)",
                "src/main/kafka/access.yaml:8:21: ERROR [notGranted] 'billing-service' has no produce "
                        + "'billing.refunds.v1' to revoke (its grant lists produce billing.invoices.v1, "
                        + "billing.payments.v1; groups billing-service)");
        EditRejectedException unknown = fx.rejected(EditParameters.revoke(params(SERVICE_ACCOUNT, "billing-servce",
                GROUPS, "billing-service")));
        assertThat(unknown.diagnostics().get(0).format()).isEqualTo("command line: ERROR [unknownEntity] "
                + "-Dkafka.serviceAccount names 'billing-servce', which has no grant in this repository (did you mean "
                + "'billing-service'? Otherwise service accounts with grants: billing-service, billing-audit)");
    }
}
