/**
 * The desired state of one stage: the repository's model resolved for a stage
 * ({@link io.kafkaops.engine.desired.StageResolver}) into prefixed topics, principals and ACLs with their canonical
 * specs. Depends on kafka-model and Jackson annotations only; no Kafka client class and no cluster adapter (checked by
 * {@code ArchitectureTest}).
 */
package io.kafkaops.engine.desired;
