package io.kafkaops.it.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.it.MavenResult;
import io.kafkaops.it.MavenRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * kafka:topics, kafka:produce and kafka:consume run by the real mvn on the example repository's embedded local stage:
 * first with the account's stored credentials, then through a debug session (kafka:debug ... kafka:debug-end). The
 * broker's data is kept between the builds (kafka.local.keep), so every build after the first starts it again on a new
 * port: the tools must take the running broker's address, not the one the credentials were written with.
 */
class DebugToolsIT {

    private static final String STORED = "target/kafka/credentials/billing-local/billing-service.properties";
    private static final String KEEP = "-Dkafka.local.keep=true";
    private static final String LOCAL = "-Dkafka.stage=local";

    @Test
    void theToolsWorkWithStoredCredentialsAndThroughADebugSessionAndShowNoSecret(TestInfo test) throws IOException {
        MavenRunner runner = MavenRunner.forTest(test);
        Path project = SourceTree.copyExamples(runner.workDir());
        // billing-service may also read its own invoices, so that what it produces can be consumed back
        Path access = project.resolve("src/main/kafka/access.yaml");
        Files.writeString(access, Files.readString(access).replace("consume: [toll.transactions.v1]",
                "consume: [toll.transactions.v1, billing.invoices.v1]"));
        Files.writeString(project.resolve("records.txt"), "INV-1\t{\"amount\":12}\tsource=it\nINV-2\tsecond\n");
        List<MavenResult> runs = new ArrayList<>();

        // the deploy writes the account's credentials to the local store; produce uses them in the same build
        runs.add(runner.run(project, "kafka:deploy", "kafka:produce", "kafka:topics", LOCAL, KEEP,
                "-Dkafka.account=billing-service", "-Dkafka.topic=billing.invoices.v1", "-Dkafka.file=records.txt")
                .assertSucceeded()
                .assertLinesInOrder(
                        "Deploy to stage local: ",
                        "Using the stored credentials of billing-service (file " + "target/kafka/credentials/"
                                + "billing-local.json) on stage local",
                        "records.txt:1 -> billing.invoices.v1 partition=",
                        "records.txt:2 -> billing.invoices.v1 partition=",
                        "Produced 2 records to billing.invoices.v1 (acks=all, idempotent)",
                        "topics visible to billing-service")
                .assertLineMatching(" billing\\.invoices\\.v1 +6 partitions$"));
        String password = secret(project.resolve(STORED));

        // a later build: the broker runs on a new port, the stored settings name the old one
        runs.add(runner.run(project, "kafka:consume", LOCAL, KEEP, "-Dkafka.account=billing-service",
                "-Dkafka.topic=billing.invoices.v1", "-Dkafka.group=billing-service")
                .assertSucceeded()
                .assertLine("on the data kept by an earlier build")
                .assertLineMatching("partition=\\d offset=0 timestamp=\\S+ key=INV-1 headers=\\[source=it] value="
                        + "\\{\"amount\":12}")
                .assertLineMatching("key=INV-2 headers=\\[] value=second")
                .assertLine("Consumed 2 records from billing.invoices.v1 in ")
                .assertLine("group billing-service, offsets committed); stopped: reached the end of the topic"));

        // produce-only on billing.payments.v1: reading it is refused with the right named, and the goal fails
        runs.add(runner.run(project, "kafka:produce", "kafka:consume", LOCAL, KEEP, "-Dkafka.account=billing-service",
                "-Dkafka.topic=billing.payments.v1", "-Dkafka.key=P-1", "-Dkafka.value=paid")
                .assertFailed()
                .assertLine("Produced 1 record to billing.payments.v1")
                .assertLine("the account billing-service may not read topic billing.payments.v1"
                        + " (TopicAuthorizationException)"));

        // a debug session: its token is the only credential the tools find, and it is gone after kafka:debug-end
        MavenResult started = runner.run(project, "kafka:debug", LOCAL, KEEP, "-Dkafka.account=billing-service",
                "-Dkafka.lifetime=10m", "-Dkafka.reason=DebugToolsIT").assertSucceeded();
        runs.add(started);
        Matcher id = Pattern.compile("Debug session (dbg-[0-9a-f]{12}) on stage local").matcher(started.output());
        assertThat(id.find()).as("the session id in the output").isTrue();
        Path sessionFile = project.resolve("target/kafka/local/debug/" + id.group(1) + ".properties");
        String token = secret(sessionFile);

        runs.add(runner.run(project, "kafka:produce", "kafka:consume", "kafka:topics", LOCAL, KEEP,
                "-Dkafka.topic=billing.invoices.v1", "-Dkafka.key=S-1", "-Dkafka.value=via-session")
                .assertSucceeded()
                .assertLinesInOrder(
                        "Using debug session " + id.group(1) + " (account billing-service, ends ",
                        "command line -> billing.invoices.v1 partition=",
                        "Produced 1 record to billing.invoices.v1",
                        "Using debug session " + id.group(1),
                        "key=S-1 headers=[] value=via-session",
                        "Consumed 3 records from billing.invoices.v1",
                        "topics visible to billing-service")
                .assertLine("(from earliest, no consumer group, nothing committed); stopped: reached the end of the"
                        + " topic")
                .assertLineMatching(" billing\\.invoices\\.v1 +6 partitions$"));

        runs.add(runner.run(project, "kafka:debug-end", LOCAL, KEEP, "-Dkafka.session=" + id.group(1))
                .assertSucceeded());
        assertThat(sessionFile).doesNotExist();
        runs.add(runner.run(project, "kafka:topics", LOCAL, KEEP)
                .assertFailed()
                .assertLine("No credentials to use on stage local: there is no open local debug session under"
                        + " target/kafka/local/debug"));

        // no secret in any output; the token nowhere under target/ once the session ended
        for (MavenResult run : runs) {
            run.assertNoLine(password);
            run.assertNoLine(token);
        }
        try (Stream<Path> files = Files.walk(project.resolve("target"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                if (text.contains(token)) throw new AssertionError("the session's token is still written in " + f);
            }
        }
    }

    /** The password in a client properties file's sasl.jaas.config; never printed. */
    private static String secret(Path properties) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(properties)) {
            p.load(in);
        }
        Matcher m = Pattern.compile("password=\"([^\"]+)\"").matcher(p.getProperty("sasl.jaas.config", ""));
        assertThat(m.find()).as("a password in " + properties.getFileName()).isTrue();
        assertThat(m.group(1)).hasSizeGreaterThanOrEqualTo(16);
        return m.group(1);
    }
}
