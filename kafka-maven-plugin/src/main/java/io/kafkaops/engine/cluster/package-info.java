/**
 * The engine's ports to a cluster: how to connect ({@link io.kafkaops.engine.cluster.ClusterConnection}) and sign in
 * (the one {@code sasl.jaas.config} builder, {@link io.kafkaops.engine.cluster.SaslJaas}), a session that reads
 * current state ({@link io.kafkaops.engine.cluster.TopicsOfInterest} says which topics to describe) and applies plans
 * ({@link io.kafkaops.engine.cluster.ClusterSession}), the factory of sessions and the one exception type for cluster
 * failures. Depends on the engine's concept packages, never on a Kafka client class. The Apache Kafka implementation
 * is {@code engine.cluster.admin}.
 */
package io.kafkaops.engine.cluster;
