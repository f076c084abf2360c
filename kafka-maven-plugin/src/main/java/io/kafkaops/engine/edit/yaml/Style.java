package io.kafkaops.engine.edit.yaml;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * How a file writes YAML, so new lines look like the lines around them.
 *
 * @param eol        line terminator
 * @param seqIndent  columns from a key to the {@code -} of its block list ({@code 0} for {@code key:\n- a})
 * @param itemOffset columns from {@code -} to the item's text
 * @param mapStep    columns a nested block map is indented by
 * @param quote      preferred quote character
 * @param mapSpaces  whether flow maps are padded: {@code { a: b }}
 * @param listSpaces whether flow lists are padded: {@code [ a, b ]}
 * @param flowLists  whether lists inside entities are written {@code [a, b]}
 * @param flowMaps   whether maps inside entities are written {@code {a: b}}
 */
public record Style(String eol, int seqIndent, int itemOffset, int mapStep, char quote, boolean mapSpaces,
             boolean listSpaces, boolean flowLists, boolean flowMaps) {

    /** What the entity files of the format description use; for new files and files with nothing to go by. */
    public static final Style DEFAULT = new Style("\n", 2, 2, 2, '"', false, false, true, false);

    Style withEol(String newEol) {
        return new Style(newEol, seqIndent, itemOffset, mapStep, quote, mapSpaces, listSpaces, flowLists, flowMaps);
    }

    public Style withFlowLists(boolean flow) {
        return new Style(eol, seqIndent, itemOffset, mapStep, quote, mapSpaces, listSpaces, flow, flowMaps);
    }

    Style withFlowMaps(boolean flow) {
        return new Style(eol, seqIndent, itemOffset, mapStep, quote, mapSpaces, listSpaces, flowLists, flow);
    }

    /** The style a file shows; what it does not show is taken from {@code fallback}. */
    public static Style of(YamlText t, Style fallback) {
        Counts c = new Counts();
        for (Node doc : t.documents()) walk(t, doc, 0, c);
        return new Style(
                t.text().indexOf('\n') >= 0 ? t.lineEnding() : fallback.eol(),
                c.seqIndent >= 0 ? c.seqIndent : fallback.seqIndent(),
                c.itemOffset > 0 ? c.itemOffset : fallback.itemOffset(),
                c.mapStep > 0 ? c.mapStep : fallback.mapStep(),
                c.single > c.dbl ? '\'' : c.dbl > c.single ? '"' : fallback.quote(),
                c.paddedMaps + c.tightMaps > 0 ? c.paddedMaps > c.tightMaps : fallback.mapSpaces(),
                c.paddedLists + c.tightLists > 0 ? c.paddedLists > c.tightLists : fallback.listSpaces(),
                c.flowLists + c.blockLists > 0 ? c.flowLists >= c.blockLists : fallback.flowLists(),
                c.flowMaps + c.blockMaps > 0 ? c.flowMaps > c.blockMaps : fallback.flowMaps());
    }

    private static final class Counts {
        int seqIndent = -1;
        int itemOffset = -1;
        int mapStep = -1;
        int single;
        int dbl;
        int paddedMaps;
        int tightMaps;
        int paddedLists;
        int tightLists;
        int flowLists;
        int blockLists;
        int flowMaps;
        int blockMaps;
    }

    /** depth: 0 the document, 1 a top-level value (topics:), 2 an entity, 3 a value inside an entity. */
    private static void walk(YamlText t, Node n, int depth, Counts c) {
        if (n instanceof ScalarNode s) {
            if (s.getScalarStyle() == DumperOptions.ScalarStyle.SINGLE_QUOTED) c.single++;
            if (s.getScalarStyle() == DumperOptions.ScalarStyle.DOUBLE_QUOTED) c.dbl++;
            return;
        }
        boolean flow = YamlText.isFlow(n);
        if (flow) flowPadding(t, n, c);
        if (depth == 3) {
            if (n instanceof SequenceNode) {
                if (flow) c.flowLists++;
                else c.blockLists++;
            } else {
                if (flow) c.flowMaps++;
                else c.blockMaps++;
            }
        }
        if (n instanceof MappingNode m) {
            for (NodeTuple tuple : m.getValue()) {
                walk(t, tuple.getKeyNode(), depth + 1, c);
                Node v = tuple.getValueNode();
                if (!flow && !YamlText.isFlow(v) && t.lineOf(t.start(v)) != t.lineOf(t.start(tuple.getKeyNode()))) {
                    int keyColumn = t.column(t.start(tuple.getKeyNode()));
                    if (v instanceof SequenceNode seq && !seq.getValue().isEmpty()) {
                        if (c.seqIndent < 0) c.seqIndent = t.column(t.start(seq)) - keyColumn;
                    } else if (v instanceof MappingNode child && !child.getValue().isEmpty()) {
                        int step = t.column(t.start(child.getValue().get(0).getKeyNode())) - keyColumn;
                        if (c.mapStep < 0 && step > 0) c.mapStep = step;
                    }
                }
                walk(t, v, depth + 1, c);
            }
        } else if (n instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                if (!flow && c.itemOffset < 0 && !(item instanceof SequenceNode)) {
                    int offset = t.column(t.start(item)) - t.dashColumn(item);
                    if (offset > 0) c.itemOffset = offset;
                }
                walk(t, item, depth + 1, c);
            }
        }
    }

    private static void flowPadding(YamlText t, Node n, Counts c) {
        boolean empty = n instanceof MappingNode m ? m.getValue().isEmpty() : ((SequenceNode) n).getValue().isEmpty();
        if (empty) return;
        int open = t.start(n);
        boolean padded = open + 1 < t.text().length() && t.text().charAt(open + 1) == ' ';
        if (n instanceof MappingNode) {
            if (padded) c.paddedMaps++;
            else c.tightMaps++;
        } else {
            if (padded) c.paddedLists++;
            else c.tightLists++;
        }
    }

    /** Spaces. */
    static String pad(int n) {
        return " ".repeat(Math.max(0, n));
    }
}
