package io.kafkaops.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** {@code kafka:validate} run by the real mvn on sample service repos with the example platform definition. */
class ValidateIT {

    static String platform() {
        return "-Dkafka.platform=" + Path.of(System.getProperty("it.examples"), "platform", "platform.yaml")
                .toAbsolutePath().normalize();
    }

    @Test
    void aCleanRepoPassesAndWritesTheSchemaAndSarif(TestInfo test) throws Exception {
        MavenRunner runner = MavenRunner.forTest(test);
        Path project = runner.copyRepo("validate-clean");

        MavenResult result = runner.run(project, "validate", platform());

        result.assertSucceeded()
                .assertLine("Validated 3 topics, 1 service account, 1 grant, 0 ACLs in 2 files (team billing): 0 errors, 0 warnings");
        assertThat(project.resolve("target/kafka/kafka-entities.schema.json")).exists();
        String sarif = Files.readString(project.resolve("target/kafka/validation.sarif"));
        assertThat(sarif).contains("\"version\" : \"2.1.0\"").contains("\"results\" : [ ]");
    }

    @Test
    void aRepoWithoutKafkaEntitiesPassesWithOneInfoLine(TestInfo test) {
        MavenRunner runner = MavenRunner.forTest(test);
        Path project = runner.copyRepo("validate-no-entities");

        runner.run(project, "validate", platform())
                .assertSucceeded()
                .assertLine("[INFO] No Kafka entities to validate: src/main/kafka does not exist");
    }

    @Test
    void skipIsHonoured(TestInfo test) {
        MavenRunner runner = MavenRunner.forTest(test);
        Path project = runner.copyRepo("validate-mistakes");

        runner.run(project, "validate", platform(), "-Dkafka.skip=true")
                .assertSucceeded()
                .assertLine("Skipping Kafka entity validation (kafka.skip=true)");
    }

    @Test
    void everyMistakeIsReportedAtOnceWithFileLineAndColumn(TestInfo test) throws Exception {
        MavenRunner runner = MavenRunner.forTest(test);
        Path project = runner.copyRepo("validate-mistakes");

        MavenResult result = runner.run(project, "validate", platform());

        result.assertFailed();
        for (String expected : ValidateExpectations.MISTAKES) {
            result.assertLine(expected);
        }
        result.assertLine("Kafka entity validation failed with " + ValidateExpectations.MISTAKES.size()
                + " errors and 0 warnings");
        result.assertNoLine("at io.kafkaops.");
        String sarif = Files.readString(project.resolve("target/kafka/validation.sarif"));
        assertThat(sarif).contains("\"ruleId\" : \"topicNaming\"").contains("\"startLine\"");
    }

    @Test
    void aCustomPolicyFromAJarAddedToThePluginRuns(TestInfo test) {
        MavenRunner runner = MavenRunner.forTest(test);
        // the platform team's policy jar, installed into the ITs' local repository
        runner.run(runner.copyRepo("custom-policy"), "install").assertSucceeded();
        Path project = runner.copyRepo("validate-custom-policy");

        runner.run(project, "validate", platform())
                .assertFailed()
                .assertLine("src/main/kafka/topics.yaml:5:5: ERROR [retentionRequired] topic 'billing.forever.v1' deletes"
                        + " old data but does not set retention.ms (add config: { retention.ms: 7d } or whatever the"
                        + " data needs)")
                .assertNoLine("billing.kept.v1");
    }
}
