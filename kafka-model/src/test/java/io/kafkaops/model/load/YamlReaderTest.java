package io.kafkaops.model.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.model.Location;
import io.kafkaops.model.load.YamlNode.ListNode;
import io.kafkaops.model.load.YamlNode.MapNode;
import io.kafkaops.model.load.YamlNode.ScalarKind;
import io.kafkaops.model.load.YamlNode.ScalarNode;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class YamlReaderTest {

    private static YamlReader.Result read(String text) {
        return YamlReader.read(text, "r.yaml", LoaderLimits.DEFAULTS);
    }

    private static MapNode root(String text) {
        YamlReader.Result r = read(text);
        assertThat(r.diagnostics()).isEmpty();
        return (MapNode) r.documents().get(0);
    }

    @Test
    void scalarsKeepHowTheyWereTyped() {
        MapNode m = root("""
                quoted: "6"
                single: '6'
                plain: 6
                hex: 0x10
                big: 123456789012345678901234567890
                float: 1.5
                yes: yes
                true: True
                tilde: ~
                empty:
                emptyQuoted: ""
                text: billing.invoices.v1
                tagged: !!str 7
                """);
        assertThat(scalar(m, "quoted")).isEqualTo(new ScalarNode(ScalarKind.STRING, "6", "6", loc(1, 9)));
        assertThat(scalar(m, "single").kind()).isEqualTo(ScalarKind.STRING);
        assertThat(scalar(m, "plain")).isEqualTo(new ScalarNode(ScalarKind.INT, "6", 6L, loc(3, 8)));
        assertThat(scalar(m, "hex").value()).isEqualTo(16L);
        assertThat(scalar(m, "hex").asText()).isEqualTo("16");
        assertThat(scalar(m, "big").value()).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(scalar(m, "float").kind()).isEqualTo(ScalarKind.FLOAT);
        // YAML 1.2 like the editors: yes/no/on/off are words, only true/false are booleans
        assertThat(scalar(m, "yes").kind()).isEqualTo(ScalarKind.STRING);
        assertThat(scalar(m, "yes").asText()).isEqualTo("yes");
        assertThat(scalar(m, "true").kind()).isEqualTo(ScalarKind.BOOLEAN);
        assertThat(scalar(m, "true").asText()).isEqualTo("true");
        assertThat(scalar(m, "tilde").kind()).isEqualTo(ScalarKind.NULL);
        assertThat(scalar(m, "empty").kind()).isEqualTo(ScalarKind.NULL);
        assertThat(scalar(m, "emptyQuoted")).isEqualTo(new ScalarNode(ScalarKind.STRING, "", "", loc(11, 14)));
        assertThat(scalar(m, "text").kind()).isEqualTo(ScalarKind.STRING);
        assertThat(scalar(m, "tagged")).isEqualTo(new ScalarNode(ScalarKind.STRING, "7", "7", loc(13, 9)));
    }

    @Test
    void keysAndValuesHaveTheirOwnLocations() {
        MapNode m = root("""
                # comment
                topics:
                  - name: a
                    config: { retention.ms: 7d }
                """);
        YamlNode.Entry topics = m.entry("topics");
        assertThat(topics.keyLocation()).isEqualTo(loc(2, 1));
        ListNode list = (ListNode) topics.value();
        assertThat(list.location()).isEqualTo(loc(3, 3));
        MapNode item = (MapNode) list.items().get(0);
        assertThat(item.location()).isEqualTo(loc(3, 5));
        assertThat(item.entry("name").keyLocation()).isEqualTo(loc(3, 5));
        assertThat(item.get("name").location()).isEqualTo(loc(3, 11));
        MapNode config = (MapNode) item.get("config");
        assertThat(config.location()).isEqualTo(loc(4, 13));
        assertThat(config.entry("retention.ms").keyLocation()).isEqualTo(loc(4, 15));
        assertThat(config.get("retention.ms").location()).isEqualTo(loc(4, 29));
    }

    @Test
    void documentsAreSeparateAndEmptyOnesAreDropped() {
        YamlReader.Result r = read("a: 1\n---\n---\n# only a comment\n---\nb: &x 2\n---\nc: *x\n");
        assertThat(r.documents()).hasSize(2);
        // anchors do not reach into the next document
        assertThat(r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.ruleId()).isEqualTo(LoadRules.YAML_SYNTAX);
            assertThat(d.location()).isEqualTo(loc(8, 4));
        });
        assertThat(read("").documents()).isEmpty();
        assertThat(read("# nothing\n").documents()).isEmpty();
    }

    @Test
    void mergeKeysTakeListsOfMapsAndExplicitKeysWin() {
        MapNode m = root("""
                base: &base { a: 1, b: 2 }
                more: &more { b: 3, c: 4 }
                merged:
                  <<: [*base, *more]
                  a: 0
                """);
        MapNode merged = (MapNode) m.get("merged");
        assertThat(merged.entries().keySet()).containsExactly("a", "b", "c");
        assertThat(scalar(merged, "a").value()).isEqualTo(0L);
        assertThat(scalar(merged, "b").value()).isEqualTo(2L);
        assertThat(scalar(merged, "c").value()).isEqualTo(4L);

        MapNode scalars = root("week: &week 7d\nretention.ms: *week\n");
        assertThat(scalars.get("retention.ms")).isSameAs(scalars.get("week"));

        YamlReader.Result bad = read("a: &s text\nb:\n  <<: *s\n");
        assertThat(bad.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.ruleId()).isEqualTo(LoadRules.YAML_SYNTAX);
            assertThat(d.message()).contains("merge key");
            assertThat(d.location()).isEqualTo(loc(3, 3));
        });
    }

    @Test
    void aliasExpansionIsCountedNotCopied() {
        MapNode m = root("a: &a [1, 2, 3]\nb: [*a, *a]\n");
        ListNode b = (ListNode) m.get("b");
        assertThat(b.items().get(0)).isSameAs(m.get("a"));
        assertThat(b.weight()).isEqualTo(1 + 2 * 4);

        LoaderLimits tight = new LoaderLimits(1024, 100, 7, 1024);
        YamlReader.Result r = YamlReader.read("a: &a [1, 2, 3]\nb: [*a, *a]\n", "r.yaml", tight);
        assertThat(r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.ruleId()).isEqualTo(LoadRules.ALIAS_LIMIT);
            assertThat(d.location()).isEqualTo(loc(2, 9));
        });
    }

    @Test
    void documentsBeforeAFatalErrorAreKept() {
        YamlReader.Result r = read("a: 1\n---\nb: [\n");
        assertThat(r.documents()).hasSize(1);
        assertThat(r.diagnostics()).singleElement()
                .satisfies(d -> assertThat(d.ruleId()).isEqualTo(LoadRules.YAML_SYNTAX));
    }

    private static ScalarNode scalar(MapNode m, String key) {
        return (ScalarNode) m.get(key);
    }

    private static Location loc(int line, int column) {
        return new Location("r.yaml", line, column);
    }
}
