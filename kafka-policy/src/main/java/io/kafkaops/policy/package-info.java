/**
 * The extension API for policies: the only package of kafka-policy a custom policy may use.
 *
 * <p>A policy implements {@link io.kafkaops.policy.Policy}: it is stateless, has a public no-argument constructor
 * and a lowerCamel {@link io.kafkaops.policy.Policy#id() id} that is not the id of a built-in policy. It gets a
 * {@link io.kafkaops.policy.PolicyContext} (the repository's merged model, the platform definition, the
 * repository's team and, at plan time, {@link io.kafkaops.policy.KnownTopic}s owned by other repositories) and the
 * parameters the platform definition gives it ({@link io.kafkaops.policy.PolicyParams}), and returns the list of
 * {@link io.kafkaops.policy.Violation}s it found, each with a message, a location and an optional hint. It never
 * throws for a finding: only a broken configuration (a missing or malformed parameter) throws, as
 * {@link io.kafkaops.policy.PolicyConfigurationException}, from {@code checkParams} (run before any evaluation) or
 * from {@code evaluate}. Any other exception is reported as a failure of the policy, not of the user's files.
 *
 * <p>The platform definition sets each policy's level: {@code ERROR} (the default when listed), {@code WARN} or
 * {@code OFF}; a policy that is not listed runs at {@code ERROR} only when it is
 * {@link io.kafkaops.policy.Policy#enabledByDefault() enabled by default}. The level decides the severity of the
 * resulting diagnostics; the policy does not.
 *
 * <p>A custom policy is registered with {@link java.util.ServiceLoader}: its class name on a line of
 * {@code META-INF/services/io.kafkaops.policy.Policy} in a jar added to the plugin's dependencies, built against
 * {@code io.kafkaops:kafka-policy} in scope {@code provided}. The names in this package are stable; everything under
 * {@code io.kafkaops.policy.internal} is not an API. Depends on kafka-model only.
 */
package io.kafkaops.policy;
