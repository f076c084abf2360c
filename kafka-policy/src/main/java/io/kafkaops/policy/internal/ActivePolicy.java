package io.kafkaops.policy.internal;

import io.kafkaops.model.Location;
import io.kafkaops.model.platform.PolicyLevel;
import io.kafkaops.policy.Policy;
import io.kafkaops.policy.PolicyParams;

/**
 * A policy that will run, with the level and parameters the platform definition gives it.
 *
 * @param location where the platform definition configures it, or the definition itself for a policy that runs by
 *                 default
 */
public record ActivePolicy(Policy policy, PolicyLevel level, PolicyParams params, Location location) {

    public String id() {
        return policy.id();
    }

    /** {@code topicNaming ERROR {pattern=...}}: what runs and how, for debug output. */
    @Override
    public String toString() {
        return policy.id() + " " + level + " " + params.asMap();
    }
}
