package io.kafkaops.model.load;

import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.EntityModel;
import io.kafkaops.model.LoadResult;
import io.kafkaops.model.Location;
import io.kafkaops.model.Severity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Loads a repository's entity files ({@code src/main/kafka}) into one {@link EntityModel}: every {@code *.yaml} and
 * {@code *.yml} below the directory, in path order, every YAML document in each. Each document is checked against
 * {@code kafka-entities.schema.json}; entities with a schema problem are left out of the model, everything else is
 * kept, and all problems of all files are reported together.
 *
 * <p>A missing directory is an empty model without diagnostics (the caller says so). A file that is empty or holds
 * only comments is fine and contributes nothing: a placeholder is not a mistake. Hidden files and directories (name
 * starting with '.') are skipped, since editors keep backup and lock files there.
 */
public final class EntityLoader {

    private EntityLoader() {
    }

    /**
     * @param projectBaseDir locations are relative to this, with forward slashes ({@code src/main/kafka/billing.yaml})
     * @param kafkaDir       the directory holding the entity files
     */
    public static LoadResult<EntityModel> load(Path projectBaseDir, Path kafkaDir) {
        return load(projectBaseDir, kafkaDir, LoaderLimits.DEFAULTS);
    }

    public static LoadResult<EntityModel> load(Path projectBaseDir, Path kafkaDir, LoaderLimits limits) {
        Path base = projectBaseDir.toAbsolutePath().normalize();
        Path dir = kafkaDir.toAbsolutePath().normalize();
        EntityBuilder builder = new EntityBuilder();
        if (!Files.exists(dir)) {
            return builder.result();
        }
        List<Path> files;
        try {
            files = entityFiles(dir);
        } catch (IOException | UncheckedIOException e) {
            builder.diagnostics().add(Diagnostic.error(LoadRules.IO, "cannot list the entity files: " + e.getMessage(),
                    new Location(displayName(base, dir), 1, 1), "check the directory's permissions"));
            return builder.result();
        }
        // Files are independent: parse and validate them in parallel, then merge in path order, so the result is
        // the same as a sequential load.
        Stream<Path> stream = files.size() > 1 ? files.parallelStream() : files.stream();
        List<EntityBuilder> perFile = stream.map(file -> loadFile(displayName(base, file), file, limits)).toList();
        for (EntityBuilder b : perFile) builder.addAll(b);
        return builder.result();
    }

    private static EntityBuilder loadFile(String name, Path file, LoaderLimits limits) {
        EntityBuilder builder = new EntityBuilder();
        builder.addFile(name);
        SourceText.Decoded decoded = SourceText.read(file, name, limits);
        if (decoded.problem() != null) {
            builder.diagnostics().add(decoded.problem());
            builder.unreadable();
        } else {
            read(builder, name, decoded.text(), limits);
        }
        return builder;
    }

    /** Loads one file's text; for tests and for tools that hold the text in memory. */
    public static LoadResult<EntityModel> load(String displayName, String content) {
        EntityBuilder builder = new EntityBuilder();
        builder.addFile(displayName);
        SourceText.Decoded checked = SourceText.check(content, displayName, LoaderLimits.DEFAULTS);
        if (checked.problem() != null) {
            builder.diagnostics().add(checked.problem());
            builder.unreadable();
        } else {
            read(builder, displayName, content, LoaderLimits.DEFAULTS);
        }
        return builder.result();
    }

    /** Loads one file's bytes, checking size and encoding like a file on disk. */
    public static LoadResult<EntityModel> load(String displayName, byte[] content, LoaderLimits limits) {
        EntityBuilder builder = new EntityBuilder();
        builder.addFile(displayName);
        SourceText.Decoded decoded = SourceText.read(new ByteArrayInputStream(content), displayName, limits);
        if (decoded.problem() != null) {
            builder.diagnostics().add(decoded.problem());
            builder.unreadable();
        } else {
            read(builder, displayName, decoded.text(), limits);
        }
        return builder.result();
    }

    /** The entity files below a directory, sorted by their path relative to it (forward slashes). */
    public static List<Path> entityFiles(Path kafkaDir) throws IOException {
        Path dir = kafkaDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) return Files.isRegularFile(dir) && isEntityFile(dir) ? List.of(dir) : List.of();
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(EntityLoader::isEntityFile)
                    .filter(p -> !isHidden(dir.relativize(p)))
                    .sorted(Comparator.comparing(p -> slashes(dir.relativize(p))))
                    .toList();
        }
    }

    private static void read(EntityBuilder builder, String displayName, String text, LoaderLimits limits) {
        YamlReader.Result parsed = YamlReader.read(text, displayName, limits);
        builder.diagnostics().addAll(parsed.diagnostics());
        if (parsed.diagnostics().stream().anyMatch(d -> d.severity() == Severity.ERROR)) builder.unparsed(text);
        for (YamlNode document : parsed.documents()) {
            SchemaValidator.Result validation = SchemaValidator.ENTITIES.validate(document);
            builder.diagnostics().addAll(validation.diagnostics());
            builder.addDocument(document, validation);
        }
    }

    private static boolean isEntityFile(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) return true;
        }
        return false;
    }

    static String displayName(Path base, Path file) {
        Path f = file.toAbsolutePath().normalize();
        if (f.startsWith(base)) return slashes(base.relativize(f));
        return slashes(f);
    }

    private static String slashes(Path p) {
        List<String> parts = new ArrayList<>();
        for (Path part : p) parts.add(part.toString());
        String joined = String.join("/", parts);
        return p.isAbsolute() ? p.getRoot().toString().replace('\\', '/') + joined : joined;
    }
}
