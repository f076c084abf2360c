/**
 * The platform definition the platform team maintains: clusters, stages, teams and their prefixes,
 * credential-store settings and the policy configuration. Immutable records; depends on {@code io.kafkaops.model}
 * only.
 */
package io.kafkaops.model.platform;
