package io.kafkaops.engine.store.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaops.engine.store.StoredCredential;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyVaultSecretValueTest {

    private static final StoredCredential CREDENTIAL = new StoredCredential("prod", "billing", "billing-service",
            "billing-service", "pa\"ss\\word", Map.of(
                    "sasl.mechanism", "SCRAM-SHA-512",
                    "bootstrap.servers", "kafka-1:9093,kafka-2:9093",
                    "security.protocol", "SASL_SSL",
                    "ssl.endpoint.identification.algorithm", "https"));

    @Test
    void valueHoldsEverythingAClientNeedsInAStableOrder() throws Exception {
        JsonNode json = new ObjectMapper().readTree(AzureKeyVaultCredentialStore.secretValue(CREDENTIAL));
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("bootstrap.servers", "security.protocol", "sasl.mechanism",
                "ssl.endpoint.identification.algorithm", "username", "password", "sasl.jaas.config");
        assertThat(json.get("password").asText()).isEqualTo("pa\"ss\\word");
        assertThat(json.get("username").asText()).isEqualTo("billing-service");
        assertThat(json.get("sasl.jaas.config").asText()).isEqualTo(
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"billing-service\""
                        + " password=\"pa\\\"ss\\\\word\";");
    }

    @Test
    void tagsNameOwnerStageTeamAndServiceAccount() {
        assertThat(AzureKeyVaultCredentialStore.tags(CREDENTIAL)).containsExactly(
                Map.entry("managed-by", "kafka-maven-plugin"), Map.entry("stage", "prod"),
                Map.entry("team", "billing"), Map.entry("service-account", "billing-service"));
    }

    @Test
    void serviceErrorsAreReadFromTheSdkMessage() {
        String message = "Status code 403, \"{\"error\":{\"code\":\"Forbidden\",\"message\":\"Caller is not"
                + " authorized\",\"innererror\":{\"code\":\"ForbiddenByRbac\"}}}\"";
        assertThat(KeyVaultFailures.serviceError(message))
                .isEqualTo("(Forbidden/ForbiddenByRbac: Caller is not authorized)");
        assertThat(KeyVaultFailures.serviceError("Status code 500, (empty body)")).isEmpty();
        assertThat(KeyVaultFailures.redact("a pa\"ss b", List.of("pa\"ss"))).isEqualTo("a *** b");
    }
}
