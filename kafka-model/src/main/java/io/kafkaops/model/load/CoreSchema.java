package io.kafkaops.model.load;

import java.math.BigInteger;
import java.util.regex.Pattern;

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

    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern OCTAL = Pattern.compile("0o[0-7]+");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern INFINITY = Pattern.compile("[-+]?\\.(inf|Inf|INF)");
    private static final Pattern NAN = Pattern.compile("\\.(nan|NaN|NAN)");
    private static final Pattern LEADING_ZERO = Pattern.compile("[-+]?0[0-9]+");

    private CoreSchema() {
    }

    /** Resolves a plain (unquoted, untagged) scalar. */
    public static Resolved resolvePlain(String text) {
        if (text.isEmpty() || (text.length() <= 4 && NULL.matcher(text).matches())) return new Resolved(Type.NULL, null);
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
        if (DECIMAL.matcher(text).matches()) return new Resolved(Type.INT, integer(new BigInteger(text)));
        if (OCTAL.matcher(text).matches()) return new Resolved(Type.INT, integer(new BigInteger(text.substring(2), 8)));
        if (HEX.matcher(text).matches()) return new Resolved(Type.INT, integer(new BigInteger(text.substring(2), 16)));
        if (FLOAT.matcher(text).matches()) return new Resolved(Type.FLOAT, Double.parseDouble(text));
        if (INFINITY.matcher(text).matches()) {
            return new Resolved(Type.FLOAT, text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        if (NAN.matcher(text).matches()) return new Resolved(Type.FLOAT, Double.NaN);
        return new Resolved(Type.STR, text);
    }

    /** A plain scalar that YAML 1.2 and YAML 1.1 read as different numbers: a decimal with a leading zero. */
    public static boolean isAmbiguous(String text) {
        return !text.isEmpty() && text.length() < 1000 && LEADING_ZERO.matcher(text).matches();
    }

    /** Long when it fits, else BigInteger. */
    private static Object integer(BigInteger b) {
        return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }
}
