package io.kafkaops.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The real mvn finds the plugin just built, from target/it-repo, in a copied sample repository. */
class MavenRunnerIT {

    @Test
    void helpListsThePluginGoals(TestInfo test) throws Exception {
        MavenRunner runner = MavenRunner.forTest(test);
        Path project = runner.copyRepo("hello");
        String version = System.getProperty("it.token.kafkaops.version");

        assertThat(Files.readString(project.resolve("pom.xml")))
                .contains("<version>" + version + "</version>")
                .doesNotContain("@kafkaops.version@");

        MavenResult result = runner.run(project, "kafka:help");

        result.assertSucceeded()
                .assertLine("kafka-maven-plugin:" + version + ":help")
                .assertLineMatching("This plugin has \\d+ goals?:")
                .assertLine("kafka:help");
        assertThat(project.resolve("build.log")).exists();
        assertThat(Path.of(System.getProperty("it.repo"), "io", "kafkaops", "kafka-maven-plugin", version,
                "kafka-maven-plugin-" + version + ".jar")).exists();
    }

    @Test
    void aFailingBuildIsReportedWithItsOutput(TestInfo test) {
        MavenRunner runner = MavenRunner.forTest(test);
        Path project = runner.copyRepo("hello");

        MavenResult result = runner.run(project, "kafka:no-such-goal");

        result.assertFailed().assertLine("Could not find goal 'no-such-goal'");
    }
}
