/**
 * A real single-node Apache Kafka broker (KRaft, SASL/SCRAM, {@code StandardAuthorizer}) run in a child JVM from
 * Maven Central jars, without Docker, and a multi-broker cluster of such JVMs
 * ({@link io.kafkaops.engine.local.KafkaCluster}) for what needs replication; {@code kafka:run} and the local stage
 * use it. Nothing in this package may import Kafka server classes: the plugin itself only has kafka-clients, and the
 * server jars are handed over as the broker's classpath. Depends on kafka-clients and the JDK only, nothing of the
 * engine.
 */
package io.kafkaops.engine.local;
