package io.kafkaops.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What goes wrong before a broker runs: bad settings, a foreign directory, a classpath without Kafka. */
class KafkaBrokerFailureIT {

    @TempDir
    Path temp;

    @Test
    void theBuilderRejectsWhatTheStorageToolCannotTake() {
        assertThatThrownBy(() -> KafkaBroker.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("classpath");
        assertThatThrownBy(() -> KafkaBroker.builder().classpath(List.of(temp)).adminUser("ad,min").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("admin user name");
        assertThatThrownBy(() -> KafkaBroker.builder().classpath(List.of(temp)).adminPassword("a]b").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("admin password");
        assertThatThrownBy(() -> KafkaBroker.builder().classpath(List.of(temp)).logLevel("loud").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("log level");
    }

    @Test
    void aDirectoryWithOtherContentIsNeverUsedNorDeleted() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("precious"));
        Files.writeString(dir.resolve("notes.txt"), "keep me");
        KafkaBroker broker = KafkaBroker.builder().classpath(KafkaBroker.currentJvmClasspath()).dataDir(dir).build();

        assertThatThrownBy(broker::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("neither empty nor a broker's");

        assertThat(dir.resolve("notes.txt")).hasContent("keep me");
        assertThat(broker.isRunning()).isFalse();
    }

    @Test
    void aClasspathWithoutKafkaFailsFastWithTheToolOutputAndNoSecret() {
        Path dataDir = temp.resolve("broker");
        KafkaBroker broker = KafkaBroker.builder()
                .classpath(List.of(temp.resolve("no-kafka-here.jar")))
                .dataDir(dataDir)
                .adminPassword("s3cret-password-value")
                .build();
        try {
            assertThatThrownBy(broker::start)
                    .isInstanceOf(KafkaBrokerException.class)
                    .hasMessageContaining("Formatting the broker storage failed")
                    .hasMessageContaining("kafka.tools.StorageTool")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret-password-value"));
            assertThat(dataDir.resolve("format.args")).as("the argument file with the password").doesNotExist();
            assertThat(broker.isRunning()).isFalse();
        } finally {
            broker.stop();
        }
        assertThat(dataDir).doesNotExist();
    }
}
