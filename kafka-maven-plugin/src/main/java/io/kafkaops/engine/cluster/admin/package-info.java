/**
 * The engine's adapter to Apache Kafka: reads a stage's current state with a constant number of batched Admin calls,
 * applies plans in dependency order with batched and chunked calls, and keeps the ownership records in a compacted
 * topic on the cluster itself. The apply side is split by kind: {@code AdminClusterExecutor} keeps the order and
 * hands each kind to its part ({@code OwnershipWrites}, {@code TopicChanges} with {@code TopicReassignments} and
 * {@code TopicReadiness}, {@code AclChanges}, and the SCRAM implementation of the credential seam,
 * {@code ScramCredentialChanges} with {@code ScramRotation}); they share {@code AdminFutures} for waiting on calls and
 * {@code engine.apply.ApplyResults} for results. Everything above it (resolving, planning, rendering) is plain Java
 * that never talks to a cluster. Implements the ports of {@code engine.cluster} with kafka-clients and may depend on
 * every engine concept package; only {@code io.kafkaops.engine.ClusterWiring} outside it may name it (checked by
 * {@code ArchitectureTest}).
 */
package io.kafkaops.engine.cluster.admin;
