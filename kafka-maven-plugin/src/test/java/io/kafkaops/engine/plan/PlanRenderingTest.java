package io.kafkaops.engine.plan;

import static io.kafkaops.engine.plan.PlannerTest.applied;
import static io.kafkaops.engine.plan.PlannerTest.billing;
import static io.kafkaops.engine.plan.PlannerTest.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaops.engine.EngineOptions;
import io.kafkaops.engine.Fixtures;
import io.kafkaops.engine.desired.DesiredState;
import io.kafkaops.engine.desired.DesiredTopic;
import io.kafkaops.engine.plan.file.PlanFiles;
import io.kafkaops.engine.state.ClusterState;
import io.kafkaops.engine.state.CurrentTopic;
import io.kafkaops.model.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanRenderingTest {

    @TempDir
    Path dir;

    @Test
    void consoleLinesShowMarkersAndDetails() {
        Plan p = plan(billing(), ClusterState.empty());

        assertThat(PlanRenderer.lines(p)).extracting(PlanLine::render).containsExactly(
                "+ service account test.billing-service",
                "+ credential test.billing-service",
                "    a new SCRAM-SHA-512 credential, stored in file creds.json",
                "+ topic test.billing.invoices.v1 (6 partitions, replication factor 1)",
                "    visibility = private",
                "    retention.ms = 1w",
                "+ acl ALLOW User:test.billing-service DESCRIBE on TOPIC test.billing.invoices.v1",
                "+ acl ALLOW User:test.billing-service WRITE on TOPIC test.billing.invoices.v1");
    }

    @Test
    void aNewTopicShowsWhoMayUseItAndAPrefixedAclItsPatternType() {
        DesiredTopic shared = new DesiredTopic("test.billing.audit.v1", "billing.audit.v1", 1, 1, Map.of(), false,
                io.kafkaops.model.Visibility.PROTECTED, List.of("toll", "fleet"), Fixtures.at(3));
        io.kafkaops.model.AclEntry prefixed = new io.kafkaops.model.AclEntry("User:test.billing-service",
                io.kafkaops.model.AclResourceType.TOPIC, "test.billing.audit.", io.kafkaops.model.PatternType.PREFIXED,
                io.kafkaops.model.AclOperation.READ, io.kafkaops.model.AclPermission.ALLOW, "*", Fixtures.at(20));
        Plan p = plan(PlannerTest.desired(List.of(shared), List.of(), List.of(prefixed)), ClusterState.empty());

        assertThat(PlanRenderer.lines(p)).extracting(PlanLine::render).containsExactly(
                "+ topic test.billing.audit.v1 (1 partition, replication factor 1)",
                "    visibility = protected",
                "    sharedWith = toll, fleet",
                "+ acl ALLOW User:test.billing-service READ on TOPIC PREFIXED test.billing.audit.");
        assertThat(PlanRenderer.markdown(p)).contains("\n    visibility = protected\n", "\n    sharedWith = toll, fleet\n",
                "READ on TOPIC PREFIXED test.billing.audit.\n").doesNotContain("audit.*");
    }

    @Test
    void aPasswordReplacedInUseIsAWarningInTheConsoleAndInPlanMd() {
        Plan first = plan(billing(), ClusterState.empty());
        ClusterState deployed = applied(first, ClusterState.empty());

        // the store lost the credential (a fresh CI agent, mvn clean): the cluster still has the SCRAM user
        Plan p = plan(billing(), deployed, EngineOptions.defaults(), true, Set.of());

        assertThat(p.problems()).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.WARN);
            assertThat(d.ruleId()).isEqualTo("credentialReplaced");
            assertThat(d.message()).isEqualTo("the password of test.billing-service on stage test is REPLACED: the"
                    + " one in use is missing from file creds.json, so every service signing in as"
                    + " test.billing-service stops working until it reads the new password from the store");
        });
        assertThat(p.hasErrors()).isFalse();
        assertThat(PlanRenderer.markdown(p)).contains("#### Problems", "| WARN | `credentialReplaced` |",
                "is REPLACED");
    }

    @Test
    void deletesAndKeptEntitiesAreShownForWhatTheyAre() {
        ClusterState owned = applied(plan(billing(), ClusterState.empty()), ClusterState.empty());
        DesiredState nothing = PlannerTest.desired(List.of(), List.of(), List.of());

        Plan p = plan(nothing, owned, EngineOptions.defaults(), false, null);

        assertThat(PlanRenderer.lines(p)).extracting(PlanLine::render).containsExactly(
                "  kept service account test.billing-service: no longer declared, but stage test does not allow deletes",
                "  kept topic test.billing.invoices.v1: no longer declared, but stage test does not allow deletes",
                "- acl ALLOW User:test.billing-service DESCRIBE on TOPIC test.billing.invoices.v1",
                "- acl ALLOW User:test.billing-service WRITE on TOPIC test.billing.invoices.v1");
    }

    @Test
    void planJsonRoundTripsAndHoldsWhatADeployNeeds() throws IOException {
        Plan p = plan(billing(), ClusterState.empty());

        PlanFiles.write(p, dir);
        Plan back = PlanFiles.read(dir.resolve("plan.json"));

        assertThat(back).isEqualTo(p);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("plan.json").toFile());
        assertThat(json.get("formatVersion").asInt()).isEqualTo(1);
        assertThat(json.get("stage").asText()).isEqualTo("test");
        assertThat(json.get("repository").asText()).isEqualTo(Fixtures.REPO);
        assertThat(json.get("createdAt").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(json.get("summary").get("create").asInt()).isEqualTo(5);
        JsonNode topic = json.get("changes").get(2);
        assertThat(topic.get("kind").asText()).isEqualTo("TOPIC");
        assertThat(topic.get("action").asText()).isEqualTo("CREATE");
        assertThat(topic.get("topic").get("partitions").asInt()).isEqualTo(6);
        assertThat(topic.get("topic").get("config").get("retention.ms").asText()).isEqualTo("604800000");
        assertThat(topic.get("topic").has("protected")).isTrue();
        assertThat(json.get("changes").get(3).get("acl").get("operation").asText()).isEqualTo("DESCRIBE");
    }

    @Test
    void planJsonStreamedToTheFileIsTheSameAsItsStringForm() throws IOException {
        CurrentTopic t = CurrentTopic.of("test.billing.invoices.v1", 12, 1, Map.of());
        ClusterState s = new ClusterState(Map.of(t.name(), t), List.of(), Map.of(), ownedBy(t.name()), true,
                List.of(1));
        Plan p = plan(billing(), s, new EngineOptions(false, false, null), true, Set.of()).withClusterId("c-1");

        PlanFiles.write(p, dir);

        assertThat(Files.readString(dir.resolve("plan.json"))).isEqualTo(PlanFiles.toJson(p))
                .contains("\n  \"changes\" : [ {").endsWith("}\n");
        assertThat(dir.toFile().list()).containsExactlyInAnyOrder("plan.json", "plan.md");
    }

    @Test
    void problemsSurviveTheRoundTrip() throws IOException {
        CurrentTopic t = CurrentTopic.of("test.billing.invoices.v1", 12, 1, Map.of());
        ClusterState s = new ClusterState(Map.of(t.name(), t), List.of(), Map.of(), ownedBy(t.name()), true,
                List.of(1));
        Plan p = plan(billing(), s, new EngineOptions(false, false, null), true, Set.of());

        PlanFiles.write(p, dir);
        Plan back = PlanFiles.read(dir.resolve("plan.json"));

        assertThat(back.hasErrors()).isTrue();
        assertThat(back.problems()).isEqualTo(p.problems());
        assertThat(back.problems().get(0).severity()).isEqualTo(Severity.ERROR);
        assertThat(back.problems().get(0).location().toString()).isEqualTo("src/main/kafka/billing.yaml:3:5");
    }

    @Test
    void markdownIsAPullRequestComment() throws IOException {
        CurrentTopic t = CurrentTopic.of("test.billing.invoices.v1", 12, 1, Map.of());
        ClusterState s = new ClusterState(Map.of(t.name(), t), List.of(), Map.of(), ownedBy(t.name()), true,
                List.of(1));
        Plan p = plan(billing(), s, new EngineOptions(false, false, null), true, Set.of());

        PlanFiles.write(p, dir);
        String md = Files.readString(dir.resolve("plan.md"));

        assertThat(md).startsWith("### Kafka plan for stage `test`\n\n**Plan for stage test: 4 to create, 1 to update,"
                + " 0 to delete**");
        assertThat(md).contains("#### Topics\n\n```diff\n~ topic test.billing.invoices.v1\n"
                + "    partitions 12 -> 6 (impossible: Kafka cannot remove partitions)\n");
        assertThat(md).contains("#### ACLs").contains("#### Service accounts").contains("#### Credentials");
        assertThat(md).contains("| ERROR | `partitionDecrease` | src/main/kafka/billing.yaml:3:5 |");
    }

    @Test
    void markdownSaysWhenNothingChanges() {
        ClusterState s = applied(plan(billing(), ClusterState.empty()), ClusterState.empty());

        String md = PlanRenderer.markdown(plan(billing(), s));

        assertThat(md).contains("(5 unchanged)").contains("No changes: stage `test` matches the repository.")
                .doesNotContain("```");
    }

    @Test
    void aLargePlanKeepsPlanMdUnderTheCommentLimitAndStillShowsTheProblems() {
        List<DesiredTopic> topics = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            topics.add(PlannerTest.topic(String.format("billing.events-%04d.v1", i), 3, Map.of()));
        }
        CurrentTopic shrunk = CurrentTopic.of("test.billing.events-2999.v1", 12, 1, Map.of());
        ClusterState s = new ClusterState(Map.of(shrunk.name(), shrunk), List.of(), Map.of(),
                ownedBy(shrunk.name()), true, List.of(1));
        Plan p = plan(PlannerTest.desired(topics, List.of(), List.of()), s, new EngineOptions(false, false, null),
                true, Set.of());

        String md = PlanRenderer.markdown(p);

        assertThat(md.length()).isLessThanOrEqualTo(PlanRenderer.MARKDOWN_LIMIT);
        assertThat(md).startsWith("### Kafka plan for stage `test`\n\n**Plan for stage test: 2999 to create, 1 to"
                + " update, 0 to delete**");
        assertThat(md).contains("+ topic test.billing.events-0000.v1 (3 partitions");
        assertThat(md).doesNotContain("events-2998");
        assertThat(md).containsPattern("\\n\\*\\d+ more changes are not shown here, to keep this comment under"
                + " 60,000 characters: every change is in `plan.json` and in the build log\\.\\*\\n");
        assertThat(md).contains("| ERROR | `partitionDecrease` |");
        assertThat(md.split("```", -1).length % 2).as("every diff block is closed").isEqualTo(1);

        String small = PlanRenderer.markdown(plan(billing(), ClusterState.empty()));
        assertThat(small).doesNotContain("not shown here");
    }

    @Test
    void aFileThatIsNotAPlanIsRefusedClearly() throws IOException {
        Files.writeString(dir.resolve("plan.json"), "{\"formatVersion\": 99, \"stage\": \"test\"}");
        assertThatThrownBy(() -> PlanFiles.read(dir.resolve("plan.json")))
                .hasMessageContaining("plan format 99");
        Files.writeString(dir.resolve("plan.json"), "not json");
        assertThatThrownBy(() -> PlanFiles.read(dir.resolve("plan.json")))
                .hasMessageContaining("is not a plan written by kafka:plan");
    }

    /** The topic owned by this repository: its changes are updates (the adoption of a topic changes nothing). */
    private static Map<String, io.kafkaops.engine.ownership.OwnershipRecord> ownedBy(String topic) {
        return Map.of("topic:" + topic, PlannerTest.owner("topic", topic, Fixtures.REPO, "recorded"));
    }
}
