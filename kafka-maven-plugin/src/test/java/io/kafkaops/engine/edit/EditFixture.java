package io.kafkaops.engine.edit;

import io.kafkaops.engine.validate.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A throw-away project with entity files under src/main/kafka, and the editor pointed at it. */
final class EditFixture {

    final Path project;
    final Path kafka;
    private String platform;

    EditFixture(Path project) {
        this.project = project;
        this.kafka = project.resolve("src/main/kafka");
    }

    EditFixture file(String relative, String text) {
        try {
            Path p = kafka.resolve(relative);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Uses a platform definition (written next to the project) so policies run. */
    EditFixture platform(String yaml) {
        try {
            Path p = project.resolve("platform.yaml");
            Files.createDirectories(project);
            Files.writeString(p, yaml, StandardCharsets.UTF_8);
            platform = "platform.yaml";
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String read(String relative) {
        try {
            return Files.readString(kafka.resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean exists(String relative) {
        return Files.exists(kafka.resolve(relative));
    }

    /** Every file under the kafka directory with its bytes as text, to show that a failed request changed nothing. */
    Map<String, String> snapshot() {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(kafka)) return out;
        try (Stream<Path> walk = Files.walk(kafka)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(kafka.relativize(p).toString(), new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    Validator.Request request() {
        return new Validator.Request(project, kafka, "com.example.billing", "billing-service", platform, null,
                getClass().getClassLoader());
    }

    EntityEditor editor() {
        return new EntityEditor(request(), project.resolve("target/kafka/kafka-entities.schema.json"));
    }

    /** The request is rejected; returns the exception after checking that no file changed. */
    EditRejectedException rejected(EntityEdit edit) throws Exception {
        Map<String, String> before = snapshot();
        try {
            editor().prepare(edit, null);
        } catch (EditRejectedException e) {
            if (!before.equals(snapshot())) throw new AssertionError("a rejected request changed files");
            return e;
        }
        throw new AssertionError("the request was not rejected");
    }

    /** The test platform: teams billing and toll, stages dev..prod, naming policies, description a warning. */
    EditFixture withPlatform() {
        try (var in = EditFixture.class.getResourceAsStream("/edit/platform.yaml")) {
            return platform(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prepares and writes; returns the result. */
    EditResult run(EntityEdit edit) throws Exception {
        return run(edit, null);
    }

    EditResult run(EntityEdit edit, String target) throws Exception {
        EntityEditor editor = editor();
        EditResult r;
        try {
            r = editor.prepare(edit, target);
        } catch (EditRejectedException e) {
            throw new AssertionError(e.getMessage() + "\n" + String.join("\n",
                    e.diagnostics().stream().map(Object::toString).toList()), e);
        }
        editor.write(r);
        // what was written loads and validates like any hand-written file
        Validator.Report after = Validator.validate(request());
        if (after.hasErrors()) {
            throw new AssertionError("the edited files do not validate:\n" + String.join("\n",
                    after.diagnostics().stream().map(Object::toString).toList()));
        }
        return r;
    }

    static Map<String, String> params(String... keyValues) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) m.put(keyValues[i], keyValues[i + 1]);
        return m;
    }
}
