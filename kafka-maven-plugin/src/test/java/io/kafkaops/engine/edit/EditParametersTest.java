package io.kafkaops.engine.edit;

import static io.kafkaops.engine.edit.EditFixture.params;
import static io.kafkaops.engine.edit.EditParameters.CONFIG;
import static io.kafkaops.engine.edit.EditParameters.CONSUME;
import static io.kafkaops.engine.edit.EditParameters.DESCRIPTION;
import static io.kafkaops.engine.edit.EditParameters.METADATA;
import static io.kafkaops.engine.edit.EditParameters.PARTITIONS;
import static io.kafkaops.engine.edit.EditParameters.PRODUCE;
import static io.kafkaops.engine.edit.EditParameters.PROTECTED;
import static io.kafkaops.engine.edit.EditParameters.REMOVE_CONFIG;
import static io.kafkaops.engine.edit.EditParameters.SERVICE_ACCOUNT;
import static io.kafkaops.engine.edit.EditParameters.TOPICS;
import static io.kafkaops.engine.edit.EditParameters.VISIBILITY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kafkaops.model.Diagnostic;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EditParametersTest {

    @Test
    void listsAreCommaSeparatedAndTrimmed() throws Exception {
        EntityEdit.AddTopics a = EditParameters.addTopics(params(TOPICS, " billing.a.v1, ,billing.b.v1 ",
                PARTITIONS, " 6 ", VISIBILITY, "PUBLIC", PROTECTED, "True"));
        assertThat(a.names()).containsExactly("billing.a.v1", "billing.b.v1");
        assertThat(a.settings().partitions()).isEqualTo(6);
        assertThat(a.settings().visibility()).isEqualTo("public");
        assertThat(a.settings().protectedTopic()).isTrue();
    }

    @Test
    void keyValueListsKeepCommasThatStartNoNewKeyAndEscapedOnes() throws Exception {
        EntityEdit.AddTopics a = EditParameters.addTopics(params(TOPICS, "billing.a.v1",
                CONFIG, "cleanup.policy=compact,delete, retention.ms = 7d",
                METADATA, "owner=jane,note=one\\, two=three,more", DESCRIPTION, " Invoices "));
        assertThat(a.settings().config()).containsExactly(Map.entry("cleanup.policy", "compact,delete"),
                Map.entry("retention.ms", "7d"));
        assertThat(a.settings().metadata()).containsExactly(Map.entry("description", "Invoices"),
                Map.entry("owner", "jane"), Map.entry("note", "one, two=three,more"));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        EditRejectedException e = assertThrows(EditRejectedException.class, () -> EditParameters.addTopics(params(
                TOPICS, "billing.a.v1,billing.a.v1", PARTITIONS, "six", VISIBILITY, "secret",
                CONFIG, "=3", PROTECTED, "yes", DESCRIPTION, "a", METADATA, "owner=,description=b")));
        assertThat(e.getMessage()).isEqualTo("The parameters of kafka:add-topic are invalid; nothing was changed");
        assertThat(e.diagnostics()).extracting(Diagnostic::message).containsExactlyInAnyOrder(
                "-Dkafka.topics names 'billing.a.v1' twice",
                "-Dkafka.partitions 'six' is not a whole number of at least 1",
                "-Dkafka.visibility 'secret' is not a visibility",
                "-Dkafka.metadata 'owner' has no value",
                "-Dkafka.config '=3' is not key=value",
                "-Dkafka.protected 'yes' is neither true nor false",
                "-Dkafka.description the description is given twice: -Dkafka.description and description= in "
                        + "-Dkafka.metadata");
        assertThat(e.diagnostics()).allSatisfy(d -> {
            assertThat(d.ruleId()).isEqualTo(EditRules.PARAMETER);
            assertThat(d.location().toString()).isEqualTo("command line");
        });
    }

    @Test
    void requiredParametersAndEmptyRequests() {
        EditRejectedException topics = assertThrows(EditRejectedException.class,
                () -> EditParameters.addTopics(Map.of()));
        assertThat(topics.diagnostics().get(0).format()).isEqualTo("command line: ERROR [parameter] -Dkafka.topics is "
                + "missing (set -Dkafka.topics to one or more names, comma-separated)");
        EditRejectedException grant = assertThrows(EditRejectedException.class,
                () -> EditParameters.grant(params(SERVICE_ACCOUNT, "billing-service")));
        assertThat(grant.diagnostics().get(0).message()).isEqualTo("-Dkafka.produce no rights given");
        assertThrows(EditRejectedException.class, () -> EditParameters.remove(Map.of()));
        EditRejectedException update = assertThrows(EditRejectedException.class,
                () -> EditParameters.updateTopics(params(TOPICS, "billing.a.v1")));
        assertThat(update.diagnostics().get(0).message()).isEqualTo("-Dkafka.topics nothing to change");
        EditRejectedException both = assertThrows(EditRejectedException.class,
                () -> EditParameters.updateTopics(params(TOPICS, "billing.a.v1", CONFIG, "retention.ms=1d",
                        REMOVE_CONFIG, "retention.ms")));
        assertThat(both.diagnostics().get(0).message()).contains("both set");
    }

    @Test
    void grantNamesEndingInAStarArePrefixes() throws Exception {
        EntityEdit.Grant g = EditParameters.grant(params(SERVICE_ACCOUNT, "billing-a,billing-b",
                PRODUCE, "billing.a.v1,billing.*", CONSUME, "toll.x.v1"));
        assertThat(g.serviceAccounts()).containsExactly("billing-a", "billing-b");
        assertThat(g.access().produce()).containsExactly(new Access.Resource("billing.a.v1", false),
                new Access.Resource("billing.", true));
        assertThat(g.access().describe()).isEqualTo("produce billing.a.v1, billing.*; consume toll.x.v1");
        EntityEdit.Grant all = EditParameters.grant(params(SERVICE_ACCOUNT, "billing-a", CONSUME, "billing.",
                EditParameters.PREFIXED, "true"));
        assertThat(all.access().consume()).containsExactly(new Access.Resource("billing.", true));
        assertThrows(EditRejectedException.class, () -> EditParameters.grant(params(SERVICE_ACCOUNT, "billing-a",
                CONSUME, "*")));
    }

    @Test
    void theTargetFileStaysInsideTheKafkaDirectoryAndIsAYamlFileTheLoaderReads() throws Exception {
        assertThat(EditParameters.file(null)).isNull();
        assertThat(EditParameters.file("./streams\\billing.yml")).isEqualTo("streams/billing.yml");
        for (String bad : List.of("../pom.yaml", "/etc/x.yaml", "a/../../b.yaml", "topics.json", ".hidden/a.yaml",
                "C:/x.yaml")) {
            EditRejectedException e = assertThrows(EditRejectedException.class, () -> EditParameters.file(bad), bad);
            assertThat(e.diagnostics()).singleElement().satisfies(d -> assertThat(d.message()).contains(bad));
        }
    }
}
