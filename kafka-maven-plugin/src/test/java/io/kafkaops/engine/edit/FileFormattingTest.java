package io.kafkaops.engine.edit;

import static io.kafkaops.engine.edit.EditFixture.params;
import static io.kafkaops.engine.edit.EditParameters.CONSUME;
import static io.kafkaops.engine.edit.EditParameters.DESCRIPTION;
import static io.kafkaops.engine.edit.EditParameters.PARTITIONS;
import static io.kafkaops.engine.edit.EditParameters.PRODUCE;
import static io.kafkaops.engine.edit.EditParameters.SERVICE_ACCOUNT;
import static io.kafkaops.engine.edit.EditParameters.SERVICE_ACCOUNTS;
import static io.kafkaops.engine.edit.EditParameters.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.model.Diagnostic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Line endings, missing final line breaks, several documents, byte-order marks, wide characters, anchors. */
class FileFormattingTest {

    @TempDir
    Path dir;
    EditFixture fx;

    @BeforeEach
    void setUp() {
        fx = new EditFixture(dir).withPlatform();
    }

    private static String crlf(String s) {
        return s.replace("\n", "\r\n");
    }

    @Test
    void crlfFilesStayCrlf() throws Exception {
        fx.file("topics.yaml", crlf("""
                topics:
                  - name: billing.a.v1   # A
                    metadata:
                      description: A
                  - name: billing.b.v1
                    metadata: {description: B}
                """));
        fx.run(EditParameters.addTopics(params(TOPICS, "billing.c.v1", DESCRIPTION, "C", PARTITIONS, "2")));
        assertThat(fx.read("topics.yaml")).isEqualTo(crlf("""
                topics:
                  - name: billing.a.v1   # A
                    metadata:
                      description: A
                  - name: billing.b.v1
                    metadata: {description: B}
                  - name: billing.c.v1
                    partitions: 2
                    metadata:
                      description: C
                """));
        fx.run(EditParameters.updateTopics(params(TOPICS, "billing.a.v1", PARTITIONS, "4",
                EditParameters.CONFIG, "retention.ms=1d")));
        fx.run(EditParameters.remove(params(TOPICS, "billing.b.v1")));
        assertThat(fx.read("topics.yaml")).isEqualTo(crlf("""
                topics:
                  - name: billing.a.v1   # A
                    partitions: 4
                    config:
                      retention.ms: 1d
                    metadata:
                      description: A
                  - name: billing.c.v1
                    partitions: 2
                    metadata:
                      description: C
                """));
    }

    @Test
    void aFileWithoutAFinalLineBreakKeepsItThatWay() throws Exception {
        fx.file("topics.yaml", "topics:\n  - name: billing.a.v1\n    metadata: {description: A}");
        fx.run(EditParameters.addTopics(params(TOPICS, "billing.b.v1", DESCRIPTION, "B")));
        assertThat(fx.read("topics.yaml")).isEqualTo("topics:\n  - name: billing.a.v1\n    metadata: {description: A}\n"
                + "  - name: billing.b.v1\n    metadata: {description: B}");
        fx.run(EditParameters.remove(params(TOPICS, "billing.b.v1")));
        assertThat(fx.read("topics.yaml")).isEqualTo("topics:\n  - name: billing.a.v1\n    metadata: {description: A}");
        fx.run(EditParameters.updateTopics(params(TOPICS, "billing.a.v1", DESCRIPTION, "AA")));
        assertThat(fx.read("topics.yaml")).isEqualTo("topics:\n  - name: billing.a.v1\n    metadata: {description: AA}");
    }

    @Test
    void aKeyAddedToAFileWithoutAFinalLineBreakStartsOnANewLine() throws Exception {
        fx.file("access.yaml", "serviceAccounts:\n  - name: billing-service");
        fx.file("topics.yaml", "topics:\n  - name: billing.a.v1\n    metadata: {description: A}\n");
        fx.run(EditParameters.grant(params(SERVICE_ACCOUNT, "billing-service", PRODUCE, "billing.a.v1")), "access.yaml");
        assertThat(fx.read("access.yaml")).isEqualTo("serviceAccounts:\n  - name: billing-service\n\n"
                + "grants:\n  - serviceAccount: billing-service\n    produce: [billing.a.v1]");
    }

    @Test
    void multiDocumentFilesAreEditedInTheDocumentThatHoldsTheEntity() throws Exception {
        fx.file("all.yaml", """
                # first document: topics
                topics:
                  - name: billing.a.v1
                    metadata: {description: A}
                ---
                # second document: access
                serviceAccounts:
                  - name: billing-service
                grants:
                  - serviceAccount: billing-service
                    consume: [billing.a.v1]
                ...
                """);
        fx.run(EditParameters.addTopics(params(TOPICS, "billing.b.v1", DESCRIPTION, "B")));
        fx.run(EditParameters.addServiceAccounts(params(SERVICE_ACCOUNTS, "billing-audit")));
        fx.run(EditParameters.grant(params(SERVICE_ACCOUNT, "billing-service", CONSUME, "billing.b.v1")));
        assertThat(fx.read("all.yaml")).isEqualTo("""
                # first document: topics
                topics:
                  - name: billing.a.v1
                    metadata: {description: A}
                  - name: billing.b.v1
                    metadata: {description: B}
                ---
                # second document: access
                serviceAccounts:
                  - name: billing-service
                  - name: billing-audit
                grants:
                  - serviceAccount: billing-service
                    consume: [billing.a.v1, billing.b.v1]
                ...
                """);
        fx.run(EditParameters.remove(params(TOPICS, "billing.a.v1")));
        assertThat(fx.read("all.yaml")).startsWith("""
                # first document: topics
                topics:
                  - name: billing.b.v1
                    metadata: {description: B}
                ---
                """);
        assertThat(fx.read("all.yaml")).contains("    consume: [billing.b.v1]\n");
    }

    @Test
    void aByteOrderMarkAndWideCharactersAreKept() throws Exception {
        String text = """
                topics:
                  - name: billing.a.v1
                    metadata: {description: "Rechnungen 🧾 für Maut"}   # 🚗
                  - name: billing.b.v1
                    metadata: {description: B}
                """;
        Path file = fx.kafka.resolve("topics.yaml");
        Files.createDirectories(file.getParent());
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Files.write(file, withBom);

        fx.run(EditParameters.updateTopics(params(TOPICS, "billing.b.v1", DESCRIPTION, "Gutschriften 💶")));
        byte[] after = Files.readAllBytes(file);
        assertThat(after[0]).isEqualTo((byte) 0xEF);
        assertThat(new String(after, 3, after.length - 3, StandardCharsets.UTF_8)).isEqualTo("""
                topics:
                  - name: billing.a.v1
                    metadata: {description: "Rechnungen 🧾 für Maut"}   # 🚗
                  - name: billing.b.v1
                    metadata: {description: Gutschriften 💶}
                """);
    }

    @Test
    void entitiesWrittenWithAnchorsAreLeftToAPerson() throws Exception {
        fx.file("topics.yaml", """
                topics:
                  - name: billing.a.v1
                    config: &defaults {retention.ms: 1d}
                    metadata: {description: A}
                  - name: billing.b.v1
                    config: *defaults
                    metadata: {description: B}
                """);
        EditRejectedException e = fx.rejected(EditParameters.updateTopics(params(TOPICS, "billing.b.v1",
                EditParameters.CONFIG, "retention.ms=2d")));
        assertThat(e.diagnostics()).extracting(Diagnostic::ruleId).containsExactly(EditRules.ANCHORS);
        assertThat(e.diagnostics().get(0).location().toString()).isEqualTo("src/main/kafka/topics.yaml:5:5");
        // entities without anchors in the same file can still be changed
        fx.run(EditParameters.addTopics(params(TOPICS, "billing.c.v1", DESCRIPTION, "C")));
        assertThat(fx.read("topics.yaml")).endsWith("  - name: billing.c.v1\n    metadata: {description: C}\n");
    }

    @Test
    void aRepositoryThatDoesNotValidateIsNotEdited() throws Exception {
        fx.file("topics.yaml", "topics:\n  - name: billing.a.v1\n    metadata: {description: A}\n");
        fx.file("broken.yaml", "serviceAccounts:\n  - name: billing-x\n    credentials: maybe\n");
        EditRejectedException e = fx.rejected(EditParameters.addTopics(params(TOPICS, "billing.b.v1")));
        assertThat(e.getMessage()).contains("have 1 error already").contains("mvn kafka:validate");
        assertThat(e.diagnostics()).extracting(d -> d.location().file()).containsOnly("src/main/kafka/broken.yaml");
    }

    @Test
    void aDryRunShowsTheDiffAndWritesNothing() throws Exception {
        String text = """
                topics:
                  - name: billing.a.v1
                    partitions: 3
                    metadata: {description: A}
                """;
        fx.file("topics.yaml", text);
        EditResult r = fx.editor().prepare(EditParameters.updateTopics(params(TOPICS, "billing.a.v1",
                PARTITIONS, "6")), null);
        assertThat(fx.read("topics.yaml")).isEqualTo(text);
        assertThat(r.diff()).isEqualTo("""
                --- a/src/main/kafka/topics.yaml
                +++ b/src/main/kafka/topics.yaml
                @@ -1,4 +1,4 @@
                 topics:
                   - name: billing.a.v1
                -    partitions: 3
                +    partitions: 6
                     metadata: {description: A}
                """);
        EditResult created = fx.editor().prepare(EditParameters.addServiceAccounts(params(SERVICE_ACCOUNTS,
                "billing-a")), null);
        assertThat(created.diff()).isEqualTo("""
                --- /dev/null
                +++ b/src/main/kafka/service-accounts.yaml
                @@ -0,0 +1,3 @@
                +# yaml-language-server: $schema=../../../target/kafka/kafka-entities.schema.json
                +serviceAccounts:
                +  - name: billing-a
                """);
        assertThat(fx.exists("service-accounts.yaml")).isFalse();
    }

    @Test
    void aFileChangedAfterPreparingIsNotOverwritten() throws Exception {
        fx.file("topics.yaml", "topics:\n  - name: billing.a.v1\n    metadata: {description: A}\n");
        EntityEditor editor = fx.editor();
        EditResult r = editor.prepare(EditParameters.addTopics(params(TOPICS, "billing.b.v1")), null);
        fx.file("topics.yaml", "topics:\n  - name: billing.a.v1\n    metadata: {description: changed}\n");
        EditRejectedException e = org.junit.jupiter.api.Assertions.assertThrows(EditRejectedException.class,
                () -> editor.write(r));
        assertThat(e.getMessage()).contains("changed while");
        assertThat(fx.read("topics.yaml")).contains("changed");
    }
}
