package io.kafkaops.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterConnectionTest {

    @Test
    void toStringMasksSecrets() {
        ClusterConnection c = new ClusterConnection("test", "kafka:9093", Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"ops-user\" password=\"s3cr3t-value\";",
                "ssl.truststore.password", "trust-me"));

        assertThat(c.toString())
                .contains("stage=test", "kafka:9093", "security.protocol=SASL_SSL", "sasl.jaas.config=***",
                        "ssl.truststore.password=***")
                .doesNotContain("s3cr3t-value", "trust-me", "ops-user");
        assertThat(c.clientProperties()).containsEntry("bootstrap.servers", "kafka:9093");
    }

    @Test
    void exceptionMessagesNeverCarryAJaasPassword() {
        ClusterException e = new ClusterException("failed with sasl.jaas.config=x required username=\"a\""
                + " password=\"hunter2\"; and password=plain");
        assertThat(e.getMessage()).doesNotContain("hunter2", "plain").contains("password=***");
    }
}
