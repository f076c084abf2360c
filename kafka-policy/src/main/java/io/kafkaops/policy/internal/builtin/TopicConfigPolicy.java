package io.kafkaops.policy.internal.builtin;

import io.kafkaops.model.Location;
import io.kafkaops.model.Topic;
import io.kafkaops.model.TopicOverride;
import io.kafkaops.model.Units;
import io.kafkaops.policy.PolicyConfigurationException;
import io.kafkaops.policy.PolicyContext;
import io.kafkaops.policy.PolicyParams;
import io.kafkaops.policy.Violation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Restricts topic configs: which keys may be set at all ({@code allowed}) and which values they may take
 * ({@code values: {key: {enum: [...]}}} or {@code {min: X, max: Y}}). Bounds of {@code *.ms} keys are durations
 * ({@code 30d}), of {@code *.bytes} keys sizes ({@code 1GiB}), otherwise plain numbers. For those unit keys
 * {@code -1} is Kafka's "unlimited": it satisfies any minimum and exceeds any maximum. Checks the topic's config and
 * every per-stage override.
 */
public final class TopicConfigPolicy extends BuiltInPolicy<TopicConfigPolicy.Config> {

    public static final String ID = "topicConfig";

    private static final BigDecimal MINUS_TWO = BigDecimal.valueOf(-2);

    /** How a config key's values are read. */
    enum Kind {
        DURATION, SIZE, NUMBER;

        static Kind of(String key) {
            return Units.isDurationKey(key) ? DURATION : Units.isSizeKey(key) ? SIZE : NUMBER;
        }

        BigDecimal parse(String text) {
            // the loader already turned units into plain numbers, so that is the common case
            if (isWholeNumber(text)) return BigDecimal.valueOf(Long.parseLong(text));
            return switch (this) {
                case DURATION -> BigDecimal.valueOf(Units.parseDurationMs(text));
                case SIZE -> BigDecimal.valueOf(Units.parseBytes(text));
                case NUMBER -> new BigDecimal(text.trim());
            };
        }

        private static boolean isWholeNumber(String text) {
            int n = text.length();
            if (n == 0 || n > 18) return false;
            for (int i = text.charAt(0) == '-' && n > 1 ? 1 : 0; i < n; i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') return false;
            }
            return true;
        }

        String format(BigDecimal v) {
            return switch (this) {
                case DURATION -> Texts.duration(v.longValueExact());
                case SIZE -> Texts.bytes(v.longValueExact());
                case NUMBER -> v.toPlainString();
            };
        }

        String noun() {
            return switch (this) {
                case DURATION -> "a duration (milliseconds, or a number with ms, s, m, h, d or w)";
                case SIZE -> "a size (bytes, or a number with KB, MB, GB, KiB, MiB, GiB, ...)";
                case NUMBER -> "a number";
            };
        }

        boolean hasUnlimited() {
            return this != NUMBER;
        }
    }

    sealed interface ValueRule permits OneOf, Range {
    }

    /** The value must be one of these; compared after unit normalisation so {@code 7d} equals {@code 604800000}. */
    record OneOf(Set<String> normalized, List<String> written) implements ValueRule {
        @Override
        public String toString() {
            return "{enum=" + written + "}";
        }
    }

    record Range(Kind kind, BigDecimal min, String minText, BigDecimal max, String maxText) implements ValueRule {
        @Override
        public String toString() {
            return "{" + (min != null ? "min=" + minText : "") + (min != null && max != null ? ", " : "")
                    + (max != null ? "max=" + maxText : "") + "}";
        }
    }

    /** @param allowed the keys that may be set; null means any key */
    record Config(Set<String> allowed, Map<String, ValueRule> values) {
        @Override
        public String toString() {
            return "allowed=" + (allowed == null ? "any" : allowed) + ", values=" + values;
        }
    }

    public TopicConfigPolicy() {
        super(ID, false, "allowed, values",
                "Topic configs (and per-stage overrides) use only the keys in 'allowed' and values within 'values' "
                + "(enum, or min/max with units).");
    }

    @Override
    Config config(PolicyParams params) {
        ParamRules.onlyKnown(params, "allowed", "values");
        Set<String> allowed = params.has("allowed")
                ? new LinkedHashSet<>(ParamRules.strings(ID, "allowed", params.raw("allowed"))) : null;
        Map<String, Object> rawValues = ParamRules.map(ID, "values", params.raw("values"));
        if (allowed == null && rawValues.isEmpty()) {
            throw new PolicyConfigurationException("policy " + ID + " needs the parameter 'allowed' or 'values'");
        }
        Map<String, ValueRule> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : new TreeMap<>(rawValues).entrySet()) {
            values.put(e.getKey(), valueRule(e.getKey(), e.getValue()));
        }
        return new Config(allowed, values);
    }

    private static ValueRule valueRule(String key, Object spec) {
        String where = "values." + key;
        Map<String, Object> m = ParamRules.map(ID, where, spec);
        ParamRules.onlyKnown(ID, where + ".", m, "enum", "min", "max");
        if (m.containsKey("enum")) {
            if (m.containsKey("min") || m.containsKey("max")) {
                throw new PolicyConfigurationException("policy " + ID + ": parameter '" + where
                        + "' takes either enum or min/max, not both");
            }
            List<String> written = ParamRules.strings(ID, where + ".enum", m.get("enum"));
            if (written.isEmpty()) {
                throw new PolicyConfigurationException("policy " + ID + ": parameter '" + where
                        + ".enum' must list at least one value");
            }
            Set<String> normalized = new LinkedHashSet<>();
            for (String w : written) {
                try {
                    normalized.add(Units.normalizeConfigValue(key, w));
                } catch (IllegalArgumentException ex) {
                    throw new PolicyConfigurationException("policy " + ID + ": parameter '" + where + ".enum': "
                            + ex.getMessage());
                }
            }
            return new OneOf(normalized, written);
        }
        if (!m.containsKey("min") && !m.containsKey("max")) {
            throw new PolicyConfigurationException("policy " + ID + ": parameter '" + where
                    + "' needs enum, min or max");
        }
        Kind kind = Kind.of(key);
        BigDecimal min = bound(kind, where + ".min", m.get("min"));
        BigDecimal max = bound(kind, where + ".max", m.get("max"));
        if (min != null && max != null && min.compareTo(max) > 0) {
            throw new PolicyConfigurationException("policy " + ID + ": parameter '" + where + "' has min "
                    + m.get("min") + " above max " + m.get("max"));
        }
        return new Range(kind, min, min == null ? null : String.valueOf(m.get("min")),
                max, max == null ? null : String.valueOf(m.get("max")));
    }

    private static BigDecimal bound(Kind kind, String where, Object value) {
        if (value == null) return null;
        return switch (kind) {
            case DURATION -> BigDecimal.valueOf(PolicyParams.durationMs(ID, where, value));
            case SIZE -> BigDecimal.valueOf(PolicyParams.bytes(ID, where, value));
            case NUMBER -> {
                try {
                    yield new BigDecimal(String.valueOf(value).trim());
                } catch (NumberFormatException e) {
                    throw new PolicyConfigurationException("policy " + ID + ": parameter '" + where
                            + "' must be a number, not '" + value + "'");
                }
            }
        };
    }

    @Override
    List<Violation> violations(PolicyContext context, Config config) {
        List<Violation> out = new ArrayList<>();
        List<Violation> found = new ArrayList<>();
        for (Topic t : context.model().topics()) {
            check(config, t, null, t.config(), found);
            for (Map.Entry<String, TopicOverride> o : t.overrides().entrySet()) {
                if (o.getValue() != null) check(config, t, o.getKey(), o.getValue().config(), found);
            }
            // maps have no order; the file does
            if (found.size() > 1) found.sort(Comparator.comparing(Violation::location));
            out.addAll(found);
            found.clear();
        }
        return out;
    }

    /** Checks one config map; builds messages and looks up locations only for what it reports. */
    private static void check(Config config, Topic t, String stage, Map<String, String> configs,
                              List<Violation> out) {
        if (configs.isEmpty()) return;
        for (Map.Entry<String, String> e : configs.entrySet()) {
            String key = e.getKey();
            if (config.allowed() != null && !config.allowed().contains(key)) {
                out.add(new Violation(subject(t, stage) + " sets config " + key + ", which the platform does not allow",
                        at(t, stage, key), config.allowed().isEmpty()
                                ? "remove it: the platform allows no topic configs"
                                : "remove it; allowed topic configs: " + Texts.join(config.allowed())));
                continue;
            }
            ValueRule rule = config.values().get(key);
            if (rule == null) continue;
            String value = e.getValue() == null ? "" : e.getValue().trim();
            if (rule instanceof OneOf oneOf) {
                String normalized;
                try {
                    normalized = Units.normalizeConfigValue(key, value);
                } catch (IllegalArgumentException ex) {
                    normalized = value;
                }
                if (!oneOf.normalized().contains(normalized)) {
                    out.add(new Violation(subject(t, stage) + ": " + key + " is '" + value + "', not one of "
                            + Texts.join(oneOf.written()), at(t, stage, key),
                            "use one of " + Texts.join(oneOf.written())));
                }
            } else if (rule instanceof Range range) {
                checkRange(t, stage, key, value, range, out);
            }
        }
    }

    /** Where a config key of the topic, or of its override for a stage, was written. */
    static Location at(Topic t, String stage, String key) {
        return t.origin().at(stage == null ? "config." + key : "overrides." + stage + ".config." + key);
    }

    private static String subject(Topic t, String stage) {
        return "topic '" + t.name() + "'" + (stage == null ? "" : " on stage " + stage);
    }

    private static void checkRange(Topic t, String stage, String key, String value, Range range,
                                   List<Violation> out) {
        Kind kind = range.kind();
        BigDecimal v;
        try {
            v = kind.parse(value);
        } catch (RuntimeException e) {
            String subject = subject(t, stage);
            Location location = at(t, stage, key);
            out.add(new Violation(subject + ": " + key + " is '" + value + "', not " + kind.noun()
                    + ", so its limits cannot be checked", location, "write " + key + " as " + kind.noun()));
            return;
        }
        // local.retention.* = -2 means "same as retention.*", which this policy checks under its own key
        if (key.startsWith("local.retention.") && v.compareTo(MINUS_TWO) == 0) return;
        if (kind.hasUnlimited() && v.compareTo(BigDecimal.ONE.negate()) == 0) {
            if (range.max() != null) {
                String subject = subject(t, stage);
                Location location = at(t, stage, key);
                out.add(new Violation(subject + ": " + key + " is -1 (unlimited), above the maximum " + range.maxText(),
                        location, "set " + key + " to at most " + range.maxText()));
            }
            return;
        }
        boolean below = range.min() != null && v.compareTo(range.min()) < 0;
        boolean above = !below && range.max() != null && v.compareTo(range.max()) > 0;
        if (!below && !above) return;
        String subject = subject(t, stage);
        Location location = at(t, stage, key);
        String shown = shown(kind, value, v);
        if (below) {
            out.add(new Violation(subject + ": " + key + " is " + shown + ", below the minimum " + range.minText(),
                    location, "set " + key + " to at least " + range.minText()));
        } else {
            out.add(new Violation(subject + ": " + key + " is " + shown + ", above the maximum " + range.maxText(),
                    location, "set " + key + " to at most " + range.maxText()));
        }
    }

    /** The value as stored, with its human form when that differs ({@code 7776000000 (90d)}). */
    private static String shown(Kind kind, String value, BigDecimal v) {
        String human;
        try {
            human = kind.format(v);
        } catch (ArithmeticException e) {
            human = value;
        }
        return human.equals(value) ? value : value + " (" + human + ")";
    }
}
