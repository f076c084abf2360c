package io.kafkaops.engine.cluster.admin;

import static io.kafkaops.engine.Fixtures.REPO;
import static io.kafkaops.engine.Fixtures.account;
import static io.kafkaops.engine.Fixtures.consumes;
import static io.kafkaops.engine.Fixtures.model;
import static io.kafkaops.engine.Fixtures.produces;
import static io.kafkaops.engine.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaops.engine.DebugOutcome;
import io.kafkaops.engine.DeployOutcome;
import io.kafkaops.engine.PlanOutcome;
import io.kafkaops.engine.StageEngine;
import io.kafkaops.engine.StageRequest;
import io.kafkaops.engine.debug.DebugRefusedException;
import io.kafkaops.engine.debug.DebugSession;
import io.kafkaops.engine.debug.DebugSessions;
import io.kafkaops.engine.debug.LocalPlacement;
import io.kafkaops.engine.local.TestBroker;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.EntityModel;
import io.kafkaops.model.platform.DebugSettings;
import io.kafkaops.model.platform.PlatformDefinition;
import io.kafkaops.model.platform.Stage;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.security.token.delegation.DelegationToken;
import org.junit.jupiter.api.Test;

/**
 * Debug sessions against the real broker: the token has exactly the account's rights, the broker stops accepting it
 * after its lifetime, the sweeper ends what a killed process left, and the refusals.
 */
class DebugSessionBrokerIT extends BrokerTestBase {

    static final String OTHER_REPO = "com.example:billing-batch";
    static final String ACCOUNT = "billing-service";
    static final String INVOICES = "billing.invoices.v1";
    static final String AUDIT = "billing.audit.v1";
    static final Pattern PASSWORD = Pattern.compile("password=\"([^\"]+)\"");

    /** The account produces to and consumes invoices; the audit topic exists but the account has no right on it. */
    static EntityModel billing() {
        return model(List.of(topic(INVOICES, 1, Map.of()), topic(AUDIT, 1, Map.of())), List.of(account(ACCOUNT),
                        account("billing-idle")),
                List.of(produces(ACCOUNT, INVOICES), consumes(ACCOUNT, "billing-service", INVOICES)));
    }

    /** A stage name of this test's own: sessions are recorded per stage, and other tests' stage dev shares the broker. */
    final String stage = TestBroker.uniqueName("dev");

    PlatformDefinition platform(DebugSettings dev) {
        PlatformDefinition p = k.platform;
        List<Stage> stages = new ArrayList<>();
        for (Stage s : p.stages()) {
            stages.add(s.name().equals("dev") ? new Stage(stage, s.cluster(), s.prefix(), s.allowDeletes(),
                    s.location(), dev) : s);
        }
        return new PlatformDefinition(stages, p.clusters(), p.teams(), p.policies(), p.defaultPartitions(),
                p.defaultReplicationFactor(), p.source());
    }

    StageEngine engine(DebugSettings dev) {
        return new StageEngine(platform(dev), out, new KafkaClusterSessions());
    }

    StageRequest request(EntityModel m, String repository) {
        return k.request(m, stage, repository).store(store(repository.replace(':', '-'))).build();
    }

    void deploy(EntityModel m, String repository) throws Exception {
        DeployOutcome d = engine(DebugSettings.DEFAULT).deploy(request(m, repository), null);
        assertThat(d.complete()).isTrue();
    }

    DebugOutcome start(StageEngine engine, String account, Duration lifetime, String reason) throws Exception {
        return engine.startDebug(request(billing(), REPO), account, lifetime, reason, LocalPlacement.KIND, "tester");
    }

    static Map<String, Object> settings(Path file) throws Exception {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        Map<String, Object> out = new HashMap<>();
        p.forEach((key, v) -> out.put(String.valueOf(key), v));
        return out;
    }

    static String secret(Map<String, Object> settings) {
        Matcher m = PASSWORD.matcher(String.valueOf(settings.get("sasl.jaas.config")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** Whether the broker lets the settings sign in now; an authorization error still means it did. */
    static boolean signsIn(Map<String, Object> settings) throws Exception {
        Map<String, Object> p = new HashMap<>(settings);
        p.put("request.timeout.ms", "5000");
        p.put("default.api.timeout.ms", "5000");
        try (Admin probe = Admin.create(p)) {
            probe.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthorizationException) return true;
            if (e.getCause() instanceof AuthenticationException) return false;
            throw e;
        }
    }

    static void awaitSignsIn(Map<String, Object> settings, boolean expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (signsIn(settings) != expected) {
            assertThat(System.nanoTime()).as("the token " + (expected ? "signs in" : "is refused") + " within 60 s")
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** Produces one record, retrying while the ACLs the deploy wrote reach the broker; the error when refused. */
    static Exception produce(Map<String, Object> settings, String topic, boolean expectAllowed) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Map<String, Object> p = new HashMap<>(settings);
            p.put("key.serializer", StringSerializer.class.getName());
            p.put("value.serializer", StringSerializer.class.getName());
            p.put("max.block.ms", "10000");
            p.put("delivery.timeout.ms", "10000");
            p.put("request.timeout.ms", "5000");
            p.put("linger.ms", "0");
            Exception failure = null;
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
                producer.send(new ProducerRecord<>(topic, "k", "v")).get(15, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                failure = (Exception) e.getCause();
            } catch (AuthorizationException e) {
                failure = e;
            }
            boolean allowed = failure == null;
            if (allowed == expectAllowed || System.nanoTime() > deadline) return failure;
            Thread.sleep(200);
        }
    }

    /** Reads the first record of a topic as a member of the group; the error when refused. */
    static Exception consume(Map<String, Object> settings, String topic, String group) {
        Map<String, Object> p = new HashMap<>(settings);
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        p.put("group.id", group);
        p.put("auto.offset.reset", "earliest");
        p.put("default.api.timeout.ms", "10000");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if ("v".equals(r.value())) return null;
                }
            }
            throw new AssertionError("no record read from " + topic + " within 30 s");
        } catch (AuthorizationException e) {
            return e;
        }
    }

    /** Every file under the output directory that holds the text, the session files left out when asked. */
    List<Path> filesHolding(String text, Path except) throws Exception {
        try (Stream<Path> files = Files.walk(out)) {
            List<Path> holding = new ArrayList<>();
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (f.equals(except)) continue;
                if (new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(text)) holding.add(f);
            }
            return holding;
        }
    }

    /** The token as the broker describes it, once the broker has learnt of it from the controller. */
    DelegationToken awaitToken(String tokenId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            for (DelegationToken t : tokens()) {
                if (t.tokenInfo().tokenId().equals(tokenId)) return t;
            }
            assertThat(System.nanoTime()).as("the broker knows token " + tokenId + " within 30 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    List<DelegationToken> tokens() throws Exception {
        return k.admin.describeDelegationToken().delegationTokens().get(30, TimeUnit.SECONDS);
    }

    // ---------------------------------------------------------------------------------------------------- rights

    @Test
    void aSessionHasExactlyTheAccountsRightsAndEndsCleanly() throws Exception {
        deploy(billing(), REPO);
        StageEngine engine = engine(DebugSettings.DEFAULT);

        DebugOutcome started = start(engine, ACCOUNT, Duration.ofMinutes(10), "INC-42");

        DebugSession s = started.session();
        assertThat(s.id()).matches("dbg-[0-9a-f]{12}");
        assertThat(s.principal()).isEqualTo("User:" + k.dev + ACCOUNT);
        assertThat(s.credentialKind()).isEqualTo(DebugSession.DELEGATION_TOKEN);
        assertThat(s.reason()).isEqualTo("INC-42");
        assertThat(Duration.between(s.start(), s.expiry())).isBetween(Duration.ofMinutes(9), Duration.ofMinutes(10));
        Path file = out.resolve(stage).resolve("debug").resolve(s.id() + ".properties");
        assertThat(s.placementDetails()).containsEntry(LocalPlacement.FILE, file.toAbsolutePath().toString());
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(started.howToUse()).contains(file.toAbsolutePath().toString()).contains("--consumer.config");
        Map<String, Object> settings = settings(file);
        String secret = secret(settings);
        assertThat(settings.get("sasl.jaas.config").toString()).contains("tokenauth=\"true\"")
                .contains("username=\"" + s.credentialId() + "\"");
        assertThat(settings).doesNotContainValue(k.broker.adminCredentials().password());

        // the token's owner is the account, and it can do what the account's ACLs allow, nothing else
        DelegationToken token = awaitToken(s.credentialId());
        assertThat(token.tokenInfo().owner().toString()).isEqualTo(s.principal());
        awaitSignsIn(settings, true);
        assertThat(produce(settings, k.dev + INVOICES, true)).isNull();
        assertThat(consume(settings, k.dev + INVOICES, k.dev + "billing-service")).isNull();
        assertThat(produce(settings, k.dev + AUDIT, false)).isInstanceOf(AuthorizationException.class);
        assertThat(consume(settings, k.dev + AUDIT, k.dev + "billing-service")).isInstanceOf(
                AuthorizationException.class);
        assertThat(consume(settings, k.dev + INVOICES, k.dev + "someone-else")).isInstanceOf(
                AuthorizationException.class);
        try (Admin asToken = Admin.create(settings)) {
            assertThatThrownBy(() -> asToken.createTopics(List.of(new NewTopic(k.dev + "billing.new", 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(AuthorizationException.class);
        }

        // recorded for everyone to see, never with the secret
        PlanOutcome plan = engine(DebugSettings.DEFAULT).plan(k.request(billing(), stage, OTHER_REPO).build());
        assertThat(plan.debugSessions()).singleElement().asString().startsWith("Open debug session " + s.id())
                .contains("account " + ACCOUNT).contains("reason: INC-42");
        assertThat(engine.listDebug(request(billing(), OTHER_REPO)).open()).extracting(DebugSession::id)
                .containsExactly(s.id());
        assertThat(String.join("\n", started.swept()) + started + started.howToUse() + plan.debugSessions())
                .doesNotContain(secret);
        assertThat(filesHolding(secret, file)).isEmpty();

        // another repository cannot end it; this one can
        assertThatThrownBy(() -> engine.endDebug(request(billing(), OTHER_REPO), s.id()))
                .isInstanceOf(DebugRefusedException.class).hasMessageContaining("no open debug session " + s.id());
        assertThat(engine.endDebug(request(billing(), REPO), null)).extracting(DebugSession::id)
                .containsExactly(s.id());
        assertThat(file).doesNotExist();
        awaitSignsIn(settings, false);
        assertThat(tokens()).noneMatch(t -> t.tokenInfo().tokenId().equals(s.credentialId()));
        assertThat(engine.listDebug(request(billing(), REPO)).open()).isEmpty();
        assertThat(filesHolding(secret, null)).isEmpty();
    }

    @Test
    void theBrokerRefusesTheTokenAfterItsLifetimeAndTheNextGoalSweepsIt() throws Exception {
        deploy(billing(), REPO);
        StageEngine engine = engine(DebugSettings.DEFAULT);
        DebugOutcome started = start(engine, ACCOUNT, Duration.ofSeconds(5), null);
        Path file = Path.of(started.session().placementDetails().get(LocalPlacement.FILE));
        Map<String, Object> settings = settings(file);

        awaitSignsIn(settings, true);
        // no fixed wait: the broker refuses it once the lifetime is over and its expiry check has run
        awaitSignsIn(settings, false);

        PlanOutcome plan = engine(DebugSettings.DEFAULT).plan(k.request(billing(), stage, REPO).build());
        assertThat(plan.debugSessions()).containsExactly("Ended expired debug session " + started.session().id()
                + " (account " + ACCOUNT + ", expired " + started.session().expiry() + ")");
        assertThat(file).doesNotExist();
        assertThat(engine.listDebug(request(billing(), REPO)).open()).isEmpty();
    }

    @Test
    void aReadOnlyPlanShowsTheSessionsAndSaysWhatItCouldNotEnd() throws Exception {
        deploy(billing(), REPO);
        StageEngine engine = engine(DebugSettings.DEFAULT);
        DebugSession s = start(engine, ACCOUNT, Duration.ofSeconds(3), null).session();
        io.kafkaops.engine.cluster.ClusterConnection planner = k.readOnlyPlanner();

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        PlanOutcome plan;
        do {
            assertThat(System.nanoTime()).as("the session expires within 60 s").isLessThan(deadline);
            Thread.sleep(200);
            plan = planAs(engine, planner);
        } while (plan.debugSessions().stream().anyMatch(l -> l.startsWith("Open debug session")));
        // the planner may read the session but neither expire tokens nor write the tombstone: it says so, and plans
        assertThat(plan.debugSessions()).first().asString().startsWith("Expired debug session (not ended yet) "
                + s.id());
        assertThat(plan.debugSessions()).anyMatch(l -> l.startsWith("Could not write the end of debug session "
                + s.id()));
        assertThat(engine.listDebug(request(billing(), REPO)).ended()).extracting(DebugSession::id)
                .containsExactly(s.id());
    }

    /** A plan with the read-only planner's credentials, retried while its SCRAM user and ACLs reach the broker. */
    PlanOutcome planAs(StageEngine engine, io.kafkaops.engine.cluster.ClusterConnection planner) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return engine.plan(k.request(billing(), stage, REPO).connection(planner).build());
            } catch (io.kafkaops.engine.cluster.ClusterException e) {
                if (System.nanoTime() > deadline) throw e;
                Thread.sleep(200);
            }
        }
    }

    @Test
    void theSweeperEndsTheSessionOfAKilledProcess() throws Exception {
        deploy(billing(), REPO);
        Path props = out.resolve("admin-" + UUID.randomUUID() + ".properties");
        Properties p = new Properties();
        k.broker.adminClientProperties().forEach((key, v) -> p.put(key, String.valueOf(v)));
        try (OutputStream o = Files.newOutputStream(props)) {
            p.store(o, null);
        }
        Path childDir = out.resolve("child-kafka");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), DebugSessionMain.class.getName(),
                props.toString(), k.broker.bootstrapServers(), stage, k.dev, REPO, ACCOUNT, "20000",
                childDir.toString()).redirectErrorStream(true).start();
        String id;
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            ExecutorService reader = Executors.newSingleThreadExecutor();
            try {
                Future<String> started = reader.submit(() -> {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (line.startsWith("STARTED ")) return line.substring("STARTED ".length());
                    }
                    return null;
                });
                id = started.get(90, TimeUnit.SECONDS);
                assertThat(id).as("the child started a session").isNotNull();
            } finally {
                reader.shutdownNow();
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        Files.delete(props);
        // the killed process left its session: recorded, with a token the broker accepts
        String tokenId = engine(DebugSettings.DEFAULT).listDebug(request(billing(), REPO)).open().stream()
                .filter(s -> s.id().equals(id)).findFirst().orElseThrow().credentialId();
        assertThat(childDir.resolve(stage).resolve("debug").resolve(id + ".properties")).exists();
        assertThat(awaitToken(tokenId).tokenInfo().owner().toString()).isEqualTo("User:" + k.dev + ACCOUNT);

        // the session's time runs out; a deploy of any repository on the stage ends it
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> lines;
        do {
            assertThat(System.nanoTime()).as("swept within 60 s").isLessThan(deadline);
            Thread.sleep(200);
            DeployOutcome d = engine(DebugSettings.DEFAULT).deploy(request(model(List.of(), List.of(), List.of()), OTHER_REPO), null);
            lines = d.debugSessions();
        } while (lines.stream().anyMatch(l -> l.startsWith("Open debug session " + id)));
        assertThat(lines).anyMatch(l -> l.startsWith("Ended expired debug session " + id + " (account " + ACCOUNT));
        assertThat(tokens()).noneMatch(t -> t.tokenInfo().tokenId().equals(tokenId));
        assertThat(engine(DebugSettings.DEFAULT).listDebug(request(billing(), REPO)).open())
                .noneMatch(s -> s.id().equals(id));
        // the killed process's working copy still has the file, until any debug goal or plan runs there
        Path left = childDir.resolve(stage).resolve("debug").resolve(id + ".properties");
        assertThat(left).exists();
        new StageEngine(platform(DebugSettings.DEFAULT), childDir, new KafkaClusterSessions())
                .plan(k.request(billing(), stage, REPO).build());
        assertThat(left).doesNotExist();
    }

    @Test
    void aClusterWithoutTheOwnershipTopicHasNoSessionsAndNoNotice() throws Exception {
        // the sweep reads the ownership topic like every plan; on a new cluster the topic is not there yet: the
        // consumer then finds no partitions (no error, no wait), which is what the sweep relies on
        Map<String, Object> p = new HashMap<>(k.broker.adminClientProperties());
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        long started = System.nanoTime();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            assertThat(consumer.partitionsFor(TestBroker.uniqueName("no-such-topic"), Duration.ofSeconds(20)))
                    .isEmpty();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    // -------------------------------------------------------------------------------------------------- refusals

    @Test
    void refusesAnotherTeamsAnUndeclaredAnUndeployedAndAnAccountWithoutAcls() throws Exception {
        // the other repository deploys billing-shared first; this one declares it too, but does not own it
        EntityModel other = model(List.of(topic("billing.other.v1", 1, Map.of())), List.of(account("billing-shared")),
                List.of(produces("billing-shared", "billing.other.v1")));
        deploy(other, OTHER_REPO);
        deploy(billing(), REPO);
        EntityModel mine = model(billing().topics(), List.of(account(ACCOUNT), account("billing-idle"),
                account("billing-shared"), account("billing-new")), billing().grants());
        StageEngine engine = engine(DebugSettings.DEFAULT);

        assertThat(refusal(engine, mine, "billing-shared")).contains("service account " + k.dev + "billing-shared on"
                + " stage " + stage + " is owned by " + OTHER_REPO);
        assertThat(refusal(engine, mine, "billing-nobody")).contains("service account 'billing-nobody' is not declared"
                + " in this repository");
        assertThat(refusal(engine, mine, "billing-new")).contains("has not been deployed to stage " + stage + " by this"
                + " repository");
        assertThat(refusal(engine, mine, "billing-idle")).contains("has no ACLs on stage " + stage);
        assertThat(engine.listDebug(request(mine, REPO)).open()).isEmpty();
        assertThat(out.resolve(stage).resolve("debug")).doesNotExist();
    }

    String refusal(StageEngine engine, EntityModel m, String account) {
        try {
            engine.startDebug(request(m, REPO), account, Duration.ofMinutes(5), null, LocalPlacement.KIND, "tester");
        } catch (DebugRefusedException e) {
            assertThat(e.problems()).allMatch(d -> d.ruleId().equals(DebugSessions.RULE));
            return String.join("\n", e.problems().stream().map(Diagnostic::format).toList());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("not refused: " + account);
    }

    @Test
    void theStageMaximumAndTheRequiredReasonAreEnforcedBeforeAnythingIsCreated() throws Exception {
        deploy(billing(), REPO);
        StageEngine strict = engine(new DebugSettings(Duration.ofMinutes(30), true));

        assertThatThrownBy(() -> start(strict, ACCOUNT, Duration.ofHours(1), "INC-1"))
                .isInstanceOf(DebugRefusedException.class)
                .hasMessageContaining("lifetime 1h is longer than stage " + stage + " allows (debug.maxLifetime: 30m)");
        assertThatThrownBy(() -> start(strict, ACCOUNT, Duration.ofMinutes(10), "  "))
                .isInstanceOf(DebugRefusedException.class)
                .hasMessageContaining("stage " + stage + " requires a reason for a debug session");
        assertThatThrownBy(() -> start(engine(new DebugSettings(Duration.ZERO, false)), ACCOUNT,
                Duration.ofMinutes(1), null)).isInstanceOf(DebugRefusedException.class)
                .hasMessageContaining("stage " + stage + " allows no debug sessions");
        assertThat(tokens()).noneMatch(t -> t.tokenInfo().owner().toString().equals("User:" + k.dev + ACCOUNT));

        DebugOutcome ok = start(strict, ACCOUNT, Duration.ofMinutes(30), "INC-1");
        assertThat(ok.session().reason()).isEqualTo("INC-1");
        strict.endDebug(request(billing(), REPO), ok.session().id());
    }
}
