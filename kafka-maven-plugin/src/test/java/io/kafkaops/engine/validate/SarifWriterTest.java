package io.kafkaops.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.Location;
import io.kafkaops.policy.Policy;
import io.kafkaops.policy.internal.BuiltInPolicies;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SarifWriterTest {

    @TempDir
    Path dir;

    @Test
    void everyBuiltInPolicyIsDescribed() {
        Map<String, String> descriptions = SarifWriter.policyDescriptions(getClass().getClassLoader());

        for (Policy p : BuiltInPolicies.all()) {
            assertThat(descriptions).containsEntry(p.id(), p.description());
        }
    }

    @Test
    void ruleEntriesCarryThePolicyDescription() throws Exception {
        Path target = dir.resolve("validation.sarif");
        List<Diagnostic> diagnostics = List.of(
                Diagnostic.error("topicNaming", "topic name 'X' does not match", Location.ofFile("a.yaml"), null),
                Diagnostic.error("yamlSyntax", "not YAML", Location.ofFile("b.yaml"), null));

        new SarifWriter("kafka-maven-plugin", "1.0", null)
                .write(diagnostics, SarifWriter.policyDescriptions(getClass().getClassLoader()), target);

        JsonNode rules = new ObjectMapper().readTree(target.toFile()).at("/runs/0/tool/driver/rules");
        assertThat(rules).hasSize(2);
        String topicNaming = BuiltInPolicies.all().get(0).description();
        assertThat(rules.get(0).path("id").asText()).isEqualTo("topicNaming");
        assertThat(rules.get(0).at("/shortDescription/text").asText()).isEqualTo(topicNaming);
        assertThat(rules.get(0).at("/fullDescription/text").asText()).isEqualTo(topicNaming);
        // a rule that is no policy (the loader's) has no description rather than an empty one
        assertThat(rules.get(1).path("id").asText()).isEqualTo("yamlSyntax");
        assertThat(rules.get(1).has("shortDescription")).isFalse();
    }
}
