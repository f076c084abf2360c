/**
 * A real single-node Apache Kafka broker (KRaft, SASL/SCRAM, {@code StandardAuthorizer}) run in a child JVM from
 * Maven Central jars, without Docker, with its settings ({@code BrokerSettings}) and configuration files; {@code
 * kafka:run} and the local stage use it, and the tests build a multi-broker cluster of such nodes on it. Nothing in this package may import Kafka server classes: the plugin itself only has kafka-clients, and the
 * server jars are handed over as the broker's classpath. Depends on kafka-clients and the JDK only, nothing of the
 * engine.
 */
package io.kafkaops.engine.local;
