package io.kafkaops.engine.state;

import io.kafkaops.engine.plan.Planner;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A topic as the cluster has it.
 *
 * @param dynamicConfigs the configs set on the topic itself (source DYNAMIC_TOPIC_CONFIG); the rest are defaults
 * @param effective      the value in force for the configs the safety rules look at ({@link Planner#SAFETY_KEYS}),
 *                       whatever its source; keys may be missing when unknown
 * @param defaults       the value the safety configs fall back to when the topic's own value is removed
 * @param replicas       broker ids of each partition's replicas, preferred leader first
 */
public record CurrentTopic(
        String name,
        int partitions,
        int replicationFactor,
        Map<String, String> dynamicConfigs,
        Map<String, String> effective,
        Map<String, String> defaults,
        List<List<Integer>> replicas) {

    public CurrentTopic {
        dynamicConfigs = java.util.Collections.unmodifiableMap(new TreeMap<>(dynamicConfigs));
        effective = effective == null ? Map.of() : Map.copyOf(effective);
        defaults = defaults == null ? Map.of() : Map.copyOf(defaults);
        replicas = replicas == null ? List.of() : replicas.stream().map(List::copyOf).toList();
    }

    public static CurrentTopic of(String name, int partitions, int replicationFactor, Map<String, String> configs) {
        return new CurrentTopic(name, partitions, replicationFactor, configs, Map.of(), Map.of(), List.of());
    }

    public String canonical() {
        return "partitions=" + partitions + ";rf=" + replicationFactors() + ";config=" + dynamicConfigs;
    }

    /** The replication factor, or {@code fewest..most} when the partitions differ (a change that did not finish). */
    public String replicationFactors() {
        int fewest = replicas.stream().mapToInt(List::size).min().orElse(replicationFactor);
        int most = replicas.stream().mapToInt(List::size).max().orElse(replicationFactor);
        return fewest == most && fewest == replicationFactor ? Integer.toString(replicationFactor)
                : fewest == most ? Integer.toString(fewest) : fewest + ".." + most;
    }
}
