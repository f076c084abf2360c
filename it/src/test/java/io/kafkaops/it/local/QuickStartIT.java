package io.kafkaops.it.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaops.it.MavenResult;
import io.kafkaops.it.MavenRunner;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * README command one, exactly as the README writes it, on a copy of this repository as a fresh checkout has it: it
 * builds and installs the plugin (into the ITs' local repository), then runs the example service repository's whole
 * job on the embedded local stage. The commands are read from README.md, so this test breaks when they change.
 */
class QuickStartIT {

    private static final Pattern ADDRESS = Pattern.compile("runs at (127\\.0\\.0\\.1:\\d+)");

    @Test
    void commandOneRunsValidatePlanDeployAndAFinalPlanWithoutChanges(TestInfo test) throws IOException {
        List<List<String>> commands = commandOne(SourceTree.root().resolve("README.md"));
        MavenRunner runner = MavenRunner.forTest(test).timeout(Duration.ofMinutes(15));
        Path checkout = SourceTree.copy(SourceTree.root(), runner.workDir().resolve("checkout"));

        MavenResult build = runner.run(checkout, commands.get(0).toArray(String[]::new));
        build.assertSucceeded();
        MavenResult cycle = runner.run(checkout, commands.get(1).toArray(String[]::new));

        cycle.assertSucceeded().assertLinesInOrder(
                "Validated 2 topics, 1 service account, 1 grant, 0 ACLs in 2 files (team billing): 0 errors, 0 warnings",
                "--- kafka-maven-plugin:",
                "Starting Kafka ",
                "Kafka for stage local runs at 127.0.0.1:",
                "+ service account billing-service",
                "+ topic billing.invoices.v1 (6 partitions, replication factor 1)",
                "+ acl ALLOW User:billing-service READ on TOPIC toll.transactions.v1",
                "Plan for stage local: 11 to create, 0 to update, 0 to delete",
                "kafka-maven-plugin:" + System.getProperty("it.token.kafkaops.version") + ":deploy",
                "(started earlier in this build)",
                "+ credential billing-service created",
                "+ topic billing.invoices.v1 created",
                "+ acl ALLOW User:billing-service READ on TOPIC toll.transactions.v1 created",
                "Deploy to stage local: 11 created, 0 updated, 0 deleted",
                "(started earlier in this build)",
                "Plan for stage local: 0 to create, 0 to update, 0 to delete",
                "BUILD SUCCESS");
        // one broker for the whole build, and one line per goal that reused it
        assertThat(cycle.linesContaining("Starting Kafka ")).hasSize(1);
        assertThat(cycle.linesContaining("(started earlier in this build)")).hasSize(2);

        Path project = checkout.resolve("examples/billing-service");
        JsonNode stored = new ObjectMapper().readTree(
                project.resolve("target/kafka/credentials/billing-local.json").toFile());
        String password = stored.path("credentials").path("billing-service").path("password").asText();
        assertThat(password).hasSizeGreaterThan(20);
        cycle.assertNoLine(password);

        // the broker stopped with the build and its data went with it
        assertThat(project.resolve("target/kafka/local/broker")).doesNotExist();
        Matcher address = ADDRESS.matcher(cycle.linesContaining("runs at 127.0.0.1:").get(0));
        assertThat(address.find()).isTrue();
        assertThat(accepts(address.group(1))).as("the local broker still listens on " + address.group(1)).isFalse();

        System.out.printf("README command one: %.1f s (build and install) + %.1f s (validate, plan, deploy, plan on"
                + " the local stage)%n", build.duration().toMillis() / 1000.0, cycle.duration().toMillis() / 1000.0);
    }

    /** The Quick start's first command line, split at {@code &&} into the arguments of each {@code mvn}. */
    static List<List<String>> commandOne(Path readme) throws IOException {
        List<String> lines = Files.readAllLines(readme);
        int start = lines.indexOf("## Quick start");
        assertThat(start).as("README.md has a '## Quick start' section").isNotNegative();
        String line = lines.subList(start, lines.size()).stream()
                .map(String::trim)
                .filter(l -> l.startsWith("mvn ") && l.contains("&&"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("README.md's Quick start has no 'mvn ... && mvn ...' line"));
        List<List<String>> commands = new ArrayList<>();
        for (String command : line.split("&&")) {
            List<String> words = Arrays.asList(command.trim().split("\\s+"));
            assertThat(words.get(0)).as("every part of command one runs mvn: " + command).isEqualTo("mvn");
            commands.add(words.subList(1, words.size()));
        }
        assertThat(commands).as("command one: " + line).hasSize(2);
        return commands;
    }

    private static boolean accepts(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostPort.substring(0, colon),
                    Integer.parseInt(hostPort.substring(colon + 1))), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
