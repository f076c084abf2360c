package io.kafkaops.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaops.engine.store.StoredCredential;
import java.util.List;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SaslJaasTest {

    /** What Kafka makes of a sasl.jaas.config value: the login module and its options. */
    private static AppConfigurationEntry parsed(String value) {
        List<AppConfigurationEntry> entries = JaasContext.loadClientContext(Map.of("sasl.jaas.config",
                new Password(value))).configurationEntries();
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    @Test
    void theLinesAreTheOnesKafkaExpects() {
        assertThat(SaslJaas.scram("svc", "pw").value()).isEqualTo(
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"svc\" password=\"pw\";");
        assertThat(SaslJaas.plain("svc", "pw").value()).isEqualTo(
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"svc\" password=\"pw\";");
        assertThat(SaslJaas.plain("admin", "pw").withOption("user_admin", "pw").value()).isEqualTo(
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\"pw\""
                        + " user_admin=\"pw\";");
        assertThat(SaslJaas.forMechanism("SCRAM-SHA-256", "u", "p").value()).startsWith(SaslJaas.SCRAM_LOGIN_MODULE);
        assertThat(SaslJaas.forMechanism(null, "u", "p").value()).startsWith(SaslJaas.SCRAM_LOGIN_MODULE);
        assertThat(SaslJaas.forMechanism("PLAIN", "u", "p").value()).startsWith(SaslJaas.PLAIN_LOGIN_MODULE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "with \"quotes\"", "back\\slash", "trailing\\", "\\\"", "semi;colon = x",
            "two\nlines\r\n", "\\n not a line break", "ünïcödé", ""})
    void kafkaReadsBackExactlyTheNameAndPasswordGiven(String secret) {
        AppConfigurationEntry entry = parsed(SaslJaas.scram("user " + secret, secret)
                .withOption("user_x", secret).value());
        assertThat(entry.getLoginModuleName()).isEqualTo(SaslJaas.SCRAM_LOGIN_MODULE);
        assertThat(entry.getControlFlag()).isEqualTo(AppConfigurationEntry.LoginModuleControlFlag.REQUIRED);
        assertThat(Map.copyOf(entry.getOptions())).isEqualTo(Map.<String, Object>of(
                "username", "user " + secret, "password", secret, "user_x", secret));
    }

    @Test
    void thePasswordNeverShowsInToString() {
        SaslJaas jaas = SaslJaas.scram("svc", "s3cr3t-value").withOption("user_svc", "other-s3cr3t");
        assertThat(jaas.toString()).contains("svc").doesNotContain("s3cr3t");
        assertThat(new StoredCredential("dev", "t", "svc", "svc", "s3cr3t-value", Map.of()).toString())
                .doesNotContain("s3cr3t");
    }

    @Test
    void missingValuesAndBadOptionNamesFailWithoutTheSecret() {
        assertThatThrownBy(() -> SaslJaas.scram("svc", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("password");
        assertThatThrownBy(() -> SaslJaas.scram("svc", "s3cr3t").withOption("bad name=\"", "s3cr3t"))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
    }

    @Test
    void storedCredentialsUseTheBuilder() {
        StoredCredential scram = new StoredCredential("dev", "t", "svc", "svc", "p\"w", Map.of("sasl.mechanism",
                "SCRAM-SHA-512"));
        assertThat(scram.jaasConfig()).isEqualTo(SaslJaas.scram("svc", "p\"w").value());
        StoredCredential plain = new StoredCredential("dev", "t", "svc", "svc", "p\\w", Map.of("sasl.mechanism",
                "PLAIN"));
        assertThat(plain.jaasConfig()).isEqualTo(SaslJaas.plain("svc", "p\\w").value());
    }
}
