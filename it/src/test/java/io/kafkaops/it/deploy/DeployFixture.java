package io.kafkaops.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaops.engine.local.TestBroker;
import io.kafkaops.engine.local.TestKafka;
import io.kafkaops.it.MavenResult;
import io.kafkaops.it.MavenRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * One deploy test's world: a platform definition written into the test's work directory that points at the shared
 * broker, with stages {@code dev} (deletes allowed) and {@code test} whose prefixes are unique to the test, so tests
 * on the one broker never see each other's entities; teams billing and toll with file credential stores in the work
 * directory (outside every sample repository's target/); and a {@link MavenRunner} that passes the admin credentials
 * the way the platform says (environment variables or a settings.xml server).
 */
public final class DeployFixture {

    /** How the platform definition tells the goals to find the cluster's admin credentials. */
    public enum AdminCredentials { ENVIRONMENT, SETTINGS_SERVER }

    public static final String USERNAME_ENV = "KAFKA_IT_ADMIN_USERNAME";
    public static final String PASSWORD_ENV = "KAFKA_IT_ADMIN_PASSWORD";
    static final String SERVER_ID = "kafka-it-cluster";
    static final String OWNERSHIP_TOPIC = "_kafkaops-ownership";

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STACK_FRAME =
            Pattern.compile("^\\s+at [A-Za-z_$][\\w$]*(\\.[\\w$<>]+)+ ?\\(");

    private final AtomicInteger runs = new AtomicInteger();

    private final MavenRunner runner;
    private final String id;
    private final Path platform;
    private final Path secrets;
    private final String bootstrapServers;

    private DeployFixture(MavenRunner runner, String id, Path platform, Path secrets, String bootstrapServers) {
        this.runner = runner;
        this.id = id;
        this.platform = platform;
        this.secrets = secrets;
        this.bootstrapServers = bootstrapServers;
    }

    /** A fixture on the shared broker, admin credentials from environment variables. */
    static DeployFixture create(String name) {
        return create(name, AdminCredentials.ENVIRONMENT);
    }

    static DeployFixture create(String name, AdminCredentials credentials) {
        TestKafka broker = TestBroker.get();
        return create(name, credentials, broker.bootstrapServers(), broker.adminCredentials().username(),
                broker.adminCredentials().password());
    }

    /** A fixture whose cluster is at the given servers, for a cluster that is not there. */
    static DeployFixture create(String name, AdminCredentials credentials, String bootstrapServers, String username,
                                String password) {
        MavenRunner runner = MavenRunner.forTest(name);
        // short and lower case: it ends up in every topic, principal and group name the test deploys
        String id = "d" + COUNTER.incrementAndGet() + UUID.randomUUID().toString().substring(0, 4)
                .toLowerCase(Locale.ROOT);
        Path secrets = runner.workDir().resolve("secrets");
        // a store or logs left by an earlier run of the suite belong to another broker
        deleteRecursively(secrets);
        deleteRecursively(runner.workDir().resolve("logs"));
        Path platform = runner.workDir().resolve("platform.yaml");
        if (credentials == AdminCredentials.ENVIRONMENT) {
            runner.env(USERNAME_ENV, username).env(PASSWORD_ENV, password);
        } else {
            runner.server(SERVER_ID, username, password);
        }
        write(platform, platformYaml(id, bootstrapServers, credentials, secrets));
        return new DeployFixture(runner, id, platform, secrets, bootstrapServers);
    }

    /**
     * The platform definition of a fixture: stages {@code dev} and {@code test} on the cluster at the servers, with
     * the prefixes {@code <id>-dev.} and {@code <id>-test.}, teams billing and toll with file stores in
     * {@code secrets}. Also used by the whole-process benchmark ({@code io.kafkaops.it.bench.MavenMemoryBenchmark}).
     */
    public static String platformYaml(String id, String bootstrapServers, AdminCredentials credentials, Path secrets) {
        String credentialsYaml = credentials == AdminCredentials.ENVIRONMENT
                ? "{ usernameEnv: " + USERNAME_ENV + ", passwordEnv: " + PASSWORD_ENV + " }"
                : "{ server: " + SERVER_ID + " }";
        String store = secrets.toAbsolutePath().resolve("{team}-{stage}.json").toString().replace('\\', '/');
        return """
                # Written by DeployFixture: the shared IT broker, two stages on it told apart by prefixes of this test.
                defaults:
                  partitions: 1
                  replicationFactor: 1
                stages:
                  - name: dev
                    cluster: shared
                    prefix: "%1$s-dev."
                    allowDeletes: true
                  - name: test
                    cluster: shared
                    prefix: "%1$s-test."
                clusters:
                  shared:
                    bootstrapServers: "%2$s"
                    properties:
                      security.protocol: SASL_PLAINTEXT
                      sasl.mechanism: SCRAM-SHA-512
                    credentials: %3$s
                teams:
                  - name: billing
                    prefixes: { topics: ["billing."], serviceAccounts: ["billing-"], groups: ["billing-"], transactionalIds: ["billing-"] }
                    repositories: ["com.example.billing:*"]
                    secretStores:
                      "*": { type: file, path: "%4$s" }
                  - name: toll
                    prefixes: { topics: ["toll."], serviceAccounts: ["toll-"], groups: ["toll-"], transactionalIds: ["toll-"] }
                    repositories: ["com.example.toll:*"]
                    secretStores:
                      "*": { type: file, path: "%4$s" }
                policies:
                  - rule: requiredMetadata
                    level: ERROR
                    params: { topics: [description, dataClassification], serviceAccounts: [description] }
                """.formatted(id, bootstrapServers, credentialsYaml, store);
    }

    MavenRunner runner() {
        return runner;
    }

    Path platform() {
        return platform;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** The physical prefix of a stage, e.g. {@code d3ab1-dev.}. */
    String prefix(String stage) {
        return id + "-" + stage + ".";
    }

    /** The physical name of a logical name on a stage. */
    String name(String stage, String logical) {
        return prefix(stage) + logical;
    }

    Path copyRepo(String name) {
        return runner.copyRepo(name);
    }

    /** {@code mvn kafka:<goal> -Dkafka.platform=... -Dkafka.stage=<stage> <more>} in the project. */
    MavenResult run(Path project, String goal, String stage, String... more) {
        List<String> args = new ArrayList<>(List.of("kafka:" + goal, "-Dkafka.platform=" + platform.toAbsolutePath(),
                "-Dkafka.stage=" + stage));
        args.addAll(List.of(more));
        MavenResult result = runner.run(project, args.toArray(String[]::new));
        // each run replaces build.log: keep every run's log next to the fixture for whoever reads a failure
        String name = String.format("%02d-%s-%s-%s.log", runs.incrementAndGet(), project.getFileName(), goal, stage);
        try {
            Files.createDirectories(runner.workDir().resolve("logs"));
            Files.copy(result.log(), runner.workDir().resolve("logs").resolve(name),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.printf("[deploy-it] %s: mvn kafka:%s -Dkafka.stage=%s %s -> exit %d in %d ms%n",
                project.getFileName(), goal, stage, String.join(" ", more), result.exitCode(),
                result.duration().toMillis());
        return result;
    }

    /** No Java stack trace in the output, in Maven's format ({@code "    at a.b.C.m (C.java:1)"}) or Java's. */
    static void assertNoStackTrace(MavenResult result) {
        assertThat(result.lines()).as("stack trace lines in the output of %s", result)
                .noneMatch(l -> STACK_FRAME.matcher(l).find() || l.startsWith("Caused by:"));
    }

    MavenResult plan(Path project, String stage, String... more) {
        return run(project, "plan", stage, more);
    }

    MavenResult deploy(Path project, String stage, String... more) {
        return run(project, "deploy", stage, more);
    }

    /** The credential store file of a team for a stage. */
    Path store(String team, String stage) {
        return secrets.resolve(team + "-" + stage + ".json");
    }

    /** Passwords by principal, as the deploy stored them. */
    Map<String, String> passwords(String team, String stage) {
        Map<String, String> out = new TreeMap<>();
        Path file = store(team, stage);
        if (!Files.exists(file)) return out;
        try {
            JsonNode credentials = JSON.readTree(file.toFile()).path("credentials");
            credentials.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().path("password").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return out;
    }

    static Admin admin() {
        return Admin.create(TestBroker.get().adminClientProperties());
    }

    /**
     * The ownership topic as the first deploy on a cluster creates it, for tests that watch it or whose principal may
     * not create it (suites run in any order, so an earlier deploy may or may not have made it).
     */
    static void ensureOwnershipTopic(Admin admin) throws Exception {
        try {
            admin.createTopics(List.of(new NewTopic(OWNERSHIP_TOPIC, 1, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) throw e;
        }
        Await.until("the ownership topic has a leader",
                () -> assertThat(ClusterView.ownershipEndOffset(admin)).isGreaterThanOrEqualTo(0));
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
