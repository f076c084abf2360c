package io.kafkaops.engine.validate;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.Severity;
import io.kafkaops.policy.Policy;
import io.kafkaops.policy.PolicyConfigurationException;
import io.kafkaops.policy.internal.BuiltInPolicies;
import io.kafkaops.policy.internal.PolicyEngine;
import java.io.IOException;
import java.io.OutputStream;
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

    private static final JsonFactory JSON = new JsonFactory();

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
        // jackson-core's streaming generator, which the YAML reader has already loaded: jackson-databind's
        // ObjectMapper would add ~330 classes to every validation (the same bytes: both use DefaultPrettyPrinter)
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        for (Diagnostic d : diagnostics) ruleIndex.putIfAbsent(d.ruleId(), ruleIndex.size());
        Files.createDirectories(target.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(target);
             JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            g.writeStartObject();
            g.writeStringField("$schema", SCHEMA);
            g.writeStringField("version", "2.1.0");
            g.writeArrayFieldStart("runs");
            g.writeStartObject();
            g.writeObjectFieldStart("tool");
            g.writeObjectFieldStart("driver");
            g.writeStringField("name", toolName);
            if (toolVersion != null) g.writeStringField("version", toolVersion);
            if (informationUri != null) g.writeStringField("informationUri", informationUri);
            g.writeArrayFieldStart("rules");
            for (String id : ruleIndex.keySet()) {
                g.writeStartObject();
                g.writeStringField("id", id);
                String description = ruleDescriptions.get(id);
                if (description != null && !description.isBlank()) {
                    // SARIF 2.1.0 §3.49.9/10: what the rule checks, shown beside each result
                    g.writeObjectFieldStart("shortDescription");
                    g.writeStringField("text", description);
                    g.writeEndObject();
                    g.writeObjectFieldStart("fullDescription");
                    g.writeStringField("text", description);
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();   // driver
            g.writeEndObject();   // tool
            g.writeArrayFieldStart("results");
            for (Diagnostic d : diagnostics) {
                g.writeStartObject();
                g.writeStringField("ruleId", d.ruleId());
                g.writeNumberField("ruleIndex", ruleIndex.get(d.ruleId()));
                g.writeStringField("level", level(d.severity()));
                String text = d.hint() == null || d.hint().isBlank() ? d.message() : d.message() + " (" + d.hint() + ")";
                g.writeObjectFieldStart("message");
                g.writeStringField("text", text);
                g.writeEndObject();
                g.writeArrayFieldStart("locations");
                g.writeStartObject();
                g.writeObjectFieldStart("physicalLocation");
                g.writeObjectFieldStart("artifactLocation");
                g.writeStringField("uri", d.location().file());
                g.writeStringField("uriBaseId", "%SRCROOT%");
                g.writeEndObject();
                if (d.location().line() > 0) {
                    g.writeObjectFieldStart("region");
                    g.writeNumberField("startLine", d.location().line());
                    g.writeNumberField("startColumn", Math.max(1, d.location().column()));
                    g.writeEndObject();
                }
                g.writeEndObject();   // physicalLocation
                g.writeEndObject();
                g.writeEndArray();    // locations
                g.writeEndObject();
            }
            g.writeEndArray();        // results
            g.writeEndObject();       // run
            g.writeEndArray();        // runs
            g.writeEndObject();
        }
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
