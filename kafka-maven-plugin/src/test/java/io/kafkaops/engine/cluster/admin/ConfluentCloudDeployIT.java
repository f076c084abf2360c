package io.kafkaops.engine.cluster.admin;

import static io.kafkaops.engine.Fixtures.REPO;
import static io.kafkaops.engine.Fixtures.TEAM;
import static io.kafkaops.engine.Fixtures.account;
import static io.kafkaops.engine.Fixtures.model;
import static io.kafkaops.engine.Fixtures.produces;
import static io.kafkaops.engine.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaops.engine.DeployOutcome;
import io.kafkaops.engine.EngineOptions;
import io.kafkaops.engine.Fixtures;
import io.kafkaops.engine.PlanOutcome;
import io.kafkaops.engine.RotateOutcome;
import io.kafkaops.engine.StageEngine;
import io.kafkaops.engine.StageRequest;
import io.kafkaops.engine.apply.EntityResult;
import io.kafkaops.engine.cluster.ClusterConnection;
import io.kafkaops.engine.cluster.confluent.CloudCredential;
import io.kafkaops.engine.cluster.confluent.ConfluentCloudAccess;
import io.kafkaops.engine.cluster.confluent.ConfluentCloudTestCluster;
import io.kafkaops.engine.cluster.confluent.ConfluentCloudTestServer;
import io.kafkaops.engine.cluster.confluent.Credential;
import io.kafkaops.engine.cluster.confluent.ManagedKeys;
import io.kafkaops.engine.local.TestBroker;
import io.kafkaops.engine.ownership.Ownership;
import io.kafkaops.engine.ownership.OwnershipRecord;
import io.kafkaops.engine.ownership.OwnershipTopic;
import io.kafkaops.engine.plan.ChangeAction;
import io.kafkaops.engine.plan.EntityKind;
import io.kafkaops.engine.store.CredentialStore;
import io.kafkaops.engine.store.CredentialStoreException;
import io.kafkaops.engine.store.StoredCredential;
import io.kafkaops.engine.store.file.FileCredentialStore;
import io.kafkaops.model.EntityModel;
import io.kafkaops.model.ServiceAccount;
import io.kafkaops.model.platform.PlatformDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine on a Confluent Cloud stage: the stand-in for Confluent's IAM API (every exchange checked against the
 * OpenAPI documents, pages of two, a rate limit, keys that work only after a delay, a key limit) and a real broker
 * that accepts exactly the keys it issued, as {@code User:<sa-id>}. Accounts, keys and ACLs are made, keys are in the
 * store before first use, a second deploy changes nothing, rotation replaces the key, removing an account removes its
 * keys and ACLs, a failing store leaves no key, and no secret reaches an output.
 */
class ConfluentCloudDeployIT {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static ConfluentCloudTestServer cloud;
    static ConfluentCloudTestCluster cluster;
    static Admin checker;

    @TempDir
    Path out;

    final String dev = TestBroker.uniqueName("cc") + ".";
    final List<String> notices = Collections.synchronizedList(new ArrayList<>());
    PlatformDefinition platform;

    @BeforeAll
    static void start() {
        cloud = ConfluentCloudTestServer.start(new ConfluentCloudTestServer.Options()
                .keyActivationDelay(Duration.ofSeconds(2)).maxPageSize(2).rateLimit(12, Duration.ofSeconds(1))
                .maxKeysPerAccount(3));
        cluster = ConfluentCloudTestCluster.start(cloud);
        checker = Admin.create(cluster.adminClientProperties());
    }

    @AfterAll
    static void stop() {
        if (checker != null) checker.close(Duration.ofSeconds(5));
        if (cluster != null) cluster.close();
        if (cloud != null) cloud.close();
    }

    @AfterEach
    void contractKept() {
        assertThat(cloud.contractViolations()).isEmpty();
    }

    /** The fixtures' platform with its clusters of type confluent-cloud. */
    static PlatformDefinition confluent(PlatformDefinition p) {
        Map<String, io.kafkaops.model.platform.Cluster> clusters = new LinkedHashMap<>();
        p.clusters().forEach((name, c) -> clusters.put(name, new io.kafkaops.model.platform.Cluster(name,
                io.kafkaops.model.platform.Cluster.TYPE_CONFLUENT_CLOUD, c.bootstrapServers(), Map.of(), null, null, null, 0,
                new io.kafkaops.model.platform.ConfluentCloud(cloud.environmentId(), cloud.kafkaClusterId(),
                        cloud.baseUrl().toString(), null, null))));
        return new PlatformDefinition(p.stages(), clusters, p.teams(), p.policies(), p.defaultPartitions(),
                p.defaultReplicationFactor(), p.source());
    }

    StageEngine engine() {
        platform = confluent(Fixtures.platform(cluster.bootstrapServers(), cluster.bootstrapServers(), 1, 1, dev,
                TestBroker.uniqueName("ct") + "."));
        Credential key = cloud.cloudApiKey();
        ConfluentCloudAccess access = ConfluentCloudAccess.of(cloud.baseUrl(),
                        new CloudCredential(key.key(), key.secret(), "the Cloud API key from settings server `ccloud-iam`"),
                        cloud.environmentId(), cloud.kafkaClusterId())
                .withSslContext(cloud.clientSslContext());
        return new StageEngine(platform, out, new ConfluentClusterSessions(access, AdminCalls::new, notices::add,
                Duration.ofSeconds(60)));
    }

    ClusterConnection connection() {
        Map<String, String> props = new LinkedHashMap<>();
        cluster.adminClientProperties().forEach((k, v) -> props.put(k, String.valueOf(v)));
        return new ClusterConnection("dev", cluster.bootstrapServers(), props);
    }

    StageRequest request(EntityModel m, CredentialStore store) {
        return StageRequest.builder().model(m).stage("dev").repository(REPO).team(TEAM).connection(connection())
                .options(new EngineOptions(false, false, TIMEOUT)).store(store).build();
    }

    DeployOutcome deploy(EntityModel m, CredentialStore store) throws Exception {
        return engine().deploy(request(m, store), null);
    }

    FileCredentialStore store() {
        return new FileCredentialStore(out.resolve("credentials").resolve("billing-dev.json"));
    }

    static EntityModel billing(String... accounts) {
        List<ServiceAccount> list = new ArrayList<>();
        List<io.kafkaops.model.Grant> grants = new ArrayList<>();
        for (String a : accounts) {
            list.add(account(a));
            grants.add(produces(a, "billing.invoices.v1"));
        }
        return model(List.of(topic("billing.invoices.v1", 1, Map.of()), topic("billing.secret.v1", 1, Map.of())),
                list, grants);
    }

    String saOf(String physical) {
        return cloud.serviceAccounts().stream().filter(a -> a.displayName().equals(physical))
                .map(ConfluentCloudTestServer.ServiceAccountView::id).findFirst().orElse(null);
    }

    static JsonNode stored(FileCredentialStore store, String principal) throws Exception {
        return new ObjectMapper().readTree(store.file().toFile()).get("credentials").get(principal);
    }

    static Credential credential(FileCredentialStore store, String principal) throws Exception {
        JsonNode e = stored(store, principal);
        return new Credential(e.get("username").asText(), e.get("password").asText());
    }

    List<AclBinding> aclsOf(String principal) throws Exception {
        return new ArrayList<>(checker.describeAcls(new AclBindingFilter(
                org.apache.kafka.common.resource.ResourcePatternFilter.ANY,
                new org.apache.kafka.common.acl.AccessControlEntryFilter(principal, null, AclOperation.ANY,
                        AclPermissionType.ANY))).values().get(10, TimeUnit.SECONDS));
    }

    /** Sends one record with the key; null when it was written, else the failure's class. */
    String produce(Credential key, String topic) {
        Map<String, Object> p = new HashMap<>(cluster.clientProperties(key));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get(20, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause().getClass().getSimpleName();
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
    }

    /**
     * Every file under the output directory but the credential store's (its JSON file and the client properties it
     * writes next to it), and every notice: none holds a secret.
     */
    void noSecretOutside(FileCredentialStore store, String... secrets) throws Exception {
        List<String> texts = new ArrayList<>(notices);
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (!f.startsWith(store.file().getParent())) texts.add(Files.readString(f));
            }
        }
        for (String s : secrets) {
            assertThat(texts).as("outputs").noneMatch(t -> t.contains(s));
        }
    }

    @Test
    void accountsKeysAndAclsAreMadeTheKeyIsStoredBeforeUseAndASecondDeployChangesNothing() throws Exception {
        FileCredentialStore store = store();

        DeployOutcome first = deploy(billing("billing-service"), store);

        assertThat(first.complete()).as(first.results().toString()).isTrue();
        String name = dev + "billing-service";
        assertThat(first.plan().changes()).filteredOn(c -> c.kind() == EntityKind.CREDENTIAL).singleElement()
                .satisfies(c -> assertThat(c.note()).startsWith("a new API key, stored in"));
        String sa = saOf(name);
        assertThat(sa).startsWith("sa-");
        assertThat(cloud.serviceAccounts()).filteredOn(a -> a.id().equals(sa))
                .singleElement().satisfies(a -> assertThat(a.description()).isEqualTo("the billing-service"));
        List<ConfluentCloudTestServer.ApiKeyView> keys = cloud.apiKeys().stream()
                .filter(k -> sa.equals(k.ownerId())).toList();
        assertThat(keys).singleElement().satisfies(k -> {
            assertThat(k.resourceId()).isEqualTo(cloud.kafkaClusterId());
            assertThat(ManagedKeys.isManagedBy(k.description(), REPO, "dev")).isTrue();
        });
        JsonNode entry = stored(store, name);
        assertThat(entry.get("username").asText()).isEqualTo(keys.get(0).id());
        assertThat(entry.get("sasl.mechanism").asText()).isEqualTo("PLAIN");
        assertThat(entry.get("sasl.jaas.config").asText()).startsWith("org.apache.kafka.common.security.plain"
                + ".PlainLoginModule required username=\"" + keys.get(0).id() + "\"");
        Credential key = credential(store, name);
        // reported done only once the key works: it does now, for its grant and nothing else
        assertThat(cloud.keyWorks(key.key(), key.secret())).isTrue();
        assertThat(produce(key, dev + "billing.invoices.v1")).isNull();
        assertThat(produce(key, dev + "billing.secret.v1")).isEqualTo(TopicAuthorizationException.class.getSimpleName());
        assertThat(aclsOf("User:" + sa)).isNotEmpty()
                .allSatisfy(b -> assertThat(b.entry().principal()).isEqualTo("User:" + sa));
        assertThat(notices).anySatisfy(n -> assertThat(n).startsWith("Waiting for 1 new API key to work"));
        // the ownership record keeps the id the stand-in gave the account, read with a consumer of the test's own
        assertThat(OwnershipTopic.records(cluster.adminClientProperties()))
                .extractingByKey(Ownership.key(EntityKind.SERVICE_ACCOUNT, name))
                .satisfies(r -> assertThat(r.accountId()).isEqualTo(sa));

        notices.clear();
        PlanOutcome plan = engine().plan(request(billing("billing-service"), store));
        assertThat(plan.plan().changes()).extracting(c -> c.kind() + " " + c.action())
                .allMatch(s -> s.endsWith("UNCHANGED"));
        // the plan lists the managed keys: id, account, sa id; never a secret
        assertThat(notices).contains("API keys of this tool on stage dev: " + keys.get(0).id() + " (" + name + ", "
                + sa + ")");
        DeployOutcome second = deploy(billing("billing-service"), store);
        assertThat(second.complete()).isTrue();
        assertThat(second.results()).isEmpty();
        assertThat(cloud.apiKeys().stream().filter(k -> sa.equals(k.ownerId()))).hasSize(1);

        noSecretOutside(store, key.secret(), cloud.cloudApiKey().secret(), cloud.clusterAdminKey().secret());
    }

    @Test
    void everyCreatedAccountsRecordKeepsItsIdAndAnAccountRenamedByHandIsStillTakenByIt() throws Exception {
        FileCredentialStore store = store();
        DeployOutcome first = deploy(billing("billing-service", "billing-reader"), store);
        assertThat(first.complete()).as(first.results().toString()).isTrue();
        Map<String, OwnershipRecord> records = OwnershipTopic.records(cluster.adminClientProperties());
        for (String a : List.of("billing-service", "billing-reader")) {
            String sa = saOf(dev + a);
            assertThat(sa).startsWith("sa-");
            assertThat(records.get(Ownership.key(EntityKind.SERVICE_ACCOUNT, dev + a)).accountId()).isEqualTo(sa);
        }
        // a topic's record has no account id
        assertThat(records.get(Ownership.key(EntityKind.TOPIC, dev + "billing.invoices.v1")).accountId()).isNull();

        String sa = saOf(dev + "billing-service");
        cloud.renameServiceAccount(sa, dev + "renamed-by-hand");
        notices.clear();
        PlanOutcome plan = engine().plan(request(billing("billing-service", "billing-reader"), store));

        // the same account, its key and its ACLs: nothing to change, and a note says the names differ
        assertThat(plan.plan().changes()).extracting(c -> c.kind() + " " + c.name() + " " + c.action())
                .allMatch(s -> s.endsWith("UNCHANGED"));
        assertThat(notices).anySatisfy(n -> assertThat(n).contains(sa, dev + "billing-service",
                dev + "renamed-by-hand"));
        assertThat(cloud.serviceAccounts()).noneMatch(a -> a.displayName().equals(dev + "billing-service"));
    }

    @Test
    void aStoreThatRefusesTheKeyLeavesNoKeyBehindAndTheNextDeployRepairsIt() throws Exception {
        FileCredentialStore working = store();
        CredentialStore refusing = new ForwardingCredentialStore(working) {
            @Override
            public void store(StoredCredential credential) throws CredentialStoreException {
                throw new CredentialStoreException("HTTP 403 (Forbidden)");
            }
        };

        DeployOutcome failed = deploy(billing("billing-service"), refusing);

        assertThat(failed.complete()).isFalse();
        EntityResult credential = failed.results().stream().filter(r -> r.kind() == EntityKind.CREDENTIAL)
                .findFirst().orElseThrow();
        assertThat(credential.status()).isEqualTo(EntityResult.Status.FAILED);
        assertThat(credential.message()).contains("could not store the credential").contains("deleted again at once");
        String sa = saOf(dev + "billing-service");
        assertThat(cloud.apiKeys()).noneMatch(k -> sa.equals(k.ownerId()));

        DeployOutcome repaired = deploy(billing("billing-service"), working);
        assertThat(repaired.complete()).as(repaired.results().toString()).isTrue();
        assertThat(cloud.apiKeys().stream().filter(k -> sa.equals(k.ownerId()))).hasSize(1);
    }

    @Test
    void aKeyMissingFromTheStoreOrGoneFromConfluentIsMadeAgain() throws Exception {
        FileCredentialStore store = store();
        assertThat(deploy(billing("billing-service"), store).complete()).isTrue();
        String name = dev + "billing-service";
        String sa = saOf(name);
        Credential first = credential(store, name);

        // the secret lost from the store: a new key replaces the one nobody can use
        store.delete("dev", TEAM, name);
        PlanOutcome plan = engine().plan(request(billing("billing-service"), store));
        assertThat(plan.plan().changes()).filteredOn(c -> c.kind() == EntityKind.CREDENTIAL)
                .extracting(c -> c.action()).containsExactly(ChangeAction.UPDATE);
        assertThat(deploy(billing("billing-service"), store).complete()).isTrue();
        Credential second = credential(store, name);
        assertThat(second.key()).isNotEqualTo(first.key());
        assertThat(cloud.apiKeys().stream().filter(k -> sa.equals(k.ownerId())).map(k -> k.id()))
                .containsExactly(second.key());

        // the key deleted in Confluent Cloud by hand: a credential to create
        engine(); // same platform
        io.kafkaops.engine.cluster.confluent.ConfluentCloudClient admin = new io.kafkaops.engine.cluster.confluent
                .ConfluentCloudClient(ConfluentCloudAccess.of(cloud.baseUrl(), new CloudCredential(
                cloud.cloudApiKey().key(), cloud.cloudApiKey().secret(), "test"), cloud.environmentId(),
                cloud.kafkaClusterId()).withSslContext(cloud.clientSslContext()), null);
        admin.deleteApiKey(second.key());
        PlanOutcome again = engine().plan(request(billing("billing-service"), store));
        assertThat(again.plan().changes()).filteredOn(c -> c.kind() == EntityKind.CREDENTIAL)
                .extracting(c -> c.action()).containsExactly(ChangeAction.CREATE);
        assertThat(deploy(billing("billing-service"), store).complete()).isTrue();
        Credential third = credential(store, name);
        assertThat(cloud.keyWorks(third.key(), third.secret())).isTrue();
    }

    @Test
    void rotationStoresANewKeyWaitsUntilItWorksAndThenDeletesTheOld() throws Exception {
        FileCredentialStore store = store();
        assertThat(deploy(billing("billing-service"), store).complete()).isTrue();
        String name = dev + "billing-service";
        Credential old = credential(store, name);

        RotateOutcome rotated = engine().rotate(request(billing("billing-service"), store),
                List.of("billing-service"));

        assertThat(rotated.complete()).as(rotated.results().toString()).isTrue();
        Credential fresh = credential(store, name);
        assertThat(fresh.key()).isNotEqualTo(old.key());
        assertThat(cloud.keyWorks(fresh.key(), fresh.secret())).isTrue();
        assertThat(cloud.keyWorks(old.key(), old.secret())).isFalse();
        assertThat(produce(fresh, dev + "billing.invoices.v1")).isNull();
        assertThat(rotated.results().get(0).message()).contains("old key " + old.key() + " deleted");
        noSecretOutside(store, old.secret(), fresh.secret());
    }

    @Test
    void rotationIsRefusedClearlyAtTheKeyLimit() throws Exception {
        FileCredentialStore store = store();
        assertThat(deploy(billing("billing-service"), store).complete()).isTrue();
        String name = dev + "billing-service";
        String sa = saOf(name);
        // two hand-made keys: the account is at the limit of three
        cloud.createApiKey(sa, "CI key");
        cloud.createApiKey(sa, "debugging");
        Credential before = credential(store, name);

        RotateOutcome refused = engine().rotate(request(billing("billing-service"), store),
                List.of("billing-service"));

        assertThat(refused.complete()).isFalse();
        assertThat(refused.results().get(0).message()).startsWith("refused: " + name + " (" + sa + ") already has the"
                + " most API keys Confluent Cloud allows");
        assertThat(credential(store, name)).isEqualTo(before);
        assertThat(cloud.keyWorks(before.key(), before.secret())).isTrue();
    }

    @Test
    void removingAnAccountDeletesItsKeysItsAclsAndTheAccount() throws Exception {
        FileCredentialStore store = store();
        assertThat(deploy(billing("billing-service", "billing-reporter"), store).complete()).isTrue();
        String name = dev + "billing-reporter";
        String sa = saOf(name);
        Credential key = credential(store, name);
        // an ACL nobody declared, naming the account: Confluent keeps it when the account goes
        checker.createAcls(List.of(new AclBinding(new ResourcePattern(ResourceType.TOPIC, dev + "billing.other",
                PatternType.LITERAL), new AccessControlEntry("User:" + sa, "*", AclOperation.READ,
                AclPermissionType.ALLOW)))).all().get(10, TimeUnit.SECONDS);
        cloud.createApiKey(sa, "hand-made");

        DeployOutcome removed = deploy(billing("billing-service"), store);

        assertThat(removed.complete()).as(removed.results().toString()).isTrue();
        assertThat(saOf(name)).isNull();
        assertThat(cloud.apiKeys()).noneMatch(k -> sa.equals(k.ownerId()));
        assertThat(cloud.keyWorks(key.key(), key.secret())).isFalse();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!aclsOf("User:" + sa).isEmpty()) {
            assertThat(System.nanoTime()).as("ACLs of the deleted account still there").isLessThan(deadline);
            Thread.sleep(100);
        }
        assertThat(stored(store, name)).isNull();
        assertThat(saOf(dev + "billing-service")).isNotNull();
    }

    @Test
    void aRefusedClusterKeyIsNamedWithItsSource() {
        platform = confluent(Fixtures.platform(cluster.bootstrapServers(), cluster.bootstrapServers(), 1, 1, dev,
                "other."));
        Credential key = cloud.cloudApiKey();
        ConfluentCloudAccess access = ConfluentCloudAccess.of(cloud.baseUrl(), new CloudCredential(key.key(),
                        key.secret(), "the Cloud API key"), cloud.environmentId(), cloud.kafkaClusterId())
                .withSslContext(cloud.clientSslContext())
                .withClusterApiKeySource("the cluster API key from settings server `ccloud-kafka`");
        StageEngine engine = new StageEngine(platform, out, new ConfluentClusterSessions(access, AdminCalls::new,
                notices::add, Duration.ofSeconds(60)));
        Map<String, String> props = new LinkedHashMap<>();
        cluster.clientProperties(new Credential(cloud.clusterAdminKey().key(), "not-the-secret-42"))
                .forEach((k, v) -> props.put(k, String.valueOf(v)));
        StageRequest request = StageRequest.builder().model(billing("billing-service")).stage("dev").repository(REPO)
                .team(TEAM).connection(new ClusterConnection("dev", cluster.bootstrapServers(), props))
                .options(new EngineOptions(false, false, Duration.ofSeconds(15))).store(store()).build();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.plan(request))
                .hasMessageStartingWith("The cluster API key from settings server `ccloud-kafka` was refused by Kafka"
                        + " cluster " + cloud.kafkaClusterId() + " of stage dev")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-secret-42"));
    }

    @Test
    void aRateLimitStormConverges() throws Exception {
        // a stand-in of its own, whose limit (one request a second) a deploy exceeds however busy the machine is;
        // the helpers of this class use the current cloud and cluster
        ConfluentCloudTestServer shared = cloud;
        ConfluentCloudTestCluster sharedCluster = cluster;
        try (ConfluentCloudTestServer storm = ConfluentCloudTestServer.start(new ConfluentCloudTestServer.Options()
                .rateLimit(2, Duration.ofSeconds(2)).maxPageSize(2));
             ConfluentCloudTestCluster stormCluster = ConfluentCloudTestCluster.start(storm)) {
            cloud = storm;
            cluster = stormCluster;
            FileCredentialStore store = store();
            String[] accounts = new String[6];
            for (int i = 0; i < accounts.length; i++) accounts[i] = "billing-svc" + i;

            DeployOutcome outcome = deploy(billing(accounts), store);

            assertThat(outcome.complete()).as(outcome.results().toString()).isTrue();
            for (String a : accounts) assertThat(saOf(dev + a)).isNotNull();
            assertThat(notices).anySatisfy(n -> assertThat(n).contains("rate limit of Confluent Cloud (429)"));
            JsonNode requests = new ObjectMapper().readTree(outcome.deployJson().toFile()).get("requests");
            assertThat(requests.get("confluentCloudRateLimited").asInt()).isPositive();
            assertThat(deploy(billing(accounts), store).results()).isEmpty();
            assertThat(storm.contractViolations()).isEmpty();
        } finally {
            cloud = shared;
            cluster = sharedCluster;
        }
    }
}
