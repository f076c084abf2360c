package io.kafkaops.policy.internal.builtin;

import static io.kafkaops.policy.Fixtures.acl;
import static io.kafkaops.policy.Fixtures.context;
import static io.kafkaops.policy.Fixtures.grant;
import static io.kafkaops.policy.Fixtures.model;
import static io.kafkaops.policy.Fixtures.platform;
import static io.kafkaops.policy.Fixtures.run;
import static io.kafkaops.policy.Fixtures.serviceAccount;
import static io.kafkaops.policy.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.model.AclOperation;
import io.kafkaops.model.AclResourceType;
import io.kafkaops.model.Grant;
import io.kafkaops.model.RawAcl;
import io.kafkaops.model.ServiceAccount;
import io.kafkaops.model.Topic;
import io.kafkaops.policy.Violation;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TeamNamespacePolicyTest {

    @Test
    void entitiesInTheTeamsNamespacePassAndConsumingOtherTeamsTopicsIsLeftToVisibility() {
        var model = model()
                .topics(topic("billing.invoices.v1"))
                .serviceAccounts(serviceAccount("billing-service"))
                .grants(grant("billing-service").consume("toll.transactions.v1").produce("billing.invoices.v1")
                        .groups("billing-service").groupPrefix("billing-replay-").transactionalIds("billing-tx"))
                .acls(acl("User:billing-service", AclResourceType.GROUP, "billing-", AclOperation.DESCRIBE).prefixed(),
                        acl("User:billing-service", AclResourceType.TOPIC, "toll.transactions.v1",
                                AclOperation.DESCRIBE_CONFIGS),
                        acl("User:billing-service", AclResourceType.TOPIC, "fleet.positions.v1", AclOperation.READ)
                                .deny())
                .externalTopics("toll.transactions.v1")
                .build();

        assertThat(run(new TeamNamespacePolicy(), context(model))).isEmpty();
        assertThat(new TeamNamespacePolicy().enabledByDefault()).isTrue();
    }

    @Test
    void declarationsOutsideTheNamespaceAreReportedAtTheirNames() {
        Topic topic = topic("toll.invoices.v1").build();
        ServiceAccount sa = serviceAccount("invoicer").build();
        var model = model().topics(topic).serviceAccounts(sa).build();

        assertThat(run(new TeamNamespacePolicy(), context(model))).containsExactly(
                new Violation("topic 'toll.invoices.v1' is outside the namespace of team billing",
                        topic.origin().at("name"), "team billing's topic names start with 'billing.'"),
                new Violation("service account 'invoicer' is outside the namespace of team billing",
                        sa.origin().at("name"), "team billing's service account names start with 'billing-'"));
    }

    @Test
    void grantsForExternalServiceAccountsAndForeignGroupsAndTransactionalIdsAreReported() {
        Grant foreign = grant("toll-service").consume("billing.invoices.v1").build();
        Grant own = grant("billing-service").groups("toll-consumers").transactionalIds("tx-1").build();
        var model = model()
                .topics(topic("billing.invoices.v1"))
                .serviceAccounts(serviceAccount("billing-service"))
                .grants(foreign, own)
                .externalServiceAccounts("toll-service")
                .build();

        assertThat(run(new TeamNamespacePolicy(), context(model))).containsExactly(
                new Violation("the grant is for service account 'toll-service', which is listed under "
                        + "external.serviceAccounts; a team grants access only to its own service accounts",
                        foreign.origin().at("serviceAccount"),
                        "move this grant into the repository that declares toll-service"),
                new Violation("consumer group 'toll-consumers' in the grant for 'billing-service' is outside the "
                        + "namespace of team billing", own.groups().get(0).location(),
                        "team billing's consumer group names start with 'billing-'"),
                new Violation("transactional id 'tx-1' in the grant for 'billing-service' is outside the namespace "
                        + "of team billing", own.transactionalIds().get(0).location(),
                        "team billing's transactional id names start with 'billing-'"));
    }

    @Test
    void rawAclsOnForeignResourcesAreReported() {
        RawAcl topicPrefix = acl("User:billing-service", AclResourceType.TOPIC, "toll.", AclOperation.READ)
                .prefixed().build();
        RawAcl undeclaredTopic = acl("User:billing-service", AclResourceType.TOPIC, "fleet.positions.v1",
                AclOperation.READ).build();
        RawAcl txId = acl("User:billing-service", AclResourceType.TRANSACTIONAL_ID, "toll-tx",
                AclOperation.WRITE).build();
        var model = model()
                .serviceAccounts(serviceAccount("billing-service"))
                .acls(topicPrefix, undeclaredTopic, txId)
                .build();

        assertThat(run(new TeamNamespacePolicy(), context(model))).containsExactly(
                new Violation("raw ACL on topic prefix 'toll.' is outside the namespace of team billing",
                        topicPrefix.origin().at("resourceName"), "team billing's topic names start with 'billing.'"),
                new Violation("raw ACL on topic 'fleet.positions.v1' is outside the namespace of team billing",
                        undeclaredTopic.origin().at("resourceName"),
                        "list it under external.topics if another team owns it (its visibility is then checked), "
                                + "or use a topic whose name starts with billing."),
                new Violation("raw ACL on transactional id 'toll-tx' is outside the namespace of team billing",
                        txId.origin().at("resourceName"),
                        "team billing's transactional id names start with 'billing-'"));
    }

    @Test
    void withoutATeamThereIsNothingToCheck() {
        var model = model().topics(topic("anything.goes")).serviceAccounts(serviceAccount("whoever")).build();
        var p = platform().build();

        assertThat(run(new TeamNamespacePolicy(), context(model, p, Optional.empty(), Map.of()))).isEmpty();
    }
}
