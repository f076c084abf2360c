package io.kafkaops.it.bench;

import io.kafkaops.engine.DeployOutcome;
import io.kafkaops.engine.EngineOptions;
import io.kafkaops.engine.PlanOutcome;
import io.kafkaops.engine.StageEngine;
import io.kafkaops.engine.StageRequest;
import io.kafkaops.engine.cluster.ClusterConnection;
import io.kafkaops.engine.cluster.admin.AdminCalls;
import io.kafkaops.engine.cluster.admin.ConfluentClusterSessions;
import io.kafkaops.engine.cluster.confluent.CloudCredential;
import io.kafkaops.engine.cluster.confluent.ConfluentCloudAccess;
import io.kafkaops.engine.cluster.confluent.ConfluentCloudTestCluster;
import io.kafkaops.engine.cluster.confluent.ConfluentCloudTestServer;
import io.kafkaops.engine.store.file.FileCredentialStore;
import io.kafkaops.model.EntityModel;
import io.kafkaops.model.Grant;
import io.kafkaops.model.ResourceRef;
import io.kafkaops.model.ServiceAccount;
import io.kafkaops.model.Topic;
import io.kafkaops.model.Visibility;
import io.kafkaops.model.platform.Cluster;
import io.kafkaops.model.platform.PlatformDefinition;
import io.kafkaops.model.platform.SecretStoreConfig;
import io.kafkaops.model.platform.Stage;
import io.kafkaops.model.platform.Team;
import io.kafkaops.model.platform.TeamPrefixes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Deploy of a Confluent Cloud stage against the stand-in for Confluent's IAM API with its rate limit on and the broker
 * that accepts its keys: 200 service accounts with API keys and 2,000 ACL bindings (each account produces to two
 * topics and consumes three), then plan and deploy again, which change nothing. Prints per step the wall time, the
 * REST calls (with retries and 429s) and the Admin round trips. A harness that prints figures, not a test.
 *
 * <pre>
 * mvn -B -q -o -pl it -am -Pbench test-compile
 * java -cp "it/target/test-classes:$(cat it/target/bench.classpath)" io.kafkaops.it.bench.ConfluentCloudBenchmark
 * </pre>
 *
 * System properties: {@code bench.accounts} (200), {@code bench.topics} (100), {@code bench.rateLimit} (requests per
 * second the stand-in answers before 429, 25), {@code bench.keyDelay} (milliseconds until a new key works, 1000),
 * {@code bench.pageSize} (largest page the stand-in returns, 100).
 */
public final class ConfluentCloudBenchmark {

    private static final String REPOSITORY = "com.example.billing:bench-service";
    private static final String TEAM = "billing";
    private static final String STAGE = "bench";
    private static final String PREFIX = "bench.";

    private ConfluentCloudBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int accounts = Integer.getInteger("bench.accounts", 200);
        int topics = Integer.getInteger("bench.topics", 100);
        int rate = Integer.getInteger("bench.rateLimit", 25);
        Duration keyDelay = Duration.ofMillis(Long.getLong("bench.keyDelay", 1000));
        int pageSize = Integer.getInteger("bench.pageSize", 100);
        EntityModel model = model(accounts, topics);
        int bindings = accounts * 10;
        Path work = Files.createTempDirectory("kafkaops-ccloud-bench");
        System.out.printf("Workload: %d service accounts with API keys, %d topics, %d ACL bindings; rate limit %d"
                        + " requests/s, new keys work after %d ms, pages of at most %d; load average %s%n", accounts,
                topics, bindings, rate, keyDelay.toMillis(), pageSize, Bench.loadAverage());
        try (ConfluentCloudTestServer cloud = ConfluentCloudTestServer.start(new ConfluentCloudTestServer.Options()
                .rateLimit(rate, Duration.ofSeconds(1)).keyActivationDelay(keyDelay).maxPageSize(pageSize));
             ConfluentCloudTestCluster cluster = ConfluentCloudTestCluster.start(cloud)) {
            AtomicInteger waits = new AtomicInteger();
            ConfluentCloudAccess access = ConfluentCloudAccess.of(cloud.baseUrl(), new CloudCredential(
                            cloud.cloudApiKey().key(), cloud.cloudApiKey().secret(), "the Cloud API key"),
                    cloud.environmentId(), cloud.kafkaClusterId()).withSslContext(cloud.clientSslContext());
            PlatformDefinition platform = platform(cluster.bootstrapServers());
            StageEngine engine = new StageEngine(platform, work.resolve("out"), new ConfluentClusterSessions(access,
                    AdminCalls::new, line -> waits.incrementAndGet(), Duration.ofMinutes(10)));
            Map<String, String> props = new LinkedHashMap<>();
            cluster.adminClientProperties().forEach((k, v) -> props.put(k, String.valueOf(v)));
            ClusterConnection connection = new ClusterConnection(STAGE, cluster.bootstrapServers(), props);
            FileCredentialStore store = new FileCredentialStore(work.resolve("credentials/billing-bench.json"));
            StageRequest request = StageRequest.builder().model(model).stage(STAGE).repository(REPOSITORY).team(TEAM)
                    .connection(connection).options(new EngineOptions(false, false, Duration.ofMinutes(10)))
                    .store(store).build();

            System.out.printf("%-26s %10s %10s %10s %10s %10s%n", "step", "wall s", "REST", "retried", "429",
                    "Admin");
            step("deploy (empty stage)", cloud, () -> engine.deploy(request, null));
            step("plan (no change)", cloud, () -> engine.plan(request));
            step("deploy (no change)", cloud, () -> engine.deploy(request, null));
            System.out.printf("Notices printed while waiting: %d; contract violations: %d%n", waits.get(),
                    cloud.contractViolations().size());
        } finally {
            Bench.deleteTree(work);
        }
    }

    @FunctionalInterface
    interface Step {
        Object run() throws Exception;
    }

    private static void step(String name, ConfluentCloudTestServer cloud, Step step) throws Exception {
        long start = System.nanoTime();
        Object outcome = step.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Integer> counts;
        int admin;
        String result;
        if (outcome instanceof DeployOutcome d) {
            counts = readCounts(d);
            admin = d.adminRoundTrips();
            result = d.summary();
        } else {
            PlanOutcome p = (PlanOutcome) outcome;
            counts = Map.of();
            admin = p.adminRoundTrips();
            result = p.plan().changes().stream().filter(c -> c.action().name().equals("UNCHANGED")).count()
                    + " unchanged of " + p.plan().changes().size();
        }
        System.out.printf("%-26s %10.1f %10s %10s %10s %10d   %s%n", name, seconds,
                counts.getOrDefault("confluentCloudRequests", -1), counts.getOrDefault("confluentCloudRetries", -1),
                counts.getOrDefault("confluentCloudRateLimited", -1), admin, result);
    }

    /** The request counts of the deploy report. */
    private static Map<String, Integer> readCounts(DeployOutcome d) throws Exception {
        Map<String, Integer> out = new LinkedHashMap<>();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(d.deployJson().toFile()).get("requests");
        if (json != null) json.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asInt()));
        return out;
    }

    static EntityModel model(int accounts, int topics) {
        List<Topic> ts = new ArrayList<>();
        for (int i = 0; i < topics; i++) {
            ts.add(new Topic(topic(i), 1, null, Map.of("retention.ms", "604800000"), Map.of("description", "t" + i),
                    Visibility.PRIVATE, List.of(), false, null, Map.of(), null));
        }
        List<ServiceAccount> sas = new ArrayList<>();
        List<Grant> grants = new ArrayList<>();
        for (int a = 0; a < accounts; a++) {
            String name = String.format("billing-svc-%04d", a);
            sas.add(new ServiceAccount(name, "service " + a, true, Map.of(), null, null));
            List<ResourceRef> produce = new ArrayList<>();
            List<ResourceRef> consume = new ArrayList<>();
            for (int j = 0; j < 2; j++) produce.add(ResourceRef.literal(topic((2 * a + j) % topics), null));
            for (int j = 0; j < 3; j++) consume.add(ResourceRef.literal(topic((2 * a + 50 + 7 * j) % topics), null));
            grants.add(new Grant(name, produce, consume, List.of(), List.of(), null));
        }
        return new EntityModel(ts, sas, grants, List.of(), List.of(), List.of(), List.of("bench"));
    }

    private static String topic(int i) {
        return String.format("billing.s%04d-events.v1", i);
    }

    private static PlatformDefinition platform(String bootstrap) {
        Cluster cluster = new Cluster("ccloud", Cluster.TYPE_CONFLUENT_CLOUD, bootstrap, Map.of(), null, null);
        Team billing = new Team(TEAM, new TeamPrefixes(List.of("billing."), List.of("billing-"), List.of("billing-"),
                List.of("billing-")), List.of("com.example.billing:*"),
                Map.of("*", new SecretStoreConfig(SecretStoreConfig.TYPE_FILE, "credentials/{team}-{stage}.json",
                        Map.of())), null);
        return new PlatformDefinition(List.of(new Stage(STAGE, "ccloud", PREFIX, true, null)),
                Map.of("ccloud", cluster), List.of(billing), List.of(), 1, 1, "confluent-cloud-benchmark");
    }
}
