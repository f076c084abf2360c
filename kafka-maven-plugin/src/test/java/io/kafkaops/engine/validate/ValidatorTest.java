package io.kafkaops.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaops.engine.PlatformNotFoundException;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.platform.Team;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidatorTest {

    static final Path EXAMPLE_PLATFORM = Path.of("").toAbsolutePath().getParent()
            .resolve("examples/platform/platform.yaml");

    @TempDir
    Path project;

    private Validator.Request request(String groupId, String team) {
        return new Validator.Request(project, project.resolve("src/main/kafka"), groupId, "svc",
                EXAMPLE_PLATFORM.toString(), team, getClass().getClassLoader());
    }

    private void write(String file, String yaml) throws IOException {
        Path p = project.resolve("src/main/kafka").resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, yaml);
    }

    @Test
    void theTeamComesFromTheRepositoryPatterns() throws Exception {
        write("t.yaml", "topics:\n  - name: billing.x.v1\n    metadata: {description: d, dataClassification: internal}\n");
        Validator.Report report = Validator.validate(request("com.example.billing", null));
        assertThat(report.team()).map(Team::name).contains("billing");
        assertThat(report.diagnostics()).isEmpty();
        assertThat(report.model().topics()).hasSize(1);
    }

    @Test
    void referencesToEntitiesDroppedForAnErrorOrInAFileThatDoesNotParseAreNoFurtherProblem() throws Exception {
        // issue 10 item 7: these used to add [references] errors in access.yaml, follow-ups of the real problems
        write("topics.yaml", """
                topics:
                  - name: billing.x.v1
                    partitions: many
                    metadata: {description: d, dataClassification: internal}
                """);
        write("accounts.yaml", "serviceAccounts:\n  - name: billing-worker\n    description: [unclosed\n");
        write("access.yaml", """
                grants:
                  - serviceAccount: billing-worker
                    produce: [billing.x.v1, {prefix: billing.x}]
                  - serviceAccount: billing-workr
                    consume: [billing.y.v1]
                """);

        Validator.Report report = Validator.validate(request("com.example.billing", null));

        assertThat(report.diagnostics()).extracting(Diagnostic::ruleId).doesNotContain("team")
                .contains("schema", "yamlSyntax");
        // only the references that are wrong whatever the dropped entities say
        assertThat(report.diagnostics()).filteredOn(d -> d.ruleId().equals("references"))
                .extracting(d -> d.location().file() + ":" + d.location().line()).containsExactly(
                        "src/main/kafka/access.yaml:4", "src/main/kafka/access.yaml:5");
    }

    @Test
    void aRepositoryOfNoTeamIsAnErrorOnceItDeclaresEntities() throws Exception {
        write("t.yaml", "topics:\n  - name: billing.x.v1\n    metadata: {description: d, dataClassification: internal}\n");
        Validator.Report report = Validator.validate(request("com.example.unknown", null));
        assertThat(report.team()).isEmpty();
        assertThat(report.diagnostics()).extracting(Diagnostic::format).containsExactly(
                "pom.xml:1:1: ERROR [team] Repository com.example.unknown:svc belongs to no team in the platform definition "
                        + EXAMPLE_PLATFORM + " (ask the platform team to add it to a team's repositories, or set"
                        + " -Dkafka.team=<team>)");
    }

    @Test
    void aTeamParameterMustExistAndAgreeWithThePatterns() throws Exception {
        write("t.yaml", "topics: []\n");
        assertThat(Validator.validate(request("com.example.unknown", "nosuch")).diagnostics())
                .extracting(Diagnostic::message)
                .containsExactly("Team 'nosuch' (kafka.team) is not in the platform definition " + EXAMPLE_PLATFORM);
        assertThat(Validator.validate(request("com.example.billing", "toll")).diagnostics())
                .extracting(Diagnostic::message)
                .containsExactly("Repository com.example.billing:svc belongs to team 'billing' in the platform"
                        + " definition, not 'toll'");
        assertThat(Validator.validate(request("com.example.unknown", "toll")).team()).map(Team::name).contains("toll");
    }

    @Test
    void withoutAPlatformDefinitionOnlySchemaAndStructureAreChecked() throws Exception {
        write("t.yaml", "topics:\n  - name: Whatever\n  - name: Whatever\n");
        Validator.Request r = new Validator.Request(project, project.resolve("src/main/kafka"), "g", "a", null, null,
                getClass().getClassLoader());
        Validator.Report report = Validator.validate(r);
        assertThat(report.platformMissing()).isTrue();
        assertThat(report.diagnostics()).extracting(Diagnostic::ruleId).containsExactly("duplicates");
    }

    @Test
    void aConfiguredPlatformDefinitionThatDoesNotExistIsAConfigurationError() {
        Validator.Request r = new Validator.Request(project, project.resolve("src/main/kafka"), "g", "a",
                "classpath:no-such-platform.yaml", null, getClass().getClassLoader());
        assertThatThrownBy(() -> Validator.validate(r)).isInstanceOf(PlatformNotFoundException.class)
                .hasMessageContaining("classpath:no-such-platform.yaml is not on the plugin's classpath");
    }

    @Test
    void issue10Item6AFileWhereTheEntityDirectoryBelongsIsSaidSo() throws Exception {
        Files.createDirectories(project.resolve("src/main"));
        Files.writeString(project.resolve("src/main/kafka"), "topics: []\n");
        assertThat(Validator.validate(request("com.example.billing", null)).diagnostics())
                .extracting(Diagnostic::format).containsExactly("src/main/kafka:1:1: ERROR [io] is a file, not a"
                        + " directory (the Kafka entity files belong in a directory (kafka.directory); move the file"
                        + " into one)");
    }

    @Test
    void issue10Item6APlatformPathThatIsADirectoryIsSaidSo() throws Exception {
        Files.createDirectories(project.resolve("platform.yaml"));
        Validator.Request r = new Validator.Request(project, project.resolve("src/main/kafka"), "g", "a",
                "platform.yaml", null, getClass().getClassLoader());
        assertThatThrownBy(() -> Validator.validate(r)).isInstanceOf(PlatformNotFoundException.class)
                .hasMessageContaining("platform.yaml is a directory, not a file");
    }
}
