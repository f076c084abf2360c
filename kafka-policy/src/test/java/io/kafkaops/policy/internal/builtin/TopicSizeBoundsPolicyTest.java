package io.kafkaops.policy.internal.builtin;

import static io.kafkaops.policy.Fixtures.context;
import static io.kafkaops.policy.Fixtures.model;
import static io.kafkaops.policy.Fixtures.platform;
import static io.kafkaops.policy.Fixtures.run;
import static io.kafkaops.policy.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaops.model.Topic;
import io.kafkaops.model.platform.PlatformDefinition;
import io.kafkaops.policy.PolicyConfigurationException;
import io.kafkaops.policy.PolicyParams;
import io.kafkaops.policy.Violation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicSizeBoundsPolicyTest {

    private static final Map<String, Object> PARTITIONS = Map.of(
            "min", 2, "max", 100, "stages", Map.of("prod", Map.of("min", 3)));
    private static final PlatformDefinition PLATFORM = platform().defaults(2, 2).build();

    private static List<Violation> partitions(Topic... topics) {
        return run(new TopicPartitionsPolicy(), context(model().topics(topics).build(), PLATFORM), PARTITIONS);
    }

    @Test
    void effectiveValuesWithinTheBoundsOfEachStagePass() {
        assertThat(partitions(
                topic("billing.a.v1").partitions(6).build(),
                topic("billing.b.v1").override("prod", 12, null, Map.of()).build(),
                topic("billing.c.v1").deployTo("dev", "test").build())).isEmpty();
    }

    @Test
    void aTopicValueBelowTheMinimumIsOneFindingForAllItsStages() {
        Topic t = topic("billing.a.v1").partitions(1).build();

        assertThat(partitions(t)).containsExactly(
                new Violation("topic 'billing.a.v1' has 1 partition on stages dev, test, preprod, below the minimum 2",
                        t.origin().at("partitions"), "set partitions to at least 2"),
                new Violation("topic 'billing.a.v1' has 1 partition on stage prod, below the minimum 3",
                        t.origin().at("partitions"), "set partitions to at least 3"));
    }

    @Test
    void thePlatformDefaultIsCheckedPerStageAndAnOverrideAtItsOwnField() {
        Topic byDefault = topic("billing.a.v1").build();
        Topic overridden = topic("billing.b.v1").partitions(6).override("prod", 200, null, Map.of()).build();

        assertThat(partitions(byDefault, overridden)).containsExactly(
                new Violation("topic 'billing.a.v1' has 2 partitions on stage prod (platform default), below the "
                        + "minimum 3", byDefault.origin().at("name"),
                        "set partitions on the topic to at least 3 (the platform default 2 applies when none is "
                                + "given)"),
                new Violation("topic 'billing.b.v1' has 200 partitions on stage prod, above the maximum 100",
                        overridden.origin().at("overrides.prod.partitions"),
                        "set overrides.prod.partitions to at most 100"));
    }

    @Test
    void replicationFactorUsesItsOwnFieldsAndDefault() {
        Map<String, Object> params = Map.of("stages", Map.of("prod", Map.of("min", 3), "preprod", Map.of("min", 3)));
        Topic ok = topic("billing.a.v1").replicationFactor(3).build();
        Topic bad = topic("billing.b.v1").override("prod", null, 1, Map.of()).build();
        var ctx = context(model().topics(ok, bad).build(), PLATFORM);

        assertThat(run(new TopicReplicationFactorPolicy(), ctx, params)).containsExactly(
                new Violation("topic 'billing.b.v1' has replication factor 2 on stage preprod (platform default), "
                        + "below the minimum 3", bad.origin().at("name"),
                        "set replicationFactor on the topic to at least 3 (the platform default 2 applies when none "
                                + "is given)"),
                new Violation("topic 'billing.b.v1' has replication factor 1 on stage prod, below the minimum 3",
                        bad.origin().at("overrides.prod.replicationFactor"),
                        "set overrides.prod.replicationFactor to at least 3"));
    }

    @Test
    void developmentStagesAreNotCheckedForReplicationButForPartitions() {
        PlatformDefinition withLocal = platform().defaults(2, 2).developmentStage("local").build();
        Topic t = topic("billing.a.v1").partitions(1).replicationFactor(3).override("local", null, 1, Map.of())
                .build();
        var ctx = context(model().topics(t).build(), withLocal);

        // the embedded broker gets replication factor 1 anyway; only a bound no local value can meet is pointless
        assertThat(run(new TopicReplicationFactorPolicy(), ctx, Map.of("min", 2))).isEmpty();
        assertThat(run(new TopicPartitionsPolicy(), ctx, Map.of("min", 2))).containsExactly(
                new Violation("topic 'billing.a.v1' has 1 partition on stages dev, test, preprod, prod, local, below "
                        + "the minimum 2", t.origin().at("partitions"), "set partitions to at least 2"));
    }

    @Test
    void brokenBoundsAndUnknownStagesAreConfigurationErrors() {
        var policy = new TopicPartitionsPolicy();
        assertThatThrownBy(() -> policy.checkParams(new PolicyParams("topicPartitions", Map.of("min", 10, "max", 5))))
                .isInstanceOf(PolicyConfigurationException.class)
                .hasMessage("policy topicPartitions: min 10 is above max 5");
        assertThatThrownBy(() -> policy.checkParams(new PolicyParams("topicPartitions",
                Map.of("max", 5, "stages", Map.of("prod", Map.of("min", 6))))))
                .isInstanceOf(PolicyConfigurationException.class)
                .hasMessage("policy topicPartitions: in 'stages.prod' min 6 is above max 5");
        assertThatThrownBy(() -> policy.checkParams(new PolicyParams("topicPartitions", Map.of("min", "three"))))
                .isInstanceOf(PolicyConfigurationException.class)
                .hasMessage("policy topicPartitions: parameter 'min' must be a whole number, not 'three'");
        assertThatThrownBy(() -> run(policy, context(model().topics(topic("billing.a.v1")).build()),
                Map.of("stages", Map.of("prd", Map.of("min", 3)))))
                .isInstanceOf(PolicyConfigurationException.class)
                .hasMessageContaining("names stage 'prd', which the platform does not define (did you mean 'prod'?");
    }
}
