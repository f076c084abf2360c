package io.kafkaops.policy;

import java.util.List;

/**
 * A rule the desired state must follow. Implementations are stateless and have a public no-argument constructor:
 * built-in ones are listed in {@code io.kafkaops.policy.internal.BuiltInPolicies}; custom ones are found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.kafkaops.policy.Policy}) in a jar added to the plugin's dependencies.
 *
 * <p>A policy returns what it found; it never throws for a violation. The engine turns each {@link Violation} into a
 * diagnostic with the level the platform definition sets for the policy.
 */
public interface Policy {

    /** The rule id used in the platform definition and in messages, lowerCamel ({@code topicNaming}). */
    String id();

    /** One line on what the policy checks, for the README and {@code kafka:help}. */
    String description();

    /**
     * Whether the policy runs when the platform definition does not mention it. Structural checks (duplicates,
     * references, stage order, team namespace) do; checks that need parameters (naming patterns) do not.
     */
    default boolean enabledByDefault() {
        return false;
    }

    /**
     * Checks the parameters before any evaluation.
     *
     * @throws PolicyConfigurationException when a parameter is missing or malformed
     */
    default void checkParams(PolicyParams params) {
    }

    /** Everything wrong with the desired state according to this policy. */
    List<Violation> evaluate(PolicyContext context, PolicyParams params);
}
