package io.kafkaops.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.policy.Policy;
import io.kafkaops.policy.PolicyParams;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltInPoliciesTest {

    @Test
    void everyBuiltInPolicyHasAUniqueLowerCamelIdADescriptionAndAToString() {
        List<Policy> all = BuiltInPolicies.all();

        assertThat(all).extracting(Policy::id).doesNotHaveDuplicates().allMatch(id -> id.matches("[a-z][A-Za-z]+"));
        assertThat(all).allSatisfy(p -> {
            assertThat(p.description()).isNotBlank().endsWith(".");
            assertThat(p.toString()).startsWith(p.id() + "(");
        });
    }

    @Test
    void structuralPoliciesRunByDefaultAndParameterisedOnesDoNot() {
        assertThat(BuiltInPolicies.all()).filteredOn(Policy::enabledByDefault).extracting(Policy::id)
                .containsExactly("kafkaNames", "topicConfigKeys", "teamNamespace", "topicVisibility", "rawAcl", "duplicates",
                        "references", "stageOrder");
        assertThat(BuiltInPolicies.all()).filteredOn(p -> !p.enabledByDefault()).extracting(Policy::id)
                .containsExactly("topicNaming", "serviceAccountNaming", "requiredMetadata", "topicConfig",
                        "topicPartitions", "topicReplicationFactor");
    }

    @Test
    void onByDefaultPoliciesAcceptRunningWithoutParameters() {
        for (Policy p : BuiltInPolicies.all()) {
            if (p.enabledByDefault()) p.checkParams(PolicyParams.empty(p.id()));
        }
    }
}
