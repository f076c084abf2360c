package io.kafkaops.engine.debug.tools;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The client settings the tools share: the account's settings, bounded by the timeout, no client-side retries forever. */
final class Clients {

    static final String CLIENT_ID = "kafka-maven-plugin-tools";

    private Clients() {
    }

    static Map<String, Object> settings(ToolCredentials.Access access, Duration timeout) {
        Map<String, Object> props = new HashMap<>(access.settings());
        String ms = String.valueOf(Math.max(1000, timeout.toMillis()));
        props.put("client.id", CLIENT_ID);
        props.put("request.timeout.ms", ms);
        props.put("default.api.timeout.ms", ms);
        return props;
    }

    /** {@code 30 s (kafka.timeout)}: how messages name the bound that was hit. */
    static String describe(Duration timeout) {
        return timeout.toSeconds() + " s (kafka.timeout)";
    }
}
