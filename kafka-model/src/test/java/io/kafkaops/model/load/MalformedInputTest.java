package io.kafkaops.model.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.EntityModel;
import io.kafkaops.model.LoadResult;
import io.kafkaops.model.Location;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and broken files end in one diagnostic each: no exception, no hang, no exhausted memory. */
@Timeout(value = 20)
class MalformedInputTest {

    private static LoadResult<EntityModel> load(byte[] bytes) {
        return EntityLoader.load("x.yaml", bytes, LoaderLimits.DEFAULTS);
    }

    private static Diagnostic only(LoadResult<?> result) {
        assertThat(result.diagnostics()).hasSize(1);
        return result.diagnostics().get(0);
    }

    @Test
    void binaryFile() {
        byte[] bytes = new byte[4096];
        new Random(42).nextBytes(bytes);
        bytes[10] = 0;
        Diagnostic d = only(load(bytes));
        assertThat(d.ruleId()).isEqualTo(LoadRules.ENCODING);
        assertThat(d.message()).contains("binary");
    }

    @Test
    void invalidUtf8IsReportedWhereItStarts() {
        byte[] bytes = "topics:\n  - name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        Diagnostic d = only(load(bytes));
        assertThat(d.ruleId()).isEqualTo(LoadRules.ENCODING);
        assertThat(d.location()).isEqualTo(new Location("x.yaml", 2, 14));
        assertThat(d.message()).contains("0xE9");
        assertThat(d.hint()).isEqualTo("save the file as UTF-8");
    }

    @Test
    void utf16File() {
        byte[] text = "topics: []\n".getBytes(StandardCharsets.UTF_16);
        assertThat(only(load(text)).message()).contains("UTF-16");
    }

    @Test
    void controlCharacter() {
        Diagnostic d = only(load("topics:\n  - name: a\u0007b\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(d.ruleId()).isEqualTo(LoadRules.ENCODING);
        assertThat(d.message()).contains("U+0007");
        assertThat(d.location()).isEqualTo(new Location("x.yaml", 2, 12));
    }

    @Test
    void byteOrderMarkAndNonAsciiTextAreFine() {
        byte[] text = "\uFEFFtopics:\n  - name: a.v1\n    metadata: { description: Rechnungen f\u00fcr Maut \u2013 \uD83D\uDE9A }\n"
                .getBytes(StandardCharsets.UTF_8);
        LoadResult<EntityModel> result = load(text);
        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.value().topics().get(0).metadata().get("description")).endsWith("\uD83D\uDE9A");
        assertThat(result.value().topics().get(0).origin().location()).isEqualTo(new Location("x.yaml", 2, 5));
    }

    @Test
    void windowsLineEndingsAndAByteOrderMarkInTextAreFine() {
        LoadResult<EntityModel> result = EntityLoader.load("w.yaml",
                "\uFEFFtopics:\r\n  - name: w.v1\r\n    partitions: 2\r\n");
        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.value().topics().get(0).origin().at("partitions")).isEqualTo(new Location("w.yaml", 3, 5));
    }

    @Test
    void tenMegabyteFileIsRefusedBeforeParsing(@TempDir Path dir) throws IOException {
        Path kafka = dir.resolve("kafka");
        Files.createDirectories(kafka);
        byte[] big = new byte[10 * 1024 * 1024];
        Arrays.fill(big, (byte) 'a');
        Files.write(kafka.resolve("huge.yaml"), big);
        EntityLoaderTest.write(kafka.resolve("small.yaml"), "topics:\n  - name: small.v1\n");

        LoadResult<EntityModel> result = EntityLoader.load(dir, kafka);

        Diagnostic d = only(result);
        assertThat(d.ruleId()).isEqualTo(LoadRules.FILE_TOO_LARGE);
        assertThat(d.format()).isEqualTo(
                "kafka/huge.yaml:1:1: ERROR [fileTooLarge] the file is 10.0 MiB; the limit is 5.0 MiB per file"
                        + " (split it into several smaller files)");
        assertThat(result.value().topics()).hasSize(1);
    }

    @Test
    void fourMegabytesOfValidYamlLoad() {
        // above snakeyaml's default limit of 3 MB code points, below ours; one multi-line scalar keeps the test fast
        String line = "x".repeat(99);
        String description = (line + "\n        ").repeat(4 * 1024 * 1024 / 108);
        LoadResult<EntityModel> result = EntityLoader.load("big.yaml",
                "topics:\n  - name: big.v1\n    metadata:\n      description:\n        " + description + "\n");
        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.value().topics().get(0).metadata().get("description")).startsWith(line + " " + line);
    }

    @Test
    void aVeryLongLineIsRefusedBeforeSnakeyamlScansItInQuadraticTime() {
        String content = "topics:\n  - name: long.v1\n    metadata: { description: " + "x".repeat(4 * 1024 * 1024) + " }\n";
        long start = System.nanoTime();
        Diagnostic d = only(EntityLoader.load("long.yaml", content));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(d.format()).isEqualTo("long.yaml:3:1: ERROR [lineTooLong] line 3 has 4,194,335 characters; the limit"
                + " is 65,536 (spread a long value over several lines with a block scalar (key: |))");
    }

    @Test
    void tenThousandLevelsOfFlowNesting() {
        String deep = "topics: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
        Diagnostic d = only(EntityLoader.load("deep.yaml", deep));
        assertThat(d.ruleId()).isEqualTo(LoadRules.TOO_DEEP);
        assertThat(d.location().line()).isEqualTo(1);
        assertThat(d.message()).contains("100 levels");
    }

    @Test
    void tenThousandLevelsOfBlockNesting() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            sb.append(" ".repeat(i)).append("k").append(":\n");
        }
        Diagnostic d = only(EntityLoader.load("deep.yaml", sb.toString()));
        assertThat(d.ruleId()).isEqualTo(LoadRules.TOO_DEEP);
        assertThat(d.location()).isEqualTo(new Location("deep.yaml", 101, 101));
    }

    @Test
    void billionLaughsIsStoppedAtTheAliasLimit() {
        StringBuilder sb = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) {
            String prev = "*a" + (i - 1);
            sb.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, prev))).append("]\n");
        }
        long start = System.nanoTime();
        Diagnostic d = only(EntityLoader.load("lol.yaml", sb.toString()));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(d.ruleId()).isEqualTo(LoadRules.ALIAS_LIMIT);
        assertThat(d.location().line()).isBetween(6, 7);
    }

    @Test
    void undefinedAndSelfReferencingAliases() {
        Diagnostic undefined = only(EntityLoader.load("u.yaml", "topics: *nothing\n"));
        assertThat(undefined.ruleId()).isEqualTo(LoadRules.YAML_SYNTAX);
        assertThat(undefined.message()).contains("*nothing");

        Diagnostic recursive = only(EntityLoader.load("r.yaml", "a: &x [1, *x]\n"));
        assertThat(recursive.ruleId()).isEqualTo(LoadRules.YAML_SYNTAX);
        assertThat(recursive.location()).isEqualTo(new Location("r.yaml", 1, 11));
    }

    @Test
    void syntaxErrorsCarryLineColumnAndHint() {
        Diagnostic tab = only(EntityLoader.load("t.yaml", "topics:\n\t- name: a\n"));
        assertThat(tab.format()).isEqualTo("t.yaml:2:1: ERROR [yamlSyntax] YAML syntax error: this line is indented"
                + " with a tab (indent with spaces; YAML does not allow tabs for indentation)");

        Diagnostic colon = only(EntityLoader.load("c.yaml", "topics:\n  - name: a: b\n"));
        assertThat(colon.location()).isEqualTo(new Location("c.yaml", 2, 12));
        assertThat(colon.hint()).contains("quote");

        Diagnostic quote = only(EntityLoader.load("q.yaml", "topics:\n  - name: \"a\n"));
        assertThat(quote.ruleId()).isEqualTo(LoadRules.YAML_SYNTAX);
        assertThat(quote.hint()).contains("close the quoted text");

        Diagnostic flow = only(EntityLoader.load("f.yaml", "topics: [a, b\n"));
        assertThat(flow.hint()).contains("']'");
    }

    @Test
    void randomGarbageNeverThrows() {
        Random random = new Random(7);
        String alphabet = "ab:-[]{}&*!|>'\"#%@` \n\t,?0123456789.";
        for (int round = 0; round < 500; round++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(80);
            for (int i = 0; i < length; i++) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            LoadResult<EntityModel> result = EntityLoader.load("g.yaml", sb.toString());
            assertThat(result.value()).isNotNull();
            assertThat(result.diagnostics()).allSatisfy(d -> assertThat(d.location().file()).isEqualTo("g.yaml"));
        }
    }
}
