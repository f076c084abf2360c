package io.kafkaops.model.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.model.Location;
import io.kafkaops.model.load.YamlNode.ListNode;
import io.kafkaops.model.load.YamlNode.MapNode;
import io.kafkaops.model.load.YamlNode.ScalarKind;
import io.kafkaops.model.load.YamlNode.ScalarNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The subset reader answers only with the full parser's tree: the same nodes, values and locations, and no answer
 * (null) wherever the full parser would report something or the text is outside the subset.
 */
class SubsetYamlTest {

    private static final LoaderLimits LIMITS = LoaderLimits.DEFAULTS;

    /** The subset's tree, asserted equal to the full parser's, which must have nothing to report. */
    private static List<YamlNode> accepted(String text) {
        List<YamlNode> subset = SubsetYaml.read(text, "f.yaml", LIMITS);
        assertThat(subset).as("the subset reader reads:%n%s", text).isNotNull();
        YamlReader.Result full = YamlReader.readFully(text, "f.yaml", LIMITS);
        assertThat(full.diagnostics()).isEmpty();
        assertThat(YamlReader.difference(full.documents(), subset, "")).isNull();
        return subset;
    }

    private static void leftToTheFullParser(String text) {
        assertThat(SubsetYaml.read(text, "f.yaml", LIMITS)).as("left to the full parser:%n%s", text).isNull();
        YamlReader.Result full = YamlReader.readFully(text, "f.yaml", LIMITS);
        YamlReader.Result read = YamlReader.read(text, "f.yaml", LIMITS);
        assertThat(read.diagnostics()).isEqualTo(full.diagnostics());
        assertThat(YamlReader.difference(full.documents(), read.documents(), "")).isNull();
    }

    @Test
    void readsTheFormsEntityFilesUse() {
        List<YamlNode> docs = accepted("""
                # a comment
                topics:
                  - name: billing.invoices.v1   # trailing comment
                    partitions: 6
                    replicationFactor: -1
                    config:
                      retention.ms: 7d
                      cleanup.policy: delete
                      max.message.bytes: 1MiB
                    metadata: { owner: team-billing, description: 'it''s here', tier: "gold" }
                    sharedWith: [toll, 'fleet', "parking"]
                    deployTo: []
                    transactionalIds: [{ prefix: billing-tx- }, { name: "x" }, [a, [b]]]
                    nested: { topics: [a, b], more: { c: d }, e: [] }
                    empty: {}
                    protected: true
                    nothing:
                    tilde: ~
                    ratio: 1.5
                    hex: 0x1F
                    url: http://example.com/a#b
                    text: a, b [c] {d}

                serviceAccounts:
                - name: billing-app
                  description: Grüße 𝄞 aus Köln
                -
                  name: second
                -
                grants:
                  - serviceAccount: billing-app
                    produce:
                    - billing.invoices.v1
                    consume:
                      - toll.transactions.v1
                """);
        MapNode root = (MapNode) docs.get(0);
        MapNode topic = (MapNode) ((ListNode) root.get("topics")).items().get(0);
        assertThat(topic.location()).isEqualTo(new Location("f.yaml", 3, 5));
        assertThat(topic.get("partitions")).isEqualTo(new ScalarNode(ScalarKind.INT, "6", 6L,
                new Location("f.yaml", 4, 17)));
        assertThat(((ScalarNode) ((MapNode) topic.get("metadata")).get("description")).text()).isEqualTo("it's here");
        assertThat(((ScalarNode) topic.get("nothing")).kind()).isEqualTo(ScalarKind.NULL);
    }

    @Test
    void windowsLineBreaksAndAFileWithoutAFinalLineBreak() {
        accepted("topics:\r\n  - name: a\r\n    partitions: 3\r\n");
        accepted("topics:\n  - name: a\n    partitions: 3");
        accepted("a: b\n  # an indented comment\nc: d\n");
        accepted("stores:\n  \"*\": { type: file, url: \"https://kv-{team}.example\" }\n  'it''s' : x\n  \"a: b\":\n    - 1\n");
    }

    @Test
    void emptyAndCommentOnlyTextHasNoDocument() {
        assertThat(accepted("")).isEmpty();
        assertThat(accepted("# only a comment\n\n   \n")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // anchors, aliases, merge keys, tags
            "a: &x 1\nb: *x\n",
            "base: &b { p: 1 }\nt:\n  <<: *b\n",
            "a: !!str 7\n",
            // block scalars, multi-line plain and quoted scalars, escapes
            "a: |\n  text\n",
            "a: >\n  text\n",
            "a: one\n  two\n",
            "a: \"one\n  two\"\n",
            "a: \"tab\\there\"\n",
            // several documents, directives
            "---\na: 1\n",
            "a: 1\n---\nb: 2\n",
            "%YAML 1.2\n---\na: 1\n",
            "a: 1\n...\n",
            // tabs, lone CR, BOM, control characters, YAML 1.1 line breaks, a lone surrogate
            "a:\t1\n",
            "a: 1\rb: 2\n",
            "\uFEFFa: 1\n",
            "a: b\u0001c\n",
            "a: b\u0085c\n",
            "a: b\u2028c\n",
            "a: \uD800x\n",
            // duplicate keys, leading zeros, complex keys, a root scalar, flow collections over lines
            "a: 1\na: 2\n",
            "t: { a: 1, a: 2 }\n",
            "a: 010\n",
            "? a\n: 1\n",
            "just text\n",
            "a: [1,\n  2]\n",
            "a: { b: 1,\n  c: 2 }\n",
            // syntax errors
            "a: b: c\n",
            "a:\n  - x\n  b: y\n",
            "a: 1\n  b: 2\n",
            "- a\nb: 1\n",
            "a: [1, 2,]\n",
            "a: [1, [2]\n",
            "a: [{ b: 1 }, { b: 2 },]\n",
            "a: 'open\n",
            "a: \"x\" y\n",
            "a: [x]y\n",
            "a: - b\n",
            "a: @x\n",
            "a: `x\n",
            "- - a\n",
            "\"quoted\\tkey\": 1\n",
            "\"open: 1\n",
            "'a' b: 1\n",
            "a: b # c\n d\n",
    })
    void leavesEverythingElseToTheFullParser(String text) {
        leftToTheFullParser(text);
    }

    @Test
    void deepNestingAndHugeScalarsGoToTheFullParser() {
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 150; i++) deep.append(" ".repeat(i * 2)).append("k").append(i).append(":\n");
        deep.append(" ".repeat(300)).append("v: 1\n");
        leftToTheFullParser(deep.toString());
        leftToTheFullParser("a: " + "x".repeat(5000) + "\n");
        leftToTheFullParser("a: " + "9".repeat(2000) + "\n");
        leftToTheFullParser("k".repeat(2000) + ": 1\n");
        // within the limits the subset reads it
        accepted("a: " + "x".repeat(1000) + "\n");
    }

    @Test
    void theAliasBombGoesToTheFullParserWhichStopsIt() {
        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 9; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            bomb.append("]\n");
        }
        leftToTheFullParser(bomb.toString());
        assertThat(YamlReader.read(bomb.toString(), "f.yaml", LIMITS).diagnostics())
                .anySatisfy(d -> assertThat(d.ruleId()).isEqualTo(LoadRules.ALIAS_LIMIT));
    }

    @Test
    void theExampleAndSampleRepositoriesAreReadByTheSubset() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(root.resolve("examples/billing-service/src/main/kafka"), root.resolve("it/src/it-repos"))) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(p -> p.toString().endsWith(".yaml") && p.toString().contains("src/main/kafka"))
                        .forEach(files::add);
            }
        }
        assertThat(files).isNotEmpty();
        int read = 0;
        for (Path f : files) {
            String text = Files.readString(f);
            List<YamlNode> subset = SubsetYaml.read(text, "f.yaml", LIMITS);
            YamlReader.Result full = YamlReader.readFully(text, "f.yaml", LIMITS);
            if (subset != null) {
                read++;
                assertThat(full.diagnostics()).as(f.toString()).isEmpty();
                assertThat(YamlReader.difference(full.documents(), subset, "")).as(f.toString()).isNull();
            }
        }
        // the example's files and the sample repositories' valid ones are in the subset
        assertThat(read).isGreaterThan(files.size() / 2);
    }

    /**
     * Random documents built from the subset's forms and from what lies just outside it, each mutated a little: the
     * subset reader either gives the full parser's tree without diagnostics, or no answer; and what
     * {@link YamlReader#read} returns is always what the full parser returns.
     */
    @Test
    void agreesWithTheFullParserOnRandomDocuments() {
        Random random = new Random(14);
        int answered = 0;
        for (int n = 0; n < 3000; n++) {
            String text = randomDocument(random);
            if (random.nextInt(4) == 0) text = mutate(text, random);
            List<YamlNode> subset = SubsetYaml.read(text, "f.yaml", LIMITS);
            YamlReader.Result full = YamlReader.readFully(text, "f.yaml", LIMITS);
            if (subset != null) {
                answered++;
                assertThat(full.diagnostics()).as("case %d:%n%s", n, text).isEmpty();
                assertThat(YamlReader.difference(full.documents(), subset, "")).as("case %d:%n%s", n, text).isNull();
            }
        }
        assertThat(answered).isGreaterThan(300);
    }

    private static final String[] SCALARS = {"a", "billing.x-1.v1", "6", "-1", "0x1F", "0o7", "1.5", "-.5", "1e3",
            ".inf", ".NaN", "true", "False", "null", "~", "yes", "7d", "1MiB", "a b", "a#b", "a #b", "x:y", "'q'",
            "'it''s'", "\"d\"", "\"\"", "''", "010", "-", "- x", "a: b", "&x", "*x", "!t", "|", ">", "%", "@", "`",
            "[a]", "[]", "{}", "{a: 1}", "[a, b]", "[ 'a', \"b\" ]", "{ k: v, k2: 'w' }", "ä", "𝄞", "", "a ",
            "[a,]", "[a, [b]]", "[{ prefix: a- }]", "{ t: [a, b] }", "[{a: 1}]", "{a: {b: 1}}", "{a:1}", "?", ":", ",", "<<", "a,b", "1_000", "+1", "0b1", "2:30"};
    /** Mostly what the subset reads, so that many documents are answered and compared. */
    private static final String[] SAFE_SCALARS = {"a", "billing.x-1.v1", "6", "-1", "1.5", "true", "null", "7d", "a b",
            "'q'", "\"d\"", "[a, b]", "[{ prefix: x }]", "{ k: v, k2: 'w' }", "", "ä", "http://x/y"};
    private static final String[] SAFE_KEYS = {"a", "b", "name", "retention.ms", "x-y", "c", "d", "e"};

    private static String scalar(Random r) {
        return r.nextInt(4) > 0 ? SAFE_SCALARS[r.nextInt(SAFE_SCALARS.length)] : SCALARS[r.nextInt(SCALARS.length)];
    }

    private static String key(Random r) {
        return r.nextInt(8) > 0 ? SAFE_KEYS[r.nextInt(SAFE_KEYS.length)] : KEYS[r.nextInt(KEYS.length)];
    }

    private static final String[] KEYS = {"a", "b", "name", "retention.ms", "x-y", "1", "true", "~", "<<", "a b",
            "\"q\"", "'q r'", "\"*\"", "\"<<\"", "? k", "-", "k#", "a:b", "ä"};

    private static String randomDocument(Random r) {
        StringBuilder sb = new StringBuilder();
        if (r.nextInt(10) == 0) sb.append("# comment\n");
        node(sb, r, 0, 0, true);
        return sb.toString();
    }

    private static void node(StringBuilder sb, Random r, int indent, int depth, boolean map) {
        int entries = 1 + r.nextInt(3);
        for (int i = 0; i < entries; i++) {
            String pad = " ".repeat(indent);
            if (r.nextInt(15) == 0) sb.append(pad).append(" ".repeat(r.nextInt(3))).append("# c\n");
            if (r.nextInt(20) == 0) sb.append('\n');
            sb.append(pad);
            if (map) {
                sb.append(key(r)).append(r.nextInt(10) == 0 ? " :" : ":");
            } else {
                sb.append('-');
            }
            int kind = depth > 3 ? 0 : r.nextInt(4);
            if (kind == 0) {
                String v = scalar(r);
                sb.append(v.isEmpty() ? "" : " " + v);
                if (r.nextInt(8) == 0) sb.append("  # c");
                sb.append('\n');
            } else if (kind == 3 && !map) {
                // a compact map in a list entry
                sb.append(' ');
                int inner = indent + 2;
                sb.append(key(r)).append(": ").append(scalar(r)).append('\n');
                if (r.nextBoolean()) node(sb, r, inner, depth + 1, true);
            } else {
                sb.append('\n');
                // nested at a deeper indentation, or an indentless list under a key
                int inner = map && kind == 2 && r.nextBoolean() ? indent : indent + 1 + r.nextInt(3);
                node(sb, r, inner, depth + 1, kind == 1);
            }
        }
    }

    private static String mutate(String text, Random r) {
        StringBuilder sb = new StringBuilder(text);
        int edits = 1 + r.nextInt(3);
        String alphabet = " \t\n\r-:#,[]{}'\"&*!|>aZ09.\uFEFF\u0085ä";
        for (int i = 0; i < edits && sb.length() > 0; i++) {
            int at = r.nextInt(sb.length());
            switch (r.nextInt(3)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
                default -> sb.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
            }
        }
        return sb.toString();
    }
}
