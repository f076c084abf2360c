package io.kafkaops.engine.debug.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kafkaops.engine.cluster.ClusterException;
import io.kafkaops.engine.debug.DebugSession;
import io.kafkaops.engine.debug.DebugSessions;
import io.kafkaops.engine.debug.IssuedCredential;
import io.kafkaops.engine.debug.SessionCluster;
import io.kafkaops.engine.debug.SessionPlacements;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.LoadResult;
import io.kafkaops.model.load.PlatformLoader;
import io.kafkaops.model.platform.PlatformDefinition;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.io.StringReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kubernetes placement against fabric8's mock API server in CRUD mode: it stores and returns objects like an API
 * server, but runs no controllers: no pod is started for a Job, no garbage collector follows owner references, no
 * admission checks the security context. So these tests show what the placement asks the API server for (the Job,
 * the Secret and their fields), and what it deletes itself; not what a real cluster then does with it. No real API
 * server can run on the build machines (no Docker, no Kubernetes server package).
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesPlacementTest {

    private static final String SECRET = "hmac-3f9c1b7e0d5a4c2f8e6b";
    private static final Instant START = Instant.parse("2026-12-04T10:00:00Z");

    KubernetesMockServer server;
    KubernetesClient client;

    private PlatformDefinition platform;
    private MutableClock clock;
    private KubernetesPlacement placement;

    @BeforeEach
    void setUp() {
        LoadResult<PlatformDefinition> loaded = PlatformLoader.parse("platform.yaml", """
                stages:
                  - name: dev
                    cluster: c
                    prefix: "dev."
                    debug:
                      maxLifetime: 8h
                      kubernetes:
                        image: registry.example.internal/platform/kafka-cli:4.1.1
                        namespaces: { billing: billing-dev, shipping: shipping-dev }
                        limits: { memory: 768Mi }
                        ttlAfterFinished: 5m
                  - { name: test, cluster: c, prefix: "test." }
                clusters:
                  c: { bootstrapServers: "kafka-1.example.internal:9093" }
                teams:
                  - { name: billing, repositories: ["com.acme:billing-*"] }
                  - { name: shipping, repositories: ["com.acme:shipping-*"] }
                  - { name: payments, repositories: ["com.acme:payments-*"] }
                """);
        assertThat(loaded.diagnostics()).isEmpty();
        platform = loaded.value();
        clock = new MutableClock(START);
        placement = new KubernetesPlacement(platform, "4.1.1", settings -> server.createClient(), clock);
    }

    @Test
    void placeCreatesTheJobInTheTeamsNamespaceWithDeadlineTtlNoTokenRestrictedContextAndLimits() {
        DebugSession session = session("billing", Duration.ofMinutes(30));
        Map<String, String> details = placement.place(session, clientSettings());

        String name = "kafka-debug-" + session.id();
        assertThat(details).containsExactlyInAnyOrderEntriesOf(Map.of(
                "namespace", "billing-dev", "job", name, "secret", name));
        Job job = client.batch().v1().jobs().inNamespace("billing-dev").withName(name).get();
        assertThat(job).isNotNull();
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(1800L);
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(300);
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getMetadata().getLabels()).containsEntry("kafkaops.io/debug-session", session.id())
                .containsEntry("kafkaops.io/stage", "dev")
                .containsEntry("kafkaops.io/team", "billing")
                .containsEntry("kafkaops.io/account", "billing-api")
                .containsEntry("kafkaops.io/repository", "com.acme_billing-service")
                .containsEntry("app.kubernetes.io/managed-by", "kafkaops");
        assertThat(job.getMetadata().getAnnotations()).containsEntry("kafkaops.io/repository",
                "com.acme:billing-service").containsEntry("kafkaops.io/principal", "User:dev.billing-api")
                .containsEntry("kafkaops.io/reason", "INC-42 missing invoices")
                .containsEntry("kafkaops.io/expiry", session.expiry().toString());

        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("kafkaops.io/debug-session", session.id());
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getEnableServiceLinks()).isFalse();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(1000L);
        assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(1000L);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getContainers()).hasSize(1);
        Container c = pod.getContainers().get(0);
        assertThat(c.getImage()).isEqualTo("registry.example.internal/platform/kafka-cli:4.1.1");
        assertThat(c.getCommand()).containsExactly("sleep", "1800");
        assertThat(c.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getPrivileged()).isFalse();
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(c.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(c.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(c.getResources().getLimits()).containsEntry("memory", new Quantity("768Mi"))
                .containsEntry("cpu", new Quantity("1"));
        assertThat(c.getResources().getRequests()).containsEntry("memory", new Quantity("256Mi"))
                .containsEntry("cpu", new Quantity("100m"));
        assertThat(c.getEnv()).extracting(EnvVar::getName, EnvVar::getValue).contains(
                org.assertj.core.groups.Tuple.tuple("KAFKA_BOOTSTRAP", "kafka-1.example.internal:9093"),
                org.assertj.core.groups.Tuple.tuple("KAFKA_DEBUG_CONFIG", "/etc/kafka-debug/client.properties"));
        // the mounted file is the Secret's; nothing of the credential is in the Job
        assertThat(c.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo("/etc/kafka-debug");
            assertThat(m.getReadOnly()).isTrue();
            Volume v = pod.getVolumes().stream().filter(x -> x.getName().equals(m.getName())).findFirst().orElseThrow();
            assertThat(v.getSecret().getSecretName()).isEqualTo(name);
            assertThat(v.getSecret().getDefaultMode()).isEqualTo(0440);
        });
        assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getEmptyDir()).isNotNull());
        assertThat(Serialization.json(job)).doesNotContain(SECRET);
    }

    @Test
    void theSecretIsOwnedByTheJobAndHoldsTheClientPropertiesFile() throws Exception {
        DebugSession session = session("billing", Duration.ofMinutes(30));
        placement.place(session, clientSettings());

        String name = "kafka-debug-" + session.id();
        Job job = client.batch().v1().jobs().inNamespace("billing-dev").withName(name).get();
        Secret secret = client.secrets().inNamespace("billing-dev").withName(name).get();
        assertThat(job.getMetadata().getUid()).isNotBlank();
        assertThat(secret.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
            OwnerReference r = ref;
            assertThat(r.getKind()).isEqualTo("Job");
            assertThat(r.getApiVersion()).isEqualTo("batch/v1");
            assertThat(r.getName()).isEqualTo(name);
            assertThat(r.getUid()).isEqualTo(job.getMetadata().getUid());
            assertThat(r.getController()).isTrue();
            assertThat(r.getBlockOwnerDeletion()).isTrue();
        });
        assertThat(secret.getImmutable()).isTrue();
        assertThat(secret.getMetadata().getLabels()).containsEntry("kafkaops.io/debug-session", session.id());
        assertThat(secret.getData()).containsOnlyKeys("client.properties");
        Properties file = new Properties();
        file.load(new StringReader(new String(Base64.getDecoder().decode(secret.getData().get("client.properties")),
                StandardCharsets.UTF_8)));
        assertThat(file).containsEntry("bootstrap.servers", "kafka-1.example.internal:9093")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(file.getProperty("sasl.jaas.config")).contains(SECRET);
        // nothing in any other namespace
        assertThat(client.batch().v1().jobs().inNamespace("shipping-dev").list().getItems()).isEmpty();
        assertThat(client.secrets().inNamespace("shipping-dev").list().getItems()).isEmpty();
    }

    @Test
    void theDeadlineIsWhatIsLeftOfTheLifetimeWhenTheJobIsCreated() {
        DebugSession session = session("billing", Duration.ofHours(1));
        clock.set(START.plusSeconds(90));
        placement.place(session, clientSettings());
        Job job = client.batch().v1().jobs().inNamespace("billing-dev").withName("kafka-debug-" + session.id()).get();
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(3510L);
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand())
                .containsExactly("sleep", "3510");
    }

    @Test
    void howToUseIsTheKubectlExecLineAndNoSecret() {
        DebugSession session = session("billing", Duration.ofMinutes(30));
        Map<String, String> details = placement.place(session, clientSettings());
        String line = placement.howToUse(session.withPlacementDetails(details));
        assertThat(line).contains("kubectl exec -n billing-dev -it job/kafka-debug-" + session.id() + " -- sh")
                .contains("/opt/kafka/bin/kafka-console-consumer.sh")
                .contains("/etc/kafka-debug/client.properties")
                .doesNotContain(SECRET).doesNotContain("sasl.jaas.config");
        assertThat(details.values()).noneMatch(v -> v.contains(SECRET));
    }

    @Test
    void removeDeletesTheJobAndTheSecretItselfSinceTheMockHasNoGarbageCollector() {
        DebugSession session = session("billing", Duration.ofMinutes(30));
        DebugSession placed = session.withPlacementDetails(placement.place(session, clientSettings()));
        DebugSession other = session("billing", Duration.ofMinutes(30));
        placement.place(other, clientSettings());

        placement.remove(placed);

        assertThat(client.batch().v1().jobs().inNamespace("billing-dev").withName("kafka-debug-" + session.id()).get())
                .isNull();
        assertThat(client.secrets().inNamespace("billing-dev").withName("kafka-debug-" + session.id()).get())
                .isNull();
        // another session's objects stay
        assertThat(client.batch().v1().jobs().inNamespace("billing-dev").list().getItems())
                .extracting(j -> j.getMetadata().getName()).containsExactly("kafka-debug-" + other.id());
        assertThat(client.secrets().inNamespace("billing-dev").list().getItems())
                .extracting(s -> s.getMetadata().getName()).containsExactly("kafka-debug-" + other.id());
        // safe twice, and for a session never placed
        placement.remove(placed);
        placement.remove(session("billing", Duration.ofMinutes(5)));
    }

    @Test
    void theSweeperRemovesTheObjectsOfAnExpiredSessionLeftBehind() throws Exception {
        InMemorySessionCluster cluster = new InMemorySessionCluster();
        SessionPlacements placements = SessionPlacements.local(tmp).with(placement);
        DebugSessions sessions = new DebugSessions(placements, clock);
        DebugSessions.Started started = sessions.start(cluster, new DebugSessions.StartRequest(platform,
                platform.stage("dev").orElseThrow(), null, "com.acme:billing-service", "billing", "billing-api",
                Duration.ofMinutes(30), "INC-42", KubernetesPlacement.KIND, "alice"));
        String name = "kafka-debug-" + started.session().id();
        assertThat(started.session().placementDetails()).containsEntry("namespace", "billing-dev");
        assertThat(client.batch().v1().jobs().inNamespace("billing-dev").withName(name).get()).isNotNull();

        // the process that started it is gone; a later plan or deploy sweeps, before and after the expiry
        DebugSessions later = new DebugSessions(SessionPlacements.local(tmp).with(placement), clock);
        clock.set(START.plus(Duration.ofMinutes(29)));
        assertThat(later.sweep(cluster, "dev").ended()).isEmpty();
        assertThat(client.batch().v1().jobs().inNamespace("billing-dev").withName(name).get()).isNotNull();
        clock.set(START.plus(Duration.ofMinutes(30)));
        DebugSessions.Sweep sweep = later.sweep(cluster, "dev");

        assertThat(sweep.ended()).extracting(DebugSession::id).containsExactly(started.session().id());
        assertThat(sweep.notices()).isEmpty();
        assertThat(cluster.revoked).containsExactly(started.session().credentialId());
        assertThat(cluster.records).isEmpty();
        assertThat(client.batch().v1().jobs().inNamespace("billing-dev").withName(name).get()).isNull();
        assertThat(client.secrets().inNamespace("billing-dev").withName(name).get()).isNull();
    }

    @TempDir
    Path tmp;

    @Test
    void aTeamWithoutANamespaceIsRefusedAndNothingIsCreated() {
        DebugSession session = session("payments", Duration.ofMinutes(30));
        assertThatThrownBy(() -> placement.place(session, clientSettings()))
                .isInstanceOf(KubernetesPlacementException.class)
                .hasMessageContaining("Team payments has no namespace for debug sessions on stage dev")
                .hasMessageNotContaining(SECRET);
        assertThat(client.batch().v1().jobs().inAnyNamespace().list().getItems()).isEmpty();
        assertThat(client.secrets().inAnyNamespace().list().getItems()).isEmpty();

        assertThat(KubernetesPlacement.check(platform.stage("dev").orElseThrow(), "payments"))
                .extracting(Diagnostic::format).containsExactly("platform.yaml:7:7: ERROR [debugKubernetes] team"
                        + " payments has no namespace for debug sessions on stage dev (debug.kubernetes.namespaces"
                        + " names billing, shipping) (ask the platform team to add one)");
        assertThat(KubernetesPlacement.check(platform.stage("test").orElseThrow(), "billing"))
                .extracting(Diagnostic::format).singleElement().asString()
                .startsWith("platform.yaml:12:5: ERROR [debugKubernetes] stage test gives no Kubernetes API server");
        assertThat(KubernetesPlacement.check(platform.stage("dev").orElseThrow(), "billing")).isEmpty();
    }

    @Test
    void aSessionNamingAnotherNamespaceThanItsTeamsIsRefusedOnPlaceAndRemove() {
        // a forged or stale session record: team billing, but placed (it says) in shipping's namespace
        DebugSession victim = session("shipping", Duration.ofMinutes(30));
        placement.place(victim, clientSettings());
        DebugSession forged = new DebugSession(victim.id(), "dev", "com.acme:billing-service", "billing",
                "billing-api", "User:dev.billing-api", "mallory", null, START, victim.expiry(),
                DebugSession.DELEGATION_TOKEN, "tok", KubernetesPlacement.KIND,
                Map.of("namespace", "shipping-dev", "job", "kafka-debug-" + victim.id()));

        assertThatThrownBy(() -> placement.remove(forged)).isInstanceOf(KubernetesPlacementException.class)
                .hasMessageContaining("names namespace shipping-dev, which is not the namespace of team billing");
        assertThatThrownBy(() -> placement.place(forged, clientSettings()))
                .isInstanceOf(KubernetesPlacementException.class);
        assertThatThrownBy(() -> placement.howToUse(forged)).isInstanceOf(KubernetesPlacementException.class);
        assertThat(client.batch().v1().jobs().inNamespace("shipping-dev").withName("kafka-debug-" + victim.id()).get())
                .isNotNull();
        assertThat(client.secrets().inNamespace("shipping-dev").withName("kafka-debug-" + victim.id()).get())
                .isNotNull();
        assertThat(client.batch().v1().jobs().inNamespace("billing-dev").list().getItems()).isEmpty();
    }

    @Test
    void anObjectOfTheSameNameWithoutTheSessionsLabelIsLeftAlone() {
        DebugSession session = session("billing", Duration.ofMinutes(30));
        String name = "kafka-debug-" + session.id();
        client.batch().v1().jobs().inNamespace("billing-dev").resource(new JobBuilder().withNewMetadata()
                .withName(name).withLabels(Map.of("app", "something-else")).endMetadata().withNewSpec()
                .withNewTemplate().withNewSpec().addNewContainer().withName("x").withImage("busybox").endContainer()
                .withRestartPolicy("Never").endSpec().endTemplate().endSpec().build()).create();

        assertThatThrownBy(() -> placement.remove(session)).isInstanceOf(KubernetesPlacementException.class)
                .hasMessageContaining("is not labelled as debug session " + session.id());
        assertThat(client.batch().v1().jobs().inNamespace("billing-dev").withName(name).get()).isNotNull();
    }

    @Test
    void whenTheSecretCannotBeCreatedTheJobIsDeletedAndTheMessageHoldsNoSecret() {
        DebugSession session = session("billing", Duration.ofMinutes(30));
        String name = "kafka-debug-" + session.id();
        client.secrets().inNamespace("billing-dev").resource(new SecretBuilder().withNewMetadata().withName(name)
                .endMetadata().withStringData(Map.of("x", "y")).build()).create();

        assertThatThrownBy(() -> placement.place(session, clientSettings()))
                .isInstanceOf(KubernetesPlacementException.class)
                .hasMessageContaining("Could not create Secret " + name + " in namespace billing-dev")
                .hasMessageNotContaining(SECRET)
                .satisfies(e -> assertThat(e.getCause().getMessage()).doesNotContain(SECRET));
        assertThat(client.batch().v1().jobs().inNamespace("billing-dev").withName(name).get()).isNull();
    }

    @Test
    void nothingPrintedWhilePlacingUsingAndRemovingHoldsTheSecret() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        String how;
        try {
            System.setOut(capture);
            System.setErr(capture);
            DebugSession session = session("billing", Duration.ofMinutes(30));
            DebugSession placed = session.withPlacementDetails(placement.place(session, clientSettings()));
            how = placement.howToUse(placed);
            placement.remove(placed);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain(SECRET);
        assertThat(how).doesNotContain(SECRET);
    }

    private static Map<String, String> clientSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("bootstrap.servers", "kafka-1.example.internal:9093");
        s.put("security.protocol", "SASL_SSL");
        s.put("sasl.mechanism", "SCRAM-SHA-512");
        s.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"tok\""
                + " password=\"" + SECRET + "\" tokenauth=\"true\";");
        return s;
    }

    private DebugSession session(String team, Duration lifetime) {
        return new DebugSession(DebugSession.newId(), "dev", "com.acme:" + team + "-service", team, team + "-api",
                "User:dev." + team + "-api", "alice", "INC-42 missing invoices", START, START.plus(lifetime),
                DebugSession.DELEGATION_TOKEN, "tok-" + team, KubernetesPlacement.KIND, Map.of());
    }

    /** Serialises an object the way it is sent, to look for the secret in all of it. */
    private static final class Serialization {
        static String json(Object o) {
            return io.fabric8.kubernetes.client.utils.Serialization.asJson(o);
        }
    }

    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Session records and credentials in memory: what the sweeper needs of a cluster, without a broker. */
    private final class InMemorySessionCluster implements SessionCluster {
        final Map<String, DebugSession> records = new LinkedHashMap<>();
        final List<String> revoked = new ArrayList<>();

        @Override
        public List<DebugSession> sessions(String stage) {
            return records.values().stream().filter(s -> s.stage().equals(stage)).toList();
        }

        @Override
        public void record(DebugSession session) {
            records.put(session.id(), session);
        }

        @Override
        public void tombstone(DebugSession session) {
            records.remove(session.id());
        }

        @Override
        public IssuedCredential issue(String principal, Duration lifetime) throws ClusterException {
            return new IssuedCredential(DebugSession.DELEGATION_TOKEN, "tok-" + records.size(),
                    clock.instant().plus(lifetime), clientSettings());
        }

        @Override
        public Map<String, String> revoke(List<DebugSession> sessions) {
            sessions.forEach(s -> revoked.add(s.credentialId()));
            return Map.of();
        }
    }
}
