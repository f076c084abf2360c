/**
 * The engine's adapter to Apache Kafka: reads a stage's current state with a constant number of batched Admin calls,
 * applies plans in dependency order with batched and chunked calls, and keeps the ownership records in a compacted
 * topic on the cluster itself. Everything above it (resolving, planning, rendering) is plain Java that never talks to
 * a cluster. Implements the ports of {@code engine.cluster} with kafka-clients and may depend on every engine concept
 * package; only {@code io.kafkaops.engine.ClusterWiring} outside it may name it (checked by {@code ArchitectureTest}).
 */
package io.kafkaops.engine.cluster.admin;
