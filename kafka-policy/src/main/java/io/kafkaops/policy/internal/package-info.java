/**
 * The policy engine behind the {@code io.kafkaops.policy} API: finds the built-in and the
 * {@link java.util.ServiceLoader}-registered policies, activates them with the levels and parameters of the platform
 * definition, runs them and turns their violations into diagnostics; also the "did you mean" suggestions. Not an API:
 * its types may change in any release. Depends on kafka-model and the policy API.
 */
package io.kafkaops.policy.internal;
