package io.kafkaops.maven;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layering of the house style: the engine, the model and the policies know nothing of Maven; only the goal
 * classes in {@code io.kafkaops.maven} do.
 */
class ArchitectureTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void onlyGoalClassesImportMaven() throws IOException {
        List<String> offenders = mavenImportsOutside(ROOT.resolve("kafka-maven-plugin/src/main/java"), "io/kafkaops/maven/");
        offenders.addAll(mavenImportsOutside(ROOT.resolve("kafka-model/src/main/java"), null));
        offenders.addAll(mavenImportsOutside(ROOT.resolve("kafka-policy/src/main/java"), null));
        assertThat(offenders).as("files outside io.kafkaops.maven that import org.apache.maven").isEmpty();
    }

    @Test
    void theScanSeesTheGoalsThatDoImportMaven() throws IOException {
        // guards the test above against scanning the wrong directory and passing vacuously
        Path goals = ROOT.resolve("kafka-maven-plugin/src/main/java");
        assertThat(mavenImportsOutside(goals, "io/kafkaops/engine/")).isNotEmpty();
    }

    private static List<String> mavenImportsOutside(Path sourceRoot, String allowedPackageDir) throws IOException {
        assertThat(sourceRoot).isDirectory();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> allowedPackageDir == null
                            || !sourceRoot.relativize(p).toString().replace('\\', '/').startsWith(allowedPackageDir))
                    .filter(ArchitectureTest::importsMaven)
                    .map(p -> sourceRoot.relativize(p).toString())
                    .collect(java.util.stream.Collectors.toList());
        }
    }

    private static boolean importsMaven(Path file) {
        try {
            return Files.readAllLines(file).stream().anyMatch(l -> l.startsWith("import org.apache.maven."));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
