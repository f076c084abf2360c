package io.kafkaops.policy.internal.builtin;

import static io.kafkaops.policy.Fixtures.context;
import static io.kafkaops.policy.Fixtures.model;
import static io.kafkaops.policy.Fixtures.run;
import static io.kafkaops.policy.Fixtures.serviceAccount;
import static io.kafkaops.policy.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaops.model.ServiceAccount;
import io.kafkaops.model.Topic;
import io.kafkaops.policy.PolicyConfigurationException;
import io.kafkaops.policy.PolicyParams;
import io.kafkaops.policy.Violation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequiredMetadataPolicyTest {

    private static final Map<String, Object> PARAMS = Map.of(
            "topics", List.of("description", "dataClassification"),
            "serviceAccounts", List.of("owner"));

    @Test
    void entitiesWithAllRequiredMetadataPass() {
        var model = model()
                .topics(topic("billing.invoices.v1").metadata("description", "Invoices")
                        .metadata("dataClassification", "internal"))
                .serviceAccounts(serviceAccount("billing-service").metadata("owner", "jane"))
                .build();

        assertThat(run(new RequiredMetadataPolicy(), context(model), PARAMS)).isEmpty();
    }

    @Test
    void missingAndBlankValuesAreReportedTogetherAtTheMetadataBlock() {
        Topic topic = topic("billing.invoices.v1").metadata("description", "  ").build();
        ServiceAccount sa = serviceAccount("billing-service").build();
        var model = model().topics(topic).serviceAccounts(sa).build();

        assertThat(run(new RequiredMetadataPolicy(), context(model), PARAMS)).containsExactly(
                new Violation("topic 'billing.invoices.v1' lacks required metadata: description, dataClassification",
                        topic.origin().at("metadata"),
                        "add them with a non-blank value: metadata: { description: ..., dataClassification: ... }"),
                new Violation("service account 'billing-service' lacks required metadata: owner",
                        sa.origin().location(),
                        "add it with a non-blank value: metadata: { owner: ... }"));
        assertThat(topic.origin().at("metadata")).isNotEqualTo(topic.origin().location());
    }

    @Test
    void needsAtLeastOneListOfKeys() {
        assertThatThrownBy(() -> new RequiredMetadataPolicy().checkParams(PolicyParams.empty("requiredMetadata")))
                .isInstanceOf(PolicyConfigurationException.class)
                .hasMessageContaining("needs the parameter 'topics' or 'serviceAccounts'");
        assertThatThrownBy(() -> new RequiredMetadataPolicy().checkParams(
                new PolicyParams("requiredMetadata", Map.of("topics", List.of(Map.of("a", "b"))))))
                .isInstanceOf(PolicyConfigurationException.class)
                .hasMessageContaining("parameter 'topics' must be a list of names");
    }

    @Test
    void aServiceAccountsDescriptionFieldCountsAsItsDescriptionMetadata() {
        Map<String, Object> params = Map.of("serviceAccounts", List.of("description"));
        ServiceAccount described = new ServiceAccount("billing-service", "Billing backend", true, Map.of(), null,
                serviceAccount("billing-service").build().origin());
        ServiceAccount bare = new ServiceAccount("billing-worker", " ", true, Map.of(), null,
                serviceAccount("billing-worker").build().origin());

        assertThat(run(new RequiredMetadataPolicy(), context(model().serviceAccounts(described).build()), params))
                .isEmpty();
        assertThat(run(new RequiredMetadataPolicy(), context(model().serviceAccounts(bare).build()), params))
                .extracting(Violation::message)
                .containsExactly("service account 'billing-worker' lacks required metadata: description");
    }
}
