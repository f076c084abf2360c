package io.kafkaops.engine.desired;

import io.kafkaops.model.Origin;
import io.kafkaops.model.Visibility;
import java.util.List;
import java.util.Map;

/**
 * A topic as it must exist on one stage: physical name (stage prefix applied), overrides applied, defaults filled.
 *
 * @param config only the configs the repo sets; others are left to the broker's defaults
 */
public record DesiredTopic(
        String name,
        String logicalName,
        int partitions,
        int replicationFactor,
        Map<String, String> config,
        boolean protectedTopic,
        Visibility visibility,
        List<String> sharedWith,
        Origin origin) {

    public DesiredTopic {
        config = Map.copyOf(config);
        sharedWith = sharedWith == null ? List.of() : List.copyOf(sharedWith);
    }
}
