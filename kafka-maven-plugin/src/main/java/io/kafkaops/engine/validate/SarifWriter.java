package io.kafkaops.engine.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.Severity;
import io.kafkaops.policy.Policy;
import io.kafkaops.policy.PolicyConfigurationException;
import io.kafkaops.policy.internal.BuiltInPolicies;
import io.kafkaops.policy.internal.PolicyEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes diagnostics as SARIF 2.1.0, the format GitHub code scanning, Azure DevOps and GitLab show as annotations on
 * the lines of a pull request.
 */
public final class SarifWriter {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private final String toolName;
    private final String toolVersion;
    private final String informationUri;

    public SarifWriter(String toolName, String toolVersion, String informationUri) {
        this.toolName = toolName;
        this.toolVersion = toolVersion;
        this.informationUri = informationUri;
    }

    public void write(Collection<Diagnostic> diagnostics, Map<String, String> ruleDescriptions, Path target)
            throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", toolName);
        if (toolVersion != null) driver.put("version", toolVersion);
        if (informationUri != null) driver.put("informationUri", informationUri);

        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        ArrayNode rules = driver.putArray("rules");
        for (Diagnostic d : diagnostics) {
            ruleIndex.computeIfAbsent(d.ruleId(), id -> {
                ObjectNode rule = rules.addObject();
                rule.put("id", id);
                String description = ruleDescriptions.get(id);
                if (description != null && !description.isBlank()) {
                    // SARIF 2.1.0 §3.49.9/10: what the rule checks, shown beside each result
                    rule.putObject("shortDescription").put("text", description);
                    rule.putObject("fullDescription").put("text", description);
                }
                return ruleIndex.size();
            });
        }

        ArrayNode results = run.putArray("results");
        for (Diagnostic d : diagnostics) {
            ObjectNode r = results.addObject();
            r.put("ruleId", d.ruleId());
            r.put("ruleIndex", ruleIndex.get(d.ruleId()));
            r.put("level", level(d.severity()));
            String text = d.hint() == null || d.hint().isBlank() ? d.message() : d.message() + " (" + d.hint() + ")";
            r.putObject("message").put("text", text);
            ObjectNode physical = r.putArray("locations").addObject().putObject("physicalLocation");
            ObjectNode artifact = physical.putObject("artifactLocation");
            artifact.put("uri", d.location().file());
            artifact.put("uriBaseId", "%SRCROOT%");
            if (d.location().line() > 0) {
                ObjectNode region = physical.putObject("region");
                region.put("startLine", d.location().line());
                region.put("startColumn", Math.max(1, d.location().column()));
            }
        }
        Files.createDirectories(target.toAbsolutePath().getParent());
        mapper.writeValue(target.toFile(), root);
    }

    /**
     * {@link Policy#description()} of every policy the class loader offers (the built-in ones and the custom ones a
     * platform jar adds), by rule id: the descriptions of the SARIF rule entries.
     */
    public static Map<String, String> policyDescriptions(ClassLoader classLoader) {
        List<Policy> policies;
        try {
            policies = PolicyEngine.policies(classLoader);
        } catch (PolicyConfigurationException e) {
            policies = BuiltInPolicies.all();   // reported by the validation itself; describe what can be described
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Policy p : policies) {
            try {
                String description = p.description();
                if (description != null) out.put(p.id(), description);
            } catch (RuntimeException e) {
                // a custom policy that cannot describe itself still has its results in the report
            }
        }
        return out;
    }

    private static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARN -> "warning";
            case INFO -> "note";
        };
    }
}
