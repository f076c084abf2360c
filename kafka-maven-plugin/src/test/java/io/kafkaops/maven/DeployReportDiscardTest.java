package io.kafkaops.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A deploy that fails, even on a validation error before it reaches the cluster, leaves no older deploy.json. */
class DeployReportDiscardTest {

    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @TempDir
    Path project;

    @Test
    void aDeployStoppedByValidationErrorsRemovesTheLastRunsReport() throws Exception {
        Path kafka = project.resolve("src/main/kafka");
        Files.createDirectories(kafka);
        Files.writeString(kafka.resolve("topics.yaml"), "topics:\n  - name: billing.invoices.v1\n    partitions: 0\n");
        Path old = project.resolve("target/kafka/dev/deploy.json");
        Files.createDirectories(old.getParent());
        Files.writeString(old, "{ \"complete\" : true }\n");

        DeployMojo mojo = mojo(kafka, "dev");

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("validation errors");
        assertThat(old).doesNotExist();
    }

    @Test
    void aStageThePlatformDoesNotDefineTouchesNoFile() throws Exception {
        Path kafka = project.resolve("src/main/kafka");
        Files.createDirectories(kafka);
        Path elsewhere = project.resolve("target/kafka/../deploy.json");
        Files.createDirectories(project.resolve("target/kafka"));
        Files.writeString(elsewhere, "{}\n");

        DeployMojo mojo = mojo(kafka, "..");

        assertThatThrownBy(mojo::execute).hasMessageContaining("Unknown stage");
        assertThat(elsewhere).exists();
    }

    private DeployMojo mojo(Path kafka, String stage) {
        DeployMojo mojo = new DeployMojo(null);
        MavenProject p = new MavenProject();
        p.setGroupId("com.example.billing");
        p.setArtifactId("billing-service");
        p.setFile(project.resolve("pom.xml").toFile());
        mojo.project = p;
        mojo.directory = kafka.toFile();
        mojo.platform = ROOT.resolve("examples/platform/platform.yaml").toString();
        mojo.outputDirectory = new File(project.toFile(), "target/kafka");
        mojo.stage = stage;
        return mojo;
    }
}
