/**
 * The plan: the pure {@link io.kafkaops.engine.plan.Planner} compares desired and current state into
 * {@link io.kafkaops.engine.plan.PlannedChange}s with field-level differences, applies the safety rules, renders them
 * for console and Markdown, and fingerprints the state it was made from. Depends on {@code EngineOptions}, {@code engine.desired},
 * {@code engine.state}, {@code engine.ownership}, {@code engine.store}'s interface and kafka-model; never on a Kafka
 * client class nor on {@code engine.cluster.admin} (checked by {@code ArchitectureTest}).
 */
package io.kafkaops.engine.plan;
