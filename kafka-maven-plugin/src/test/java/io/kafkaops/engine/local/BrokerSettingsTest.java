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
}
