package io.kafkaops.engine.cluster.admin;

import static io.kafkaops.engine.Fixtures.REPO;
import static io.kafkaops.engine.Fixtures.TEAM;
import static io.kafkaops.engine.Fixtures.account;
import static io.kafkaops.engine.Fixtures.at;
import static io.kafkaops.engine.Fixtures.consumes;
import static io.kafkaops.engine.Fixtures.model;
import static io.kafkaops.engine.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaops.engine.DeployOutcome;
import io.kafkaops.engine.PlanOutcome;
import io.kafkaops.engine.plan.PlanRefusedException;
import io.kafkaops.engine.store.file.FileCredentialStore;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.EntityModel;
import io.kafkaops.model.Topic;
import io.kafkaops.model.Visibility;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.junit.jupiter.api.Test;

/** Access between two repositories of two teams, and names the cluster refuses, against a real broker. */
class AccessBrokerIT extends BrokerTestBase {

    static final String TOLL_REPO = "com.example:toll-reader";
    static final String TOLL = "toll";

    static EntityModel ledger(Visibility visibility, String... sharedWith) {
        return model(List.of(new Topic("billing.ledger.v1", 1, null, Map.of(), Map.of(), visibility,
                List.of(sharedWith), false, null, Map.of(), at(3))), List.of(), List.of());
    }

    DeployOutcome deploy(EntityModel m, String repo, String team) throws Exception {
        return k.engine(out).deploy(k.request(m, "dev", repo).team(team)
                .store(new FileCredentialStore(out.resolve(team + ".json"))).build(), null);
    }

    Set<String> aclsOf(String principal) throws Exception {
        return k.admin.describeAcls(AclBindingFilter.ANY).values().get().stream()
                .filter(b -> b.entry().principal().equals(principal))
                .map(b -> b.entry().operation() + " " + b.pattern().name())
                .collect(Collectors.toSet());
    }

    @Test
    void narrowingVisibilityIsRefusedWhileAnotherRepositoryReadsTheTopicAndGoesThroughOnceItStopped()
            throws Exception {
        // issue 10 item 16: protected -> private used to leave toll's READ ACL working, with nothing said
        String topic = k.dev + "billing.ledger.v1";
        String reader = "User:" + k.dev + "toll-reader";
        assertThat(deploy(ledger(Visibility.PROTECTED, TOLL), REPO, TEAM).complete()).isTrue();
        EntityModel tollReads = model(List.of(), List.of(account("toll-reader")),
                List.of(consumes("toll-reader", null, "billing.ledger.v1")));
        assertThat(deploy(tollReads, TOLL_REPO, TOLL).complete()).isTrue();
        assertThat(aclsOf(reader)).contains("READ " + topic);

        PlanOutcome plan = k.engine(out).plan(k.request(ledger(Visibility.PRIVATE), "dev", REPO).build());
        assertThat(plan.hasErrors()).isTrue();
        assertThat(plan.problems()).filteredOn(d -> d.ruleId().equals("visibilityNarrowed"))
                .extracting(Diagnostic::message).singleElement().satisfies(m -> assertThat(m)
                        .contains("visibility protected [toll] -> private takes away access other repositories have")
                        .contains(TOLL_REPO + " (team toll): ALLOW " + reader + " READ on TOPIC " + topic)
                        .contains(TOLL_REPO + " (team toll): ALLOW " + reader + " DESCRIBE on TOPIC " + topic));
        assertThatThrownBy(() -> deploy(ledger(Visibility.PRIVATE), REPO, TEAM))
                .isInstanceOf(PlanRefusedException.class).hasMessageContaining("nothing was deployed")
                .hasMessageContaining("[visibilityNarrowed]");
        assertThat(aclsOf(reader)).contains("READ " + topic);
        assertThat(k.engine(out).plan(k.request(ledger(Visibility.PROTECTED, TOLL), "dev", REPO).build()).hasErrors())
                .isFalse();

        // toll stops reading: its own deploy removes its ACLs, and the narrowing goes through
        EntityModel tollStopped = model(List.of(), List.of(account("toll-reader")), List.of());
        assertThat(deploy(tollStopped, TOLL_REPO, TOLL).complete()).isTrue();
        assertThat(aclsOf(reader)).isEmpty();
        DeployOutcome narrowed = deploy(ledger(Visibility.PRIVATE), REPO, TEAM);
        assertThat(narrowed.complete()).isTrue();
        assertThat(narrowed.plan().problems()).isEmpty();
    }

    @Test
    void aDeployWithANameTheClusterRefusesChangesNothingAndListsEveryBadName() throws Exception {
        // issue 10 item 2: a 245-character name fits behind "dev." but not behind a longer prefix; the deploy
        // used to create the user and ACLs, fail the topic and ask to "run it again"
        String longName = "billing." + "x".repeat(250 - k.dev.length() - "billing.".length());
        EntityModel m = model(List.of(topic(longName, 1, Map.of()), topic("billing.fine.v1", 1, Map.of())),
                List.of(account("billing-writer")),
                List.of(consumes("billing-writer", "billing-x\n - evil", "billing.fine.v1")));

        assertThatThrownBy(() -> deploy(m, REPO, TEAM)).isInstanceOf(PlanRefusedException.class)
                .hasMessageContaining("nothing was deployed")
                .hasMessageContaining("topic '" + k.dev + longName + "' has 250 characters; Kafka allows at most 249")
                .hasMessageContaining("'" + k.dev + "billing-x\\n - evil' contains a newline")
                .satisfies(e -> assertThat(((PlanRefusedException) e).getMessage().lines()
                        .filter(l -> l.contains("[kafkaNames]"))).hasSize(2));

        assertThat(k.admin.listTopics().names().get()).noneMatch(t -> t.startsWith(k.dev));
        assertThat(k.admin.describeUserScramCredentials().all().get()).doesNotContainKey(k.dev + "billing-writer");
        assertThat(aclsOf("User:" + k.dev + "billing-writer")).isEmpty();
    }
}
