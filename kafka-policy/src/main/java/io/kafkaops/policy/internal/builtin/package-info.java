/**
 * The policies that ship with the plugin, one small stateless class each, registered in
 * {@link io.kafkaops.policy.internal.BuiltInPolicies}. Each reads its parameters into a small config once per evaluation
 * (regexes compiled once), indexes the model in hash maps, and walks every entity a bounded number of times, so
 * tens of thousands of topics and grants validate in milliseconds. Depends on the policy API, {@code policy.internal} and
 * kafka-model.
 */
package io.kafkaops.policy.internal.builtin;
