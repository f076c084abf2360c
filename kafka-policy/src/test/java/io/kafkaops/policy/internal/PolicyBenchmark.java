package io.kafkaops.policy.internal;

import io.kafkaops.model.AclOperation;
import io.kafkaops.model.AclPermission;
import io.kafkaops.model.AclResourceType;
import io.kafkaops.model.EntityModel;
import io.kafkaops.model.ExternalRef;
import io.kafkaops.model.Grant;
import io.kafkaops.model.Location;
import io.kafkaops.model.Origin;
import io.kafkaops.model.PatternType;
import io.kafkaops.model.RawAcl;
import io.kafkaops.model.ResourceRef;
import io.kafkaops.model.ServiceAccount;
import io.kafkaops.model.Topic;
import io.kafkaops.model.TopicOverride;
import io.kafkaops.model.Visibility;
import io.kafkaops.model.platform.PlatformDefinition;
import io.kafkaops.model.platform.PolicyConfig;
import io.kafkaops.model.platform.PolicyLevel;
import io.kafkaops.policy.Fixtures;
import io.kafkaops.policy.KnownTopic;
import io.kafkaops.policy.Policy;
import io.kafkaops.policy.PolicyContext;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Times every built-in policy (all switched on) over a large repository: 10,000 topics, 2,000 service accounts,
 * 20,000 grant references, 1,000 raw ACLs, 5,000 known topics of other teams, and 1% broken references so the
 * did-you-mean path runs too. Not a test: run its main method, e.g.
 * {@code java -cp kafka-policy/target/test-classes:kafka-policy/target/classes:kafka-model/target/classes
 * io.kafkaops.policy.internal.PolicyBenchmark}.
 */
public final class PolicyBenchmark {

    static final int TOPICS = 10_000;
    static final int SERVICE_ACCOUNTS = 2_000;
    static final int REFS_PER_GRANT = 10;
    static final int RAW_ACLS = 1_000;
    static final int KNOWN_TOPICS = 5_000;

    private PolicyBenchmark() {
    }

    public static void main(String[] args) {
        PolicyContext ctx = context();
        List<Policy> policies = BuiltInPolicies.all();
        int refs = ctx.model().grants().stream()
                .mapToInt(g -> g.produce().size() + g.consume().size() + g.groups().size()
                        + g.transactionalIds().size()).sum();
        System.out.printf("model: %d topics, %d service accounts, %d grants with %d references, %d raw ACLs, "
                        + "%d known topics%n", ctx.model().topics().size(), ctx.model().serviceAccounts().size(),
                ctx.model().grants().size(), refs, ctx.model().acls().size(), ctx.knownTopics().size());

        // the first run includes class loading and JIT warm-up, which a real build pays once too; CPU time is shown
        // next to wall time because a loaded build machine stretches the latter
        long[] first = time(() -> PolicyEngine.evaluate(ctx, policies));
        for (int i = 0; i < 5; i++) PolicyEngine.evaluate(ctx, policies);
        long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
        for (int i = 0; i < 10; i++) {
            long[] t = time(() -> PolicyEngine.evaluate(ctx, policies));
            best[0] = Math.min(best[0], t[0]);
            best[1] = Math.min(best[1], t[1]);
        }
        System.out.printf("all policies: first run %d ms (cpu %d ms), warm %d ms (cpu %d ms), %d diagnostics%n",
                first[0] / 1_000_000, first[1] / 1_000_000, best[0] / 1_000_000, best[1] / 1_000_000,
                PolicyEngine.evaluate(ctx, policies).size());
        for (ActivePolicy a : PolicyEngine.activePolicies(ctx.platform(), policies)) {
            long wall = Long.MAX_VALUE;
            long cpu = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long[] t = time(() -> a.policy().evaluate(ctx, a.params()));
                wall = Math.min(wall, t[0]);
                cpu = Math.min(cpu, t[1]);
            }
            System.out.printf("  %-24s %6.1f ms (cpu %6.1f ms)%n", a.id(), wall / 1e6, cpu / 1e6);
        }
    }

    /** Wall-clock and CPU nanoseconds of one run. */
    private static long[] time(Runnable r) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long cpu = mx.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        r.run();
        return new long[] {System.nanoTime() - start, mx.getCurrentThreadCpuTime() - cpu};
    }

    static PolicyContext context() {
        PlatformDefinition base = Fixtures.platform().build();
        List<PolicyConfig> configs = List.of(
                Fixtures.policy("topicNaming", Map.of("pattern", "^[a-z]+(\\.[a-z0-9-]+)+\\.v[0-9]+$")),
                Fixtures.policy("serviceAccountNaming", Map.of("pattern", "[a-z]+(-[a-z0-9]+)*")),
                Fixtures.policy("requiredMetadata", Map.of("topics", List.of("description", "dataClassification"),
                        "serviceAccounts", List.of("owner"))),
                Fixtures.policy("topicConfig", Map.of("values", Map.of(
                        "retention.ms", Map.of("min", "1h", "max", "30d"),
                        "cleanup.policy", Map.of("enum", List.of("delete", "compact"))))),
                Fixtures.policy("topicPartitions", Map.of("min", 1, "max", 100,
                        "stages", Map.of("prod", Map.of("min", 3)))),
                Fixtures.policy("topicReplicationFactor", PolicyLevel.WARN, Map.of("stages",
                        Map.of("prod", Map.of("min", 3), "preprod", Map.of("min", 3)))));
        PlatformDefinition platform = new PlatformDefinition(base.stages(), base.clusters(), base.teams(), configs,
                3, 3, base.source());

        String file = "src/main/kafka/topics.yaml";
        List<Topic> topics = new ArrayList<>(TOPICS);
        for (int i = 0; i < TOPICS; i++) {
            Location at = new Location(file, 10 * i + 1, 5);
            Map<String, Location> fields = Map.of("name", new Location(file, 10 * i + 1, 11),
                    "config.retention.ms", new Location(file, 10 * i + 3, 7));
            List<String> deployTo = i % 2 == 0 ? null : List.of("dev", "test", "preprod", "prod");
            topics.add(new Topic(topicName(i), 6, 3,
                    Map.of("retention.ms", "604800000", "cleanup.policy", "delete", "min.insync.replicas", "2"),
                    Map.of("description", "topic " + i, "dataClassification", "internal"),
                    Visibility.PUBLIC, null, false, deployTo,
                    Map.of("prod", new TopicOverride(12, null, Map.of("retention.ms", "1209600000"))),
                    new Origin(at, fields)));
        }
        String saFile = "src/main/kafka/accounts.yaml";
        List<ServiceAccount> accounts = new ArrayList<>(SERVICE_ACCOUNTS);
        List<Grant> grants = new ArrayList<>(SERVICE_ACCOUNTS);
        for (int i = 0; i < SERVICE_ACCOUNTS; i++) {
            accounts.add(new ServiceAccount(accountName(i), "service " + i, true, Map.of("owner", "team"), null,
                    Origin.of(new Location(saFile, 5 * i + 1, 5))));
            Location g = new Location("src/main/kafka/grants.yaml", 20 * i + 1, 5);
            List<ResourceRef> produce = new ArrayList<>();
            List<ResourceRef> consume = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                produce.add(ResourceRef.literal(topicName((i * 5 + k) % TOPICS), g));
                // one consumer reference in a hundred is a typo, to run the did-you-mean path
                String consumed = (i * 4 + k) % 100 == 0 ? topicName((i * 7 + k) % TOPICS).replace(".v1", ".v")
                        : k == 3 ? "toll.stream-" + (i % KNOWN_TOPICS) + ".v1" : topicName((i * 7 + k) % TOPICS);
                consume.add(ResourceRef.literal(consumed, g));
            }
            grants.add(new Grant(accountName(i), produce, consume,
                    List.of(ResourceRef.literal("billing-group-" + i, g)),
                    List.of(new ResourceRef("billing-tx-" + i, PatternType.PREFIXED, g)), Origin.of(g)));
        }
        List<RawAcl> acls = new ArrayList<>(RAW_ACLS);
        for (int i = 0; i < RAW_ACLS; i++) {
            acls.add(new RawAcl("User:" + accountName(i % SERVICE_ACCOUNTS), AclResourceType.TOPIC, topicName(i),
                    PatternType.LITERAL, AclOperation.DESCRIBE_CONFIGS, AclPermission.ALLOW, "*",
                    Origin.of(new Location("src/main/kafka/acls.yaml", 8 * i + 1, 5))));
        }
        List<ExternalRef> external = new ArrayList<>();
        Map<String, KnownTopic> known = new HashMap<>();
        for (int i = 0; i < KNOWN_TOPICS; i++) {
            String name = "toll.stream-" + i + ".v1";
            external.add(new ExternalRef(name, new Location("src/main/kafka/external.yaml", i + 2, 7)));
            known.put(name, new KnownTopic(name, "toll", "com.example.toll:toll-app",
                    i % 10 == 0 ? Visibility.PRIVATE : Visibility.PUBLIC, List.of()));
        }
        EntityModel model = new EntityModel(topics, accounts, grants, acls, external, List.of(),
                List.of(file, saFile));
        return new PolicyContext(model, platform, platform.team("billing"), Fixtures.REPOSITORY, known);
    }

    private static String topicName(int i) {
        return "billing.domain-" + (i % 97) + ".events-" + i + ".v1";
    }

    private static String accountName(int i) {
        return "billing-service-" + i;
    }
}
