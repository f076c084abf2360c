/**
 * Validation of a repository: load the platform definition and the entity files, run the policies, and
 * report every problem at once as diagnostics, as console lines or as SARIF
 * ({@link io.kafkaops.engine.validate.SarifWriter}). Depends on kafka-model, kafka-policy (API and engine) and the engine's {@code PlatformNotFoundException}; no
 * cluster access.
 */
package io.kafkaops.engine.validate;
