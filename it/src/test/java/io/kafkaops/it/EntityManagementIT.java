package io.kafkaops.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The entity-management goals run by the real mvn on a copy of {@code it-repos/edit-sample}: each leaves exactly the
 * files under {@code it-repos/edit-sample-expected/<goal>} (byte for byte, comments and layout included), and a wrong
 * request fails with its diagnostic and changes no file.
 */
class EntityManagementIT {

    private static Path expected(String name) {
        return Path.of(System.getProperty("it.repos")).resolve("edit-sample-expected").resolve(name);
    }

    /** Every file below {@code dir}, by relative path, with its bytes. */
    private static Map<String, String> tree(Path dir) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static void assertKafkaFiles(Path project, String expectedCase) {
        Map<String, String> actual = tree(project.resolve("src/main/kafka"));
        Map<String, String> wanted = tree(expected(expectedCase).resolve("src/main/kafka"));
        assertThat(wanted).as("expected files for " + expectedCase).isNotEmpty();
        assertThat(actual.keySet()).isEqualTo(wanted.keySet());
        for (String file : wanted.keySet()) {
            assertThat(actual.get(file)).as(file).isEqualTo(wanted.get(file));
        }
    }

    /** The Kafka files are still exactly those of the sample. */
    private static void assertUnchanged(Path project) {
        Path sample = Path.of(System.getProperty("it.repos")).resolve("edit-sample/src/main/kafka");
        assertThat(tree(project.resolve("src/main/kafka"))).isEqualTo(tree(sample));
    }

    private static MavenResult run(MavenRunner runner, Path project, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add(ValidateIT.platform());
        return runner.run(project, all.toArray(String[]::new));
    }

    @Test
    void addTopic(TestInfo test) throws Exception {
        MavenRunner runner = MavenRunner.forTest(test);
        Path project = runner.copyRepo("edit-sample");
        run(runner, project, "kafka:add-topic", "-Dkafka.topics=billing.refunds.v1,billing.credits.v1",
                "-Dkafka.partitions=6", "-Dkafka.config=retention.ms=14d,cleanup.policy=delete",
                "-Dkafka.metadata=description=Refunds and credit notes,dataClassification=internal",
                "-Dkafka.visibility=public")
                .assertSucceeded()
                .assertLine("[INFO] Changed src/main/kafka/topics.yaml")
                .assertLine("[INFO]   added topic billing.refunds.v1 to src/main/kafka/topics.yaml")
                .assertLine("[INFO]   added topic billing.credits.v1 to src/main/kafka/topics.yaml");
        assertKafkaFiles(project, "add-topic");
        assertThat(Files.readString(project.resolve("target/kafka/entity-change.md")))
                .startsWith("## kafka:add-topic\n\n- added topic billing.refunds.v1")
                .contains("```diff\n--- a/src/main/kafka/topics.yaml\n");
        // what was written validates like any hand-written file
        run(runner, project, "kafka:validate").assertSucceeded();
    }

    @Test
    void addServiceAccount(TestInfo test) {
        MavenRunner runner = MavenRunner.forTest(test);
        Path project = runner.copyRepo("edit-sample");
        run(runner, project, "kafka:add-service-account", "-Dkafka.serviceAccounts=billing-refunds",
                "-Dkafka.description=Refund processor")
                .assertSucceeded()
                .assertLine("[INFO] Changed src/main/kafka/access.yaml");
        assertKafkaFiles(project, "add-service-account");
    }

    @Test
    void grant(TestInfo test) {
        MavenRunner runner = MavenRunner.forTest(test);
        Path project = runner.copyRepo("edit-sample");
        run(runner, project, "kafka:grant", "-Dkafka.serviceAccount=billing-reports",
                "-Dkafka.consume=toll.transactions.v1,billing.invoices.v1",
                "-Dkafka.transactionalIds=billing-reports-tx")
                .assertSucceeded()
                .assertLine("granted billing-reports: consume toll.transactions.v1, transactionalIds billing-reports-tx")
                .assertLine("billing-reports already had consume billing.invoices.v1");
        assertKafkaFiles(project, "grant");
    }

    @Test
    void revoke(TestInfo test) {
        MavenRunner runner = MavenRunner.forTest(test);
        Path project = runner.copyRepo("edit-sample");
        run(runner, project, "kafka:revoke", "-Dkafka.serviceAccount=billing-invoicing",
                "-Dkafka.produce=billing.payments.v1", "-Dkafka.groups=billing-invoicing")
                .assertSucceeded();
        assertKafkaFiles(project, "revoke");
    }

    @Test
    void remove(TestInfo test) {
        MavenRunner runner = MavenRunner.forTest(test);
        Path project = runner.copyRepo("edit-sample");
        run(runner, project, "kafka:remove", "-Dkafka.topics=billing.payments.v1",
                "-Dkafka.serviceAccounts=billing-reports")
                .assertSucceeded()
                .assertLine("[INFO] Changed src/main/kafka/access.yaml")
                .assertLine("[INFO] Changed src/main/kafka/topics.yaml")
                .assertLine("removed produce billing.payments.v1 from the grant for billing-invoicing")
                .assertLine("removed its grant from src/main/kafka/access.yaml");
        assertKafkaFiles(project, "remove");
    }

    @Test
    void updateTopic(TestInfo test) {
        MavenRunner runner = MavenRunner.forTest(test);
        Path project = runner.copyRepo("edit-sample");
        run(runner, project, "kafka:update-topic", "-Dkafka.topics=billing.invoices.v1,billing.payments.v1",
                "-Dkafka.partitions=8", "-Dkafka.config=retention.ms=14d,max.message.bytes=512KiB",
                "-Dkafka.metadata=owner=jane", "-Dkafka.visibility=protected", "-Dkafka.sharedWith=toll")
                .assertSucceeded()
                .assertLine("updated topic billing.invoices.v1 in src/main/kafka/topics.yaml: partitions 6 -> 8;");
        assertKafkaFiles(project, "update-topic");
    }

    @Test
    void aDryRunPrintsTheDiffAndWritesNothing(TestInfo test) {
        MavenRunner runner = MavenRunner.forTest(test);
        Path project = runner.copyRepo("edit-sample");
        run(runner, project, "kafka:add-service-account", "-Dkafka.serviceAccounts=billing-refunds",
                "-Dkafka.description=Refund processor", "-Dkafka.dryRun=true")
                .assertSucceeded()
                .assertLinesInOrder("--- a/src/main/kafka/access.yaml", "+++ b/src/main/kafka/access.yaml",
                        "@@ -4,6 +4,8 @@", "+  - name: billing-refunds", "+    description: Refund processor")
                .assertLine("Dry run (kafka.dryRun=true): nothing was written");
        assertUnchanged(project);
    }

    @Test
    void aBadNameChangesNothingAndSaysWhereItWouldBe(TestInfo test) {
        MavenRunner runner = MavenRunner.forTest(test);
        Path project = runner.copyRepo("edit-sample");
        run(runner, project, "kafka:add-topic", "-Dkafka.topics=Billing_Refunds",
                "-Dkafka.metadata=description=Refunds,dataClassification=internal")
                .assertFailed()
                .assertLineMatching("^\\[ERROR] src/main/kafka/topics\\.yaml:26:\\d+: ERROR \\[topicNaming] .*Billing_Refunds")
                .assertLine("The request would leave the Kafka files invalid")
                .assertNoLine("Exception:")
                .assertNoLine("\tat ");
        assertUnchanged(project);
    }

    @Test
    void aGrantOnAnUnknownTopicChangesNothing(TestInfo test) {
        MavenRunner runner = MavenRunner.forTest(test);
        Path project = runner.copyRepo("edit-sample");
        run(runner, project, "kafka:grant", "-Dkafka.serviceAccount=billing-reports",
                "-Dkafka.consume=billing.invoice.v1")
                .assertFailed()
                .assertLineMatching("^\\[ERROR] src/main/kafka/access\\.yaml:16:\\d+: ERROR \\[references] .*"
                        + "'billing\\.invoice\\.v1'.*did you mean 'billing\\.invoices\\.v1'")
                .assertNoLine("Exception:")
                .assertNoLine("\tat ");
        assertUnchanged(project);
    }

    @Test
    void aDuplicateChangesNothing(TestInfo test) {
        MavenRunner runner = MavenRunner.forTest(test);
        Path project = runner.copyRepo("edit-sample");
        run(runner, project, "kafka:add-service-account", "-Dkafka.serviceAccounts=billing-audit,billing-reports",
                "-Dkafka.description=Audit")
                .assertFailed()
                .assertLine("[ERROR] src/main/kafka/access.yaml:5:11: ERROR [duplicate] service account "
                        + "'billing-reports' is already declared here (choose another name, or edit the declaration)")
                .assertLine("The request cannot be carried out; nothing was changed");
        assertUnchanged(project);
    }

    @Test
    void aMistypedParameterIsNotIgnored(TestInfo test) {
        MavenRunner runner = MavenRunner.forTest(test);
        Path project = runner.copyRepo("edit-sample");
        run(runner, project, "kafka:add-topic", "-Dkafka.topics=billing.refunds.v1", "-Dkafka.partiton=6",
                "-Dkafka.metadata=description=Refunds,dataClassification=internal")
                .assertFailed()
                .assertLine("[ERROR] command line: ERROR [parameter] -Dkafka.partiton is not a parameter of "
                        + "kafka:add-topic (did you mean '-Dkafka.partitions'?)");
        assertUnchanged(project);
    }
}
