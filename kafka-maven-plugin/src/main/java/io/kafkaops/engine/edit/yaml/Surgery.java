package io.kafkaops.engine.edit.yaml;

import static io.kafkaops.engine.edit.yaml.Style.pad;

import io.kafkaops.engine.edit.yaml.Value.Scalar;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The text operations edits are made of. Each takes a parsed text and returns the new text, changing only the lines
 * (or, inside a line, only the span) the operation is about: comments, blank lines, quoting and indentation of
 * everything else stay byte for byte.
 */
public final class Surgery {

    private Surgery() {
    }

    /** Replacing {@code [start, end)} by {@code text}. */
    record Patch(int start, int end, String text) {
    }

    static String apply(String text, List<Patch> patches) {
        List<Patch> sorted = new ArrayList<>(patches);
        sorted.sort(Comparator.comparingInt(Patch::start).thenComparingInt(Patch::end).reversed());
        StringBuilder sb = new StringBuilder(text);
        int limit = Integer.MAX_VALUE;
        for (Patch p : sorted) {
            if (p.end() > limit) throw new IllegalStateException("overlapping patches: " + patches);
            sb.replace(p.start(), p.end(), p.text());
            limit = p.start();
        }
        return sb.toString();
    }

    // ---- line helpers --------------------------------------------------------------------------------------------

    /** Inserts whole lines after {@code line}, keeping a missing final line break missing. */
    static Patch insertLinesAfter(YamlText t, int line, List<String> lines, boolean blankBefore, String eol) {
        StringBuilder sb = new StringBuilder();
        boolean terminated = t.hasTerminator(line);
        if (!terminated) sb.append(eol);
        if (blankBefore) sb.append(eol);
        for (int i = 0; i < lines.size(); i++) {
            sb.append(lines.get(i));
            if (terminated || i < lines.size() - 1) sb.append(eol);
        }
        int at = t.lineEnd(line);
        return new Patch(at, at, sb.toString());
    }

    /** Removes lines {@code first..last}; a last line without a terminator takes the previous terminator with it. */
    static Patch cutLines(YamlText t, int first, int last) {
        if (!t.hasTerminator(last) && first > 0) {
            return new Patch(t.lineContentEnd(first - 1), t.lineEnd(last), "");
        }
        return new Patch(t.lineStart(first), t.lineEnd(last), "");
    }

    // ---- sequences -----------------------------------------------------------------------------------------------

    /**
     * Appends items to a list. A block list gets new items after its last one, in the indentation of that item and
     * with the blank line between items if the list has one. A flow list gets {@code , item} before its {@code ]}. An
     * empty flow list of entities ({@code topics: []}) becomes a block list.
     *
     * @param key the key whose value the list is
     */
    public static String appendItems(YamlText t, ScalarNode key, SequenceNode seq, List<Value> items, Renderer r) {
        Style style = r.style();
        List<Node> existing = seq.getValue();
        if (YamlText.isFlow(seq)) {
            boolean entities = items.stream().anyMatch(v -> v instanceof Value.MapValue m && !r.isFlow(m));
            if (existing.isEmpty() && entities && !YamlText.isFlow(parentOf(t, key))) {
                // "topics: []" -> block list: drop " []", add the items on the lines below the key
                int keyColumn = t.column(t.start(key));
                int from = t.afterColon(key);
                List<Patch> patches = new ArrayList<>();
                patches.add(new Patch(from, t.end(seq), ""));
                int dash = keyColumn + style.seqIndent();
                List<String> lines = new ArrayList<>();
                for (Value v : items) lines.addAll(r.item(v, dash, dash + style.itemOffset()));
                patches.add(insertLinesAfter(t, t.lineOf(t.start(key)), lines, false, style.eol()));
                return apply(t.text(), patches);
            }
            List<String> parts = new ArrayList<>();
            for (Value v : items) parts.add(r.flow(v));
            if (existing.isEmpty()) {
                String pad = style.listSpaces() ? " " : "";
                return apply(t.text(), List.of(new Patch(t.start(seq), t.end(seq),
                        "[" + pad + String.join(", ", parts) + pad + "]")));
            }
            int at = t.contentEnd(existing.get(existing.size() - 1));
            return apply(t.text(), List.of(new Patch(at, at, ", " + String.join(", ", parts))));
        }
        Node last = existing.get(existing.size() - 1);
        int dash = t.dashColumn(last);
        int content = t.column(t.start(last));
        if (content <= dash) content = dash + style.itemOffset();
        boolean blank = existing.size() >= 2 && separatedByBlank(t, last, dash);
        // entities written "- {name: a, ...}" get company of the same kind
        boolean flowItems = YamlText.isFlow(last) && last instanceof MappingNode;
        int after = t.lastLineWithComments(last, dash);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0 && blank) lines.add("");
            lines.addAll(r.item(flowItems ? forceFlow(items.get(i)) : items.get(i), dash, content));
        }
        return apply(t.text(), List.of(insertLinesAfter(t, after, lines, blank, style.eol())));
    }

    /** Whether an item of a block list is set off from the one before by a blank line. */
    private static boolean separatedByBlank(YamlText t, Node item, int dash) {
        int first = t.leadingCommentStart(t.lineOf(t.start(item)), dash);
        return t.blankLinesAbove(first) > 0;
    }

    /**
     * Removes one item of a list with the comment block right above it. The blank lines that set it off from its
     * neighbours go with it. The last item of a block list leaves {@code key: []} behind.
     */
    public static String removeItem(YamlText t, ScalarNode key, SequenceNode seq, int index) {
        List<Node> items = seq.getValue();
        Node item = items.get(index);
        if (YamlText.isFlow(seq)) {
            int start;
            int end;
            if (index > 0) {
                start = t.contentEnd(items.get(index - 1));
                end = t.contentEnd(item);
            } else if (items.size() > 1) {
                start = t.start(item);
                end = t.start(items.get(1));
            } else {
                start = t.start(item);
                end = t.contentEnd(item);
            }
            return apply(t.text(), List.of(new Patch(start, end, "")));
        }
        int dash = t.dashColumn(item);
        int first = t.leadingCommentStart(t.lineOf(t.start(item)), dash);
        int last = t.lastLineWithComments(item, dash);
        List<Patch> patches = new ArrayList<>();
        if (items.size() == 1) {
            int colon = t.afterColon(key);
            patches.add(new Patch(colon, colon, " []"));
        } else if (index > 0) {
            first -= t.blankLinesAbove(first);
        } else {
            int nextFirst = t.leadingCommentStart(t.lineOf(t.start(items.get(1))), t.dashColumn(items.get(1)));
            last += Math.min(t.blankLinesBelow(last), Math.max(0, nextFirst - 1 - last));
        }
        patches.add(cutLines(t, first, last));
        return apply(t.text(), patches);
    }

    // ---- maps ----------------------------------------------------------------------------------------------------

    /** Replaces an entry's value, keeping the value's style (plain, quoted, flow or block). */
    public static String replaceValue(YamlText t, NodeTuple entry, Value value, Renderer r) {
        Node old = entry.getValueNode();
        if (old instanceof ScalarNode s && value instanceof Scalar v) {
            return apply(t.text(), List.of(new Patch(t.start(s), t.contentEnd(s), scalarLike(s, v, inFlow(t, s), r))));
        }
        if (old instanceof ScalarNode || YamlText.isFlow(old)) {
            Value asFlow = forceFlow(value);
            return apply(t.text(), List.of(new Patch(t.start(old), t.contentEnd(old), r.flow(asFlow))));
        }
        // a block collection: rewrite its lines at the column it is at
        int firstLine = t.lineOf(t.start(old));
        List<String> lines = new ArrayList<>();
        int keyColumn = t.column(t.start(entry.getKeyNode()));
        List<String> rendered = r.entry("k", forceBlock(value), keyColumn);
        int shift = old instanceof SequenceNode
                ? t.column(t.start(old)) - keyColumn - r.style().seqIndent()
                : t.column(t.start(((MappingNode) old).getValue().get(0).getKeyNode())) - keyColumn - r.style().mapStep();
        for (String l : rendered.subList(1, rendered.size())) lines.add(shift(l, shift));
        if (rendered.size() == 1) {
            // became empty: write it inline after the key
            return apply(t.text(), List.of(new Patch(t.afterColon(entry.getKeyNode()), t.contentEnd(old),
                    " " + r.flow(value))));
        }
        return apply(t.text(), List.of(new Patch(t.lineStart(firstLine), t.contentEnd(old),
                String.join(r.style().eol(), lines))));
    }

    private static String shift(String line, int by) {
        if (by > 0) return pad(by) + line;
        int n = 0;
        while (n < -by && n < line.length() && line.charAt(n) == ' ') n++;
        return line.substring(n);
    }

    private static Value forceFlow(Value v) {
        if (v instanceof Value.MapValue m) return new Value.MapValue(m.entries(), true);
        if (v instanceof Value.ListValue l) return new Value.ListValue(l.items(), true);
        return v;
    }

    private static Value forceBlock(Value v) {
        if (v instanceof Value.MapValue m) return new Value.MapValue(m.entries(), false);
        if (v instanceof Value.ListValue l) return new Value.ListValue(l.items(), false);
        return v;
    }

    /** A new scalar in the old one's style: plain stays plain when possible, quotes keep their character. */
    static String scalarLike(ScalarNode old, Scalar v, boolean inFlow, Renderer r) {
        DumperOptions.ScalarStyle s = old.getScalarStyle();
        if (s == DumperOptions.ScalarStyle.SINGLE_QUOTED) return Scalars.quoted(v.text(), '\'');
        if (s == DumperOptions.ScalarStyle.DOUBLE_QUOTED) return Scalars.quoted(v.text(), '"');
        return Scalars.render(v.text(), inFlow, v.typed(), r.style().quote());
    }

    /** Whether a node sits inside a flow collection (where {@code ,} and brackets end a plain scalar). */
    private static boolean inFlow(YamlText t, Node n) {
        for (Node doc : t.documents()) {
            Boolean found = inFlow(doc, n, false);
            if (found != null) return found;
        }
        return false;
    }

    private static Boolean inFlow(Node at, Node target, boolean flow) {
        if (at == target) return flow;
        boolean f = flow || YamlText.isFlow(at);
        if (at instanceof MappingNode m) {
            for (NodeTuple tuple : m.getValue()) {
                Boolean r = inFlow(tuple.getKeyNode(), target, f);
                if (r == null) r = inFlow(tuple.getValueNode(), target, f);
                if (r != null) return r;
            }
        } else if (at instanceof SequenceNode s) {
            for (Node item : s.getValue()) {
                Boolean r = inFlow(item, target, f);
                if (r != null) return r;
            }
        }
        return null;
    }

    /** The map a key belongs to. */
    private static MappingNode parentOf(YamlText t, ScalarNode key) {
        for (Node doc : t.documents()) {
            MappingNode found = parentOf(doc, key);
            if (found != null) return found;
        }
        throw new IllegalArgumentException("key not in this text");
    }

    private static MappingNode parentOf(Node at, Node key) {
        if (at instanceof MappingNode m) {
            for (NodeTuple tuple : m.getValue()) {
                if (tuple.getKeyNode() == key) return m;
                MappingNode r = parentOf(tuple.getValueNode(), key);
                if (r != null) return r;
            }
        } else if (at instanceof SequenceNode s) {
            for (Node item : s.getValue()) {
                MappingNode r = parentOf(item, key);
                if (r != null) return r;
            }
        }
        return null;
    }

    /**
     * Inserts {@code key: value} into a map after the entry at {@code afterIndex}: on the lines after that entry in a
     * block map, as {@code , key: value} in a flow map.
     */
    public static String insertEntry(YamlText t, MappingNode map, int afterIndex, String key, Value value, Renderer r) {
        List<NodeTuple> entries = map.getValue();
        if (YamlText.isFlow(map)) {
            String text = r.flow(new Value.MapValue(List.of(java.util.Map.entry(key, value)), true));
            String inner = text.substring(1, text.length() - 1).trim();
            if (entries.isEmpty()) {
                String pad = r.style().mapSpaces() ? " " : "";
                return apply(t.text(), List.of(new Patch(t.start(map), t.end(map), "{" + pad + inner + pad + "}")));
            }
            int at = t.contentEnd(entries.get(afterIndex).getValueNode());
            return apply(t.text(), List.of(new Patch(at, at, ", " + inner)));
        }
        int column = t.column(t.start(entries.get(0).getKeyNode()));
        NodeTuple after = entries.get(afterIndex);
        int line = t.lastLineWithComments(after.getValueNode(), column);
        line = Math.max(line, t.lineEndingAt(t.contentEnd(after.getKeyNode())));
        return apply(t.text(), List.of(insertLinesAfter(t, line, r.entry(key, value, column), false,
                r.style().eol())));
    }

    /**
     * Removes one entry of a map with the comments right above it. The first key of a list item (on the line of the
     * {@code -}) hands that place to the next key.
     */
    public static String removeEntry(YamlText t, MappingNode map, int index) {
        List<NodeTuple> entries = map.getValue();
        NodeTuple entry = entries.get(index);
        Node key = entry.getKeyNode();
        if (YamlText.isFlow(map)) {
            int start;
            int end;
            if (index > 0) {
                start = t.contentEnd(entries.get(index - 1).getValueNode());
                end = t.contentEnd(entry.getValueNode());
            } else if (entries.size() > 1) {
                start = t.start(key);
                end = t.start(entries.get(1).getKeyNode());
            } else {
                start = t.start(key);
                end = t.contentEnd(entry.getValueNode());
            }
            return apply(t.text(), List.of(new Patch(start, end, "")));
        }
        int column = t.column(t.start(key));
        if (t.followsDash(key)) {
            if (entries.size() < 2) throw new IllegalArgumentException("removing the only entry of an item");
            return apply(t.text(), List.of(new Patch(t.start(key), t.start(entries.get(1).getKeyNode()), "")));
        }
        int first = t.leadingCommentStart(t.lineOf(t.start(key)), column);
        int last = Math.max(t.lastLineWithComments(entry.getValueNode(), column),
                t.lineEndingAt(t.contentEnd(key)));
        return apply(t.text(), List.of(cutLines(t, first, last)));
    }

    /**
     * Adds {@code key:} with a value at the end of a document's top-level map, or at the end of the text when the
     * document holds nothing yet. A blank line sets it off when the document's keys are set off that way.
     *
     * @param root the document's map, or null to append to the end of the text
     */
    public static String addTopLevelEntry(YamlText t, MappingNode root, String key, Value value, Renderer r) {
        String eol = r.style().eol();
        if (root == null) {
            String text = t.text();
            StringBuilder sb = new StringBuilder(text);
            if (!text.isEmpty() && !text.endsWith("\n")) sb.append(eol);
            for (String line : r.entry(key, value, 0)) sb.append(line).append(eol);
            return sb.toString();
        }
        List<NodeTuple> entries = root.getValue();
        int column = t.column(t.start(entries.get(0).getKeyNode()));
        int last = t.lastLineWithComments(root, column);
        boolean blank = true;
        if (entries.size() > 1) {
            blank = false;
            for (int i = 1; i < entries.size() && !blank; i++) {
                Node k = entries.get(i).getKeyNode();
                blank = t.blankLinesAbove(t.leadingCommentStart(t.lineOf(t.start(k)), column)) > 0;
            }
        }
        return apply(t.text(), List.of(insertLinesAfter(t, last, r.entry(key, value, column), blank, eol)));
    }
}
