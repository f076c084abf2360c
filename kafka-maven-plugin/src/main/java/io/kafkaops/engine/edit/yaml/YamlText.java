package io.kafkaops.engine.edit.yaml;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.CollectionNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The text of one YAML file with its node tree, so edits can be cut out of and pasted into the text itself: every
 * node knows its exact span, comments and formatting outside the edited spans stay as they are.
 *
 * <p>snakeyaml's marks count code points; offsets here are {@code char} indexes into {@link #text()}. Lines are split
 * at {@code \n} only (a {@code \r} before it belongs to the line terminator).
 */
public final class YamlText {

    private final String text;
    private final List<Node> documents;
    private final int[] lineStarts;
    /** Char offset of every code point, or null when the text has no surrogate pairs (then both are equal). */
    private final int[] charOfCodePoint;

    private YamlText(String text, List<Node> documents) {
        this.text = text;
        this.documents = documents;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n' && i + 1 < text.length()) starts.add(i + 1);
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        int cps = text.codePointCount(0, text.length());
        if (cps == text.length()) {
            charOfCodePoint = null;
        } else {
            charOfCodePoint = new int[cps + 1];
            int c = 0;
            for (int i = 0; i < cps; i++) {
                charOfCodePoint[i] = c;
                c += Character.charCount(text.codePointAt(c));
            }
            charOfCodePoint[cps] = c;
        }
    }

    /**
     * Parses text the entity loader has already accepted (size, depth and alias limits are checked there); empty
     * documents are left out, like the loader does.
     */
    static YamlText parse(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(Integer.MAX_VALUE);
        Yaml yaml = new Yaml(options);
        List<Node> docs = new ArrayList<>();
        for (Node n : yaml.composeAll(new StringReader(text))) {
            if (n != null && !(n instanceof ScalarNode s && s.getValue().isEmpty() && s.getScalarStyle()
                    == DumperOptions.ScalarStyle.PLAIN)) {
                docs.add(n);
            }
        }
        return new YamlText(text, List.copyOf(docs));
    }

    String text() {
        return text;
    }

    public List<Node> documents() {
        return documents;
    }

    /** {@code \r\n} when the file's first line ends so, else {@code \n}. */
    String lineEnding() {
        int nl = text.indexOf('\n');
        return nl > 0 && text.charAt(nl - 1) == '\r' ? "\r\n" : "\n";
    }

    // ---- offsets -------------------------------------------------------------------------------------------------

    int offset(Mark mark) {
        int cp = mark.getIndex();
        return charOfCodePoint == null ? cp : charOfCodePoint[cp];
    }

    public int start(Node n) {
        return offset(n.getStartMark());
    }

    int end(Node n) {
        return offset(n.getEndMark());
    }

    /**
     * Where a node's own text ends: after a scalar's last character (block scalars without their trailing line
     * breaks) or a flow collection's closing bracket; for a block collection, where its last descendant ends.
     */
    int contentEnd(Node n) {
        if (n instanceof ScalarNode s) {
            int end = end(s);
            DumperOptions.ScalarStyle style = s.getScalarStyle();
            if (style == DumperOptions.ScalarStyle.LITERAL || style == DumperOptions.ScalarStyle.FOLDED) {
                int start = start(s);
                while (end > start && Character.isWhitespace(text.charAt(end - 1))) end--;
            }
            return end;
        }
        CollectionNode<?> c = (CollectionNode<?>) n;
        if (isFlow(c)) return end(c);
        int end = start(c);
        if (c instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                end = Math.max(end, contentEnd(t.getKeyNode()));
                end = Math.max(end, contentEnd(t.getValueNode()));
            }
        } else {
            for (Node item : ((SequenceNode) c).getValue()) end = Math.max(end, contentEnd(item));
        }
        return end;
    }

    public static boolean isFlow(Node n) {
        return n instanceof CollectionNode<?> c && c.getFlowStyle() == DumperOptions.FlowStyle.FLOW;
    }

    // ---- lines ---------------------------------------------------------------------------------------------------

    int lineCount() {
        return lineStarts.length;
    }

    /** 0-based line holding the char at {@code offset}. */
    public int lineOf(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    /** The line of the last character before {@code offset} (where text ending at {@code offset} ends). */
    int lineEndingAt(int offset) {
        return lineOf(Math.max(0, offset - 1));
    }

    public int lineStart(int line) {
        return lineStarts[line];
    }

    /** Offset after the line's terminator (or the end of the text for the last line). */
    int lineEnd(int line) {
        return line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length();
    }

    /** Offset of the line's terminator (or the end of the text). */
    int lineContentEnd(int line) {
        int end = lineEnd(line);
        if (end > lineStart(line) && text.charAt(end - 1) == '\n') end--;
        if (end > lineStart(line) && text.charAt(end - 1) == '\r') end--;
        return end;
    }

    boolean hasTerminator(int line) {
        int end = lineEnd(line);
        return end > 0 && text.charAt(end - 1) == '\n';
    }

    /** Number of leading spaces. */
    int indent(int line) {
        int i = lineStart(line);
        int end = lineContentEnd(line);
        int n = 0;
        while (i + n < end && text.charAt(i + n) == ' ') n++;
        return n;
    }

    boolean isBlank(int line) {
        int end = lineContentEnd(line);
        for (int i = lineStart(line); i < end; i++) {
            if (!Character.isWhitespace(text.charAt(i))) return false;
        }
        return true;
    }

    boolean isComment(int line) {
        int i = lineStart(line) + indent(line);
        return i < lineContentEnd(line) && text.charAt(i) == '#';
    }

    /** Column (0-based, in chars) of an offset within its line. */
    int column(int offset) {
        return offset - lineStart(lineOf(offset));
    }

    /**
     * The last line of a node plus the comment lines right after it that are indented deeper than {@code column}:
     * those comment on the node (a remark under its last key), not on what follows.
     */
    int lastLineWithComments(Node n, int column) {
        int line = lineEndingAt(contentEnd(n));
        while (line + 1 < lineCount() && isComment(line + 1) && indent(line + 1) > column) line++;
        return line;
    }

    /** The first line of the comment block right above {@code line} whose lines are indented at most {@code column}. */
    int leadingCommentStart(int line, int column) {
        int first = line;
        while (first - 1 >= 0 && isComment(first - 1) && indent(first - 1) <= column
                && !isModeline(first - 1)) {
            first--;
        }
        return first;
    }

    private boolean isModeline(int line) {
        return text.startsWith("# yaml-language-server:", lineStart(line) + indent(line));
    }

    /** Blank lines right above {@code line}. */
    int blankLinesAbove(int line) {
        int n = 0;
        while (line - n - 1 >= 0 && isBlank(line - n - 1)) n++;
        return n;
    }

    /** Blank lines right below {@code line}. */
    int blankLinesBelow(int line) {
        int n = 0;
        while (line + n + 1 < lineCount() && isBlank(line + n + 1)) n++;
        return n;
    }

    /** Column of the {@code -} introducing a block sequence item. */
    int dashColumn(Node item) {
        int i = start(item) - 1;
        int lineStart = lineStart(lineOf(start(item)));
        while (i >= lineStart && text.charAt(i) != '-') i--;
        return i >= lineStart ? i - lineStart : column(start(item));
    }

    /** Whether a node sits on the same line as the {@code -} of its block sequence item, after it. */
    boolean followsDash(Node n) {
        int start = start(n);
        int lineStart = lineStart(lineOf(start));
        String before = text.substring(lineStart, start).trim();
        return before.startsWith("-");
    }

    /** Offset just after the {@code :} that follows a mapping key. */
    int afterColon(Node key) {
        int i = contentEnd(key);
        while (i < text.length() && text.charAt(i) != ':') i++;
        return Math.min(text.length(), i + 1);
    }
}
