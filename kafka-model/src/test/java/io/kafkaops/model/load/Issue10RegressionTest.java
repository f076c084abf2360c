package io.kafkaops.model.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.EntityModel;
import io.kafkaops.model.LoadResult;
import io.kafkaops.model.Location;
import io.kafkaops.model.Topic;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The loader defects of issue 10 (items 1, 3, 5, 6 and 8), each with the exact input that showed it. */
class Issue10RegressionTest {

    private static LoadResult<EntityModel> load(String yaml) {
        return EntityLoader.load("t.yaml", yaml);
    }

    private static Diagnostic only(LoadResult<?> result) {
        assertThat(result.diagnostics()).hasSize(1);
        return result.diagnostics().get(0);
    }

    private static String override(String value) {
        return "topics:\n  - name: a.v1\n    overrides:\n      prod:\n        " + value + "\n";
    }

    // ---- item 1: overrides.<stage> ------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"partitions: 0", "partitions: -1", "partitions: 99999999999", "replicationFactor: 0",
            "replicationFactor: 40000"})
    void item1OutOfRangeOverrideIsADiagnosticNotACrash(String value) {
        Diagnostic d = only(load(override(value)));
        String field = value.substring(0, value.indexOf(':'));
        assertThat(d.ruleId()).isEqualTo(LoadRules.SCHEMA);
        assertThat(d.location()).isEqualTo(new Location("t.yaml", 5, 10 + field.length() + 2 - 1));
        assertThat(d.message()).startsWith("topics[0].overrides.prod." + field + " must be at ")
                .endsWith(", not " + value.substring(value.indexOf(' ') + 1));
    }

    @Test
    void item1WrongTypeInOverrideNamesTheExpectedType() {
        assertThat(only(load(override("partitions: 1.5"))).message())
                .isEqualTo("topics[0].overrides.prod.partitions must be an integer, not a number (1.5)");
        Diagnostic quoted = only(load(override("partitions: \"12\"")));
        assertThat(quoted.message()).isEqualTo("topics[0].overrides.prod.partitions must be an integer, not a string (\"12\")");
        assertThat(quoted.hint()).isEqualTo("write 12 without quotes");
    }

    // ---- item 3: YAML 1.2 numbers -------------------------------------------------------------------------------

    @Test
    void item3LeadingZeroIsRefusedNotReadAsOctal() {
        Diagnostic d = only(load("topics:\n  - name: a.v1\n    partitions: 010\n"));
        assertThat(d.format()).isEqualTo("t.yaml:3:17: ERROR [ambiguousNumber] '010' has a leading zero: YAML 1.2 reads"
                + " it as 10, older YAML 1.1 tools as an octal number or as text (write 10 without the leading zero,"
                + " or quote it if the text is meant)");
    }

    @Test
    void item3Yaml11OnlyFormsAreTextAndHexIsTheYaml12Number() {
        assertThat(only(load("topics:\n  - name: a.v1\n    partitions: 1_0\n")).message())
                .isEqualTo("topics[0].partitions must be an integer, not a string (\"1_0\")");
        assertThat(only(load("topics:\n  - name: a.v1\n    partitions: 0b110\n")).message())
                .isEqualTo("topics[0].partitions must be an integer, not a string (\"0b110\")");
        LoadResult<EntityModel> r = load("topics:\n  - name: a.v1\n    partitions: 0x1F\n"
                + "    config: {a: 1_000, b: 0b110, c: yes, d: on, e: 0o17, f: 1:30, g: .inf, h: True, i: 0x10}\n");
        assertThat(r.diagnostics()).isEmpty();
        Topic t = r.value().topics().get(0);
        assertThat(t.partitions()).isEqualTo(31);
        assertThat(t.config()).containsEntry("a", "1_000").containsEntry("b", "0b110").containsEntry("c", "yes")
                .containsEntry("d", "on").containsEntry("e", "15").containsEntry("f", "1:30").containsEntry("g", ".inf")
                .containsEntry("h", "true").containsEntry("i", "16");
    }

    @Test
    void item3YesIsTextSoABooleanFieldSaysSo() {
        Diagnostic d = only(load("topics:\n  - name: a.v1\n    protected: yes\n"));
        assertThat(d.message()).isEqualTo("topics[0].protected must be true or false, not a string (\"yes\")");
        assertThat(d.hint()).isEqualTo("write true (without quotes)");
    }

    // ---- item 5: forged and broken diagnostics ------------------------------------------------------------------

    @Test
    void item5KeyWithALineBreakCannotForgeASecondDiagnostic() {
        Diagnostic d = only(load("topics:\n  - name: a.v1\n"
                + "    \"x\\nsrc/main/kafka/topics.yaml:1:1: INFO [ok] all good\": 1\n"));
        assertThat(d.format()).doesNotContain("\n").isEqualTo("t.yaml:3:5: ERROR [unknownKey] unknown key"
                + " 'x\\nsrc/main/kafka/topics.yaml:1:1: INFO [ok] all good' in topics[0] (allowed here: config,"
                + " deployTo, metadata, name, overrides, partitions, protected, replicationFactor, sharedWith,"
                + " visibility)");
    }

    @Test
    void item5ControlAndBidiCharactersAreEscaped() {
        Diagnostic d = only(load("topics:\n  - name: \"a\\u202E\\u001b\\t\\u0000\\u0007\\u2028\\u0085\"\n"));
        assertThat(d.message()).isEqualTo(
                "topics[0].name: 'a\\u202E\\u001B\\t\\u0000\\u0007\\u2028\\u0085' is not allowed here");
    }

    @Test
    void item5EscapingHappensWhereEveryDiagnosticIsMade() {
        Diagnostic d = Diagnostic.error("r\n", "m\r\n\u001b[31m\u202Ex\uD800", new Location("f\n.yaml", 1, 1), "h\u2029");
        assertThat(d.format()).isEqualTo("f\\n.yaml:1:1: ERROR [r\\n] m\\r\\n\\u001B[31m\\u202Ex\\uD800 (h\\u2029)");
        assertThat(d.withSeverity(d.severity())).isEqualTo(d);
        assertThat(Diagnostic.escape("caf\u00e9 \uD83D\uDE9A C:\\dir")).isEqualTo("caf\u00e9 \uD83D\uDE9A C:\\dir");
    }

    @Test
    void item5ParserMessageIsOneLine() {
        for (String yaml : new String[] {"a: \"unclosed\n", "a: [1, 2\nb: 3\n", "a: 'x\n\nb", "key: {a: 1\n  b: 2\n"}) {
            for (Diagnostic d : load(yaml).diagnostics()) assertThat(d.format()).doesNotContain("\n", "\r");
        }
    }

    @Test
    void item5UnicodeLineSeparatorsDoNotShiftLineNumbers() {
        Diagnostic quoted = only(load("topics:\n  - name: a.v1\n    metadata: {d: \"x\u2028y\u0085z\u2029\"}\n"
                + "  - name: b.v1\n    foo: 1\n"));
        assertThat(quoted.location()).isEqualTo(new Location("t.yaml", 5, 5));
        Diagnostic plain = only(load("topics:\n  - name: a.v1\n    metadata: {d: x\u2028y}\n  - name: b.v1\n    foo: 1\n"));
        assertThat(plain.location()).isEqualTo(new Location("t.yaml", 5, 5));
        Diagnostic lonelyCr = only(load("topics:\r  - name: a.v1\r    foo: 1\r"));
        assertThat(lonelyCr.location()).isEqualTo(new Location("t.yaml", 3, 5));
    }

    // ---- item 6: whole-file problems have a position ------------------------------------------------------------

    @Test
    void item6NulIsReportedAtItsLineAndColumn() {
        Diagnostic d = only(EntityLoader.load("t.yaml", "topics:\n  - name: a\u0000\n".getBytes(StandardCharsets.UTF_8),
                LoaderLimits.DEFAULTS));
        assertThat(d.format()).isEqualTo("t.yaml:2:12: ERROR [encoding] the file looks binary: it contains a NUL byte"
                + " (only UTF-8 YAML text belongs here; remove or rename the file)");
    }

    @Test
    void item6Utf32IsNotCalledUtf16() {
        assertThat(encoding("UTF-32LE", true)).isEqualTo("t.yaml:1:1: ERROR [encoding] the file is encoded as UTF-32"
                + " (little-endian) (save it as UTF-8)");
        assertThat(encoding("UTF-32BE", false)).contains("UTF-32 (big-endian)");
        assertThat(encoding("UTF-32LE", false)).contains("UTF-32 (little-endian)");
        assertThat(encoding("UTF-16LE", false)).contains("UTF-16 (little-endian)");
        assertThat(encoding("UTF-16BE", true)).contains("UTF-16 (big-endian)");
    }

    private static String encoding(String charset, boolean bom) {
        byte[] text = ((bom ? "\uFEFF" : "") + "topics: []\n").getBytes(Charset.forName(charset));
        return only(EntityLoader.load("t.yaml", text, LoaderLimits.DEFAULTS)).format();
    }

    @Test
    void item6EmptyPlatformAndOversizeHaveAPosition(@TempDir Path dir) throws Exception {
        assertThat(only(PlatformLoader.parse("p.yaml", "# nothing\n")).format())
                .isEqualTo("p.yaml:1:1: ERROR [platform] the platform definition is empty (define at least stages and"
                        + " clusters)");
        assertThat(only(EntityLoader.load("t.yaml", new byte[200], new LoaderLimits(100, 10, 10, 100))).format())
                .startsWith("t.yaml:1:1: ERROR [fileTooLarge]");
        Files.createDirectories(dir.resolve("platform.yaml"));
        assertThat(only(PlatformLoader.load(dir.resolve("platform.yaml"), "platform.yaml")).format())
                .startsWith("platform.yaml:1:1: ERROR [io] the platform definition is a directory, not a file");
    }

    // ---- item 8: plain words ------------------------------------------------------------------------------------

    @Test
    void item8AliasAsKeyIsDescribedNotNamedByClass() {
        Diagnostic d = only(load("topics:\n  - &k name: a\n    *k : b\n"));
        assertThat(d.format()).isEqualTo("t.yaml:3:7: ERROR [yamlSyntax] YAML syntax error: an alias (*k) stands where"
                + " a key is expected (write the key itself; an alias cannot be a key)");
    }

    @Test
    void item8TabAfterAColonIsNotCalledIndentation() {
        assertThat(only(load("topics:\n  - name:\ta.v1\n")).format()).isEqualTo("t.yaml:2:10: ERROR [yamlSyntax] YAML"
                + " syntax error: a tab separates this value from what comes before it (use a space instead of the tab)");
        assertThat(only(load("topics:\n\t- name: a.v1\n")).message()).isEqualTo(
                "YAML syntax error: this line is indented with a tab");
    }

    @Test
    void item8UnsupportedTagsAreNamed() {
        assertThat(only(load("topics:\n  - name: !foo a.v1\n")).format()).isEqualTo("t.yaml:2:11: ERROR [yamlSyntax]"
                + " the tag !foo is not supported here (remove the tag; entity files and the platform definition need"
                + " none)");
        assertThat(load("topics:\n  - name: a.v1\n    partitions: !!int x\n").diagnostics())
                .extracting(Diagnostic::message).contains("'x' is not a valid !!int");
    }
}
