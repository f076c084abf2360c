package io.kafkaops.model.load;

import java.math.BigInteger;

/**
 * YAML 1.2 core-schema resolution of plain scalars, the one place that decides what {@code 010}, {@code yes} or
 * {@code 0x1F} mean, for the loader and for the editing goals alike. The YAML 1.2 core schema is what the editors'
 * yaml-language-server uses: only {@code true}/{@code false} are booleans, {@code 0x1F} and {@code 0o17} are
 * numbers, {@code 1_000}, {@code 0b110}, {@code 1:30} and {@code yes} are text.
 *
 * <p>One form is refused rather than resolved ({@link #isAmbiguous}): a decimal with a leading zero ({@code 010}),
 * which YAML 1.2 reads as 10 and YAML 1.1 tools (PyYAML, snakeyaml, many CI scripts) as octal 8, or as text for
 * {@code 09}.
 */
public final class CoreSchema {

    /** The type a plain scalar resolves to. */
    public enum Type {
        NULL, BOOL, INT, FLOAT, STR
    }

    /**
     * @param value null, Boolean, Long or BigInteger, Double, or the text itself for STR
     */
    public record Resolved(Type type, Object value) {
        /** The value as text the loader passes on (config values): integers in decimal, others as written. */
        public String canonical(String written) {
            return switch (type) {
                case INT, BOOL -> value.toString();
                case NULL -> "";
                default -> written;
            };
        }
    }

    private CoreSchema() {
    }

    /**
     * Resolves a plain (unquoted, untagged) scalar. The forms are recognised by hand, not by regular expressions
     * (every scalar of every file passes here); {@code CoreSchemaTest} checks them against the core schema's
     * expressions.
     */
    public static Resolved resolvePlain(String text) {
        if (isNull(text)) return new Resolved(Type.NULL, null);
        char first = text.charAt(0);
        // fast path: most scalars are words
        if (!(first >= '0' && first <= '9') && first != '-' && first != '+' && first != '.' && first != 't'
                && first != 'T' && first != 'f' && first != 'F') {
            return new Resolved(Type.STR, text);
        }
        switch (text) {
            case "true", "True", "TRUE" -> {
                return new Resolved(Type.BOOL, Boolean.TRUE);
            }
            case "false", "False", "FALSE" -> {
                return new Resolved(Type.BOOL, Boolean.FALSE);
            }
            default -> {
                // not a boolean
            }
        }
        if (isDecimal(text)) {
            return new Resolved(Type.INT, text.length() < 19 ? (Object) Long.parseLong(text) : integer(new BigInteger(text)));
        }
        if (isBased(text, 'o', 8)) return new Resolved(Type.INT, integer(new BigInteger(text.substring(2), 8)));
        if (isBased(text, 'x', 16)) return new Resolved(Type.INT, integer(new BigInteger(text.substring(2), 16)));
        if (isFloat(text)) return new Resolved(Type.FLOAT, Double.parseDouble(text));
        String unsigned = text.charAt(0) == '-' || text.charAt(0) == '+' ? text.substring(1) : text;
        if (unsigned.equals(".inf") || unsigned.equals(".Inf") || unsigned.equals(".INF")) {
            return new Resolved(Type.FLOAT, text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        if (text.equals(".nan") || text.equals(".NaN") || text.equals(".NAN")) return new Resolved(Type.FLOAT, Double.NaN);
        return new Resolved(Type.STR, text);
    }

    /** A plain scalar that YAML 1.2 and YAML 1.1 read as different numbers: a decimal with a leading zero. */
    public static boolean isAmbiguous(String text) {
        if (text.isEmpty() || text.length() >= 1000) return false;
        int i = sign(text);
        return i + 1 < text.length() && text.charAt(i) == '0' && digits(text, i + 1) == text.length();
    }

    /** {@code ~|null|Null|NULL|} */
    static boolean isNull(String t) {
        return t.isEmpty() || t.equals("~") || t.equals("null") || t.equals("Null") || t.equals("NULL");
    }

    /** {@code [-+]?[0-9]+} */
    static boolean isDecimal(String t) {
        int i = sign(t);
        return i < t.length() && digits(t, i) == t.length();
    }

    /** {@code 0o[0-7]+} and {@code 0x[0-9a-fA-F]+} */
    static boolean isBased(String t, char marker, int radix) {
        if (t.length() < 3 || t.charAt(0) != '0' || t.charAt(1) != marker) return false;
        for (int i = 2; i < t.length(); i++) {
            if (Character.digit(t.charAt(i), radix) < 0 || t.charAt(i) > 'f') return false;
        }
        return true;
    }

    /** {@code [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?} */
    static boolean isFloat(String t) {
        int n = t.length();
        int i = sign(t);
        if (i < n && t.charAt(i) == '.') {
            int end = digits(t, i + 1);
            if (end == i + 1) return false;
            i = end;
        } else {
            int end = digits(t, i);
            if (end == i) return false;
            i = end;
            if (i < n && t.charAt(i) == '.') i = digits(t, i + 1);
        }
        if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
            i++;
            if (i < n && (t.charAt(i) == '-' || t.charAt(i) == '+')) i++;
            int end = digits(t, i);
            if (end == i) return false;
            i = end;
        }
        return i == n;
    }

    private static int sign(String t) {
        return !t.isEmpty() && (t.charAt(0) == '-' || t.charAt(0) == '+') ? 1 : 0;
    }

    /** The index after the ASCII digits starting at {@code from}. */
    private static int digits(String t, int from) {
        int i = from;
        while (i < t.length() && t.charAt(i) >= '0' && t.charAt(i) <= '9') i++;
        return i;
    }

    /** Long when it fits, else BigInteger. */
    private static Object integer(BigInteger b) {
        return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }
}
