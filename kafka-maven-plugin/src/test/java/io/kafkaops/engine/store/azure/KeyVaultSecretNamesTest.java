package io.kafkaops.engine.store.azure;

import static io.kafkaops.engine.store.azure.KeyVaultSecretNames.secretName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyVaultSecretNamesTest {

    @Test
    void plainNamesAreKeptReadable() {
        assertThat(secretName("prod", "billing-service")).isEqualTo("kafka-prod-billing-service");
        assertThat(secretName("dev2", "a")).isEqualTo("kafka-dev2-a");
    }

    @Test
    void mappedNamesGetTheDocumentedHash() throws Exception {
        String expectedHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("dev\0dev.billing-service".getBytes(StandardCharsets.UTF_8))).substring(0, 8);
        assertThat(secretName("dev", "dev.billing-service"))
                .isEqualTo("kafka-dev-dev-billing-service--" + expectedHash);
    }

    @Test
    void dotsDashesUnderscoresAndCaseNeverCollide() {
        List<String> principals = List.of("a.b", "a-b", "a_b", "a--b", "A-b", "a.B", "a..b", "a-b-", "-a-b", "ab");
        Map<String, String> seen = new HashMap<>();
        for (String principal : principals) {
            String name = secretName("dev", principal);
            // Key Vault compares names case-insensitively.
            String previous = seen.put(name.toLowerCase(Locale.ROOT), principal);
            assertThat(previous).as("%s and %s both map to %s", previous, principal, name).isNull();
            assertThat(KeyVaultSecretNames.isValidSecretName(name)).as(name).isTrue();
        }
        assertThat(secretName("dev", "a-b")).isEqualTo("kafka-dev-a-b");
        assertThat(secretName("dev", "a.b")).startsWith("kafka-dev-a-b--").hasSize("kafka-dev-a-b--".length() + 8);
    }

    @Test
    void stageAndPrincipalBoundaryIsUnambiguous() {
        // "pre-prod" + "a" and "pre" + "prod-a" would both read kafka-pre-prod-a without the rule for dashed stages.
        assertThat(secretName("pre", "prod-a")).isEqualTo("kafka-pre-prod-a");
        assertThat(secretName("pre-prod", "a")).isNotEqualTo("kafka-pre-prod-a").startsWith("kafka-pre-prod-a--");
        assertThat(secretName("dev", "x")).isNotEqualTo(secretName("test", "x"));
    }

    @Test
    void anExactNameCannotImitateAHashedOne() {
        String hashed = secretName("dev", "a.b");
        String suffix = hashed.substring(hashed.lastIndexOf('-') + 1);
        // A principal spelled like the hashed name's tail is exact, and exact names never contain "--".
        String imitation = secretName("dev", "a-b-" + suffix);
        assertThat(imitation).isEqualTo("kafka-dev-a-b-" + suffix).isNotEqualTo(hashed).doesNotContain("--");
    }

    @Test
    void longNamesAreCutTo127WithAHashThatKeepsThemApart() {
        String base = "x".repeat(200);
        String one = secretName("prod", base + "1");
        String two = secretName("prod", base + "2");
        assertThat(one).hasSize(KeyVaultSecretNames.MAX_LENGTH);
        assertThat(two).hasSize(KeyVaultSecretNames.MAX_LENGTH);
        assertThat(one).isNotEqualTo(two);
        assertThat(one.substring(0, 117)).isEqualTo(two.substring(0, 117));
        assertThat(KeyVaultSecretNames.isValidSecretName(one)).isTrue();

        String exactAtLimit = "p".repeat(KeyVaultSecretNames.MAX_LENGTH - "kafka-prod-".length());
        assertThat(secretName("prod", exactAtLimit)).isEqualTo("kafka-prod-" + exactAtLimit);
        assertThat(secretName("prod", exactAtLimit + "p")).hasSize(KeyVaultSecretNames.MAX_LENGTH).contains("--");
    }

    @Test
    void cuttingBeforeADashLeavesNoTripleDash() {
        // 117th character of the readable part is a dash: it must not merge into the "--" separator.
        String principal = "y".repeat(117 - "kafka-prod-".length() - 1) + ".zzz.";
        String name = secretName("prod", principal);
        assertThat(name).doesNotContain("---").matches("[a-z0-9-]+--[0-9a-f]{8}");
    }

    @Test
    void oddCharactersOnlyNeverYieldAnInvalidName() {
        assertThat(secretName("dev", "...")).matches("kafka-dev--[0-9a-f]{8}");
        assertThat(secretName("Dév", "ünïcødé")).matches("[a-z0-9-]+--[0-9a-f]{8}");
        assertThat(secretName("Dév", "ünïcødé")).isNotEqualTo(secretName("Dév", "ünïcødè"));
    }

    @Test
    void emptyInputIsABug() {
        assertThatThrownBy(() -> secretName("", "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> secretName("dev", "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void validityCheckFollowsKeyVaultRules() {
        assertThat(KeyVaultSecretNames.isValidSecretName("a")).isTrue();
        assertThat(KeyVaultSecretNames.isValidSecretName("a".repeat(128))).isFalse();
        assertThat(KeyVaultSecretNames.isValidSecretName("a_b")).isFalse();
        assertThat(KeyVaultSecretNames.isValidSecretName("")).isFalse();
    }
}
