package io.kafkaops.policy.internal.builtin;

import io.kafkaops.model.KafkaNames;
import io.kafkaops.model.Suggestions;
import io.kafkaops.model.Topic;
import io.kafkaops.model.TopicOverride;
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
 * the deploy, and every value of a Kafka topic config has the type and range Kafka accepts
 * ({@code min.insync.replicas: two} or {@code -3} fails here, not at deploy time on a shared stage). Parameter
 * {@code additionalKeys} admits keys of other distributions (e.g. {@code confluent.*}); their values are not checked.
 */
public final class TopicConfigKeysPolicy extends BuiltInPolicy<Set<String>> {

    public static final String ID = "topicConfigKeys";

    /**
     * The topic configs Kafka 4.1 accepts: {@code org.apache.kafka.storage.internals.log.LogConfig.configNames()} of
     * kafka-storage 4.1.1, i.e. {@code org.apache.kafka.common.config.TopicConfig} plus the broker-side topic configs
     * ({@code leader/follower.replication.throttled.replicas}); see {@link KafkaTopicConfigs}.
     */
    public static final Set<String> KAFKA_TOPIC_CONFIGS = Set.copyOf(KafkaTopicConfigs.DEFS.keySet());

    public TopicConfigKeysPolicy() {
        super(ID, true, "additionalKeys",
                "Every topic config key (also in per-stage overrides) is a Kafka 4.1 topic config, or listed in "
                + "parameter 'additionalKeys', and Kafka's topic configs have values of Kafka's type and range.");
    }

    @Override
    Set<String> config(PolicyParams params) {
        ParamRules.onlyKnown(params, "additionalKeys");
        Set<String> known = new HashSet<>(KAFKA_TOPIC_CONFIGS);
        known.addAll(ParamRules.strings(ID, "additionalKeys", params.raw("additionalKeys")));
        return known;
    }

    @Override
    List<Violation> violations(PolicyContext context, Set<String> known) {
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
        for (Map.Entry<String, String> e : configs.entrySet()) {
            String key = e.getKey();
            String problem = KafkaTopicConfigs.problem(key, e.getValue());
            if (problem != null) {
                KafkaTopicConfigs.Def def = KafkaTopicConfigs.DEFS.get(key);
                out.add(new Violation("topic '" + t.name() + "'" + (stage == null ? "" : " on stage " + stage)
                        + " sets " + key + " to '" + KafkaNames.shown(e.getValue()) + "', but it "
                        + problem, TopicConfigPolicy.at(t, stage, key),
                        "Kafka's type for " + key + " is " + def.type()
                                + (def.validator() == null ? "" : ", valid values " + def.validator())));
            }
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
}
