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

    @Test
    void resultsNameRuleLevelMessageAndRegion() throws Exception {
        Path target = dir.resolve("out/validation.sarif");
        List<Diagnostic> diagnostics = List.of(
                Diagnostic.error("schema", "topics[0] must be a map", new Location("src/main/kafka/t.yaml", 3, 5), "fix \"it\""),
                Diagnostic.warn("topicNaming", "odd name", Location.ofFile("u.yaml"), null),
                Diagnostic.error("schema", "second", new Location("t.yaml", 7, 0), " "));

        new SarifWriter("kafka-maven-plugin", null, "https://example.org/x").write(diagnostics, Map.of(), target);

        JsonNode root = new ObjectMapper().readTree(target.toFile());
        assertThat(root.path("$schema").asText()).isEqualTo(SarifWriter.SCHEMA);
        assertThat(root.path("version").asText()).isEqualTo("2.1.0");
        JsonNode driver = root.at("/runs/0/tool/driver");
        assertThat(driver.has("version")).isFalse();
        assertThat(driver.path("informationUri").asText()).isEqualTo("https://example.org/x");
        JsonNode results = root.at("/runs/0/results");
        assertThat(results).hasSize(3);
        assertThat(results.get(0).path("ruleIndex").asInt()).isZero();
        assertThat(results.get(0).path("level").asText()).isEqualTo("error");
        assertThat(results.get(0).at("/message/text").asText()).isEqualTo("topics[0] must be a map (fix \"it\")");
        JsonNode physical = results.get(0).at("/locations/0/physicalLocation");
        assertThat(physical.at("/artifactLocation/uri").asText()).isEqualTo("src/main/kafka/t.yaml");
        assertThat(physical.at("/artifactLocation/uriBaseId").asText()).isEqualTo("%SRCROOT%");
        assertThat(physical.at("/region/startLine").asInt()).isEqualTo(3);
        assertThat(physical.at("/region/startColumn").asInt()).isEqualTo(5);
        assertThat(results.get(1).path("ruleIndex").asInt()).isEqualTo(1);
        assertThat(results.get(1).path("level").asText()).isEqualTo("warning");
        assertThat(results.get(1).at("/locations/0/physicalLocation").has("region")).isFalse();
        assertThat(results.get(2).path("ruleIndex").asInt()).isZero();
        assertThat(results.get(2).at("/message/text").asText()).isEqualTo("second");
        assertThat(results.get(2).at("/locations/0/physicalLocation/region/startColumn").asInt()).isEqualTo(1);
        assertThat(root.at("/runs/0/tool/driver/rules")).hasSize(2);
    }
}
