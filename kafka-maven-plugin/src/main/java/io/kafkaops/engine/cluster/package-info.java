/**
 * The engine's ports to a cluster: how to connect ({@link io.kafkaops.engine.cluster.ClusterConnection}),
 * a session that reads current state and applies plans ({@link io.kafkaops.engine.cluster.ClusterSession}), the
 * factory of sessions and the one exception type for cluster failures. Interfaces and records only; depends on the
 * engine's concept packages, never on a Kafka client class. The Apache Kafka implementation is
 * {@code engine.cluster.admin}.
 */
package io.kafkaops.engine.cluster;
