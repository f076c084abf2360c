package io.kafkaops.policy.internal.builtin;

import static io.kafkaops.policy.Fixtures.acl;
import static io.kafkaops.policy.Fixtures.context;
import static io.kafkaops.policy.Fixtures.grant;
import static io.kafkaops.policy.Fixtures.model;
import static io.kafkaops.policy.Fixtures.run;
import static io.kafkaops.policy.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.model.AclOperation;
import io.kafkaops.model.AclResourceType;
import io.kafkaops.model.Grant;
import io.kafkaops.model.RawAcl;
import io.kafkaops.model.Topic;
import io.kafkaops.policy.Violation;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaNamesPolicyTest {

    @Test
    void aTopicNameThatFitsAloneButNotBehindAStagePrefixIsReportedNamingTheStages() {
        // issue 10 item 2: 245 characters pass alone and behind "dev." (249), but not behind "test." (250)
        String name = "billing." + "x".repeat(237);
        Topic t = topic(name).build();

        assertThat(run(new KafkaNamesPolicy(), context(model().topics(t).build()), Map.of()))
                .containsExactly(new Violation("topic '" + name + "' is 'test." + name + "' on stage test, which has"
                        + " 250 characters; Kafka allows at most 249 (also on stages preprod, prod)",
                        t.origin().at("name"), "shorten the name to at most 241 characters, so it fits behind every"
                        + " stage prefix"));
    }

    @Test
    void onlyTheStagesATopicGoesToCount() {
        Topic t = topic("billing." + "x".repeat(237)).deployTo("dev").build();

        assertThat(run(new KafkaNamesPolicy(), context(model().topics(t).build()), Map.of())).isEmpty();
    }

    @Test
    void groupsAndTransactionalIdsWithControlCharactersAreRefusedAndShownEscaped() {
        // issue 10 item 9: kafka:grant -Dkafka.groups='billing-x<newline>  - evil' was written and validated
        Grant g = grant("billing-service").groups("billing-x\n  - evil").transactionalIds("billing-tx\u202E").build();

        assertThat(run(new KafkaNamesPolicy(), context(model().grants(g).build()), Map.of()))
                .extracting(Violation::message, v -> v.location().equals(g.groups().get(0).location())
                        || v.location().equals(g.transactionalIds().get(0).location()))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("consumer group 'billing-x\\n  - evil' contains a newline,"
                                + " which no client configuration carries safely", true),
                        org.assertj.core.groups.Tuple.tuple("transactional id 'billing-tx\\u202E' contains U+202E,"
                                + " which no client configuration carries safely", true));
    }

    @Test
    void rawAclResourceNamesAreCheckedByTheirKind() {
        RawAcl topicAcl = acl("User:billing-service", AclResourceType.TOPIC, "billing.bad name", AclOperation.READ)
                .build();
        RawAcl groupAcl = acl("User:billing-service", AclResourceType.GROUP, "billing-\u0000", AclOperation.READ)
                .build();
        RawAcl fine = acl("User:billing-service", AclResourceType.GROUP, "billing-ok group", AclOperation.READ)
                .build();

        assertThat(run(new KafkaNamesPolicy(), context(model().acls(topicAcl, groupAcl, fine).build()), Map.of()))
                .extracting(Violation::message).containsExactly(
                        "topic 'billing.bad name' contains a space; a topic name has only letters a-z and A-Z,"
                                + " digits, '.', '_' and '-'",
                        "consumer group 'billing-\\u0000' contains U+0000, which no client configuration carries"
                                + " safely");
    }

    @Test
    void legalNamesPass() {
        var m = model().topics(topic("billing.invoices.v1"))
                .grants(grant("billing-service").produce("billing.invoices.v1").groups("billing-service")
                        .groupPrefix("billing-").transactionalIds("billing-tx").build())
                .build();

        assertThat(run(new KafkaNamesPolicy(), context(m), Map.of())).isEmpty();
    }
}
