package io.kafkaops.engine.edit.yaml;

import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Writes a scalar so that YAML reads back exactly the text meant: plain when that is safe, quoted otherwise. The
 * check is conservative: it uses YAML 1.1's resolution (snakeyaml's), which also types {@code yes}, {@code on},
 * dates and {@code 1_000}, so nothing a stricter reader takes as a string is ever written plain as something else.
 */
public final class Scalars {

    private static final Resolver RESOLVER = new Resolver();
    private static final String INDICATORS = "!&*|>'\"%@`#,[]{}";

    private Scalars() {
    }

    /**
     * @param typed  the value may read as a number or boolean (config values, partitions)
     * @param inFlow the scalar sits inside {@code [...]} or {@code {...}}, where {@code ,[]{}:} end a plain scalar
     */
    static boolean plainSafe(String s, boolean inFlow, boolean typed) {
        if (s.isEmpty()) return false;
        if (Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1))) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == '\uFEFF' || c == '\u2028' || c == '\u2029') {
                return false;
            }
        }
        char first = s.charAt(0);
        if (INDICATORS.indexOf(first) >= 0) return false;
        if ((first == '-' || first == '?' || first == ':')
                && (s.length() == 1 || Character.isWhitespace(s.charAt(1)) || (inFlow && ",[]{}".indexOf(s.charAt(1)) >= 0))) {
            return false;
        }
        if (s.startsWith("---") || s.startsWith("...")) return false;
        if (s.contains(": ") || s.contains(" #") || s.endsWith(":")) return false;
        if (inFlow) {
            for (int i = 0; i < s.length(); i++) {
                if (",[]{}:".indexOf(s.charAt(i)) >= 0) return false;
            }
        }
        Tag tag = RESOLVER.resolve(NodeId.scalar, s, true);
        if (typed) return !Tag.NULL.equals(tag) && !Tag.MERGE.equals(tag) && !isSpecialTag(tag);
        return Tag.STR.equals(tag);
    }

    private static boolean isSpecialTag(Tag tag) {
        // "=" resolves to the YAML 1.1 value key; never useful as a config value written plain
        return !(Tag.STR.equals(tag) || Tag.INT.equals(tag) || Tag.FLOAT.equals(tag) || Tag.BOOL.equals(tag));
    }

    /** Plain when safe, else quoted with {@code quote} ({@code '} or {@code "}) when that can express the text. */
    static String render(String s, boolean inFlow, boolean typed, char quote) {
        if (plainSafe(s, inFlow, typed)) return s;
        return quoted(s, quote);
    }

    static String quoted(String s, char quote) {
        if (quote == '\'' && singleQuotable(s)) return "'" + s.replace("'", "''") + "'";
        return doubleQuoted(s);
    }

    /** Single quotes cannot escape anything but {@code '}: line breaks and control characters need double quotes. */
    private static boolean singleQuotable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == '\uFEFF' || c == '\u2028' || c == '\u2029') {
                return false;
            }
        }
        return true;
    }

    static String doubleQuoted(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == '\uFEFF' || c == '\u2028'
                            || c == '\u2029') {
                        sb.append(String.format("\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
