package io.kafkaops.model.load;

import io.kafkaops.model.Location;
import io.kafkaops.model.load.YamlNode.Entry;
import io.kafkaops.model.load.YamlNode.ListNode;
import io.kafkaops.model.load.YamlNode.MapNode;
import io.kafkaops.model.load.YamlNode.ScalarKind;
import io.kafkaops.model.load.YamlNode.ScalarNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The fast path of {@link YamlReader}: reads the plain subset of YAML that entity files are written in (block maps
 * and lists, one-line plain and simply quoted scalars, one-line flow lists and maps of scalars, comments) straight
 * into {@link YamlNode} trees, without the tokens, events, marks and intermediate strings of jackson and snakeyaml.
 *
 * <p>It answers only where it is certain to build the very tree the full parser builds, node for node and location
 * for location, with no diagnostic; for anything else (anchors, aliases, tags, block scalars, scalars over several
 * lines, escapes, several documents, tabs, control characters, duplicate and merge keys, a leading-zero number, deep
 * nesting, and every syntax error) it answers {@code null} and the full parser reads the file, so every diagnostic
 * stays the full parser's. With {@link SchemaValidator#CROSS_CHECK_PROPERTY} set (the build's tests set it) every
 * answer is compared with the full parser's tree.
 */
final class SubsetYaml {

    /** Outside the subset: the full parser takes over. Shared and without a stack trace, so bailing out is cheap. */
    private static final class OutsideSubset extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutsideSubset() {
            super(null, null, false, false);
        }
    }

    private static final OutsideSubset OUTSIDE = new OutsideSubset();

    /**
     * Longest key or plain scalar taken: jackson checks the length of numbers (1,000 digits) and names on its own,
     * and a longer value is rare enough to leave to the full parser.
     */
    private static final int MAX_SCALAR = 1000;

    /** Characters that start something other than a plain scalar (YAML's indicators). */
    private static final String INDICATORS = "-?:,[]{}#&*!|>'\"%@`";

    private final String s;
    private final String file;
    private final LoaderLimits limits;
    private final int length;

    /** Start of the line after the current one, and its number. */
    private int next;
    private int nextLineNo = 1;

    /** The current content line: start, end (before the line break), first non-space, indentation, number. */
    private int ls;
    private int le;
    private int fc;
    private int ind;
    private int lineNo;
    private boolean ascii;
    private boolean eof;

    private SubsetYaml(String text, String file, LoaderLimits limits) {
        this.s = text;
        this.file = file;
        this.limits = limits;
        this.length = text.length();
    }

    /** The documents of the text, or null when the full parser has to read it. */
    static List<YamlNode> read(String text, String file, LoaderLimits limits) {
        try {
            return new SubsetYaml(text, file, limits).document();
        } catch (OutsideSubset e) {
            return null;
        }
    }

    private List<YamlNode> document() {
        advance();
        if (eof) return List.of();
        YamlNode root = block(fc, 1);
        if (!eof) throw OUTSIDE;
        return List.of(root);
    }

    /** Moves to the next line that holds more than spaces and a comment, checking every character on the way. */
    private void advance() {
        while (true) {
            if (next >= length) {
                eof = true;
                return;
            }
            int start = next;
            int i = start;
            boolean onlyAscii = true;
            while (i < length) {
                char c = s.charAt(i);
                if (c >= 0x20 && c <= 0x7E) {
                    i++;
                    continue;
                }
                if (c == '\n') break;
                if (c == '\r' && i + 1 < length && s.charAt(i + 1) == '\n') break;
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i += 2;
                } else if (c >= 0xA0 && c < 0xFFFE && c != 0x2028 && c != 0x2029 && c != 0xFEFF
                        && !Character.isSurrogate(c)) {
                    // U+0085, U+2028 and U+2029 break lines for snakeyaml (YAML 1.1): left to it, like tabs and CR
                    i++;
                } else {
                    throw OUTSIDE;
                }
                onlyAscii = false;
            }
            int end = i;
            next = i >= length ? length : (s.charAt(i) == '\r' ? i + 2 : i + 1);
            int number = nextLineNo++;
            int first = start;
            while (first < end && s.charAt(first) == ' ') first++;
            if (first == end || s.charAt(first) == '#') continue;
            if (first == start && end - start >= 3 && (s.startsWith("---", start) || s.startsWith("...", start))
                    && (end - start == 3 || s.charAt(start + 3) == ' ')) {
                throw OUTSIDE;
            }
            ls = start;
            le = end;
            fc = first;
            ind = first - start;
            lineNo = number;
            ascii = onlyAscii;
            return;
        }
    }

    private Location at(int index) {
        int column = ascii ? index - ls + 1 : s.codePointCount(ls, index) + 1;
        return new Location(file, lineNo, column);
    }

    private void checkDepth(int depth) {
        if (depth > limits.maxDepth()) throw OUTSIDE;
    }

    /** A map or list starting at {@code at} on the current line. */
    private YamlNode block(int at, int depth) {
        if (isEntry(at)) return list(at, depth);
        if (keyEnd(at) >= 0) return map(at, depth);
        throw OUTSIDE;
    }

    /** Whether a list entry ({@code - }) starts at {@code at}. */
    private boolean isEntry(int at) {
        return s.charAt(at) == '-' && (at + 1 == le || s.charAt(at + 1) == ' ');
    }

    /**
     * The index of the ':' ending a plain or one-line quoted key starting at {@code at}, or -1 when no such key starts
     * there.
     */
    private int keyEnd(int at) {
        char first = s.charAt(at);
        if (first == '"' || first == '\'') {
            int i = skipSpaces(closingQuote(at) + 1);
            return i < le && s.charAt(i) == ':' && (i + 1 == le || s.charAt(i + 1) == ' ') ? i : -1;
        }
        if (INDICATORS.indexOf(first) >= 0) return -1;
        for (int i = at; i < le; i++) {
            char c = s.charAt(i);
            if (c == ':' && (i + 1 == le || s.charAt(i + 1) == ' ')) return i;
            if (c == '#' && s.charAt(i - 1) == ' ') return -1;
            if (c == ',' || c == '[' || c == ']' || c == '{' || c == '}' || c == '"' || c == '\'') return -1;
        }
        return -1;
    }

    private MapNode map(int at, int depth) {
        checkDepth(depth);
        int column = at - ls;
        Location where = null;
        LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
        while (true) {
            int colon = keyEnd(at);
            if (colon < 0) throw OUTSIDE;
            String key;
            if (s.charAt(at) == '"' || s.charAt(at) == '\'') {
                key = unquote(at, closingQuote(at));
            } else {
                int keyEnd = colon;
                while (s.charAt(keyEnd - 1) == ' ') keyEnd--;
                if (keyEnd - at > MAX_SCALAR) throw OUTSIDE;
                key = text(at, keyEnd);
            }
            if (key.equals("<<")) throw OUTSIDE;
            Location keyAt = at(at);
            if (where == null) where = keyAt;
            YamlNode value;
            int v = skipSpaces(colon + 1);
            if (v == le || s.charAt(v) == '#') {
                Location empty = at(colon + 1);
                advance();
                if (!eof && ind > column) {
                    value = block(fc, depth + 1);
                } else if (!eof && ind == column && isEntry(fc)) {
                    value = list(fc, depth + 1);
                } else {
                    value = empty(empty);
                }
            } else {
                value = inline(v, depth + 1);
                advance();
                if (!eof && ind > column) throw OUTSIDE;
            }
            if (entries.putIfAbsent(key, new Entry(key, keyAt, value)) != null) throw OUTSIDE;
            if (eof || ind < column) break;
            if (ind > column) throw OUTSIDE;
            at = fc;
        }
        return new MapNode(where, entries);
    }

    private ListNode list(int at, int depth) {
        checkDepth(depth);
        int column = at - ls;
        Location where = at(at);
        List<YamlNode> items = new ArrayList<>();
        while (true) {
            int v = skipSpaces(at + 1);
            YamlNode item;
            if (v == le || s.charAt(v) == '#') {
                Location empty = at(at + 1);
                advance();
                item = !eof && ind > column ? block(fc, depth + 1) : empty(empty);
            } else if (isEntry(v)) {
                throw OUTSIDE;
            } else if (keyEnd(v) >= 0) {
                item = map(v, depth + 1);
            } else {
                item = inline(v, depth + 1);
                advance();
                if (!eof && ind > column) throw OUTSIDE;
            }
            items.add(item);
            if (eof || ind < column) break;
            if (ind > column) throw OUTSIDE;
            // a line at the list's column that is no entry: the next key of the map holding an indentless list
            if (!isEntry(fc)) break;
            at = fc;
        }
        return new ListNode(where, items);
    }

    /** A value written on the line of its key or entry, which must end the line (a comment may follow). */
    private YamlNode inline(int v, int depth) {
        char c = s.charAt(v);
        if (c == '[' || c == '{') return flowCollection(v, depth);
        if (c == '"' || c == '\'') {
            int close = closingQuote(v);
            String text = unquote(v, close);
            rest(close + 1);
            return new ScalarNode(ScalarKind.STRING, text, text, at(v));
        }
        if (!plainStart(v)) throw OUTSIDE;
        int i = v;
        for (; i < le; i++) {
            char ch = s.charAt(i);
            if (ch == ':' && (i + 1 == le || s.charAt(i + 1) == ' ')) throw OUTSIDE;
            if (ch == '#' && s.charAt(i - 1) == ' ') break;
        }
        return plain(v, trimEnd(v, i));
    }

    /** A plain scalar may start with '-' when a character other than a space or a flow indicator follows. */
    private boolean plainStart(int v) {
        char c = s.charAt(v);
        if (INDICATORS.indexOf(c) < 0) return true;
        return c == '-' && v + 1 < le && " ,[]{}".indexOf(s.charAt(v + 1)) < 0;
    }

    private YamlNode flowCollection(int v, int depth) {
        fp = v;
        YamlNode node = s.charAt(v) == '[' ? flowList(depth) : flowMap(depth);
        rest(fp);
        return node;
    }

    /** The position in a one-line flow collection. */
    private int fp;

    /** A flow list at {@link #fp}; afterwards {@link #fp} is behind its ']'. */
    private ListNode flowList(int depth) {
        checkDepth(depth);
        Location where = at(fp);
        List<YamlNode> items = new ArrayList<>();
        fp = skipSpaces(fp + 1);
        if (fp < le && s.charAt(fp) == ']') {
            fp++;
            return new ListNode(where, items);
        }
        while (true) {
            items.add(flowItem(']', depth + 1));
            fp = skipSpaces(fp);
            if (fp >= le) throw OUTSIDE;
            if (s.charAt(fp) == ']') {
                fp++;
                return new ListNode(where, items);
            }
            if (s.charAt(fp) != ',') throw OUTSIDE;
            fp = skipSpaces(fp + 1);
            if (fp < le && s.charAt(fp) == ']') throw OUTSIDE;
        }
    }

    /** A flow map at {@link #fp}; afterwards {@link #fp} is behind its '}'. */
    private MapNode flowMap(int depth) {
        checkDepth(depth);
        Location where = at(fp);
        LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
        fp = skipSpaces(fp + 1);
        if (fp < le && s.charAt(fp) == '}') {
            fp++;
            return new MapNode(where, entries);
        }
        while (true) {
            if (fp >= le || INDICATORS.indexOf(s.charAt(fp)) >= 0) throw OUTSIDE;
            int keyStart = fp;
            int i = fp;
            while (true) {
                if (i >= le) throw OUTSIDE;
                char ch = s.charAt(i);
                if (ch == ':') {
                    if (i + 1 < le && s.charAt(i + 1) == ' ') break;
                    throw OUTSIDE;
                }
                if (",[]{}#?\"'".indexOf(ch) >= 0) throw OUTSIDE;
                i++;
            }
            int keyEnd = trimEnd(keyStart, i);
            if (keyEnd - keyStart > MAX_SCALAR) throw OUTSIDE;
            String key = text(keyStart, keyEnd);
            if (key.equals("<<")) throw OUTSIDE;
            Location keyAt = at(keyStart);
            fp = skipSpaces(i + 1);
            YamlNode value = flowItem('}', depth + 1);
            if (entries.putIfAbsent(key, new Entry(key, keyAt, value)) != null) throw OUTSIDE;
            fp = skipSpaces(fp);
            if (fp >= le) throw OUTSIDE;
            if (s.charAt(fp) == '}') {
                fp++;
                return new MapNode(where, entries);
            }
            if (s.charAt(fp) != ',') throw OUTSIDE;
            fp = skipSpaces(fp + 1);
            if (fp < le && s.charAt(fp) == '}') throw OUTSIDE;
        }
    }

    /** An item of a flow list or a value of a flow map at {@link #fp}: a scalar or a nested flow collection. */
    private YamlNode flowItem(char close, int depth) {
        if (fp >= le) throw OUTSIDE;
        int start = fp;
        char c = s.charAt(fp);
        if (c == '[') return flowList(depth);
        if (c == '{') return flowMap(depth);
        if (c == '"' || c == '\'') {
            int q = closingQuote(start);
            String text = unquote(start, q);
            fp = q + 1;
            return new ScalarNode(ScalarKind.STRING, text, text, at(start));
        }
        fp = flowPlainEnd(start, close);
        return plain(start, trimEnd(start, fp));
    }

    /** Where a plain scalar inside a flow collection ends: at ',' or the closing bracket, on this line. */
    private int flowPlainEnd(int i, char close) {
        if (i >= le || !plainStart(i)) throw OUTSIDE;
        while (i < le) {
            char ch = s.charAt(i);
            if (ch == ',' || ch == close) return i;
            if ("[]{}#:?\"'".indexOf(ch) >= 0) throw OUTSIDE;
            i++;
        }
        throw OUTSIDE;
    }

    /** The index of the quote closing the one-line quoted scalar at {@code open}; escapes are left out. */
    private int closingQuote(int open) {
        char quote = s.charAt(open);
        for (int i = open + 1; i < le; i++) {
            char c = s.charAt(i);
            if (quote == '"' && c == '\\') throw OUTSIDE;
            if (c == quote) {
                if (quote == '\'' && i + 1 < le && s.charAt(i + 1) == '\'') {
                    i++;
                    continue;
                }
                if (i - open > MAX_SCALAR) throw OUTSIDE;
                return i;
            }
        }
        throw OUTSIDE;
    }

    private String unquote(int open, int close) {
        String text = text(open + 1, close);
        return s.charAt(open) == '\'' && text.indexOf('\'') >= 0 ? text.replace("''", "'") : text;
    }

    /** After a complete value only spaces and a comment may follow on the line. */
    private void rest(int i) {
        int j = skipSpaces(i);
        if (j < le && !(s.charAt(j) == '#' && j > i)) throw OUTSIDE;
    }

    private int skipSpaces(int i) {
        while (i < le && s.charAt(i) == ' ') i++;
        return i;
    }

    private int trimEnd(int start, int end) {
        while (end > start && s.charAt(end - 1) == ' ') end--;
        if (end == start) throw OUTSIDE;
        return end;
    }

    /**
     * The text between two indexes, the same instance for the same short text within a file: keys, config values and
     * the names grants repeat are then one string each (less to allocate and keep, and each hashed once).
     */
    private String text(int start, int end) {
        int length = end - start;
        if (length > MAX_SHARED) return s.substring(start, end);
        int hash = 0;
        for (int i = start; i < end; i++) hash = 31 * hash + s.charAt(i);
        int slot = (hash ^ (hash >>> 16)) & (shared.length - 1);
        String known = shared[slot];
        if (known != null && known.length() == length && s.regionMatches(start, known, 0, length)) return known;
        String text = s.substring(start, end);
        shared[slot] = text;
        return text;
    }

    private static final int MAX_SHARED = 64;
    private final String[] shared = new String[2048];

    private ScalarNode plain(int start, int end) {
        if (end - start > MAX_SCALAR) throw OUTSIDE;
        String text = text(start, end);
        if (CoreSchema.isAmbiguous(text)) throw OUTSIDE;
        return ScalarNode.plain(text, at(start));
    }

    private static ScalarNode empty(Location at) {
        return new ScalarNode(ScalarKind.NULL, "", null, at);
    }
}
