package io.kafkaops.it.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaops.it.MavenProcess;
import io.kafkaops.it.MavenResult;
import io.kafkaops.it.MavenRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** kafka:run and the embedded local stage of the example service repository, run by the real mvn. */
class LocalStageIT {

    private static final String PROPERTIES = "target/kafka/credentials/billing-local/billing-service.properties";

    @Test
    void kafkaRunDeploysSaysWhereTheCredentialsAreAndStopsAfterTheDurationAndKeptDataComesBack(TestInfo test) {
        MavenRunner runner = MavenRunner.forTest(test);
        Path project = SourceTree.copyExamples(runner.workDir());

        MavenResult run = runner.run(project, "kafka:run", "-Dkafka.run.duration=PT2S", "-Dkafka.local.keep=true");

        run.assertSucceeded().assertLinesInOrder(
                "Starting Kafka ",
                "Deploy to stage local: 11 created, 0 updated, 0 deleted",
                "Kafka for stage local is running: bootstrap.servers=127.0.0.1:",
                "Client properties of billing-service: " + PROPERTIES,
                "It stops after PT2S (kafka.run.duration) or on Ctrl-C.",
                "Stopping Kafka for stage local (kafka.run.duration PT2S passed)",
                "Stopped Kafka for stage local; its data stays in target/kafka/local/broker",
                "BUILD SUCCESS");
        assertThat(project.resolve(PROPERTIES)).exists();
        assertThat(project.resolve("target/kafka/local/broker/kraft")).isDirectory();

        // the next build starts on the kept data: everything is still there
        runner.run(project, "kafka:plan", "-Dkafka.stage=local", "-Dkafka.local.keep=true")
                .assertSucceeded()
                .assertLine("on the data kept by an earlier build")
                .assertLine("Plan for stage local: 0 to create, 0 to update, 0 to delete");

        // and without keep, the build after that starts clean
        runner.run(project, "kafka:plan", "-Dkafka.stage=local")
                .assertSucceeded()
                .assertLine("Plan for stage local: 11 to create, 0 to update, 0 to delete");
        assertThat(project.resolve("target/kafka/local/broker")).doesNotExist();
    }

    @Test
    void kafkaRunRefusesAStageOnARealClusterBeforeTouchingIt(TestInfo test) {
        MavenRunner runner = MavenRunner.forTest(test);
        Path project = SourceTree.copyExamples(runner.workDir());

        runner.run(project, "kafka:run", "-Dkafka.stage=dev")
                .assertFailed()
                .assertLine("kafka:run starts a Kafka on this machine, but stage dev runs on cluster 'nonprod' of type"
                        + " apache-kafka: use a stage whose cluster has type embedded, or kafka:deploy for a real"
                        + " cluster")
                .assertNoLine("Starting Kafka");
    }

    @Test
    void kafkaRunChecksAgainstOtherRepositoriesTopicsOnTheBrokerLikeADeploy(TestInfo test) throws IOException {
        MavenRunner runner = MavenRunner.forTest(test);
        Path billing = SourceTree.copyExamples(runner.workDir());
        Path toll = tollService(billing.resolveSibling("toll-service"));
        // both repositories work on one kept broker directory, as two services on a developer's machine can
        String broker = "-Dkafka.local.dataDirectory=" + billing.resolveSibling("local-broker");

        runner.run(toll, "kafka:deploy", "-Dkafka.stage=local", "-Dkafka.local.keep=true", broker)
                .assertSucceeded()
                .assertLine("Deploy to stage local: 1 created, 0 updated, 0 deleted");

        // billing consumes toll.transactions.v1, which team toll keeps private: the ownership record on the broker
        // says so, and kafka:run refuses exactly as kafka:deploy does, before changing anything
        runner.run(billing, "kafka:run", "-Dkafka.run.duration=PT1S", "-Dkafka.local.keep=true", broker)
                .assertFailed()
                .assertLinesInOrder(
                        "on the data kept by an earlier build",
                        "The plan for stage local has 1 problem",
                        "src/main/kafka/access.yaml:10:15: ERROR [topicVisibility] 'billing-service' may not consume"
                                + " 'toll.transactions.v1': the topic of team toll is private")
                .assertLine("nothing was deployed")
                .assertNoLine("Kafka for stage local is running");
        assertThat(billing.resolve("target/kafka/credentials/billing-local.json")).doesNotExist();
    }

    /** Team toll's service next to the example billing service, with a private topic billing consumes. */
    private static Path tollService(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("src/main/kafka"));
        Files.createDirectories(dir.resolve(".mvn"));
        Files.writeString(dir.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example.toll</groupId>
                  <artifactId>toll-service</artifactId>
                  <version>1.0.0-SNAPSHOT</version>
                  <packaging>pom</packaging>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>io.kafkaops</groupId>
                        <artifactId>kafka-maven-plugin</artifactId>
                        <version>%s</version>
                        <configuration><platform>../platform/platform.yaml</platform></configuration>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(System.getProperty("it.token.kafkaops.version")));
        Files.writeString(dir.resolve("src/main/kafka/toll.yaml"), """
                topics:
                  - name: toll.transactions.v1
                    partitions: 3
                    config: { retention.ms: 3d }
                    metadata: { description: Toll transactions per gantry passage, dataClassification: internal }
                """);
        return dir;
    }

    @Test
    void theLocalBrokerEnforcesTheAclsTheDeployWrote(TestInfo test) throws Exception {
        MavenRunner runner = MavenRunner.forTest(test);
        Path project = SourceTree.copyExamples(runner.workDir());

        try (MavenProcess running = runner.start(project, "kafka:run")) {
            running.awaitLine("Press Ctrl-C to stop it.", Duration.ofMinutes(4));
            Properties client = load(project.resolve(PROPERTIES));
            client.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
            client.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "20000");
            client.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");

            try (KafkaProducer<String, String> producer =
                         new KafkaProducer<>(client, new StringSerializer(), new StringSerializer())) {
                RecordMetadata sent = producer.send(new ProducerRecord<>("billing.invoices.v1", "invoice-1", "{}"))
                        .get(30, TimeUnit.SECONDS);
                assertThat(sent.topic()).isEqualTo("billing.invoices.v1");

                assertThatThrownBy(() -> producer.send(new ProducerRecord<>("_kafkaops-ownership", "k", "v"))
                        .get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(TopicAuthorizationException.class);
            }

            // billing-service may produce to invoices, not read them
            Properties consumerProps = new Properties();
            consumerProps.putAll(client);
            consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "billing-service");
            consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            try (KafkaConsumer<String, String> consumer =
                         new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
                consumer.assign(List.of(new TopicPartition("billing.invoices.v1", 0)));
                assertThatThrownBy(() -> {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (System.nanoTime() < deadline) {
                        consumer.poll(Duration.ofMillis(500));
                    }
                }).isInstanceOf(TopicAuthorizationException.class);
            }

            // and a wrong password does not get in at all
            Properties wrong = new Properties();
            wrong.putAll(client);
            wrong.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                    + " username=\"billing-service\" password=\"not-the-password\";");
            try (Admin admin = Admin.create(wrong)) {
                assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(SaslAuthenticationException.class);
            }

            MavenResult stopped = running.interrupt();
            // SIGTERM (what Ctrl-C amounts to) ends the wait: the broker is stopped and the build ends normally
            stopped.assertSucceeded().assertLinesInOrder(
                    "Stopping Kafka for stage local (SIGTERM)",
                    "Stopped Kafka for stage local",
                    "BUILD SUCCESS");
            assertThat(project.resolve("target/kafka/local/broker")).doesNotExist();
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p;
    }
}
