package io.kafkaops.policy.internal.builtin;

import static io.kafkaops.policy.Fixtures.acl;
import static io.kafkaops.policy.Fixtures.context;
import static io.kafkaops.policy.Fixtures.grant;
import static io.kafkaops.policy.Fixtures.model;
import static io.kafkaops.policy.Fixtures.run;
import static io.kafkaops.policy.Fixtures.serviceAccount;
import static io.kafkaops.policy.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.model.AclOperation;
import io.kafkaops.model.AclResourceType;
import io.kafkaops.model.EntityModel;
import io.kafkaops.model.ExternalRef;
import io.kafkaops.model.Grant;
import io.kafkaops.model.Location;
import io.kafkaops.model.Origin;
import io.kafkaops.model.RawAcl;
import io.kafkaops.model.ServiceAccount;
import io.kafkaops.model.Topic;
import io.kafkaops.policy.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

class DuplicatesPolicyTest {

    @Test
    void distinctDeclarationsPass() {
        var model = model()
                .topics(topic("billing.a.v1"), topic("billing.b.v1"))
                .serviceAccounts(serviceAccount("billing-service"))
                .grants(grant("billing-service").produce("billing.a.v1").consume("billing.a.v1"),
                        grant("billing-service").produce("billing.b.v1"))
                .acls(acl("User:billing-service", AclResourceType.TOPIC, "billing.a.v1", AclOperation.READ),
                        acl("User:billing-service", AclResourceType.TOPIC, "billing.a.v1", AclOperation.READ).deny())
                .externalTopics("toll.a.v1")
                .build();

        assertThat(run(new DuplicatesPolicy(), context(model))).isEmpty();
        assertThat(new DuplicatesPolicy().enabledByDefault()).isTrue();
    }

    @Test
    void aTopicDeclaredInTwoFilesIsReportedAtTheSecondNamingBoth() {
        Topic first = topic("billing.a.v1").build();
        Topic second = new Topic("billing.a.v1", 6, null, null, null, null, null, false, null, null,
                Origin.of(new Location("src/main/kafka/more/other.yaml", 3, 5)));
        ServiceAccount sa1 = serviceAccount("billing-service").build();
        ServiceAccount sa2 = serviceAccount("billing-service").build();
        var model = model().topics(first, second).serviceAccounts(sa1, sa2).build();

        assertThat(run(new DuplicatesPolicy(), context(model))).containsExactly(
                new Violation("topic 'billing.a.v1' is declared twice: at " + first.origin().at("name")
                        + " and at src/main/kafka/more/other.yaml:3:5", second.origin().location(),
                        "keep one declaration; a topic is declared once per repository, with per-stage differences "
                                + "under overrides and deployTo"),
                new Violation("service account 'billing-service' is declared twice: at " + sa1.origin().at("name")
                        + " and at " + sa2.origin().at("name"), sa2.origin().at("name"),
                        "keep one declaration; a service account is declared once per repository, with per-stage "
                                + "differences under overrides and deployTo"));
    }

    @Test
    void repeatedGrantEntriesIdenticalRawAclsAndDeclaredExternalsAreReported() {
        Grant g = grant("billing-service").consume("toll.a.v1", "toll.b.v1", "toll.a.v1").build();
        RawAcl acl1 = acl("User:billing-service", AclResourceType.TOPIC, "billing.a.v1", AclOperation.READ).build();
        RawAcl acl2 = acl("User:billing-service", AclResourceType.TOPIC, "billing.a.v1", AclOperation.READ).build();
        Topic declared = topic("billing.a.v1").build();
        EntityModel model = model().topics(declared).grants(g).acls(acl1, acl2).externalTopics("billing.a.v1")
                .build();
        ExternalRef external = model.externalTopics().get(0);

        List<Violation> violations = run(new DuplicatesPolicy(), context(model));

        assertThat(violations).containsExactly(
                new Violation("topic 'billing.a.v1' is listed under external.topics but declared in this repository "
                        + "at " + declared.origin().at("name"), external.location(),
                        "remove it from external.topics: what a repository declares is its own"),
                new Violation("'toll.a.v1' is listed twice in consume of the grant for 'billing-service': at "
                        + g.consume().get(0).location() + " and at " + g.consume().get(2).location(),
                        g.consume().get(2).location(), "remove one of them"),
                new Violation("raw ACL 'ALLOW User:billing-service READ on TOPIC billing.a.v1' is declared twice: at "
                        + acl1.origin().location() + " and at " + acl2.origin().location(), acl2.origin().location(),
                        "remove one of them"));
    }

    @Test
    void issue10Item8AnEntityRepeatedByAnAliasIsReportedOnceInPlainWords() {
        EntityModel model = io.kafkaops.model.load.EntityLoader.load("t.yaml", """
                topics:
                  - &t
                    name: billing.a.v1
                  - *t
                serviceAccounts:
                  - &s {name: billing-service}
                  - *s
                  - *s
                """).value();
        assertThat(run(new DuplicatesPolicy(), context(model))).extracting(Violation::message, v -> v.location())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("topic 'billing.a.v1' is declared more than once: an alias"
                                + " (*name) repeats the declaration at t.yaml:3:5", new Location("t.yaml", 3, 5)),
                        org.assertj.core.groups.Tuple.tuple("service account 'billing-service' is declared more than"
                                + " once: an alias (*name) repeats the declaration at t.yaml:6:9",
                                new Location("t.yaml", 6, 9)));
    }
}
