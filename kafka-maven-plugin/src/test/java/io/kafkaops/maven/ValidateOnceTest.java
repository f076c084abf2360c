package io.kafkaops.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.engine.ClusterChecks;
import io.kafkaops.engine.validate.Validator;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.Severity;
import io.kafkaops.model.Visibility;
import io.kafkaops.policy.KnownTopic;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan or deploy validates once: the goal loads and checks the files, and the checks that need the cluster run the
 * cluster policies (topicVisibility) on the model already loaded instead of reading and parsing every file again.
 */
class ValidateOnceTest {

    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final KnownTopic PRIVATE_TOLL_TOPIC = new KnownTopic("toll.transactions.v1", "toll",
            "com.example.toll:toll-service", Visibility.PRIVATE, List.of());

    @TempDir
    Path project;

    private PlanMojo mojo() throws IOException {
        Path kafka = project.resolve("src/main/kafka");
        Files.createDirectories(kafka);
        for (String file : List.of("topics.yaml", "access.yaml")) {
            Files.copy(ROOT.resolve("examples/billing-service/src/main/kafka").resolve(file), kafka.resolve(file));
        }
        PlanMojo mojo = new PlanMojo(null);
        MavenProject p = new MavenProject();
        p.setGroupId("com.example.billing");
        p.setArtifactId("billing-service");
        p.setFile(project.resolve("pom.xml").toFile());
        mojo.project = p;
        mojo.directory = kafka.toFile();
        mojo.platform = ROOT.resolve("examples/platform/platform.yaml").toString();
        mojo.outputDirectory = new File(project.toFile(), "target/kafka");
        return mojo;
    }

    @Test
    void theClusterChecksUseTheValidatedModelAndReadNoFileAgain() throws Exception {
        PlanMojo mojo = mojo();
        Validator.Report report = mojo.runValidation();
        assertThat(report.hasErrors()).isFalse();
        ClusterChecks checks = mojo.clusterChecks(report, "dev");

        // Gone after the goal's validation: checks that parsed the files again would find no grant to complain about.
        deleteTree(project.resolve("src/main/kafka"));
        List<Diagnostic> problems = checks.check(Map.of(PRIVATE_TOLL_TOPIC.name(), PRIVATE_TOLL_TOPIC));

        assertThat(problems).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.ERROR);
            assertThat(d.ruleId()).isEqualTo("topicVisibility");
            assertThat(d.message()).startsWith("'billing-service' may not consume 'toll.transactions.v1'");
            assertThat(d.location().file()).endsWith("access.yaml");
        });
    }

    @Test
    void theChecksKnowTheStage() throws Exception {
        PlanMojo mojo = mojo();
        Validator.Report report = mojo.runValidation();
        KnownTopic publicTopic = new KnownTopic("toll.transactions.v1", "toll", "com.example.toll:toll-service",
                Visibility.PUBLIC, List.of());
        assertThat(mojo.clusterChecks(report, "dev").check(Map.of(publicTopic.name(), publicTopic))).isEmpty();
        // on a shared stage a consumed topic its owner has not deployed is private; on the local stage nobody else
        // deploys, so its absence says nothing
        assertThat(mojo.clusterChecks(report, "dev").check(Map.of())).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("which has not deployed it to this stage"));
        assertThat(mojo.clusterChecks(report, "local").check(Map.of())).isEmpty();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
