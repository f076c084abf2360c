package io.kafkaops.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.engine.local.TestBroker;
import io.kafkaops.it.MavenResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

/**
 * A pull-request build plans with a read-only principal holding exactly the rights the documentation lists for
 * planning: it gets the plan, and a deploy with it fails on authorization (at its lease, its first write) and changes
 * nothing.
 */
class ReadOnlyPlannerIT {

    @Test
    void aReadOnlyPrincipalCanPlanButNotDeploy() throws Exception {
        DeployFixture f = DeployFixture.create("ReadOnlyPlannerIT");
        String dev = f.prefix("dev");
        String planner = f.prefix("ci").replace('.', '-') + "planner";
        String password = "planner-" + java.util.UUID.randomUUID();
        try (Admin admin = DeployFixture.admin()) {
            DeployFixture.ensureOwnershipTopic(admin);
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(planner,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password)))
                    .all().get(15, TimeUnit.SECONDS);
            String user = "User:" + planner;
            admin.createAcls(List.of(
                    acl(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, user, AclOperation.DESCRIBE),
                    acl(ResourceType.TOPIC, dev, PatternType.PREFIXED, user, AclOperation.DESCRIBE),
                    acl(ResourceType.TOPIC, dev, PatternType.PREFIXED, user, AclOperation.DESCRIBE_CONFIGS),
                    acl(ResourceType.TOPIC, DeployFixture.OWNERSHIP_TOPIC, PatternType.LITERAL, user,
                            AclOperation.READ)))
                    .all().get(15, TimeUnit.SECONDS);
            // the planner can log in and read ACLs once the broker has its credential and bindings
            Await.until(planner + " can describe ACLs", () -> {
                try (Admin asPlanner = Admin.create(TestBroker.get().clientProperties(planner, password))) {
                    assertThat(asPlanner.describeAcls(AclBindingFilter.ANY).values().get(5, TimeUnit.SECONDS))
                            .filteredOn(b -> b.entry().principal().equals(user)).hasSize(4);
                }
            });
            long ownershipBefore = ClusterView.ownershipEndOffset(admin);
            f.runner().env(DeployFixture.USERNAME_ENV, planner).env(DeployFixture.PASSWORD_ENV, password);
            Path project = f.copyRepo("deploy-billing");

            f.plan(project, "dev").assertSucceeded()
                    .assertLine("+ topic " + dev + "billing.invoices.v1 (3 partitions, replication factor 1)")
                    .assertLine("Plan for stage dev: 10 to create, 0 to update, 0 to delete");

            // its first write is the deploy's lease, before it reads or changes anything
            MavenResult deploy = f.deploy(project, "dev").assertFailed()
                    .assertLine("Cannot write the deploy lease of com.example.billing:billing-service on stage dev to "
                            + DeployFixture.OWNERSHIP_TOPIC + " at " + f.bootstrapServers() + ": Not authorized to"
                            + " access topics: [" + DeployFixture.OWNERSHIP_TOPIC + "]. Nothing was deployed; the"
                            + " deploying principal needs WRITE on " + DeployFixture.OWNERSHIP_TOPIC + ".");
            DeployFixture.assertNoStackTrace(deploy);
            ClusterView.Snapshot after = ClusterView.snapshot(admin, dev);
            assertThat(after.topics()).isEmpty();
            assertThat(after.acls()).isEmpty();
            assertThat(after.scramUsers()).isEmpty();
            assertThat(ClusterView.ownershipEndOffset(admin)).as("no ownership record written").isEqualTo(ownershipBefore);
            assertThat(f.passwords("billing", "dev")).as("no credential stored").isEmpty();
        }
    }

    private static AclBinding acl(ResourceType type, String name, PatternType pattern, String principal,
                                  AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
