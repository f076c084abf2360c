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
import io.kafkaops.model.EntityModel;
import io.kafkaops.model.Grant;
import io.kafkaops.model.RawAcl;
import io.kafkaops.model.Visibility;
import io.kafkaops.model.platform.PlatformDefinition;
import io.kafkaops.policy.KnownTopic;
import io.kafkaops.policy.PolicyContext;
import io.kafkaops.policy.Violation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopicVisibilityPolicyTest {

    private static final PlatformDefinition PLATFORM = platform().build();

    /** What the plan goal reads from the cluster's ownership records. */
    private static final Map<String, KnownTopic> KNOWN = Map.of(
            "toll.public.v1", known("toll.public.v1", "toll", Visibility.PUBLIC),
            "toll.private.v1", known("toll.private.v1", "toll", Visibility.PRIVATE),
            "toll.shared.v1", known("toll.shared.v1", "toll", Visibility.PROTECTED, "billing"),
            "toll.fleet-only.v1", known("toll.fleet-only.v1", "toll", Visibility.PROTECTED, "fleet"),
            "billing.legacy.v1", known("billing.legacy.v1", "billing", Visibility.PRIVATE),
            "shared.audit.v1", new KnownTopic("shared.audit.v1", null, "com.example:audit", Visibility.PRIVATE,
                    List.of()));

    private static KnownTopic known(String name, String team, Visibility v, String... sharedWith) {
        return new KnownTopic(name, team, "com.example." + team + ":app", v, List.of(sharedWith));
    }

    private static PolicyContext planTime(EntityModel model) {
        return context(model, PLATFORM, PLATFORM.team("billing"), KNOWN);
    }

    @Test
    void visibleTopicsAtPlanTimePass() {
        var model = model()
                .topics(topic("billing.invoices.v1"))
                .serviceAccounts(serviceAccount("billing-service"))
                .grants(grant("billing-service")
                        .consume("toll.public.v1", "toll.shared.v1", "billing.legacy.v1")
                        .produce("billing.invoices.v1", "billing.legacy.v1")
                        .consumePrefix("billing."))
                .externalTopics("toll.public.v1", "toll.shared.v1", "billing.legacy.v1")
                .build();

        assertThat(run(new TopicVisibilityPolicy(), planTime(model))).isEmpty();
        assertThat(new TopicVisibilityPolicy().enabledByDefault()).isTrue();
    }

    @Test
    void offlineConsumingAnotherTeamsTopicIsLeftForPlanTime() {
        var model = model()
                .grants(grant("billing-service").consume("toll.private.v1"))
                .externalTopics("toll.private.v1")
                .build();

        assertThat(run(new TopicVisibilityPolicy(), context(model))).isEmpty();
    }

    @Test
    void atPlanTimePrivateAndNotSharedTopicsCannotBeConsumed() {
        Grant g = grant("billing-service").consume("toll.private.v1", "toll.fleet-only.v1").build();
        var model = model().grants(g).externalTopics("toll.private.v1", "toll.fleet-only.v1").build();

        assertThat(run(new TopicVisibilityPolicy(), planTime(model))).containsExactly(
                new Violation("'billing-service' may not consume 'toll.private.v1': the topic of team toll is "
                        + "private", g.consume().get(0).location(),
                        "ask team toll to set visibility: protected with sharedWith: [billing] (or visibility: "
                                + "public) on the topic"),
                new Violation("'billing-service' may not consume 'toll.fleet-only.v1': the topic of team toll is "
                        + "protected and shared only with fleet", g.consume().get(1).location(),
                        "ask team toll to add billing to the topic's sharedWith"));
    }

    @Test
    void atPlanTimeATopicInAnotherTeamsNamespaceThatNobodyDeployedYetIsPrivate() {
        // issue 10 item 15: consuming first, before the owner deployed a (private) topic, used to win access to it
        Grant g = grant("billing-service").consume("toll.ledger.v1", "shared.unowned.v1").build();
        var model = model().grants(g).externalTopics("toll.ledger.v1", "shared.unowned.v1").build();

        assertThat(run(new TopicVisibilityPolicy(), planTime(model))).containsExactly(
                new Violation("'billing-service' may not consume 'toll.ledger.v1': the name lies in the namespace of"
                        + " team toll, which has not deployed it to this stage, and a topic is private until its owner"
                        + " shares it", g.consume().get(0).location(), "ask team toll to deploy it with visibility:"
                        + " protected and sharedWith: [billing] (or visibility: public), then plan again"));
        // on a stage where nobody owns anything yet, too
        assertThat(run(new TopicVisibilityPolicy(), context(model, PLATFORM, PLATFORM.team("billing"), Map.of())))
                .hasSize(1);
        // offline nothing is known about the stage: left for plan time
        assertThat(run(new TopicVisibilityPolicy(), context(model))).isEmpty();
        // on a development stage (one machine's embedded broker) other teams never deploy
        PlatformDefinition withLocal = platform().developmentStage("local").build();
        assertThat(run(new TopicVisibilityPolicy(), new PolicyContext(model, withLocal, withLocal.team("billing"),
                io.kafkaops.policy.Fixtures.REPOSITORY, Map.of(), "local"))).isEmpty();
    }

    @Test
    void producingToAnotherTeamsTopicIsNeverAllowedEvenIfPublic() {
        Grant g = grant("billing-service").produce("toll.public.v1").build();
        var model = model().grants(g).externalTopics("toll.public.v1").build();

        assertThat(run(new TopicVisibilityPolicy(), planTime(model))).containsExactly(
                new Violation("'billing-service' may not produce to 'toll.public.v1': the topic belongs to team toll, "
                        + "and only a topic's own team produces to it", g.produce().get(0).location(),
                        "remove it; to get data into toll.public.v1, talk to team toll"));
    }

    @Test
    void offlineProducingIntoAnotherTeamsNamespaceIsReported() {
        Grant g = grant("billing-service").produce("toll.unknown.v1").build();

        assertThat(run(new TopicVisibilityPolicy(), context(model().grants(g).build()))).containsExactly(
                new Violation("'billing-service' may not produce to 'toll.unknown.v1': the name lies in the namespace "
                        + "of team toll, and only a topic's own team produces to it", g.produce().get(0).location(),
                        "remove it; to get data into toll.unknown.v1, talk to team toll"));
    }

    @Test
    void prefixesReachingIntoAnotherTeamsNamespaceAreReportedOffline() {
        Grant g = grant("billing-service").consumePrefix("toll.").producePrefix("to").build();

        assertThat(run(new TopicVisibilityPolicy(), context(model().grants(g).build()))).containsExactly(
                new Violation("prefix 'toll.' lets 'billing-service' consume every topic of team toll, whatever its "
                        + "visibility", g.consume().get(0).location(),
                        "name the topics one by one (and list them under external.topics) so that their visibility "
                                + "is checked"),
                new Violation("prefix 'to' lets 'billing-service' produce to every topic of team toll, whatever "
                        + "its visibility", g.produce().get(0).location(),
                        "produce only to your own team's topics: use a prefix starting with billing."));
    }

    @Test
    void atPlanTimeAPrefixOutsideAnyTeamIsCheckedAgainstTheKnownTopics() {
        Grant g = grant("billing-service").consumePrefix("shared.").build();

        assertThat(run(new TopicVisibilityPolicy(), planTime(model().grants(g).build()))).containsExactly(
                new Violation("prefix 'shared.' lets 'billing-service' consume topic 'shared.audit.v1', which is not "
                        + "visible to team billing", g.consume().get(0).location(),
                        "narrow the prefix, or name the topics you need one by one"));
    }

    @Test
    void aRepositoryWithoutTeamMayConsumeOnlyPublicTopics() {
        Grant g = grant("some-service").consume("toll.public.v1", "toll.shared.v1").build();
        var ctx = context(model().grants(g).build(), PLATFORM, Optional.empty(), KNOWN);

        assertThat(run(new TopicVisibilityPolicy(), ctx)).containsExactly(
                new Violation("'some-service' may not consume 'toll.shared.v1' of team toll: this repository "
                        + "belongs to no team, so it may consume only public topics", g.consume().get(1).location(),
                        "ask the platform team to add this repository to a team, or ask team toll to make the topic "
                                + "public"));
    }

    @Test
    void rawAclsAreCheckedLikeGrants() {
        RawAcl read = acl("User:billing-service", AclResourceType.TOPIC, "toll.private.v1", AclOperation.READ)
                .build();
        RawAcl describe = acl("User:billing-service", AclResourceType.TOPIC, "toll.public.v1",
                AclOperation.DESCRIBE_CONFIGS).build();

        assertThat(run(new TopicVisibilityPolicy(), planTime(model().acls(read, describe).build()))).containsExactly(
                new Violation("'billing-service' may not get READ on 'toll.private.v1': the topic of team toll is "
                        + "private", read.origin().at("resourceName"),
                        "ask team toll to set visibility: protected with sharedWith: [billing] (or visibility: "
                                + "public) on the topic"));
    }
}
