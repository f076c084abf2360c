package io.kafkaops.engine.cluster.admin;

import java.util.Map;

/**
 * What every Kafka client of a session leaves out, because a goal's clients live for seconds: the JMX metrics reporter
 * (Kafka 4 registers each of a client's hundred-odd metrics as an MBean) and the push of client metrics to the broker
 * (KIP-714: a consumer or producer asks the broker for a telemetry subscription on its first connection, loading the
 * protobuf classes it needs). Set only where the cluster's {@code properties} in the platform definition do not set
 * them, so a platform team can still turn either on.
 */
final class ClientSettings {

    static final String METRIC_REPORTERS = "metric.reporters";
    static final String METRICS_PUSH = "enable.metrics.push";

    private ClientSettings() {
    }

    /** The properties with the two settings added where absent; returns the same map. */
    static <M extends Map<? super String, ? super String>> M lean(M properties) {
        properties.putIfAbsent(METRIC_REPORTERS, "");
        properties.putIfAbsent(METRICS_PUSH, "false");
        return properties;
    }
}
