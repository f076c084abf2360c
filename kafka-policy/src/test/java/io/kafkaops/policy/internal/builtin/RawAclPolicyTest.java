package io.kafkaops.policy.internal.builtin;

import static io.kafkaops.policy.Fixtures.acl;
import static io.kafkaops.policy.Fixtures.context;
import static io.kafkaops.policy.Fixtures.model;
import static io.kafkaops.policy.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaops.model.AclOperation;
import io.kafkaops.model.AclResourceType;
import io.kafkaops.model.RawAcl;
import io.kafkaops.policy.PolicyConfigurationException;
import io.kafkaops.policy.PolicyParams;
import io.kafkaops.policy.Violation;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RawAclPolicyTest {

    @Test
    void narrowBindingsAndDenyBindingsPass() {
        var model = model().acls(
                acl("User:billing-service", AclResourceType.TOPIC, "billing.audit.v1", AclOperation.DESCRIBE_CONFIGS),
                acl("User:billing-service", AclResourceType.GROUP, "billing-", AclOperation.READ).prefixed(),
                acl("User:billing-service", AclResourceType.TOPIC, "*", AclOperation.ALL).deny(),
                acl("User:billing-service", AclResourceType.CLUSTER, "kafka-cluster", AclOperation.ALTER).deny())
                .build();

        assertThat(run(new RawAclPolicy(), context(model))).isEmpty();
        assertThat(new RawAclPolicy().enabledByDefault()).isTrue();
    }

    @Test
    void wildcardsAllClusterAndShortPrefixesAreReportedAtTheirFields() {
        RawAcl anyone = acl("User:*", AclResourceType.TOPIC, "billing.audit.v1", AclOperation.READ).deny().build();
        RawAcl everyTopic = acl("User:billing-service", AclResourceType.TOPIC, "*", AclOperation.ALL).build();
        RawAcl cluster = acl("User:billing-service", AclResourceType.CLUSTER, "kafka-cluster",
                AclOperation.IDEMPOTENT_WRITE).build();
        RawAcl shortPrefix = acl("User:billing-service", AclResourceType.GROUP, "bi", AclOperation.READ).prefixed()
                .build();
        var model = model().acls(anyone, everyTopic, cluster, shortPrefix).build();

        assertThat(run(new RawAclPolicy(), context(model))).containsExactly(
                new Violation("raw ACL for principal User:* applies to every principal, including other teams' "
                        + "service accounts", anyone.origin().at("principal"),
                        "name one service account: principal: User:<service account>"),
                new Violation("raw ACL on every TOPIC (resource name *)", everyTopic.origin().at("resourceName"),
                        "name the resource, or a prefix of your own namespace with patternType: PREFIXED"),
                new Violation("raw ACL grants operation ALL on TOPIC '*'", everyTopic.origin().at("operation"),
                        "list the operations the service needs (for topics usually READ, WRITE, DESCRIBE), one "
                                + "binding each; or use a grant"),
                new Violation("raw ACL on the CLUSTER resource (IDEMPOTENT_WRITE) gives cluster-wide rights, which "
                        + "the platform does not allow", cluster.origin().at("resourceType"),
                        "ask the platform team; only it can set allowCluster: true for policy rawAcl"),
                new Violation("raw ACL prefix 'bi' is shorter than 3 characters and so covers almost every GROUP",
                        shortPrefix.origin().at("resourceName"),
                        "use a longer prefix, ideally your team's whole prefix"));
    }

    @Test
    void clusterBindingsPassWhenThePlatformAllowsThem() {
        var model = model().acls(acl("User:billing-service", AclResourceType.CLUSTER, "kafka-cluster",
                AclOperation.IDEMPOTENT_WRITE)).build();

        assertThat(run(new RawAclPolicy(), context(model), Map.of("allowCluster", true))).isEmpty();
    }

    @Test
    void principalsThatAreNotUsersAreReported() {
        RawAcl group = acl("Group:billing", AclResourceType.TOPIC, "billing.a.v1", AclOperation.READ).build();

        assertThat(run(new RawAclPolicy(), context(model().acls(group).build()))).containsExactly(
                new Violation("raw ACL principal 'Group:billing' is not of the form User:<service account>",
                        group.origin().at("principal"), "write principal: User:<service account>"));
    }

    @Test
    void badParametersAreConfigurationErrors() {
        assertThatThrownBy(() -> new RawAclPolicy().checkParams(
                new PolicyParams("rawAcl", Map.of("allowCluster", "sometimes"))))
                .isInstanceOf(PolicyConfigurationException.class)
                .hasMessage("policy rawAcl: parameter 'allowCluster' must be true or false, not 'sometimes'");
    }
}
