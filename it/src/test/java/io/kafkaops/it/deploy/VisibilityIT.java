package io.kafkaops.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.engine.local.TestBroker;
import io.kafkaops.engine.local.TestKafka;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/**
 * A grant on another team's topic follows the owner's choice, which only the cluster's ownership records tell: team
 * toll's private topic cannot be granted to billing's service (plan and deploy refuse, nothing changes), neither
 * before toll deployed it nor after; its public topic can, and the service then reads it.
 */
class VisibilityIT {

    @Test
    void anotherTeamsPrivateTopicCannotBeGrantedButItsPublicTopicCan() throws Exception {
        DeployFixture f = DeployFixture.create("VisibilityIT");
        String dev = f.prefix("dev");
        String account = dev + "billing-service";
        Path billing = f.copyRepo("deploy-billing");
        Path feeds = billing.resolve("src/main/kafka/toll-feeds.yaml");
        DeployFixture.write(feeds, """
                grants:
                  - serviceAccount: billing-service
                    consume: [toll.gantries.v1]
                external:
                  topics: [toll.gantries.v1]
                """);

        // before toll deployed it, the topic is private too: consuming first must not win access (issue 10 item 15)
        f.deploy(billing, "dev").assertFailed()
                .assertLine("src/main/kafka/toll-feeds.yaml:3:15: ERROR [topicVisibility] 'billing-service' may not"
                        + " consume 'toll.gantries.v1': the name lies in the namespace of team toll, which has not"
                        + " deployed it to this stage, and a topic is private until its owner shares it")
                .assertLine("nothing was deployed");
        try (Admin admin = DeployFixture.admin()) {
            assertThat(ClusterView.acls(admin, account)).isEmpty();
        }

        f.deploy(f.copyRepo("deploy-toll"), "dev").assertSucceeded();
        String privateTopic = "src/main/kafka/toll-feeds.yaml:3:15: ERROR [topicVisibility] 'billing-service' may not"
                + " consume 'toll.gantries.v1': the topic of team toll is private";
        f.plan(billing, "dev").assertFailed()
                .assertLine(privateTopic)
                .assertLine("The plan for stage dev has problems that block a deploy");
        f.deploy(billing, "dev").assertFailed()
                .assertLine(privateTopic)
                .assertLine("nothing was deployed");
        try (Admin admin = DeployFixture.admin()) {
            assertThat(ClusterView.topics(admin, dev + "billing.")).isEmpty();
            assertThat(ClusterView.acls(admin, account)).isEmpty();
            assertThat(ClusterView.scramUsers(admin, account)).isEmpty();
        }

        DeployFixture.write(feeds, """
                grants:
                  - serviceAccount: billing-service
                    consume: [toll.transactions.v1]
                external:
                  topics: [toll.transactions.v1]
                """);
        f.deploy(billing, "dev").assertSucceeded()
                .assertLine("+ acl ALLOW User:" + account + " READ on TOPIC " + dev + "toll.transactions.v1 created")
                .assertLine("Deploy to stage dev: 12 created, 0 updated, 0 deleted");

        TestKafka broker = TestBroker.get();
        String transactions = dev + "toll.transactions.v1";
        Clients.produce(broker.adminClientProperties(), transactions, "gantry-7", "passage");
        Map<String, Object> service = broker.clientProperties(account, f.passwords("billing", "dev").get(account));
        List<String> read = Await.result(account + " reads " + transactions, () -> {
            List<String> values = Clients.consume(service, transactions, dev + "billing-service", "passage");
            assertThat(values).contains("passage");
            return values;
        });
        assertThat(read).containsExactly("passage");
    }
}
