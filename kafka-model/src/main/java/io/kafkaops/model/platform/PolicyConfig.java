package io.kafkaops.model.platform;

import io.kafkaops.model.Location;
import java.util.Map;

/**
 * A policy the platform team switched on or tuned.
 *
 * @param rule   the policy id, lowerCamel ({@code topicNaming})
 * @param level  {@code ERROR}, {@code WARN} or {@code OFF}
 * @param params the policy's parameters as written (strings, numbers, lists, maps)
 */
public record PolicyConfig(String rule, PolicyLevel level, Map<String, Object> params, Location location) {

    public PolicyConfig {
        level = level == null ? PolicyLevel.ERROR : level;
        params = params == null ? Map.of() : Map.copyOf(params);
    }
}
