package io.kafkaops.engine.edit.yaml;

import io.kafkaops.model.load.CoreSchema;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Writes a scalar so that YAML reads back exactly the text meant: plain when that is safe, quoted otherwise. The
 * loader reads plain scalars by the YAML 1.2 core schema ({@link CoreSchema}); a value is written plain only when
 * YAML 1.2 and YAML 1.1 (snakeyaml's resolver, which also types {@code yes}, {@code on}, dates and {@code 1_000})
 * agree on its type, and a number or boolean only when YAML 1.2 reads back the very text ({@code 0x1F} or {@code 010}
 * get quotes: they would come back as 31 and 10).
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
        if (CoreSchema.isAmbiguous(s)) return false;
        Tag tag = RESOLVER.resolve(NodeId.scalar, s, true);
        CoreSchema.Resolved core = CoreSchema.resolvePlain(s);
        if (!sameType(tag, core.type())) return false;
        if (typed) return core.type() != CoreSchema.Type.NULL && core.canonical(s).equals(s);
        return core.type() == CoreSchema.Type.STR;
    }

    private static boolean sameType(Tag yaml11, CoreSchema.Type yaml12) {
        return switch (yaml12) {
            case STR -> Tag.STR.equals(yaml11);
            case INT -> Tag.INT.equals(yaml11);
            case FLOAT -> Tag.FLOAT.equals(yaml11);
            case BOOL -> Tag.BOOL.equals(yaml11);
            case NULL -> Tag.NULL.equals(yaml11);
        };
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
