package io.kafkaops.engine.cluster.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.engine.cluster.ClusterConnection;
import io.kafkaops.engine.cluster.SaslJaas;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.junit.jupiter.api.Test;

class DebugTokensTest {

    @Test
    void theTokensClientSettingsKeepTheConnectionButNoneOfTheAdminsCredentials() {
        ClusterConnection c = new ClusterConnection("dev", "h:9093", Map.of(
                "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-256",
                "sasl.jaas.config", SaslJaas.scram("admin", "admin-pw").value(),
                "ssl.truststore.location", "/t.jks", "ssl.truststore.password", "trust-pw",
                "ssl.keystore.location", "/admin.jks", "ssl.keystore.password", "ks-pw", "ssl.key.password", "k-pw"));
        Map<String, String> s = new DebugTokens(null, null, c, Duration.ofSeconds(5)).clientSettings("tok-1", "hm/ac+");
        assertThat(s).containsEntry("bootstrap.servers", "h:9093").containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-256").containsEntry("ssl.truststore.location", "/t.jks")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"tok-1\" password=\"hm/ac+\" tokenauth=\"true\";")
                .doesNotContainKeys("ssl.keystore.location", "ssl.keystore.password", "ssl.key.password");
        assertThat(s.values()).noneMatch(v -> v.contains("admin-pw"));

        ClusterConnection plain = new ClusterConnection("dev", "h:1", Map.of("security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "PLAIN", "sasl.jaas.config", SaslJaas.plain("admin", "pw").value()));
        assertThat(new DebugTokens(null, null, plain, Duration.ofSeconds(5)).clientSettings("t", "h"))
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }

    @Test
    void theAdminBecomesTheTokensRenewerWhenItSignsInWithAUserName() {
        assertThat(DebugTokens.adminPrincipal(SaslJaas.scram("ad\"min", "p\"w").value()))
                .isEqualTo(new KafkaPrincipal("User", "ad\"min"));
        assertThat(DebugTokens.adminPrincipal(SaslJaas.plain("admin", "x").value()))
                .isEqualTo(new KafkaPrincipal("User", "admin"));
        assertThat(DebugTokens.adminPrincipal(null)).isNull();
        assertThat(DebugTokens.adminPrincipal("org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule"
                + " required;")).isNull();
    }
}
