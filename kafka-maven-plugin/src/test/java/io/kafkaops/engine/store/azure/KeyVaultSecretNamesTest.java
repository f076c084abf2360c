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

    /** The first 8 hex digits of SHA-256(UTF-8 of stage NUL principal), as the README's rule 2 says. */
    private static String hash(String stage, String principal) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest((stage + "\0" + principal).getBytes(StandardCharsets.UTF_8))).substring(0, 8);
    }

    @Test
    void rule2StepByStepAsDocumented() throws Exception {
        // ASCII upper case is lower-cased, lower case and digits stay, every other character becomes one dash
        assertThat(secretName("dev", "Svc.V2_0")).isEqualTo("kafka-dev-svc-v2-0--" + hash("dev", "Svc.V2_0"));
        // non-ASCII letters and digits are "other" characters too
        assertThat(secretName("dev", "caf\u00e9\u0663x")).isEqualTo("kafka-dev-caf-x--" + hash("dev", "caf\u00e9\u0663x"));
        // runs of dashes (mapped or original) collapse into one
        assertThat(secretName("dev", "a._-b")).isEqualTo("kafka-dev-a-b--" + hash("dev", "a._-b"));
        // trailing dashes are dropped, before the "--" and the hash are appended
        assertThat(secretName("dev", "billing.")).isEqualTo("kafka-dev-billing--" + hash("dev", "billing."));
        assertThat(secretName("dev", "...")).isEqualTo("kafka-dev--" + hash("dev", "..."));
        // a stage that is not [a-z0-9]+ is mapped the same way, and puts its principal under rule 2 as well
        assertThat(secretName("Pre_Prod", "api")).isEqualTo("kafka-pre-prod-api--" + hash("Pre_Prod", "api"));
    }

    @Test
    void rule2CutsTo117ThenDropsTrailingDashesAgain() throws Exception {
        // "kafka-prod-" is 11 characters: the 117th character of the readable part is the mapped dot
        String principal = "q".repeat(105) + ".rest";
        String name = secretName("prod", principal);
        assertThat(name).isEqualTo("kafka-prod-" + "q".repeat(105) + "--" + hash("prod", principal));
        assertThat(name).hasSize(116 + 2 + 8);
    }

    @Test
    void rule1KeepsExactNamesOnly() {
        // lower-case letters and digits in groups joined by single dashes, stage [a-z0-9]+, at most 127 characters
        assertThat(secretName("prod2", "billing-service-v2")).isEqualTo("kafka-prod2-billing-service-v2");
        assertThat(secretName("prod", "billing--service")).contains("--").isNotEqualTo("kafka-prod-billing--service");
        assertThat(secretName("prod", "billing-")).startsWith("kafka-prod-billing--");
        assertThat(secretName("prod", "Billing")).startsWith("kafka-prod-billing--");
    }
}
