package io.kafkaops.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One broker per data directory and build, and kept data (each start is a real broker). */
class LocalBrokersIT {

    @TempDir
    Path temp;

    private final AtomicInteger classpathAsked = new AtomicInteger();

    private LocalBrokers.Request request(Path dataDir, boolean keep) {
        return new LocalBrokers.Request(dataDir, keep, 0, () -> {
            classpathAsked.incrementAndGet();
            return KafkaBroker.currentJvmClasspath();
        }, Duration.ofSeconds(90));
    }

    @Test
    void goalsOfOneBuildShareABrokerAndKeptDataComesBackOnlyWhenAskedFor() throws Exception {
        Path dataDir = temp.resolve("kafka/local/broker");
        try {
            LocalBrokers.Started first = LocalBrokers.startOrReuse(request(dataDir, true));
            LocalBrokers.Started again = LocalBrokers.startOrReuse(request(dataDir, true));
            assertThat(first.reused()).isFalse();
            assertThat(first.keptData()).isFalse();
            assertThat(again.reused()).isTrue();
            assertThat(again.broker()).isSameAs(first.broker());
            assertThat(classpathAsked).hasValue(1);
            assertThat(LocalBrokers.running(dataDir)).containsSame(first.broker());
            try (Admin admin = Admin.create(first.broker().adminClientProperties())) {
                admin.createTopics(List.of(new NewTopic("billing.kept.v1", 1, (short) 1))).all()
                        .get(30, TimeUnit.SECONDS);
            }
            Path state = dataDir.resolve(LocalBrokers.STATE_FILE);
            if (state.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rw-------");
            }
            String bootstrap = first.broker().bootstrapServers();
            LocalBrokers.stop(dataDir);
            assertThat(LocalBrokers.running(dataDir)).isEmpty();
            assertThat(state).exists();

            // the next build: same data, same admin password, same address when it is free
            LocalBrokers.Started kept = LocalBrokers.startOrReuse(request(dataDir, true));
            assertThat(kept.keptData()).isTrue();
            assertThat(kept.broker().bootstrapServers()).isEqualTo(bootstrap);
            assertThat(topics(kept.broker())).contains("billing.kept.v1");
            LocalBrokers.stop(dataDir);
            // (a build without keep then starts clean and deletes the data: LocalStageIT runs that through Maven)
        } finally {
            LocalBrokers.stop(dataDir);
        }
    }

    @Test
    void neverDeletesADirectoryThatIsNotABrokers() throws Exception {
        Path dataDir = temp.resolve("mine");
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("notes.txt"), "precious");

        assertThatThrownBy(() -> LocalBrokers.startOrReuse(request(dataDir, false)))
                .hasMessageContaining("neither empty nor a broker's");
        assertThat(dataDir.resolve("notes.txt")).hasContent("precious");
        assertThat(LocalBrokers.running(dataDir)).isEmpty();
    }

    private static Set<String> topics(KafkaBroker broker) throws Exception {
        try (Admin admin = Admin.create(broker.adminClientProperties())) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }
}
