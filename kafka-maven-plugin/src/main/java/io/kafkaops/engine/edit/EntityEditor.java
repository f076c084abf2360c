package io.kafkaops.engine.edit;

import io.kafkaops.engine.PlatformNotFoundException;
import io.kafkaops.engine.edit.yaml.SourceFile;
import io.kafkaops.engine.validate.Validator;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.Location;
import io.kafkaops.model.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Changes a repository's entity files on request (add, update, grant, revoke, remove) the way a careful person
 * would: only the lines of the entities concerned change, and nothing is written unless the result passes the same
 * validation as {@code kafka:validate}.
 *
 * <p>The repository must validate before the edit, so every problem reported is one the request brings in. The
 * edited texts are validated in a temporary copy laid out like the project, so diagnostics name the places as they
 * will be in the user's files.
 */
public final class EntityEditor {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Validator.Request validation;
    /** The same, with a platform file path made absolute so it also resolves from the temporary copy. */
    private final Validator.Request copyValidation;
    private final Path schemaFile;

    /**
     * @param validation how {@code kafka:validate} would validate the repository (project, kafka directory, platform,
     *                   team, class loader)
     * @param schemaFile where {@code kafka:validate} writes the entity JSON schema; new files point their schema
     *                   modeline at it (relative) unless a sibling file shows a modeline to copy
     */
    public EntityEditor(Validator.Request validation, Path schemaFile) {
        this.validation = validation;
        this.copyValidation = absolutePlatform(validation);
        this.schemaFile = schemaFile;
    }

    /**
     * Applies a request in memory and validates the result.
     *
     * @param targetFile where new entities go, relative to the kafka directory (see {@link EditParameters#file}); null
     *                   for the default: the first file holding entities of that kind, else {@code topics.yaml},
     *                   {@code service-accounts.yaml} or {@code grants.yaml}
     * @throws EditRejectedException the repository does not validate, the request is wrong (unknown or duplicate
     *                               names, ...), or the result would not validate
     */
    public EditResult prepare(EntityEdit edit, String targetFile)
            throws EditRejectedException, PlatformNotFoundException, IOException {
        return prepare(edit, targetFile, false);
    }

    /**
     * Applies an import in memory and validates the result like {@link #prepare}, but keeps a result the policies
     * reject: an import writes what the cluster has, and the user decides what to change. The result's
     * {@link EditResult#warnings()} then holds every new problem, errors included.
     *
     * @throws EditRejectedException the repository does not validate before the import, or the import would add an
     *                               entity the files declare already
     */
    public EditResult prepareImport(EntityEdit.Import edit)
            throws EditRejectedException, PlatformNotFoundException, IOException {
        return prepare(edit, null, true);
    }

    private EditResult prepare(EntityEdit edit, String targetFile, boolean keepRejected)
            throws EditRejectedException, PlatformNotFoundException, IOException {
        Validator.Report before = Validator.validate(validation);
        List<Diagnostic> errors = errors(before.diagnostics());
        if (!errors.isEmpty()) {
            throw new EditRejectedException("The Kafka files of this repository have "
                    + io.kafkaops.model.Plural.of(errors.size(), "error") + " already; fix them first (mvn kafka:validate): entities are only added to, changed in and removed"
                    + " from a repository that validates, so that every problem reported is one the request brings in."
                    + " Nothing was changed", errors);
        }
        Workspace ws = Workspace.read(validation.projectBaseDir(), validation.kafkaDir(), schemaFile);
        EditSession edits = new EditSession(ws, targetFile);
        edit.applyTo(edits);
        if (!edits.problems.isEmpty()) {
            List<Diagnostic> problems = new ArrayList<>(edits.problems);
            problems.sort(Diagnostic.ORDER);
            throw new EditRejectedException("The request cannot be carried out; nothing was changed", problems);
        }
        List<FileChange> changes = new ArrayList<>();
        for (SourceFile f : ws.files()) {
            if (f.changed()) changes.add(new FileChange(f.displayName, f.path, f.original, f.text(), f.bom));
        }
        if (changes.isEmpty()) return new EditResult(List.of(), edits.summary, List.of());

        Validator.Report after = validateCopy(ws);
        List<Diagnostic> introduced = errors(after.diagnostics());
        if (!introduced.isEmpty() && !keepRejected) {
            throw new EditRejectedException("The request would leave the Kafka files invalid ("
                    + io.kafkaops.model.Plural.of(introduced.size(), "error") + ", at the places they would have in the changed files); nothing was changed", introduced);
        }
        Set<String> known = new HashSet<>();
        for (Diagnostic d : before.diagnostics()) known.add(d.ruleId() + "\u0000" + d.message());
        List<Diagnostic> warnings = after.diagnostics().stream()
                .filter(d -> (d.severity() == Severity.WARN || keepRejected && d.severity() == Severity.ERROR)
                        && !known.contains(d.ruleId() + "\u0000" + d.message()))
                .toList();
        return new EditResult(changes, edits.summary, warnings);
    }

    /**
     * Writes the changed files, each through a temporary sibling moved into place.
     *
     * @return the paths written
     * @throws EditRejectedException a file changed on disk after the request was prepared (nothing is written then)
     */
    public List<Path> write(EditResult result) throws EditRejectedException, IOException {
        for (FileChange c : result.changes()) {
            boolean exists = Files.exists(c.path());
            if (c.created() ? exists : !exists || !c.before().equals(read(c.path()))) {
                throw new EditRejectedException("The Kafka files changed while the request was prepared; nothing was"
                        + " written", List.of(Diagnostic.error(EditRules.PARAMETER, "the file changed on disk",
                        new Location(c.displayName(), 1, 1), "run the goal again")));
            }
        }
        List<Path> written = new ArrayList<>();
        for (FileChange c : result.changes()) {
            Path target = c.path();
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling("." + target.getFileName() + ".kafka-edit.tmp");
            byte[] body = c.after().getBytes(StandardCharsets.UTF_8);
            byte[] bytes = body;
            if (c.bom()) {
                bytes = new byte[BOM.length + body.length];
                System.arraycopy(BOM, 0, bytes, 0, BOM.length);
                System.arraycopy(body, 0, bytes, BOM.length, body.length);
            }
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            written.add(target);
        }
        return written;
    }

    private static String read(Path p) throws IOException {
        byte[] bytes = Files.readAllBytes(p);
        int skip = bytes.length >= 3 && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2] ? 3 : 0;
        return new String(bytes, skip, bytes.length - skip, StandardCharsets.UTF_8);
    }

    /** Validates the edited texts in a temporary project laid out like the real one. */
    private Validator.Report validateCopy(Workspace ws) throws IOException, PlatformNotFoundException {
        Path tmp = Files.createTempDirectory("kafka-edit-");
        try {
            Path base = ws.baseDir;
            Path rel = ws.kafkaDir.startsWith(base) ? base.relativize(ws.kafkaDir) : Path.of("src", "main", "kafka");
            Path kafka = tmp.resolve(rel);
            Files.createDirectories(kafka);
            for (SourceFile f : ws.files()) {
                if (f.isNew() && !f.changed()) continue;
                Path p = kafka.resolve(f.relative);
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.text(), StandardCharsets.UTF_8);
            }
            Validator.Request v = copyValidation;
            return Validator.validate(new Validator.Request(tmp, kafka, v.groupId(), v.artifactId(), v.platform(),
                    v.team(), v.classLoader()));
        } finally {
            deleteTree(tmp);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static List<Diagnostic> errors(List<Diagnostic> diagnostics) {
        return diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).toList();
    }

    /** A platform file path is resolved against the real project, not the temporary copy. */
    private static Validator.Request absolutePlatform(Validator.Request r) {
        String platform = r.platform();
        if (platform == null || platform.isBlank() || platform.trim().startsWith("classpath:")) return r;
        String abs = r.projectBaseDir().resolve(platform.trim()).toAbsolutePath().normalize().toString();
        return new Validator.Request(r.projectBaseDir(), r.kafkaDir(), r.groupId(), r.artifactId(), abs, r.team(),
                r.classLoader());
    }
}
