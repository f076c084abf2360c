package io.kafkaops.policy.internal.builtin;

import static io.kafkaops.policy.Fixtures.context;
import static io.kafkaops.policy.Fixtures.model;
import static io.kafkaops.policy.Fixtures.run;
import static io.kafkaops.policy.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.model.Topic;
import io.kafkaops.policy.Violation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicConfigKeysPolicyTest {

    @Test
    void kafkaTopicConfigsPass() {
        Topic t = topic("billing.invoices.v1")
                .config("retention.ms", "1")
                .config("cleanup.policy", "compact")
                .config("message.timestamp.after.max.ms", "1")
                .config("leader.replication.throttled.replicas", "*")
                .override("prod", null, null, Map.of("min.insync.replicas", "2"))
                .build();

        assertThat(run(new TopicConfigKeysPolicy(), context(model().topics(t).build()))).isEmpty();
        assertThat(new TopicConfigKeysPolicy().enabledByDefault()).isTrue();
    }

    @Test
    void valuesOfTheWrongTypeOrOutOfKafkasRangeAreReportedAtTheValue() {
        // issue 10 item 4: these validated and only failed at deploy time on a shared stage
        Topic t = topic("billing.invoices.v1")
                .config("min.insync.replicas", "two")
                .config("cleanup.policy", "compact,delte")
                .config("preallocate", "yes")
                .override("prod", null, null, Map.of("min.insync.replicas", "-3"))
                .build();

        assertThat(run(new TopicConfigKeysPolicy(), context(model().topics(t).build()))).containsExactly(
                new Violation("topic 'billing.invoices.v1' sets min.insync.replicas to 'two', but it must be a whole"
                        + " number", t.origin().at("config.min.insync.replicas"),
                        "Kafka's type for min.insync.replicas is INT, valid values [1,...]"),
                new Violation("topic 'billing.invoices.v1' sets cleanup.policy to 'compact,delte', but it has"
                        + " 'delte'; each value must be one of compact, delete", t.origin().at("config.cleanup.policy"),
                        "Kafka's type for cleanup.policy is LIST, valid values [compact, delete]"),
                new Violation("topic 'billing.invoices.v1' sets preallocate to 'yes', but it must be true or false",
                        t.origin().at("config.preallocate"), "Kafka's type for preallocate is BOOLEAN"),
                new Violation("topic 'billing.invoices.v1' on stage prod sets min.insync.replicas to '-3', but it"
                        + " must be at least 1", t.origin().at("overrides.prod.config.min.insync.replicas"),
                        "Kafka's type for min.insync.replicas is INT, valid values [1,...]"));
    }

    @Test
    void unknownKeysGetADidYouMeanAtTheKey() {
        Topic t = topic("billing.invoices.v1")
                .config("retention.msx", "1")
                .override("prod", null, null, Map.of("cleanup.polcy", "delete"))
                .build();

        assertThat(run(new TopicConfigKeysPolicy(), context(model().topics(t).build()))).containsExactly(
                new Violation("topic 'billing.invoices.v1' sets retention.msx, which is not a Kafka topic config",
                        t.origin().at("config.retention.msx"), "did you mean 'retention.ms'?"),
                new Violation("topic 'billing.invoices.v1' on stage prod sets cleanup.polcy, which is not a Kafka "
                        + "topic config", t.origin().at("overrides.prod.config.cleanup.polcy"),
                        "did you mean 'cleanup.policy'?"));
    }

    @Test
    void keysFarFromAnyKnownOnePointToTheDocumentationAndAdditionalKeysAreAccepted() {
        Topic t = topic("billing.invoices.v1").config("confluent.value.schema.validation", "true").build();
        var ctx = context(model().topics(t).build());

        assertThat(run(new TopicConfigKeysPolicy(), ctx)).extracting(Violation::hint)
                .containsExactly("see https://kafka.apache.org/documentation/#topicconfigs for the topic configs");
        assertThat(run(new TopicConfigKeysPolicy(), ctx,
                Map.of("additionalKeys", List.of("confluent.value.schema.validation")))).isEmpty();
    }

    @Test
    void removedAndInternalConfigsAreNotAccepted() {
        assertThat(TopicConfigKeysPolicy.KAFKA_TOPIC_CONFIGS)
                .hasSize(33)
                .doesNotContain("message.downconversion.enable", "internal.segment.bytes", "message.format.version");
    }
}
