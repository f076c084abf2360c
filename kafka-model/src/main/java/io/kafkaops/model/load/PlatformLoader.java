package io.kafkaops.model.load;

import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.LoadResult;
import io.kafkaops.model.Location;
import io.kafkaops.model.platform.PlatformDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the platform definition from a file, a stream or the classpath (a jar the platform team publishes and
 * services add to the plugin's dependencies). Checks it against {@code kafka-platform.schema.json} and for
 * consistency (rule {@code platform}): unique stage and team names, stages naming existing clusters, stages that
 * share a cluster having distinct prefixes, team prefixes not overlapping, secret stores keyed by known stages.
 *
 * <p>The value is null only when there is nothing to build from (unreadable, not YAML, empty); otherwise it is
 * built from the parts that are valid, and {@link LoadResult#hasErrors()} says whether it can be trusted.
 */
public final class PlatformLoader {

    /** Prefix of the display name of a definition read from the classpath. */
    public static final String CLASSPATH_PREFIX = "classpath:";

    private PlatformLoader() {
    }

    /** Reads a file; locations name it as given (forward slashes). */
    public static LoadResult<PlatformDefinition> load(Path file) {
        return load(file, file.toString().replace('\\', '/'));
    }

    /** Reads a file; locations name it {@code displayName} (for example relative to the project). */
    public static LoadResult<PlatformDefinition> load(Path file, String displayName) {
        if (!Files.isRegularFile(file)) {
            return failed(Diagnostic.error(LoadRules.IO, "the platform definition "
                            + (Files.isDirectory(file) ? "is a directory, not a file"
                                : Files.exists(file) ? "is not a regular file" : "does not exist"),
                    new Location(displayName, 1, 1), "check the path, or use classpath:<resource> for one in a jar"));
        }
        SourceText.Decoded decoded = SourceText.read(file, displayName, LoaderLimits.DEFAULTS);
        return decoded.problem() != null ? failed(decoded.problem()) : parse(displayName, decoded.text());
    }

    /** Reads a stream (not closed here). */
    public static LoadResult<PlatformDefinition> load(String displayName, InputStream in) {
        SourceText.Decoded decoded = SourceText.read(in, displayName, LoaderLimits.DEFAULTS);
        return decoded.problem() != null ? failed(decoded.problem()) : parse(displayName, decoded.text());
    }

    /** Reads a classpath resource ({@code kafka/platform.yaml}); locations name it {@code classpath:<resource>}. */
    public static LoadResult<PlatformDefinition> loadClasspath(String resource, ClassLoader classLoader) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        String displayName = CLASSPATH_PREFIX + name;
        try (InputStream in = classLoader.getResourceAsStream(name)) {
            if (in == null) {
                return failed(Diagnostic.error(LoadRules.IO, "no resource '" + name + "' on the plugin's classpath",
                        new Location(displayName, 1, 1),
                        "add the artifact that holds the platform definition as a <dependency> of the plugin"));
            }
            return load(displayName, in);
        } catch (IOException e) {
            return failed(Diagnostic.error(LoadRules.IO, "cannot read the resource: " + e.getMessage(),
                    new Location(displayName, 1, 1), null));
        }
    }

    /** Parses a definition held in memory. */
    public static LoadResult<PlatformDefinition> parse(String displayName, String content) {
        SourceText.Decoded checked = SourceText.check(content, displayName, LoaderLimits.DEFAULTS);
        if (checked.problem() != null) return failed(checked.problem());
        YamlReader.Result parsed = YamlReader.read(content, displayName, LoaderLimits.DEFAULTS);
        List<Diagnostic> diagnostics = new ArrayList<>(parsed.diagnostics());
        if (parsed.documents().isEmpty()) {
            if (diagnostics.isEmpty()) {
                diagnostics.add(Diagnostic.error(LoadRules.PLATFORM, "the platform definition is empty",
                        new Location(displayName, 1, 1), "define at least stages and clusters"));
            }
            return new LoadResult<>(null, sorted(diagnostics));
        }
        if (parsed.documents().size() > 1) {
            diagnostics.add(Diagnostic.error(LoadRules.PLATFORM,
                    "the platform definition has " + parsed.documents().size() + " YAML documents; it must be one",
                    parsed.documents().get(1).location(), "remove the '---' separators and merge the documents"));
        }
        YamlNode document = parsed.documents().get(0);
        SchemaValidator.Result validation = SchemaValidator.PLATFORM.validate(document);
        diagnostics.addAll(validation.diagnostics());
        PlatformBuilder builder = new PlatformBuilder(displayName, validation, diagnostics);
        PlatformDefinition definition = builder.build(document);
        return new LoadResult<>(definition, sorted(diagnostics));
    }

    private static LoadResult<PlatformDefinition> failed(Diagnostic problem) {
        return new LoadResult<>(null, List.of(problem));
    }

    private static List<Diagnostic> sorted(List<Diagnostic> diagnostics) {
        return diagnostics.stream().distinct().sorted(Diagnostic.ORDER).toList();
    }
}
