/**
 * The current state of a stage as read from a cluster ({@link io.kafkaops.engine.state.ClusterState}) and
 * what a read covers ({@link io.kafkaops.engine.state.ReadScope}). Plain records filled by an adapter; may depend on
 * {@code engine.desired}, {@code engine.ownership} and {@code engine.plan}'s vocabulary, never on a Kafka client
 * class or on {@code engine.cluster.admin} (checked by {@code ArchitectureTest}).
 */
package io.kafkaops.engine.state;
