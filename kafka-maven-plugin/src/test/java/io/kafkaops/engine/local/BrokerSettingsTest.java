package io.kafkaops.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerSettingsTest {

    @Test
    void toStringLeavesTheAdminPasswordAndPropertyValuesOut() {
        BrokerSettings settings = new BrokerSettings(List.of(Path.of("kafka.jar")), Path.of("data"), "admin",
                "s3cret-Pass.word", Duration.ofSeconds(5), "256m", "warn", Path.of("/jdk"),
                Map.of("ssl.key.password", "also-s3cret"));

        assertThat(settings.toString())
                .contains("adminUser=admin", "adminPassword=***", "ssl.key.password")
                .doesNotContain("s3cret");
    }

    @Test
    void furtherListenersAreBoundAdvertisedAndMappedOnLoopback() {
        BrokerSettings settings = new BrokerSettings(List.of(Path.of("kafka.jar")), Path.of("data"), "admin",
                "pw", Duration.ofSeconds(5), "256m", "warn", Path.of("/jdk"),
                Map.of("listener.name.ccloud.sasl.enabled.mechanisms", "PLAIN"));
        BrokerConfig.Node node = new BrokerConfig.Node(1, BrokerConfig.HOST, 9092, 9093, null,
                List.of(new BrokerConfig.Listener("CCLOUD", "SASL_SSL", 9094)));

        Map<String, String> p = BrokerConfig.serverProperties(settings, new ScramCredentials("admin", "pw"), node,
                Path.of("logs"));

        assertThat(p.get("listeners")).isEqualTo("CLIENT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093,"
                + "CCLOUD://127.0.0.1:9094");
        assertThat(p.get("advertised.listeners")).isEqualTo("CLIENT://127.0.0.1:9092,CCLOUD://127.0.0.1:9094");
        assertThat(p.get("listener.security.protocol.map"))
                .isEqualTo("CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT,CCLOUD:SASL_SSL");
        assertThat(p.get("inter.broker.listener.name")).isEqualTo("CLIENT");
        assertThat(p.get("listener.name.ccloud.sasl.enabled.mechanisms")).isEqualTo("PLAIN");
    }

    @Test
    void aListenerNeedsAnUpperCaseNameOtherThanTheBrokersOwnAndAKnownProtocol() {
        KafkaBroker.Builder builder = KafkaBroker.builder();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder.listener("CLIENT", "SASL_SSL"))
                .isInstanceOf(IllegalStateException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder.listener("ccloud", "SASL_SSL"))
                .isInstanceOf(IllegalStateException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder.listener("CCLOUD", "TLS"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(builder.listener("CCLOUD", "SASL_SSL")).isSameAs(builder);
    }
}
