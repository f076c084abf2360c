package io.kafkaops.policy.internal.builtin;

import io.kafkaops.model.Suggestions;
import io.kafkaops.model.Topic;
import io.kafkaops.model.TopicOverride;
import io.kafkaops.policy.Policy;
import io.kafkaops.policy.PolicyContext;
import io.kafkaops.policy.PolicyParams;
import io.kafkaops.policy.Violation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every topic config key is one Kafka knows, so a typo ({@code retention.msx}) is caught offline instead of failing
 * the deploy. Parameter {@code additionalKeys} admits keys of other distributions (e.g. {@code confluent.*}).
 */
public final class TopicConfigKeysPolicy implements Policy {

    public static final String ID = "topicConfigKeys";

    /**
     * The topic configs Kafka 4.1 accepts: {@code org.apache.kafka.storage.internals.log.LogConfig.configNames()} of
     * kafka-storage 4.1.1, i.e. {@code org.apache.kafka.common.config.TopicConfig} plus the broker-side topic configs
     * ({@code leader/follower.replication.throttled.replicas}). Left out on purpose: {@code internal.segment.bytes}
     * (a test-only internal) and {@code message.downconversion.enable} (still a TopicConfig constant, but removed
     * from the broker in 4.0, which rejects it).
     */
    public static final Set<String> KAFKA_TOPIC_CONFIGS = Set.of(
            "cleanup.policy",
            "compression.gzip.level",
            "compression.lz4.level",
            "compression.type",
            "compression.zstd.level",
            "delete.retention.ms",
            "file.delete.delay.ms",
            "flush.messages",
            "flush.ms",
            "follower.replication.throttled.replicas",
            "index.interval.bytes",
            "leader.replication.throttled.replicas",
            "local.retention.bytes",
            "local.retention.ms",
            "max.compaction.lag.ms",
            "max.message.bytes",
            "message.timestamp.after.max.ms",
            "message.timestamp.before.max.ms",
            "message.timestamp.type",
            "min.cleanable.dirty.ratio",
            "min.compaction.lag.ms",
            "min.insync.replicas",
            "preallocate",
            "remote.log.copy.disable",
            "remote.log.delete.on.disable",
            "remote.storage.enable",
            "retention.bytes",
            "retention.ms",
            "segment.bytes",
            "segment.index.bytes",
            "segment.jitter.ms",
            "segment.ms",
            "unclean.leader.election.enable");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Every topic config key (also in per-stage overrides) is a Kafka 4.1 topic config, or listed in "
                + "parameter 'additionalKeys'.";
    }

    @Override
    public boolean enabledByDefault() {
        return true;
    }

    Set<String> knownKeys(PolicyParams params) {
        ParamRules.onlyKnown(params, "additionalKeys");
        Set<String> known = new HashSet<>(KAFKA_TOPIC_CONFIGS);
        known.addAll(ParamRules.strings(ID, "additionalKeys", params.raw("additionalKeys")));
        return known;
    }

    @Override
    public void checkParams(PolicyParams params) {
        knownKeys(params);
    }

    @Override
    public List<Violation> evaluate(PolicyContext context, PolicyParams params) {
        Set<String> known = knownKeys(params);
        List<Violation> out = new ArrayList<>();
        List<Violation> found = new ArrayList<>();
        for (Topic t : context.model().topics()) {
            check(t, null, t.config(), known, found);
            for (Map.Entry<String, TopicOverride> o : t.overrides().entrySet()) {
                if (o.getValue() != null) check(t, o.getKey(), o.getValue().config(), known, found);
            }
            // maps have no order; the file does
            if (found.size() > 1) found.sort(Comparator.comparing(Violation::location));
            out.addAll(found);
            found.clear();
        }
        return out;
    }

    private static void check(Topic t, String stage, Map<String, String> configs, Set<String> known,
                              List<Violation> out) {
        for (String key : configs.keySet()) {
            if (known.contains(key)) continue;
            String suggestion = Suggestions.didYouMean(key, known);
            out.add(new Violation(
                    "topic '" + t.name() + "'" + (stage == null ? "" : " on stage " + stage) + " sets " + key
                            + ", which is not a Kafka topic config",
                    TopicConfigPolicy.at(t, stage, key),
                    suggestion != null ? suggestion
                            : "see https://kafka.apache.org/documentation/#topicconfigs for the topic configs"));
        }
    }

    @Override
    public String toString() {
        return ID + "(additionalKeys; on by default)";
    }
}
