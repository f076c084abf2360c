package io.kafkaops.model;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations and sizes as people write them: {@code 7d}, {@code 12h}, {@code 500ms}, {@code 1GiB}, {@code 10MB}.
 * Plain numbers are taken as milliseconds or bytes. Both are used in topic configs ({@code retention.ms: 7d}) and
 * in policy parameters ({@code max: 30d}).
 */
public final class Units {

    private static final Pattern AMOUNT = Pattern.compile("^\\s*(-?\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]*)\\s*$");

    private static final Map<String, Long> DURATIONS = Map.ofEntries(
            Map.entry("", 1L), Map.entry("ms", 1L), Map.entry("s", 1000L), Map.entry("m", 60_000L),
            Map.entry("min", 60_000L), Map.entry("h", 3_600_000L), Map.entry("d", 86_400_000L),
            Map.entry("w", 604_800_000L));

    private static final Map<String, Long> SIZES = Map.ofEntries(
            Map.entry("", 1L), Map.entry("b", 1L),
            Map.entry("kb", 1_000L), Map.entry("mb", 1_000_000L), Map.entry("gb", 1_000_000_000L),
            Map.entry("tb", 1_000_000_000_000L),
            Map.entry("kib", 1L << 10), Map.entry("mib", 1L << 20), Map.entry("gib", 1L << 30),
            Map.entry("tib", 1L << 40));

    private static final long DAY = 86_400_000L;

    private Units() {
    }

    /** Milliseconds in a duration such as {@code 7d}; {@code -1} stays {@code -1} (Kafka's "infinite"). */
    public static long parseDurationMs(String text) {
        return parse(text, DURATIONS, "duration", "ms, s, m, h, d or w");
    }

    /** Bytes in a size such as {@code 1GiB}; {@code -1} stays {@code -1}. */
    public static long parseBytes(String text) {
        return parse(text, SIZES, "size", "B, KB, MB, GB, TB, KiB, MiB, GiB or TiB");
    }

    /**
     * Bytes per second in a rate such as {@code 50MiB/s}: a size ({@link #parseBytes}) with an optional {@code /s}.
     *
     * @throws IllegalArgumentException when the text is no size or the rate is not positive
     */
    public static long parseBytesPerSecond(String text) {
        String t = text == null ? null : text.strip();
        if (t != null && t.toLowerCase(Locale.ROOT).endsWith("/s")) t = t.substring(0, t.length() - 2);
        long bytes = parse(t, SIZES, "rate", "B, KB, MB, GB, KiB, MiB or GiB, optionally followed by /s");
        if (bytes <= 0) throw new IllegalArgumentException("'" + text + "' is not a positive rate");
        return bytes;
    }

    /** A byte count rounded for people to read, as progress lines show it: {@code 1.2 MiB}, {@code 512 B}. */
    public static String approximateBytes(long bytes) {
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        if (bytes < 1024) return bytes + " B";
        double v = bytes;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, v >= 100 || v == Math.rint(v) ? "%.0f %s" : "%.1f %s", v, units[i]);
    }

    /** Whether a config key holds a duration in milliseconds ({@code retention.ms}, {@code segment.ms}). */
    public static boolean isDurationKey(String configKey) {
        return configKey.endsWith(".ms");
    }

    /** Whether a config key holds a size in bytes ({@code retention.bytes}, {@code max.message.bytes}). */
    public static boolean isSizeKey(String configKey) {
        return configKey.endsWith(".bytes");
    }

    /**
     * The value Kafka expects for a config: units converted for {@code *.ms} and {@code *.bytes} keys, anything
     * else unchanged.
     */
    public static String normalizeConfigValue(String key, String value) {
        if (value == null) return null;
        if (isDurationKey(key) && hasUnit(value)) return Long.toString(parseDurationMs(value));
        if (isSizeKey(key) && hasUnit(value)) return Long.toString(parseBytes(value));
        return value;
    }

    /** A human form of milliseconds: {@code 604800000} becomes {@code 7d}. */
    public static String formatDurationMs(long ms) {
        if (ms < 0) return Long.toString(ms);
        String[][] units = {{"w", "604800000"}, {"d", "86400000"}, {"h", "3600000"}, {"m", "60000"}, {"s", "1000"}};
        for (String[] u : units) {
            long f = Long.parseLong(u[1]);
            if (ms >= f && ms % f == 0) return (ms / f) + u[0];
        }
        return ms + "ms";
    }

    /**
     * A human form of bytes, exact and as the format reads it back: {@code 1048576} becomes {@code 1MiB}, {@code 10000000}
     * becomes {@code 10MB}; a number that is no whole multiple of a unit stays a number.
     */
    public static String formatBytes(long bytes) {
        if (bytes <= 0) return Long.toString(bytes);
        String[] binary = {"TiB", "GiB", "MiB", "KiB"};
        String[] decimal = {"TB", "GB", "MB", "KB"};
        for (int i = 0; i < binary.length; i++) {
            long f = SIZES.get(binary[i].toLowerCase(Locale.ROOT));
            if (bytes % f == 0) return (bytes / f) + binary[i];
            long d = SIZES.get(decimal[i].toLowerCase(Locale.ROOT));
            if (bytes % d == 0) return (bytes / d) + decimal[i];
        }
        return Long.toString(bytes);
    }

    /**
     * A config value as people write it in an entity file: durations ({@code *.ms}) and sizes ({@code *.bytes}) in
     * units (whole days as {@code 7d}, else {@link #formatDurationMs}; {@link #formatBytes}), anything else unchanged. The inverse of
     * {@link #normalizeConfigValue}: normalising the result gives the value back.
     */
    public static String humanConfigValue(String key, String value) {
        if (value == null) return null;
        String v = value.strip();
        if (!v.matches("-?\\d{1,18}")) return value;
        long n = Long.parseLong(v);
        // retention is thought of in days: 7d and 14d, not 1w and 2w
        if (isDurationKey(key)) return n > 0 && n % DAY == 0 ? (n / DAY) + "d" : formatDurationMs(n);
        if (isSizeKey(key)) return formatBytes(n);
        return value;
    }

    private static boolean hasUnit(String value) {
        Matcher m = AMOUNT.matcher(value);
        return m.matches() && !m.group(2).isEmpty();
    }

    private static long parse(String text, Map<String, Long> units, String what, String known) {
        if (text == null) throw new IllegalArgumentException("no " + what + " given");
        Matcher m = AMOUNT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a " + what + " (use a number with one of " + known + ")");
        }
        Long factor = units.get(m.group(2).toLowerCase(Locale.ROOT));
        if (factor == null) {
            throw new IllegalArgumentException("unknown unit '" + m.group(2) + "' in '" + text + "' (use " + known + ")");
        }
        BigDecimal amount = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(factor));
        try {
            return amount.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number of " + (units == DURATIONS ? "milliseconds" : "bytes"));
        }
    }
}
