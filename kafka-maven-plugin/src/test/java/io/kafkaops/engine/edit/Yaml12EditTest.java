package io.kafkaops.engine.edit;

import static io.kafkaops.engine.edit.EditFixture.params;
import static io.kafkaops.engine.edit.EditParameters.PARTITIONS;
import static io.kafkaops.engine.edit.EditParameters.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.model.Diagnostic;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10 item 3: the editing goals read and write scalars the way the loader does (YAML 1.2 core schema). */
class Yaml12EditTest {

    @TempDir
    Path dir;

    @Test
    void aHexPartitionCountIsReadAsTheLoaderReadsItWhenCheckingForShrinking() throws Exception {
        EditFixture fx = new EditFixture(dir).withPlatform().file("topics.yaml", """
                topics:
                  - name: billing.invoices.v1
                    partitions: 0x10
                """);
        EditRejectedException e = fx.rejected(EditParameters.updateTopics(params(TOPICS, "billing.invoices.v1",
                PARTITIONS, "12")));
        assertThat(e.diagnostics()).extracting(Diagnostic::format).containsExactly(
                "src/main/kafka/topics.yaml:3:17: ERROR [partitionsShrink] topic 'billing.invoices.v1' has 16 partitions;"
                        + " Kafka cannot reduce them to 12 (keep 16 or more, or create a new topic (a new name, e.g. the "
                        + "next version) and move the consumers)");
    }
}
