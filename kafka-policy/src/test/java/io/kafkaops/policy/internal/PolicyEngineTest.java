package io.kafkaops.policy.internal;

import static io.kafkaops.policy.Fixtures.context;
import static io.kafkaops.policy.Fixtures.model;
import static io.kafkaops.policy.Fixtures.platform;
import static io.kafkaops.policy.Fixtures.policy;
import static io.kafkaops.policy.Fixtures.serviceAccount;
import static io.kafkaops.policy.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.EntityModel;
import io.kafkaops.model.ExternalRef;
import io.kafkaops.model.Grant;
import io.kafkaops.model.Location;
import io.kafkaops.model.Origin;
import io.kafkaops.model.PatternType;
import io.kafkaops.model.RawAcl;
import io.kafkaops.model.ResourceRef;
import io.kafkaops.model.ServiceAccount;
import io.kafkaops.model.Severity;
import io.kafkaops.model.Topic;
import io.kafkaops.model.Visibility;
import io.kafkaops.model.platform.PolicyConfig;
import io.kafkaops.model.platform.PolicyLevel;
import io.kafkaops.policy.Fixtures;
import io.kafkaops.policy.KnownTopic;
import io.kafkaops.policy.Policy;
import io.kafkaops.policy.PolicyConfigurationException;
import io.kafkaops.policy.PolicyContext;
import io.kafkaops.policy.PolicyParams;
import io.kafkaops.policy.Violation;
import io.kafkaops.policy.internal.builtin.DuplicatesPolicy;
import io.kafkaops.policy.internal.builtin.TopicNamingPolicy;
import io.kafkaops.policy.testpolicies.ExplodingPolicy;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyEngineTest {

    private static final Map<String, Object> LOWERCASE = Map.of("pattern", "[a-z.]+");

    private final Topic badName = topic("Billing.Invoices").build();
    private final Topic duplicate = topic("billing.a").build();
    private final EntityModel model = model()
            .topics(badName, topic("billing.a").build(), duplicate)
            .build();

    private List<Diagnostic> evaluate(PolicyConfig... configs) {
        return PolicyEngine.evaluate(context(model, platform().policies(configs).build()), BuiltInPolicies.all());
    }

    @Test
    void aConfiguredPolicyReportsAtItsLevel() {
        assertThat(evaluate(policy("topicNaming", PolicyLevel.WARN, LOWERCASE)))
                .filteredOn(d -> d.ruleId().equals("topicNaming"))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.severity()).isEqualTo(Severity.WARN);
                    assertThat(d.location()).isEqualTo(badName.origin().at("name"));
                    assertThat(d.message()).isEqualTo(
                            "topic name 'Billing.Invoices' does not match the naming pattern [a-z.]+");
                    assertThat(d.hint()).startsWith("rename the topic");
                });
        assertThat(evaluate(policy("topicNaming", PolicyLevel.ERROR, LOWERCASE)))
                .filteredOn(d -> d.ruleId().equals("topicNaming"))
                .extracting(Diagnostic::severity).containsExactly(Severity.ERROR);
    }

    @Test
    void offPoliciesAndUnconfiguredOffByDefaultPoliciesDoNotRun() {
        assertThat(evaluate(policy("topicNaming", PolicyLevel.OFF, Map.of())))
                .extracting(Diagnostic::ruleId).doesNotContain("topicNaming");
        assertThat(evaluate()).extracting(Diagnostic::ruleId).doesNotContain("topicNaming");
    }

    @Test
    void onByDefaultPoliciesRunUnlessSwitchedOff() {
        assertThat(evaluate())
                .filteredOn(d -> d.ruleId().equals("duplicates"))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.severity()).isEqualTo(Severity.ERROR);
                    assertThat(d.location()).isEqualTo(duplicate.origin().at("name"));
                });
        assertThat(evaluate(policy("duplicates", PolicyLevel.OFF, Map.of())))
                .extracting(Diagnostic::ruleId).doesNotContain("duplicates");
        assertThat(evaluate(policy("duplicates", PolicyLevel.WARN, Map.of())))
                .filteredOn(d -> d.ruleId().equals("duplicates"))
                .extracting(Diagnostic::severity).containsExactly(Severity.WARN);
    }

    @Test
    void diagnosticsOfAllPoliciesAreSortedByPlace() {
        List<Diagnostic> all = evaluate(policy("topicNaming", LOWERCASE));

        assertThat(all).hasSizeGreaterThanOrEqualTo(3);
        List<Diagnostic> sorted = new ArrayList<>(all);
        sorted.sort(Diagnostic.ORDER);
        assertThat(all).containsExactlyElementsOf(sorted);
    }

    @Test
    void everyBrokenConfigurationIsReportedInOneExceptionWithItsPlaceInThePlatformDefinition() {
        PolicyConfig noPattern = policy("topicNaming", Map.of());
        PolicyConfig badBounds = policy("topicPartitions", Map.of("min", 10, "max", 2));
        PolicyConfig unknown = policy("topicNamming", Map.of());

        PolicyConfigurationException e = catchThrowableOfType(PolicyConfigurationException.class,
                () -> evaluate(noPattern, badBounds, unknown));

        assertThat(e.problems()).containsExactly(
                Diagnostic.error("policyConfig", "policy topicNaming needs the parameter 'pattern'",
                        noPattern.location(), "fix the entry 'rule: topicNaming' under policies in platform.yaml"),
                Diagnostic.error("policyConfig", "policy topicPartitions: min 10 is above max 2",
                        badBounds.location(), "fix the entry 'rule: topicPartitions' under policies in platform.yaml"),
                Diagnostic.error("policyConfig", "unknown policy 'topicNamming'", unknown.location(),
                        "did you mean 'topicNaming'? Known policies: " + String.join(", ", BuiltInPolicies.ids())));
        assertThat(e.getMessage())
                .startsWith("The platform definition configures its policies wrongly (3 problems):")
                .contains(noPattern.location() + ": ERROR [policyConfig] policy topicNaming needs the parameter")
                .contains("unknown policy 'topicNamming'");
    }

    @Test
    void aPolicyConfiguredTwiceIsAConfigurationError() {
        PolicyConfig first = policy("duplicates", Map.of());
        PolicyConfig second = policy("duplicates", PolicyLevel.WARN, Map.of());

        PolicyConfigurationException e = catchThrowableOfType(PolicyConfigurationException.class,
                () -> evaluate(first, second));

        assertThat(e.problems()).extracting(Diagnostic::message, Diagnostic::location)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "policy duplicates is configured twice (first at " + first.location() + ")",
                        second.location()));
    }

    @Test
    void aConfigurationProblemFoundWhileEvaluatingIsReportedAsConfigurationError() {
        PolicyConfig unknownStage = policy("topicPartitions", Map.of("stages", Map.of("prd", Map.of("min", 3))));

        PolicyConfigurationException e = catchThrowableOfType(PolicyConfigurationException.class,
                () -> evaluate(unknownStage));

        assertThat(e.problems()).singleElement().satisfies(d -> {
            assertThat(d.location()).isEqualTo(unknownStage.location());
            assertThat(d.message()).contains("names stage 'prd'").contains("did you mean 'prod'?");
        });
    }

    @Test
    void aCustomPolicyIsFoundThroughTheServiceLoader() {
        Topic foo = topic("billing.foo").build();
        var ctx = context(model().topics(foo).build());

        List<Diagnostic> diagnostics = PolicyEngine.evaluate(ctx, getClass().getClassLoader());

        assertThat(diagnostics).containsExactly(
                Diagnostic.error("noFooTopics", "topic 'billing.foo' contains foo", foo.origin().at("name"),
                        "name it well"));
        assertThat(PolicyEngine.policies(getClass().getClassLoader())).extracting(Policy::id)
                .startsWith(BuiltInPolicies.ids().toArray(String[]::new))
                .endsWith("noFooTopics");
    }

    @Test
    void aCustomPolicyCanBeConfiguredAndSwitchedOffLikeABuiltInOne() {
        var ctx = context(model().topics(topic("billing.foo")).build(),
                platform().policies(policy("noFooTopics", PolicyLevel.OFF, Map.of())).build());

        assertThat(PolicyEngine.evaluate(ctx, getClass().getClassLoader())).isEmpty();
    }

    @Test
    void aCustomPolicyTakingABuiltInIdIsRefused() throws Exception {
        try (URLClassLoader loader = loader("clash")) {
            PolicyConfigurationException e = catchThrowableOfType(PolicyConfigurationException.class,
                    () -> PolicyEngine.policies(loader));

            assertThat(e.problems()).singleElement().satisfies(d -> {
                assertThat(d.message()).isEqualTo("custom policy io.kafkaops.policy.testpolicies.FakeTopicNamingPolicy "
                        + "uses the id 'topicNaming' of a built-in policy");
                assertThat(d.location().file()).endsWith("test-classes/");
                assertThat(d.hint()).isEqualTo("give it an id of its own");
            });
        }
    }

    @Test
    void aCustomPolicyThatCannotBeLoadedIsAConfigurationError() throws Exception {
        try (URLClassLoader loader = loader("broken")) {
            PolicyConfigurationException e = catchThrowableOfType(PolicyConfigurationException.class,
                    () -> PolicyEngine.policies(loader));

            assertThat(e.problems()).singleElement().satisfies(d -> {
                assertThat(d.message()).startsWith("a custom policy could not be loaded: ")
                        .contains("io.kafkaops.policy.testpolicies.DoesNotExist");
                assertThat(d.location()).isEqualTo(Location.ofFile("META-INF/services/io.kafkaops.policy.Policy"));
            });
        }
    }

    @Test
    void aPolicyThatThrowsBecomesOnePolicyFailureAndTheOthersStillRun() {
        PolicyConfig exploding = policy("exploding", PolicyLevel.WARN, Map.of());
        var ctx = context(model, platform().policies(exploding).build());

        List<Diagnostic> diagnostics = PolicyEngine.evaluate(ctx,
                List.of(new ExplodingPolicy(), new DuplicatesPolicy(), new TopicNamingPolicy()));

        assertThat(diagnostics).extracting(Diagnostic::ruleId).containsExactlyInAnyOrder("duplicates",
                PolicyEngine.POLICY_FAILURE);
        assertThat(diagnostics).filteredOn(d -> d.ruleId().equals(PolicyEngine.POLICY_FAILURE)).singleElement()
                .satisfies(d -> {
                    assertThat(d.severity()).isEqualTo(Severity.ERROR);
                    assertThat(d.location()).isEqualTo(exploding.location());
                    assertThat(d.message()).startsWith("policy exploding (io.kafkaops.policy.testpolicies."
                            + "ExplodingPolicy) failed: NullPointerException");
                    assertThat(d.hint()).contains("set its level to OFF");
                });
    }

    @Test
    void violationsWithoutLocationPointAtTheModelAndActivePoliciesDescribeThemselves() {
        Policy noLocation = new Policy() {
            @Override
            public String id() {
                return "vague";
            }

            @Override
            public String description() {
                return "Reports without a place.";
            }

            @Override
            public List<Violation> evaluate(PolicyContext context, PolicyParams params) {
                return List.of(new Violation("something is off", null, null));
            }
        };
        var platform = platform().policies(policy("vague", PolicyLevel.WARN, Map.of("level", "high"))).build();

        assertThat(PolicyEngine.evaluate(context(model().serviceAccounts(serviceAccount("billing-x")).build(),
                platform), List.of(noLocation)))
                .containsExactly(Diagnostic.warn("vague", "something is off", new Location(Fixtures.FILE, 1, 1), null));
        assertThat(PolicyEngine.activePolicies(platform, List.of(noLocation)))
                .singleElement().hasToString("vague WARN {level=high}");
    }

    @Test
    void aPartialModelWithMissingNamesDoesNotCrashAnyBuiltInPolicy() {
        Origin somewhere = Origin.of(new Location(Fixtures.FILE, 3, 5));
        EntityModel partial = new EntityModel(
                List.of(new Topic(null, null, null, null, null, null, List.of("toll"), false,
                        List.of("dev"), null, somewhere)),
                List.of(new ServiceAccount(null, null, true, null, null, somewhere)),
                List.of(new Grant(null, List.of(new ResourceRef(null, PatternType.LITERAL, null)),
                        List.of(new ResourceRef(null, PatternType.PREFIXED, null)),
                        List.of(new ResourceRef(null, PatternType.LITERAL, null)), null, somewhere)),
                List.of(new RawAcl(null, null, null, null, null, null, null, somewhere)),
                List.of(new ExternalRef(null, null)), List.of(new ExternalRef(null, null)), List.of(Fixtures.FILE));
        var everything = platform().policies(
                policy("topicNaming", Map.of("pattern", "x")),
                policy("serviceAccountNaming", Map.of("pattern", "x")),
                policy("requiredMetadata", Map.of("topics", List.of("a"), "serviceAccounts", List.of("a"))),
                policy("topicConfig", Map.of("allowed", List.of("retention.ms"))),
                policy("topicPartitions", Map.of("min", 1)),
                policy("topicReplicationFactor", Map.of("min", 1))).build();
        var known = Map.of("toll.a", new KnownTopic("toll.a", "toll", "x:y", Visibility.PRIVATE, List.of()));

        List<Diagnostic> diagnostics = PolicyEngine.evaluate(
                Fixtures.context(partial, everything, everything.team("billing"), known), BuiltInPolicies.all());

        assertThat(diagnostics).extracting(Diagnostic::ruleId).doesNotContain(PolicyEngine.POLICY_FAILURE);
    }

    private static URLClassLoader loader(String dir) {
        URL url = PolicyEngineTest.class.getClassLoader().getResource(dir + "/");
        return new URLClassLoader(new URL[] {url}, PolicyEngineTest.class.getClassLoader());
    }

    @Test
    void theClusterPoliciesAreTopicVisibilityAndEveryCustomPolicy() {
        Policy custom = new Policy() {
            @Override
            public String id() {
                return "customRule";
            }

            @Override
            public String description() {
                return "a custom rule";
            }

            @Override
            public List<Violation> evaluate(PolicyContext context, PolicyParams params) {
                return List.of();
            }
        };
        assertThat(BuiltInPolicies.all()).filteredOn(PolicyEngine::needsCluster).extracting(Policy::id)
                .containsExactly("topicVisibility");
        assertThat(PolicyEngine.needsCluster(custom)).isTrue();
    }

    @Test
    void aSelectionRunsOnlyTheSelectedPolicies() {
        PolicyContext ctx = context(model, platform().policies(policy("topicNaming", PolicyLevel.ERROR, LOWERCASE))
                .build());
        assertThat(PolicyEngine.evaluate(ctx, BuiltInPolicies.all())).extracting(Diagnostic::ruleId)
                .contains("topicNaming", "duplicates");
        assertThat(PolicyEngine.evaluate(ctx, BuiltInPolicies.all(), p -> p.id().equals("duplicates")))
                .extracting(Diagnostic::ruleId).containsOnly("duplicates").isNotEmpty();
    }
}
