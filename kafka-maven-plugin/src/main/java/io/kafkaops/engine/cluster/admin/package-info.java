/**
 * The engine's adapter to Apache Kafka: reads a stage's current state with a constant number of batched Admin calls,
 * applies plans in dependency order with batched and chunked calls, and keeps the ownership records in a compacted
 * topic on the cluster itself. Everything above it (resolving, planning, rendering) is plain Java that never talks to
 * a cluster.
 */
package io.kafkaops.engine.cluster.admin;
