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
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamingPoliciesTest {

    private static final String TOPIC_PATTERN = "^[a-z]+(\\.[a-z0-9-]+)+\\.v[0-9]+$";

    @Test
    void topicNamesMatchingThePatternPass() {
        var model = model().topics(topic("billing.invoices.v1"), topic("billing.payment-runs.v2")).build();

        assertThat(run(new TopicNamingPolicy(), context(model), Map.of("pattern", TOPIC_PATTERN))).isEmpty();
    }

    @Test
    void topicNameNotMatchingIsReportedAtItsNameField() {
        Topic bad = topic("Billing_Invoices").build();
        var model = model().topics(topic("billing.invoices.v1").build(), bad).build();

        assertThat(run(new TopicNamingPolicy(), context(model), Map.of("pattern", TOPIC_PATTERN)))
                .containsExactly(new Violation(
                        "topic name 'Billing_Invoices' does not match the naming pattern " + TOPIC_PATTERN,
                        bad.origin().at("name"),
                        "rename the topic so that its whole logical name (without stage prefix) matches the pattern"));
        assertThat(bad.origin().at("name")).isNotEqualTo(bad.origin().location());
    }

    @Test
    void thePatternMustMatchTheWholeNameAndTheConfiguredHintIsUsed() {
        Topic bad = topic("legacy.billing.invoices").build();
        var params = Map.<String, Object>of("pattern", "billing\\..*", "hint", "names start with billing.");

        assertThat(run(new TopicNamingPolicy(), context(model().topics(bad).build()), params))
                .extracting(Violation::hint).containsExactly("names start with billing.");
    }

    @Test
    void serviceAccountNamesAreCheckedAgainstTheirOwnPattern() {
        ServiceAccount good = serviceAccount("billing-service").build();
        ServiceAccount bad = serviceAccount("BillingService").build();
        var params = Map.<String, Object>of("pattern", "[a-z]+(-[a-z]+)*");

        assertThat(run(new ServiceAccountNamingPolicy(), context(model().serviceAccounts(good).build()), params))
                .isEmpty();
        assertThat(run(new ServiceAccountNamingPolicy(), context(model().serviceAccounts(good, bad).build()), params))
                .containsExactly(new Violation(
                        "service account name 'BillingService' does not match the naming pattern [a-z]+(-[a-z]+)*",
                        bad.origin().at("name"),
                        "rename the service account so that its whole logical name (without stage prefix) matches "
                                + "the pattern"));
    }

    @Test
    void missingBrokenOrMisspelledParametersAreConfigurationErrors() {
        var policy = new TopicNamingPolicy();
        assertThatThrownBy(() -> policy.checkParams(PolicyParams.empty("topicNaming")))
                .isInstanceOf(PolicyConfigurationException.class)
                .hasMessage("policy topicNaming needs the parameter 'pattern'");
        assertThatThrownBy(() -> policy.checkParams(new PolicyParams("topicNaming", Map.of("pattern", "[a-"))))
                .isInstanceOf(PolicyConfigurationException.class)
                .hasMessageContaining("parameter 'pattern' is not a valid regular expression")
                .hasMessageContaining("'[a-'");
        assertThatThrownBy(() -> policy.checkParams(new PolicyParams("topicNaming", Map.of("patern", "x"))))
                .isInstanceOf(PolicyConfigurationException.class)
                .hasMessage("policy topicNaming: unknown parameter 'patern' (did you mean 'pattern'? known: "
                        + "pattern, hint)");
    }

    @Test
    void toStringShowsTheConfigurationSurface() {
        assertThat(new TopicNamingPolicy()).hasToString("topicNaming(pattern, hint; off by default)");
        assertThat(new TopicNamingPolicy().enabledByDefault()).isFalse();
        assertThat(new ServiceAccountNamingPolicy().enabledByDefault()).isFalse();
    }
}
