/**
 * The saved-plan file format: {@code plan.json} and {@code plan.md} written atomically, read back by
 * {@code kafka:deploy -Dkafka.plan=...} and checked against the state fingerprint. The JSON layout is public and
 * stable. Depends on {@code engine.plan} and Jackson only.
 */
package io.kafkaops.engine.plan.file;
