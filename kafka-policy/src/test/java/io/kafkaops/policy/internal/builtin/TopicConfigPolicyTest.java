package io.kafkaops.policy.internal.builtin;

import static io.kafkaops.policy.Fixtures.context;
import static io.kafkaops.policy.Fixtures.model;
import static io.kafkaops.policy.Fixtures.run;
import static io.kafkaops.policy.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaops.model.Topic;
import io.kafkaops.policy.PolicyConfigurationException;
import io.kafkaops.policy.PolicyParams;
import io.kafkaops.policy.Violation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicConfigPolicyTest {

    private static final Map<String, Object> PARAMS = Map.of(
            "allowed", List.of("cleanup.policy", "retention.ms", "max.message.bytes", "min.insync.replicas",
                    "local.retention.ms"),
            "values", Map.of(
                    "cleanup.policy", Map.of("enum", List.of("delete", "compact,delete")),
                    "retention.ms", Map.of("min", "1d", "max", "30d"),
                    "local.retention.ms", Map.of("max", "1d"),
                    "max.message.bytes", Map.of("max", "1MiB"),
                    "min.insync.replicas", Map.of("min", 2)));

    private static List<Violation> check(Topic... topics) {
        return run(new TopicConfigPolicy(), context(model().topics(topics).build()), PARAMS);
    }

    @Test
    void allowedKeysWithValuesInRangePass() {
        Topic ok = topic("billing.invoices.v1")
                .config("cleanup.policy", "delete")
                .config("retention.ms", "604800000")
                .config("max.message.bytes", "1048576")
                .config("min.insync.replicas", "2")
                .config("local.retention.ms", "-2")
                .override("prod", null, null, Map.of("retention.ms", "1209600000"))
                .build();

        assertThat(check(ok)).isEmpty();
    }

    @Test
    void durationAboveTheMaximumIsReportedAtTheConfigKeyInHumanUnits() {
        Topic t = topic("billing.invoices.v1").config("retention.ms", "7776000000").build();

        assertThat(check(t)).containsExactly(new Violation(
                "topic 'billing.invoices.v1': retention.ms is 7776000000 (90d), above the maximum 30d",
                t.origin().at("config.retention.ms"),
                "set retention.ms to at most 30d"));
        assertThat(t.origin().at("config.retention.ms")).isNotEqualTo(t.origin().location());
    }

    @Test
    void unlimitedInAStageOverrideExceedsAnyMaximum() {
        Topic t = topic("billing.invoices.v1").override("prod", null, null, Map.of("retention.ms", "-1")).build();

        assertThat(check(t)).containsExactly(new Violation(
                "topic 'billing.invoices.v1' on stage prod: retention.ms is -1 (unlimited), above the maximum 30d",
                t.origin().at("overrides.prod.config.retention.ms"),
                "set retention.ms to at most 30d"));
    }

    @Test
    void belowMinimumSizesPlainNumbersAndEnumsAreReported() {
        Topic t = topic("billing.invoices.v1")
                .config("retention.ms", "3600000")
                .config("max.message.bytes", "2097152")
                .config("min.insync.replicas", "1")
                .config("cleanup.policy", "compact")
                .build();

        assertThat(check(t)).containsExactly(
                new Violation("topic 'billing.invoices.v1': retention.ms is 3600000 (1h), below the minimum 1d",
                        t.origin().at("config.retention.ms"), "set retention.ms to at least 1d"),
                new Violation("topic 'billing.invoices.v1': max.message.bytes is 2097152 (2MiB), above the maximum "
                        + "1MiB", t.origin().at("config.max.message.bytes"), "set max.message.bytes to at most 1MiB"),
                new Violation("topic 'billing.invoices.v1': min.insync.replicas is 1, below the minimum 2",
                        t.origin().at("config.min.insync.replicas"), "set min.insync.replicas to at least 2"),
                new Violation("topic 'billing.invoices.v1': cleanup.policy is 'compact', not one of delete, "
                        + "compact,delete", t.origin().at("config.cleanup.policy"),
                        "use one of delete, compact,delete"));
    }

    @Test
    void keysOutsideTheAllowListAreReported() {
        Topic t = topic("billing.invoices.v1").config("segment.ms", "3600000").build();

        assertThat(check(t)).containsExactly(new Violation(
                "topic 'billing.invoices.v1' sets config segment.ms, which the platform does not allow",
                t.origin().at("config.segment.ms"),
                "remove it; allowed topic configs: cleanup.policy, retention.ms, max.message.bytes, "
                        + "min.insync.replicas, local.retention.ms"));
    }

    @Test
    void enumValuesCompareAfterUnitConversion() {
        Map<String, Object> params = Map.of("values", Map.of("retention.ms", Map.of("enum", List.of("7d", "14d"))));
        Topic ok = topic("billing.a.v1").config("retention.ms", "604800000").build();
        Topic bad = topic("billing.b.v1").config("retention.ms", "86400000").build();

        assertThat(run(new TopicConfigPolicy(), context(model().topics(ok, bad).build()), params))
                .extracting(Violation::message)
                .containsExactly("topic 'billing.b.v1': retention.ms is '86400000', not one of 7d, 14d");
    }

    @Test
    void aValueThatIsNotANumberCannotBeCheckedAndSaysSo() {
        Topic t = topic("billing.invoices.v1").config("min.insync.replicas", "two").build();

        assertThat(check(t)).extracting(Violation::message).containsExactly(
                "topic 'billing.invoices.v1': min.insync.replicas is 'two', not a number, so its limits cannot be "
                        + "checked");
    }

    @Test
    void brokenParametersAreConfigurationErrors() {
        var policy = new TopicConfigPolicy();
        assertThatThrownBy(() -> policy.checkParams(params(Map.of("retention.ms", Map.of("min", "30d", "max", "1d")))))
                .isInstanceOf(PolicyConfigurationException.class)
                .hasMessage("policy topicConfig: parameter 'values.retention.ms' has min 30d above max 1d");
        assertThatThrownBy(() -> policy.checkParams(params(Map.of("retention.ms", Map.of("max", "30x")))))
                .isInstanceOf(PolicyConfigurationException.class)
                .hasMessageContaining("values.retention.ms.max").hasMessageContaining("unknown unit 'x'");
        assertThatThrownBy(() -> policy.checkParams(params(Map.of("retention.ms", Map.of("maxx", "30d")))))
                .isInstanceOf(PolicyConfigurationException.class)
                .hasMessageContaining("unknown parameter 'values.retention.ms.maxx' (did you mean 'max'?");
        assertThatThrownBy(() -> policy.checkParams(PolicyParams.empty("topicConfig")))
                .isInstanceOf(PolicyConfigurationException.class)
                .hasMessage("policy topicConfig needs the parameter 'allowed' or 'values'");
    }

    private static PolicyParams params(Map<String, Object> values) {
        return new PolicyParams("topicConfig", Map.of("values", values));
    }
}
