/**
 * The goal-facing edit API behind {@code kafka:add-topic}, {@code kafka:grant} and the other entity goals:
 * parameters in ({@link io.kafkaops.engine.edit.EditParameters}), an {@link io.kafkaops.engine.edit.EntityEdit} per
 * kind, file changes with a unified diff out, validated before anything is written. Depends on
 * {@code engine.edit.yaml} for the text surgery, {@code engine.validate}, the engine's {@code PlatformNotFoundException}, kafka-model and kafka-policy (its
 * suggestions).
 */
package io.kafkaops.engine.edit;
