package io.kafkaops.engine.cluster.admin;

import static io.kafkaops.engine.Fixtures.REPO;
import static io.kafkaops.engine.Fixtures.TEAM;
import static io.kafkaops.engine.Fixtures.account;
import static io.kafkaops.engine.Fixtures.model;
import static io.kafkaops.engine.Fixtures.produces;
import static io.kafkaops.engine.Fixtures.topic;
import static io.kafkaops.engine.cluster.admin.DebugSessionBrokerIT.awaitSignsIn;
import static io.kafkaops.engine.cluster.admin.DebugSessionBrokerIT.produce;
import static io.kafkaops.engine.cluster.admin.DebugSessionBrokerIT.secret;
import static io.kafkaops.engine.cluster.admin.DebugSessionBrokerIT.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaops.engine.DebugOutcome;
import io.kafkaops.engine.DeployOutcome;
import io.kafkaops.engine.EngineOptions;
import io.kafkaops.engine.Fixtures;
import io.kafkaops.engine.PlanOutcome;
import io.kafkaops.engine.StageEngine;
import io.kafkaops.engine.StageRequest;
import io.kafkaops.engine.cluster.ClusterConnection;
import io.kafkaops.engine.cluster.ClusterException;
import io.kafkaops.engine.cluster.confluent.CloudCredential;
import io.kafkaops.engine.cluster.confluent.ConfluentCloudAccess;
import io.kafkaops.engine.cluster.confluent.ConfluentCloudTestCluster;
import io.kafkaops.engine.cluster.confluent.ConfluentCloudTestServer;
import io.kafkaops.engine.cluster.confluent.Credential;
import io.kafkaops.engine.cluster.confluent.ManagedKeys;
import io.kafkaops.engine.debug.DebugSession;
import io.kafkaops.engine.debug.LocalPlacement;
import io.kafkaops.engine.local.TestBroker;
import io.kafkaops.engine.store.file.FileCredentialStore;
import io.kafkaops.model.EntityModel;
import io.kafkaops.model.platform.PlatformDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.AuthorizationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debug sessions on a Confluent Cloud stage, against the stand-in for Confluent's IAM API and a broker that accepts
 * exactly the keys it issued: the session's key is the service account's, works for the account's grants only, is
 * deleted when the session ends or by the plan after it expired (also without its record), and the managed credential
 * key is never touched. No secret reaches an output.
 */
class ConfluentDebugSessionIT {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String ACCOUNT = "billing-service";
    static ConfluentCloudTestServer cloud;
    static ConfluentCloudTestCluster cluster;

    @TempDir
    Path out;

    final String dev = TestBroker.uniqueName("cd") + ".";
    final List<String> notices = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() {
        cloud = ConfluentCloudTestServer.start(new ConfluentCloudTestServer.Options()
                .keyActivationDelay(Duration.ofSeconds(2)).maxPageSize(2).maxKeysPerAccount(3));
        cluster = ConfluentCloudTestCluster.start(cloud);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
        if (cloud != null) cloud.close();
    }

    @AfterEach
    void contractKept() {
        assertThat(cloud.contractViolations()).isEmpty();
    }

    StageEngine engine() {
        PlatformDefinition p = Fixtures.platform(cluster.bootstrapServers(), cluster.bootstrapServers(), 1, 1, dev,
                TestBroker.uniqueName("ct") + ".");
        Map<String, io.kafkaops.model.platform.Cluster> clusters = new LinkedHashMap<>();
        p.clusters().forEach((name, c) -> clusters.put(name, new io.kafkaops.model.platform.Cluster(name,
                io.kafkaops.model.platform.Cluster.TYPE_CONFLUENT_CLOUD, c.bootstrapServers(), Map.of(), null, null,
                null, 0, new io.kafkaops.model.platform.ConfluentCloud(cloud.environmentId(), cloud.kafkaClusterId(),
                cloud.baseUrl().toString(), null, null))));
        PlatformDefinition platform = new PlatformDefinition(p.stages(), clusters, p.teams(), p.policies(),
                p.defaultPartitions(), p.defaultReplicationFactor(), p.source());
        Credential key = cloud.cloudApiKey();
        ConfluentCloudAccess access = ConfluentCloudAccess.of(cloud.baseUrl(),
                        new CloudCredential(key.key(), key.secret(), "the Cloud API key from settings server `ccloud-iam`"),
                        cloud.environmentId(), cloud.kafkaClusterId())
                .withSslContext(cloud.clientSslContext());
        return new StageEngine(platform, out, new ConfluentClusterSessions(access, AdminCalls::new, notices::add,
                Duration.ofSeconds(60)));
    }

    StageRequest request(FileCredentialStore store) {
        Map<String, String> props = new LinkedHashMap<>();
        cluster.adminClientProperties().forEach((k, v) -> props.put(k, String.valueOf(v)));
        return StageRequest.builder().model(billing()).stage("dev").repository(REPO).team(TEAM)
                .connection(new ClusterConnection("dev", cluster.bootstrapServers(), props))
                .options(new EngineOptions(false, false, TIMEOUT)).store(store).build();
    }

    static EntityModel billing() {
        return model(List.of(topic("billing.invoices.v1", 1, Map.of()), topic("billing.secret.v1", 1, Map.of())),
                List.of(account(ACCOUNT)), List.of(produces(ACCOUNT, "billing.invoices.v1")));
    }

    FileCredentialStore store() {
        return new FileCredentialStore(out.resolve("credentials").resolve("billing-dev.json"));
    }

    String sa() {
        return cloud.serviceAccounts().stream().filter(a -> a.displayName().equals(dev + ACCOUNT))
                .map(ConfluentCloudTestServer.ServiceAccountView::id).findFirst().orElseThrow();
    }

    Credential managedKey(FileCredentialStore store) throws Exception {
        JsonNode e = new ObjectMapper().readTree(store.file().toFile()).get("credentials").get(dev + ACCOUNT);
        return new Credential(e.get("username").asText(), e.get("password").asText());
    }

    boolean keyExists(String id) {
        return cloud.apiKeys().stream().anyMatch(k -> k.id().equals(id));
    }

    FileCredentialStore deployed() throws Exception {
        FileCredentialStore store = store();
        DeployOutcome d = engine().deploy(request(store), null);
        assertThat(d.complete()).as(d.results().toString()).isTrue();
        return store;
    }

    void noSecretOutside(FileCredentialStore store, String... secrets) throws Exception {
        List<String> texts = new ArrayList<>(notices);
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (!f.startsWith(store.file().getParent())) texts.add(Files.readString(f));
            }
        }
        for (String s : secrets) assertThat(texts).as("outputs").noneMatch(t -> t.contains(s));
    }

    @Test
    void aSessionKeyIsTheAccountsWorksForItsGrantsOnlyAndIsDeletedWhenTheSessionEnds() throws Exception {
        FileCredentialStore store = deployed();
        Credential managed = managedKey(store);
        String sa = sa();

        DebugOutcome started = engine().startDebug(request(store), ACCOUNT, Duration.ofMinutes(10), "INC-7",
                LocalPlacement.KIND, "tester");

        DebugSession s = started.session();
        assertThat(s.credentialKind()).isEqualTo(DebugSession.API_KEY);
        assertThat(s.credentialId()).isNotEqualTo(managed.key());
        assertThat(cloud.apiKeys()).filteredOn(k -> k.id().equals(s.credentialId())).singleElement().satisfies(k -> {
            assertThat(k.ownerId()).isEqualTo(sa);
            assertThat(k.resourceId()).isEqualTo(cloud.kafkaClusterId());
            assertThat(ManagedKeys.isManaged(k.description())).isFalse();
            ManagedKeys.DebugKey d = ManagedKeys.debugKey(k.description());
            assertThat(d).isEqualTo(new ManagedKeys.DebugKey(s.id(), REPO, "dev", s.expiry()));
        });
        Path file = out.resolve("dev").resolve("debug").resolve(s.id() + ".properties");
        Map<String, Object> settings = settings(file);
        String secret = secret(settings);
        assertThat(settings).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN");
        assertThat(settings.get("sasl.jaas.config").toString()).contains("username=\"" + s.credentialId() + "\"");
        // reported started only once the key works
        assertThat(cloud.keyWorks(s.credentialId(), secret)).isTrue();
        assertThat(produce(settings, dev + "billing.invoices.v1", true)).isNull();
        assertThat(produce(settings, dev + "billing.secret.v1", false)).isInstanceOf(AuthorizationException.class);

        // the debug key is neither the account's credential nor a key the plan lists or changes
        notices.clear();
        PlanOutcome plan = engine().plan(request(store));
        assertThat(plan.plan().changes()).extracting(c -> c.kind() + " " + c.action())
                .allMatch(x -> x.endsWith("UNCHANGED"));
        assertThat(notices).anyMatch(n -> n.startsWith("API keys of this tool on stage dev: " + managed.key() + " ("))
                .noneMatch(n -> n.contains(s.credentialId()) && n.startsWith("API keys of this tool"));
        assertThat(plan.debugSessions()).anyMatch(l -> l.startsWith("Open debug session " + s.id()));

        assertThat(engine().endDebug(request(store), s.id())).extracting(DebugSession::id).containsExactly(s.id());
        assertThat(keyExists(s.credentialId())).isFalse();
        assertThat(cloud.keyWorks(s.credentialId(), secret)).isFalse();
        awaitSignsIn(settings, false);
        assertThat(file).doesNotExist();
        assertThat(cloud.keyWorks(managed.key(), managed.secret())).isTrue();
        assertThat(managedKey(store)).isEqualTo(managed);
        noSecretOutside(store, secret, managed.secret(), cloud.cloudApiKey().secret(),
                cloud.clusterAdminKey().secret());
        assertThat(started.toString() + started.howToUse() + plan.debugSessions()).doesNotContain(secret);
    }

    @Test
    void anExpiredSessionsKeyIsDeletedByALaterPlanAlsoWithoutItsRecord() throws Exception {
        FileCredentialStore store = deployed();
        Credential managed = managedKey(store);
        DebugSession s = engine().startDebug(request(store), ACCOUNT, Duration.ofSeconds(3), null,
                LocalPlacement.KIND, "tester").session();
        String secret = secret(settings(out.resolve("dev").resolve("debug").resolve(s.id() + ".properties")));
        // a key whose record was never written (a process killed between the two), expired
        String orphanId = "dbg-0123456789ab";
        Credential orphan = cloud.createApiKey(sa(), ManagedKeys.debugDescription(orphanId, REPO, "dev",
                dev + ACCOUNT, Instant.now().minusSeconds(1)));
        // and one that has not expired yet: left alone
        Credential live = cloud.createApiKey(sa(), ManagedKeys.debugDescription("dbg-0123456789ac", REPO, "dev",
                dev + ACCOUNT, Instant.now().plus(Duration.ofHours(1))));

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> lines = new ArrayList<>();
        while (keyExists(s.credentialId()) || keyExists(orphan.key())) {
            assertThat(System.nanoTime()).as("swept within 60 s: " + lines).isLessThan(deadline);
            lines.addAll(engine().plan(request(store)).debugSessions());
            Thread.sleep(200);
        }
        assertThat(lines).anyMatch(l -> l.startsWith("Ended expired debug session " + s.id()))
                .anyMatch(l -> l.startsWith("Ended expired debug session " + orphanId));
        assertThat(keyExists(live.key())).isTrue();
        assertThat(cloud.keyWorks(managed.key(), managed.secret())).isTrue();
        assertThat(managedKey(store)).isEqualTo(managed);
        noSecretOutside(store, secret, orphan.secret(), live.secret(), managed.secret());
    }

    @Test
    void aSessionIsRefusedClearlyAtTheKeyLimit() throws Exception {
        FileCredentialStore store = deployed();
        Credential managed = managedKey(store);
        cloud.createApiKey(sa(), "a developer's key");
        cloud.createApiKey(sa(), "another developer's key");
        int keys = cloud.apiKeys().size();

        assertThatThrownBy(() -> engine().startDebug(request(store), ACCOUNT, Duration.ofMinutes(5), null,
                LocalPlacement.KIND, "tester"))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("limit of API keys per account")
                .hasMessageContaining("Nothing was created");
        assertThat(cloud.apiKeys()).hasSize(keys);
        assertThat(out.resolve("dev").resolve("debug")).satisfiesAnyOf(d -> assertThat(d).doesNotExist(),
                d -> assertThat(d).isEmptyDirectory());
        assertThat(cloud.keyWorks(managed.key(), managed.secret())).isTrue();
    }
}
