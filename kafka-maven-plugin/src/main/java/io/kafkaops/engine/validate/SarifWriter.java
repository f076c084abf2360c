package io.kafkaops.engine.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
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
                if (description != null) rule.putObject("shortDescription").put("text", description);
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

    private static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARN -> "warning";
            case INFO -> "note";
        };
    }
}
