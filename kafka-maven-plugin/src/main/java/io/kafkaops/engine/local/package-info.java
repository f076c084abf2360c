/**
 * A real single-node Apache Kafka broker (KRaft, SASL/SCRAM, {@code StandardAuthorizer}) run in a child JVM from
 * Maven Central jars, without Docker, and a multi-broker cluster of such JVMs ({@link
 * io.kafkaops.engine.local.KafkaCluster}) for what needs replication. Tests use it today; the plugin's {@code embedded} local stage will use it by
 * resolving the Kafka server jars through Maven and handing them over as the broker classpath. That is why nothing in
 * this package may import Kafka server classes: the plugin itself only has kafka-clients.
 */
package io.kafkaops.engine.local;
