package io.kafkaops.engine.plan.file;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kafkaops.engine.plan.Plan;
import io.kafkaops.engine.plan.PlanRenderer;
import io.kafkaops.engine.plan.PlanSummary;
import io.kafkaops.engine.plan.PlannedChange;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.Location;
import io.kafkaops.model.Severity;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code plan.json} (for machines and for a later {@code kafka:deploy -Dkafka.planFile=...}) and {@code plan.md}
 * (for a pull-request comment). The JSON layout is documented in
 * {@code kafka-maven-plugin/src/site/markdown/reference/plan-json.md}.
 */
public final class PlanFiles {

    public static final String PLAN_JSON = "plan.json";
    public static final String PLAN_MD = "plan.md";

    public static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private static final Pattern LOCATION = Pattern.compile("^(.*):(\\d+):(\\d+)$");

    /** The problem as plan.json holds it; {@code location} is {@code file:line:column} or a file. */
    public record ProblemDocument(String severity, String rule, String message, String location, String hint) {
    }

    /** The layout of plan.json. */
    public record PlanDocument(
            int formatVersion,
            String stage,
            String stagePrefix,
            String repository,
            String team,
            String createdAt,
            String stateFingerprint,
            String clusterId,
            PlanSummary summary,
            List<PlannedChange> changes,
            List<ProblemDocument> problems) {
    }

    private PlanFiles() {
    }

    /**
     * Writes plan.json and plan.md into the directory, each replaced atomically. plan.json is streamed to the file:
     * the plan of a large stage (tens of thousands of changes) is tens of megabytes of JSON, which are never held in
     * memory as one string.
     */
    public static void write(Plan plan, Path dir) throws IOException {
        Files.createDirectories(dir);
        PlanDocument doc = document(plan);
        writeAtomically(dir.resolve(PLAN_JSON), out -> writeJson(doc, out));
        writeAtomically(dir.resolve(PLAN_MD), PlanRenderer.markdown(plan));
    }

    /** plan.json as a string, exactly as {@link #write} writes it. */
    public static String toJson(Plan plan) throws JsonProcessingException {
        return JSON.writeValueAsString(document(plan)) + "\n";
    }

    private static PlanDocument document(Plan plan) {
        List<ProblemDocument> problems = plan.problems().stream()
                .map(d -> new ProblemDocument(d.severity().name(), d.ruleId(), d.message(), d.location().toString(),
                        d.hint()))
                .toList();
        return new PlanDocument(plan.formatVersion(), plan.stage(), plan.stagePrefix(), plan.repository(),
                plan.team(), plan.createdAt(), plan.stateFingerprint(), plan.clusterId(), plan.summary(),
                plan.changes(), problems);
    }

    /**
     * Writes a value as {@link #JSON} does ({@code writeValueAsString}: indented, nulls left out), then a line feed,
     * streamed into {@code out}, which stays open.
     */
    public static void writeJson(Object value, OutputStream out) throws IOException {
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            JSON.writeValue(g, value);
            g.writeRaw('\n');
        }
    }

    /** What a file gets written with. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Reads a plan written by {@link #write}.
     *
     * @throws IOException when the file cannot be read, is not a plan, or has an unknown format version
     */
    public static Plan read(Path file) throws IOException {
        PlanDocument doc;
        try {
            // parsed from the stream: a large plan is never one string in memory
            try (java.io.InputStream in = Files.newInputStream(file)) {
                doc = JSON.readValue(in, PlanDocument.class);
            }
        } catch (JsonProcessingException e) {
            throw new IOException(file + " is not a plan written by kafka:plan (" + e.getOriginalMessage() + ")");
        }
        if (doc.formatVersion() != Plan.FORMAT_VERSION) {
            throw new IOException(file + " has plan format " + doc.formatVersion() + "; this plugin reads format "
                    + Plan.FORMAT_VERSION + " (plan again with this plugin version)");
        }
        if (doc.stage() == null || doc.repository() == null || doc.stateFingerprint() == null || doc.changes() == null) {
            throw new IOException(file + " is not a complete plan (stage, repository, stateFingerprint and changes"
                    + " are required)");
        }
        List<Diagnostic> problems = doc.problems() == null ? List.of() : doc.problems().stream()
                .map(p -> new Diagnostic(Severity.valueOf(p.severity().toUpperCase(Locale.ROOT)), p.rule(),
                        p.message(), location(p.location()), p.hint()))
                .toList();
        return new Plan(doc.formatVersion(), doc.stage(), doc.stagePrefix(), doc.repository(), doc.team(),
                doc.createdAt(), doc.stateFingerprint(), doc.changes(), problems, doc.clusterId());
    }

    private static Location location(String text) {
        if (text == null) return Location.ofFile("<unknown>");
        Matcher m = LOCATION.matcher(text);
        return m.matches() ? new Location(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))
                : Location.ofFile(text);
    }

    /** Readers never see a half-written file: write beside it, then move over it. */
    public static void writeAtomically(Path target, String content) throws IOException {
        writeAtomically(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@link #writeAtomically(Path, String)} with content streamed into the file. */
    public static void writeAtomically(Path target, Content content) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 64 * 1024)) {
                content.writeTo(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
