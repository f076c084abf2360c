package io.kafkaops.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.engine.apply.EntityResult;
import io.kafkaops.engine.plan.ChangeAction;
import io.kafkaops.engine.plan.EntityKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeployMojoTest {

    private static EntityResult result(String name, EntityResult.Status status) {
        return new EntityResult(EntityKind.TOPIC, name, name, ChangeAction.CREATE, status,
                status == EntityResult.Status.APPLIED ? null : "Timed out waiting for a node assignment");
    }

    @Test
    void anIncompleteDeployNamesTheStageTheClusterAndWhatFailed() {
        String message = AbstractStageMojo.incomplete("dev", "kafka-1:9093,kafka-2:9093", List.of(
                result("dev.a", EntityResult.Status.APPLIED),
                result("dev.b", EntityResult.Status.FAILED),
                result("dev.c", EntityResult.Status.FAILED),
                result("dev.d", EntityResult.Status.SKIPPED)), "target/kafka/dev/deploy.json");

        assertThat(message).isEqualTo("The deploy to stage dev did not complete: see target/kafka/dev/deploy.json;"
                + " run it again to finish it. 3 of 4 changes were not applied (2 failed, 1 skipped) on the cluster at"
                + " kafka-1:9093,kafka-2:9093.");
    }

    @Test
    void aDeployRefusedAtItsFirstWriteCountsEverythingAsSkipped() {
        assertThat(AbstractStageMojo.incomplete("test", "k:1", List.of(result("t", EntityResult.Status.SKIPPED)),
                "r.json"))
                .contains("1 of 1 change was not applied (0 failed, 1 skipped) on the cluster at k:1.");
    }

    @Test
    void aDeployWithConflictsNamesEachAndTheRepositoryThatOwnsIt() {
        List<EntityResult> results = List.of(result("dev.a", EntityResult.Status.APPLIED),
                new EntityResult(EntityKind.TOPIC, "dev.shared", "dev.shared", ChangeAction.CREATE,
                        EntityResult.Status.CONFLICT, "claimed first by repository com.example:billing-a (team"
                        + " billing), whose deploy ran at the same time: this deploy withdrew its claim and changed"
                        + " nothing for it"));

        String message = AbstractStageMojo.conflicted("dev", io.kafkaops.engine.apply.ClaimConflicts.lines(results),
                results, "target/kafka/dev/deploy.json");

        assertThat(message).startsWith("The deploy to stage dev lost 1 ownership claim to deploys of other"
                + " repositories that ran at the same time and wrote their claims first; it changed nothing for that"
                + " entity:\n  topic dev.shared: claimed first by repository com.example:billing-a (team billing)")
                .endsWith("Everything else was applied. Each of those entities belongs to the repository named;"
                + " remove it from this repository's files or rename it, then plan again (see"
                + " target/kafka/dev/deploy.json).");
    }

    @Test
    void anUnknownStageGetsADidYouMean() {
        var platform = io.kafkaops.engine.Fixtures.platform("localhost:9092");

        assertThat(AbstractStageMojo.unknownStage("prdo", platform)).isEqualTo("Unknown stage 'prdo' (kafka.stage):"
                + " the platform definition test-platform has [dev, test, prod]; did you mean 'prod'?");
        assertThat(AbstractStageMojo.unknownStage("staging", platform)).doesNotContain("did you mean");
    }
}
