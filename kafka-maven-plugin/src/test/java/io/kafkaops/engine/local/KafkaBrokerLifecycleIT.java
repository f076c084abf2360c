package io.kafkaops.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start, kill, restart and stop of a broker of its own (the shared {@link TestBroker} must stay up). */
class KafkaBrokerLifecycleIT {

    @TempDir
    Path temp;

    @Test
    void survivesAKillAndCleansUpOnStop() throws Exception {
        Path dataDir = temp.resolve("broker");
        KafkaBroker broker = KafkaBroker.builder()
                .classpath(KafkaBroker.currentJvmClasspath())
                .dataDir(dataDir)
                .adminUser("root")
                .build();
        try {
            broker.start();
            String bootstrap = broker.bootstrapServers();
            try (Admin admin = Admin.create(broker.adminClientProperties())) {
                admin.createTopics(List.of(new NewTopic("kept.across.restarts", 3, (short) 1)))
                        .all().get(10, TimeUnit.SECONDS);
            }
            assertThat(Files.readString(dataDir.resolve("server.properties")))
                    .contains("super.users=User:root")
                    .contains("allow.everyone.if.no.acl.found=false");
            assertThat(String.join("\n", Files.readAllLines(broker.logFile().getParent().resolve("process-1.log"))))
                    .doesNotContain(broker.adminCredentials().password());

            assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class);

            broker.kill();
            assertThat(broker.isRunning()).isFalse();
            broker.restart();

            assertThat(broker.isRunning()).isTrue();
            assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
            try (Admin admin = Admin.create(broker.adminClientProperties())) {
                assertThat(admin.describeTopics(List.of("kept.across.restarts")).allTopicNames()
                        .get(10, TimeUnit.SECONDS).get("kept.across.restarts").partitions()).hasSize(3);
            }
            assertThat(broker.adminCredentials().toString()).doesNotContain(broker.adminCredentials().password());
            assertThat(broker.logFile()).hasFileName("broker-2.log");

            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            assertThat(dataDir).doesNotExist();
        } finally {
            broker.stop();
        }
    }
}
