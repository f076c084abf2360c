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
import io.kafkaops.model.Grant;
import io.kafkaops.model.RawAcl;
import io.kafkaops.model.Topic;
import io.kafkaops.model.Visibility;
import io.kafkaops.policy.Violation;
import org.junit.jupiter.api.Test;

class ReferencesPolicyTest {

    @Test
    void referencesToDeclaredAndExternalEntitiesPass() {
        var model = model()
                .topics(topic("billing.invoices.v1").visibility(Visibility.PROTECTED, "toll"))
                .serviceAccounts(serviceAccount("billing-service"))
                .grants(grant("billing-service").produce("billing.invoices.v1").consume("toll.transactions.v1")
                                .consumePrefix("billing.inv"),
                        grant("billing-auditor").consume("billing.invoices.v1"))
                .acls(acl("User:billing-service", AclResourceType.TOPIC, "billing.invoices.v1",
                        AclOperation.DESCRIBE_CONFIGS))
                .externalTopics("toll.transactions.v1")
                .externalServiceAccounts("billing-auditor")
                .build();

        assertThat(run(new ReferencesPolicy(), context(model))).isEmpty();
        assertThat(new ReferencesPolicy().enabledByDefault()).isTrue();
    }

    @Test
    void typosInGrantsGetADidYouMean() {
        Grant g = grant("billing-servce").produce("billing.invoice.v1").consume("toll.unknown.v1")
                .consumePrefix("fleet.").build();
        var model = model()
                .topics(topic("billing.invoices.v1"))
                .serviceAccounts(serviceAccount("billing-service"))
                .grants(g)
                .build();

        assertThat(run(new ReferencesPolicy(), context(model))).containsExactly(
                new Violation("the grant names service account 'billing-servce', which is neither declared in this "
                        + "repository nor listed under external.serviceAccounts", g.origin().at("serviceAccount"),
                        "did you mean 'billing-service'? Otherwise declare it under serviceAccounts, or list it "
                                + "under external.serviceAccounts"),
                new Violation("the grant for 'billing-servce' names in produce topic 'billing.invoice.v1', which is "
                        + "neither declared in this repository nor listed under external.topics",
                        g.produce().get(0).location(),
                        "did you mean 'billing.invoices.v1'? Otherwise declare it under topics, or list it under "
                                + "external.topics"),
                new Violation("the grant for 'billing-servce' names in consume topic 'toll.unknown.v1', which is "
                        + "neither declared in this repository nor listed under external.topics",
                        g.consume().get(0).location(), "declare it under topics, or list it under external.topics"),
                new Violation("the grant for 'billing-servce' names in consume the prefix 'fleet.', which matches no "
                        + "topic declared in this repository or listed under external.topics",
                        g.consume().get(1).location(),
                        "declare the topics under topics, or list them under external.topics; or correct the "
                                + "prefix"));
    }

    @Test
    void rawAclsMustNameThisRepositorysServiceAccountsAndKnownTopics() {
        RawAcl acl = acl("User:toll-service", AclResourceType.TOPIC, "billing.invoices", AclOperation.READ).build();
        var model = model()
                .topics(topic("billing.invoices.v1"))
                .serviceAccounts(serviceAccount("billing-service"))
                .acls(acl)
                .externalServiceAccounts("toll-service")
                .build();

        assertThat(run(new ReferencesPolicy(), context(model))).containsExactly(
                new Violation("raw ACL principal 'User:toll-service' is not a service account declared in this "
                        + "repository", acl.origin().at("principal"),
                        "declare toll-service under serviceAccounts; raw ACLs may only name this repository's "
                                + "service accounts"),
                new Violation("the raw ACL names topic 'billing.invoices', which is neither declared in this "
                        + "repository nor listed under external.topics", acl.origin().at("resourceName"),
                        "did you mean 'billing.invoices.v1'? Otherwise declare it under topics, or list it under "
                                + "external.topics"));
    }

    @Test
    void sharedWithNamesTeamsOfThePlatform() {
        Topic t = topic("billing.invoices.v1").visibility(Visibility.PROTECTED, "toll", "fleat").build();

        assertThat(run(new ReferencesPolicy(), context(model().topics(t).build()))).containsExactly(
                new Violation("topic 'billing.invoices.v1' is shared with team 'fleat', which the platform does not "
                        + "define", t.origin().at("sharedWith[1]"),
                        "did you mean 'fleet'? Otherwise the platform's teams are billing, fleet, toll"));
    }
}
