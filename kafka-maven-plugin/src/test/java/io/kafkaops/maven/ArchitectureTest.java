package io.kafkaops.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layering of the house style: the engine, the model and the policies know nothing of Maven; only the goal
 * classes in {@code io.kafkaops.maven} do. Inside the engine, the pure parts (desired state, current state,
 * ownership, plan, and the cluster-independent apply types such as the credential seam) know nothing of Apache
 * Kafka's client classes nor of the Admin-client adapter, and only one wiring class outside the adapter may name it.
 */
class ArchitectureTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path PLUGIN = ROOT.resolve("kafka-maven-plugin/src/main/java");
    private static final String ADAPTER = "io.kafkaops.engine.cluster.admin";
    private static final String ADAPTER_DIR = "io/kafkaops/engine/cluster/admin/";
    /** The single class outside the adapter allowed to import it: it constructs the adapter for the engine. */
    private static final String WIRING = "io/kafkaops/engine/ClusterWiring.java";
    /** Packages (with their subpackages) that hold plain Java and never talk to a cluster. */
    private static final List<String> PURE = List.of(
            "io/kafkaops/engine/desired/", "io/kafkaops/engine/state/", "io/kafkaops/engine/ownership/",
            "io/kafkaops/engine/plan/", "io/kafkaops/engine/apply/", "io/kafkaops/engine/onboard/");
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    @Test
    void onlyGoalClassesImportMaven() throws IOException {
        List<String> offenders = mavenImportsOutside(PLUGIN, "io/kafkaops/maven/");
        offenders.addAll(mavenImportsOutside(ROOT.resolve("kafka-model/src/main/java"), null));
        offenders.addAll(mavenImportsOutside(ROOT.resolve("kafka-policy/src/main/java"), null));
        assertThat(offenders).as("files outside io.kafkaops.maven that import org.apache.maven").isEmpty();
    }

    @Test
    void theScanSeesTheGoalsThatDoImportMaven() throws IOException {
        // guards the test above against scanning the wrong directory and passing vacuously
        assertThat(mavenImportsOutside(PLUGIN, "io/kafkaops/engine/")).isNotEmpty();
    }

    @Test
    void pureEnginePackagesUseNoKafkaClientAndNoAdapter() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (String dir : PURE) {
            offenders.addAll(filesUsing(PLUGIN, p -> p.startsWith(dir), "org.apache.kafka."));
            offenders.addAll(filesUsing(PLUGIN, p -> p.startsWith(dir), ADAPTER + "."));
        }
        assertThat(offenders)
                .as("files in %s that use org.apache.kafka or %s", PURE, ADAPTER)
                .isEmpty();
    }

    @Test
    void onlyTheWiringClassUsesTheAdapterFromOutside() throws IOException {
        List<String> users = filesUsing(PLUGIN, p -> !p.startsWith(ADAPTER_DIR), ADAPTER + ".");
        assertThat(users).as("files outside %s that use it", ADAPTER).containsExactly(WIRING);
    }

    @Test
    void theScansSeeTheAdapterAndItsKafkaImports() throws IOException {
        // guards the two tests above against scanning the wrong directory and passing vacuously
        assertThat(filesUsing(PLUGIN, p -> p.startsWith(ADAPTER_DIR), "org.apache.kafka.")).isNotEmpty();
        for (String dir : PURE) {
            assertThat(filesUsing(PLUGIN, p -> p.startsWith(dir), "io.kafkaops.")).as(dir).isNotEmpty();
        }
    }

    @Test
    void onlyTheKubernetesPlacementUsesTheKubernetesClient() throws IOException {
        String dir = "io/kafkaops/engine/debug/kubernetes/";
        assertThat(filesUsing(PLUGIN, p -> !p.startsWith(dir), "io.fabric8.")).as("files outside %s that use fabric8",
                dir).isEmpty();
        // guards the scan against passing vacuously
        assertThat(filesUsing(PLUGIN, p -> p.startsWith(dir), "io.fabric8.")).isNotEmpty();
    }

    @Test
    void everyMainPackageSaysWhatItIs() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String module : List.of("kafka-model", "kafka-policy", "kafka-maven-plugin")) {
            Path root = ROOT.resolve(module + "/src/main/java");
            for (Path dir : packagesUnder(root)) {
                if (!Files.exists(dir.resolve("package-info.java"))) {
                    missing.add(module + ": " + root.relativize(dir).toString().replace('\\', '.').replace('/', '.'));
                }
            }
        }
        assertThat(missing).as("main packages without package-info.java").isEmpty();
    }

    private static Set<Path> packagesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).map(Path::getParent)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** Source files (paths relative to the root) whose code outside comments names {@code prefix}. */
    private static List<String> filesUsing(Path sourceRoot, java.util.function.Predicate<String> inScope,
                                           String prefix) throws IOException {
        assertThat(sourceRoot).isDirectory();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> inScope.test(relative(sourceRoot, p)))
                    .filter(p -> COMMENTS.matcher(read(p)).replaceAll(" ").contains(prefix))
                    .map(p -> relative(sourceRoot, p))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> mavenImportsOutside(Path sourceRoot, String allowedPackageDir) throws IOException {
        assertThat(sourceRoot).isDirectory();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> allowedPackageDir == null
                            || !relative(sourceRoot, p).startsWith(allowedPackageDir))
                    .filter(ArchitectureTest::importsMaven)
                    .map(p -> relative(sourceRoot, p))
                    .collect(Collectors.toList());
        }
    }

    private static boolean importsMaven(Path file) {
        try {
            return Files.readAllLines(file).stream().anyMatch(l -> l.startsWith("import org.apache.maven."));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
