package io.kafkaops.policy.internal.builtin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The topic configs Kafka 4.1 accepts, with their types and valid values, copied from Kafka's own definition:
 * {@code org.apache.kafka.storage.internals.log.LogConfig.configKeys()} of kafka-storage 4.1.1, each validator as
 * its {@code toString()}. kafka-storage is a broker jar (it pulls in kafka-server-common, kafka-metadata, ...), so the
 * policies do not depend on it at run time; a test (with kafka-storage on the test class path only) keeps this table
 * equal to Kafka's and checks that both accept and refuse the same values. Left out on purpose:
 * {@code internal.segment.bytes} (a test-only internal) and {@code message.downconversion.enable} (still a
 * TopicConfig constant, but removed from the broker in 4.0, which rejects it).
 */
final class KafkaTopicConfigs {

    /** Kafka's {@code ConfigDef.Type} names used by topic configs. */
    enum Type { BOOLEAN, INT, LONG, DOUBLE, STRING, LIST }

    /** One config: its type and its validator as Kafka prints it (null: any value of the type). */
    record Def(String name, Type type, String validator) {
    }

    // compiled once: every config value of every topic is checked (String.split with a regex compiles it per call)
    private static final Pattern LIST_SEPARATOR = Pattern.compile("\\s*,\\s*");
    private static final Pattern REPLICA_PAIR = Pattern.compile("([0-9]+:[0-9]+)?");
    private static final Pattern RANGE_SEPARATOR = Pattern.compile(",\\.\\.\\.,?");
    private static final Pattern CHOICE_SEPARATOR = Pattern.compile(", ", Pattern.LITERAL);

    static final String THROTTLED_REPLICAS = "[partitionId]:[brokerId],[partitionId]:[brokerId],...";

    static final Map<String, Def> DEFS = defs(
            new Def("cleanup.policy", Type.LIST, "[compact, delete]"),
            new Def("compression.gzip.level", Type.INT, "[1,...,9] or -1"),
            new Def("compression.lz4.level", Type.INT, "[1,...,17]"),
            new Def("compression.type", Type.STRING, "[uncompressed, zstd, lz4, snappy, gzip, producer]"),
            new Def("compression.zstd.level", Type.INT, "[-131072,...,22]"),
            new Def("delete.retention.ms", Type.LONG, "[0,...]"),
            new Def("file.delete.delay.ms", Type.LONG, "[0,...]"),
            new Def("flush.messages", Type.LONG, "[1,...]"),
            new Def("flush.ms", Type.LONG, "[0,...]"),
            new Def("follower.replication.throttled.replicas", Type.LIST, THROTTLED_REPLICAS),
            new Def("index.interval.bytes", Type.INT, "[0,...]"),
            new Def("leader.replication.throttled.replicas", Type.LIST, THROTTLED_REPLICAS),
            new Def("local.retention.bytes", Type.LONG, "[-2,...]"),
            new Def("local.retention.ms", Type.LONG, "[-2,...]"),
            new Def("max.compaction.lag.ms", Type.LONG, "[1,...]"),
            new Def("max.message.bytes", Type.INT, "[0,...]"),
            new Def("message.timestamp.after.max.ms", Type.LONG, "[0,...]"),
            new Def("message.timestamp.before.max.ms", Type.LONG, "[0,...]"),
            new Def("message.timestamp.type", Type.STRING, "[CreateTime, LogAppendTime]"),
            new Def("min.cleanable.dirty.ratio", Type.DOUBLE, "[0,...,1]"),
            new Def("min.compaction.lag.ms", Type.LONG, "[0,...]"),
            new Def("min.insync.replicas", Type.INT, "[1,...]"),
            new Def("preallocate", Type.BOOLEAN, null),
            new Def("remote.log.copy.disable", Type.BOOLEAN, null),
            new Def("remote.log.delete.on.disable", Type.BOOLEAN, null),
            new Def("remote.storage.enable", Type.BOOLEAN, null),
            new Def("retention.bytes", Type.LONG, null),
            new Def("retention.ms", Type.LONG, "[-1,...]"),
            new Def("segment.bytes", Type.INT, "[1048576,...]"),
            new Def("segment.index.bytes", Type.INT, "[4,...]"),
            new Def("segment.jitter.ms", Type.LONG, "[0,...]"),
            new Def("segment.ms", Type.LONG, "[1,...]"),
            new Def("unclean.leader.election.enable", Type.BOOLEAN, null));

    private KafkaTopicConfigs() {
    }

    private static Map<String, Def> defs(Def... defs) {
        Map<String, Def> out = new LinkedHashMap<>();
        for (Def d : defs) out.put(d.name(), d);
        return Collections.unmodifiableMap(out);
    }

    /**
     * Why Kafka refuses this value of a known config, or null when it accepts it (or the config is not Kafka's). Reads
     * the value the way Kafka's {@code ConfigDef.parseType} does, then applies the validator.
     */
    static String problem(String key, String value) {
        Def def = DEFS.get(key);
        if (def == null || value == null) return null;
        String v = value.trim();
        Object parsed;
        switch (def.type()) {
            case BOOLEAN -> {
                if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) return "must be true or false";
                return null;
            }
            case INT -> {
                try {
                    parsed = (double) Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    return wholeNumber(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
                }
            }
            case LONG -> {
                try {
                    parsed = (double) Long.parseLong(v);
                } catch (NumberFormatException e) {
                    return wholeNumber(v, Long.MIN_VALUE, Long.MAX_VALUE);
                }
            }
            case DOUBLE -> {
                try {
                    parsed = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    return "must be a number";
                }
            }
            case LIST -> parsed = v.isEmpty() ? List.of() : Arrays.asList(LIST_SEPARATOR.split(v, -1));
            default -> parsed = v;
        }
        return def.validator() == null ? null : validate(def.validator(), parsed);
    }

    private static String wholeNumber(String v, long min, long max) {
        try {
            new java.math.BigInteger(v);
            return "must be a whole number from " + min + " to " + max;
        } catch (NumberFormatException e) {
            return "must be a whole number";
        }
    }

    @SuppressWarnings("unchecked")
    private static String validate(String validator, Object parsed) {
        if (validator.equals(THROTTLED_REPLICAS)) {
            List<String> items = ((List<String>) parsed).stream().map(String::trim).toList();
            if (String.join("", items).equals("*") || items.stream().allMatch(s -> REPLICA_PAIR.matcher(s).matches())) {
                return null;
            }
            return "must be * or a list of partition:broker pairs such as 0:101,1:102";
        }
        int or = validator.indexOf("] or ");
        if (or > 0) {
            // a range plus one more allowed value, e.g. "[1,...,9] or -1"
            double extra = Double.parseDouble(validator.substring(or + "] or ".length()));
            if (parsed instanceof Double d && d == extra) return null;
            String p = validate(validator.substring(0, or + 1), parsed);
            return p == null ? null : p + " (or " + validator.substring(or + "] or ".length()) + ")";
        }
        String inner = validator.substring(1, validator.length() - 1);
        if (inner.contains(",...")) {
            String[] bounds = RANGE_SEPARATOR.split(inner, -1);
            double value = (Double) parsed;
            boolean hasMax = bounds.length > 1 && !bounds[1].isEmpty();
            double min = Double.parseDouble(bounds[0]);
            if (hasMax) {
                double max = Double.parseDouble(bounds[1]);
                return value < min || value > max ? "must be from " + bounds[0] + " to " + bounds[1] : null;
            }
            return value < min ? "must be at least " + bounds[0] : null;
        }
        List<String> allowed = List.of(CHOICE_SEPARATOR.split(inner));
        if (parsed instanceof List<?> list) {
            List<String> bad = new ArrayList<>();
            for (Object o : list) {
                if (!allowed.contains(o.toString())) bad.add("'" + o + "'");
            }
            return bad.isEmpty() ? null
                    : "has " + String.join(", ", bad) + "; each value must be one of " + String.join(", ", allowed);
        }
        return allowed.contains(parsed.toString()) ? null : "must be one of " + String.join(", ", allowed);
    }
}
