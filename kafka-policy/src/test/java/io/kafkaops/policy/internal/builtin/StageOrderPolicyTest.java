package io.kafkaops.policy.internal.builtin;

import static io.kafkaops.policy.Fixtures.context;
import static io.kafkaops.policy.Fixtures.grant;
import static io.kafkaops.policy.Fixtures.model;
import static io.kafkaops.policy.Fixtures.platform;
import static io.kafkaops.policy.Fixtures.run;
import static io.kafkaops.policy.Fixtures.serviceAccount;
import static io.kafkaops.policy.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.model.Grant;
import io.kafkaops.model.ServiceAccount;
import io.kafkaops.model.Topic;
import io.kafkaops.policy.Violation;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageOrderPolicyTest {

    @Test
    void runsFromTheFirstStageWithMatchingOverridesAndGrantsPass() {
        var model = model()
                .topics(topic("billing.a.v1").deployTo("test", "dev").override("test", 6, null, Map.of()),
                        topic("billing.b.v1").override("prod", 12, null, Map.of()))
                .serviceAccounts(serviceAccount("billing-service").deployTo("dev", "test"))
                .grants(grant("billing-service").produce("billing.a.v1").consume("billing.b.v1"))
                .build();

        assertThat(run(new StageOrderPolicy(), context(model))).isEmpty();
        assertThat(new StageOrderPolicy().enabledByDefault()).isTrue();
    }

    @Test
    void unknownStagesGetADidYouMean() {
        Topic t = topic("billing.a.v1").deployTo("dev", "tset").override("prd", 6, null, Map.of()).build();

        assertThat(run(new StageOrderPolicy(), context(model().topics(t).build()))).containsExactly(
                new Violation("topic 'billing.a.v1' names stage 'tset' in deployTo, which the platform does not "
                        + "define", t.origin().at("deployTo[1]"),
                        "did you mean 'test'? (the platform's stages are dev, test, preprod, prod)"),
                new Violation("topic 'billing.a.v1' has overrides for stage 'prd', which the platform does not define",
                        t.origin().at("overrides.prd"),
                        "did you mean 'prod'? (the platform's stages are dev, test, preprod, prod)"));
    }

    @Test
    void aDeployToWithGapsNamesTheMissingStages() {
        Topic t = topic("billing.a.v1").deployTo("test", "prod").build();
        ServiceAccount sa = serviceAccount("billing-service").deployTo("prod").build();

        assertThat(run(new StageOrderPolicy(), context(model().topics(t).serviceAccounts(sa).build())))
                .containsExactly(
                        new Violation("topic 'billing.a.v1' is deployed to test, prod but not to dev, preprod before "
                                + "them", t.origin().at("deployTo"),
                                "add dev, preprod to deployTo: stages are promoted in the order dev, test, preprod, "
                                        + "prod, and nothing reaches a stage without the ones before it"),
                        new Violation("service account 'billing-service' is deployed to prod but not to dev, test, "
                                + "preprod before it", sa.origin().at("deployTo"),
                                "add dev, test, preprod to deployTo: stages are promoted in the order dev, test, "
                                        + "preprod, prod, and nothing reaches a stage without the ones before it"));
    }

    @Test
    void overridesForStagesNotDeployedToAreReported() {
        Topic t = topic("billing.a.v1").deployTo("dev").override("prod", 12, null, Map.of()).build();

        assertThat(run(new StageOrderPolicy(), context(model().topics(t).build()))).containsExactly(
                new Violation("topic 'billing.a.v1' has overrides for stage prod but is not deployed there",
                        t.origin().at("overrides.prod"), "add prod to deployTo, or remove the override"));
    }

    @Test
    void withoutStagesInThePlatformThereIsNoOrderToCheck() {
        Topic t = topic("billing.a.v1").deployTo("test").override("prod", 12, null, Map.of()).build();

        assertThat(run(new StageOrderPolicy(), context(model().topics(t).build(), platform().stages().build())))
                .isEmpty();
        assertThat(run(new StageOrderPolicy(), context(model().topics(t).build()))).isNotEmpty();
    }

    @Test
    void aGrantedTopicMustExistOnEveryStageOfItsServiceAccount() {
        Grant g = grant("billing-service").consume("billing.a.v1").build();
        var model = model()
                .topics(topic("billing.a.v1").deployTo("dev", "test"))
                .serviceAccounts(serviceAccount("billing-service"))
                .grants(g)
                .build();

        assertThat(run(new StageOrderPolicy(), context(model))).containsExactly(
                new Violation("the grant lets 'billing-service' consume topic 'billing.a.v1' on stages preprod, prod, "
                        + "but the topic is not deployed there", g.consume().get(0).location(),
                        "add preprod, prod to the deployTo of topic 'billing.a.v1', or leave them out of the deployTo "
                                + "of service account 'billing-service'"));
    }

    @Test
    void aDevelopmentStageIsOutsideThePromotionOrderAndGetsWhatTheFirstStageGets() {
        var platform = platform().developmentStage("local").build();
        Grant g = grant("billing-service").produce("billing.a.v1").consume("billing.b.v1").build();
        var model = model()
                .topics(topic("billing.a.v1").deployTo("dev", "test").override("local", 1, 1, Map.of()),
                        topic("billing.b.v1").deployTo("local"),
                        topic("billing.c.v1").deployTo("local", "dev"))
                .serviceAccounts(serviceAccount("billing-service").deployTo("local"))
                .grants(g)
                .build();

        // an override for local applies (a.v1 reaches local through dev); naming local alone leaves no gap
        assertThat(run(new StageOrderPolicy(), context(model, platform))).isEmpty();

        Topic late = topic("billing.d.v1").deployTo("local", "test").build();
        Topic notLocal = topic("billing.e.v1").deployTo("test").override("local", 1, null, Map.of()).build();
        assertThat(run(new StageOrderPolicy(), context(model().topics(late, notLocal).build(), platform)))
                .containsExactly(
                        new Violation("topic 'billing.d.v1' is deployed to test but not to dev before it",
                                late.origin().at("deployTo"), "add dev to deployTo: stages are promoted in the order "
                                + "dev, test, preprod, prod, and nothing reaches a stage without the ones before it"),
                        new Violation("topic 'billing.e.v1' is deployed to test but not to dev before it",
                                notLocal.origin().at("deployTo"), "add dev to deployTo: stages are promoted in the "
                                + "order dev, test, preprod, prod, and nothing reaches a stage without the ones "
                                + "before it"),
                        new Violation("topic 'billing.e.v1' has overrides for stage local but is not deployed there",
                                notLocal.origin().at("overrides.local"), "add local to deployTo, or remove the "
                                + "override"));
    }

    @Test
    void aServiceAccountOnTheDevelopmentStageNeedsItsTopicsThere() {
        var platform = platform().developmentStage("local").build();
        Grant g = grant("billing-service").consume("billing.a.v1").build();
        var model = model()
                .topics(topic("billing.a.v1").deployTo("test"))
                .serviceAccounts(serviceAccount("billing-service").deployTo("dev"))
                .grants(g)
                .build();

        assertThat(run(new StageOrderPolicy(), context(model, platform))).contains(
                new Violation("the grant lets 'billing-service' consume topic 'billing.a.v1' on stages dev, local, "
                        + "but the topic is not deployed there", g.consume().get(0).location(),
                        "add dev, local to the deployTo of topic 'billing.a.v1', or leave them out of the deployTo "
                                + "of service account 'billing-service'"));
    }
}
