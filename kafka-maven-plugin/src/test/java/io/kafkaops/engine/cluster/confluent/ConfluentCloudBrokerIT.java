package io.kafkaops.engine.cluster.confluent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaops.engine.cluster.confluent.ConfluentCloudTestServer.Options;
import io.kafkaops.engine.local.TestBroker;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The keys of the Confluent Cloud stand-in are real on its broker: a key signs in as its service account, is
 * authorized by that account's ACLs, stops working when deleted and starts working only after its activation delay.
 */
class ConfluentCloudBrokerIT {

    /** Long enough that a sign-in attempted right after the create ends before the key activates. */
    private static final Duration ACTIVATION_DELAY = Duration.ofSeconds(6);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ConfluentCloudTestServer server;
    private static ConfluentCloudTestCluster cluster;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        server = ConfluentCloudTestServer.start(new Options().keyActivationDelay(ACTIVATION_DELAY));
        cluster = ConfluentCloudTestCluster.start(server);
        http = HttpClient.newBuilder().sslContext(server.clientSslContext()).build();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void contractKept() {
        assertThat(server.contractViolations()).isEmpty();
    }

    @Test
    void clusterAdminKeyCreatesTopicsAndAcls() throws Exception {
        String topic = TestBroker.uniqueName("cc-admin");
        String account = server.createServiceAccount(TestBroker.uniqueName("cc-reader"), "");
        try (Admin admin = Admin.create(cluster.adminClientProperties())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            AclBinding read = new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                    new AccessControlEntry("User:" + account, "*", AclOperation.READ, AclPermissionType.ALLOW));
            admin.createAcls(List.of(read)).all().get(30, TimeUnit.SECONDS);
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(topic);
            await("the ACL to be listed", () -> describeAcls(admin, topic).contains(read));
        }
    }

    @Test
    void keyProducesToItsGrantedTopicAndIsDeniedElsewhere() throws Exception {
        String granted = TestBroker.uniqueName("cc-granted");
        String other = TestBroker.uniqueName("cc-other");
        String account = createAccountOverHttp(TestBroker.uniqueName("cc-producer"));
        try (Admin admin = Admin.create(cluster.adminClientProperties())) {
            admin.createTopics(List.of(new NewTopic(granted, 1, (short) 1), new NewTopic(other, 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
            AclBinding write = new AclBinding(new ResourcePattern(ResourceType.TOPIC, granted, PatternType.LITERAL),
                    new AccessControlEntry("User:" + account, "*", AclOperation.WRITE, AclPermissionType.ALLOW));
            admin.createAcls(List.of(write)).all().get(30, TimeUnit.SECONDS);
            await("the ACL to be listed", () -> describeAcls(admin, granted).contains(write));
        }
        Credential key = createKeyOverHttp(account);
        await("the new key to sign in", () -> signsIn(key));

        try (KafkaProducer<String, String> producer = producer(key)) {
            producer.send(new ProducerRecord<>(granted, "k", "v")).get(30, TimeUnit.SECONDS);
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(other, "k", "v")).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void deletedKeyStopsWorkingForNewConnections() throws Exception {
        String account = server.createServiceAccount(TestBroker.uniqueName("cc-deleted"), "");
        Credential key = server.createApiKey(account, "to delete", Duration.ZERO);
        await("the key to sign in", () -> signsIn(key));
        HttpResponse<String> deleted = send("DELETE", "/iam/v2/api-keys/" + key.key(), null);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(server.keyWorks(key.key(), key.secret())).isFalse();
        assertThat(signsIn(key)).isFalse();
    }

    @Test
    void newKeyIsRefusedUntilItsActivationDelayHasPassed() throws Exception {
        String account = server.createServiceAccount(TestBroker.uniqueName("cc-new"), "");
        Credential key = createKeyOverHttp(account);
        Instant activeAt = server.apiKeys().stream().filter(k -> k.id().equals(key.key())).findFirst().orElseThrow()
                .activeAt();
        boolean refusedEarly = false;
        while (!refusedEarly && Instant.now().isBefore(activeAt)) {
            boolean works = signsIn(key);
            // an attempt that ended before the key's activation must have been refused
            if (Instant.now().isBefore(activeAt)) {
                assertThat(works).as("a sign-in before the activation delay passed").isFalse();
                refusedEarly = true;
            }
        }
        assertThat(refusedEarly).as("an attempt within the %s activation delay", ACTIVATION_DELAY).isTrue();
        await("the key to sign in after its activation delay", () -> signsIn(key));
        assertThat(server.keyWorks(key.key(), key.secret())).isTrue();
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static boolean signsIn(Credential key) {
        Map<String, Object> props = new HashMap<>(cluster.clientProperties(key));
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8_000);
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SaslAuthenticationException) {
                return false;
            }
            throw new AssertionError("Unexpected failure signing in with " + key.key(), e);
        } catch (Exception e) {
            throw new AssertionError("Unexpected failure signing in with " + key.key(), e);
        }
    }

    private static KafkaProducer<String, String> producer(Credential key) {
        Map<String, Object> props = new HashMap<>(cluster.clientProperties(key));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaProducer<>(props);
    }

    private static List<AclBinding> describeAcls(Admin admin, String topic) {
        try {
            return List.copyOf(admin.describeAcls(new AclBindingFilter(
                    new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL).toFilter(),
                    org.apache.kafka.common.acl.AccessControlEntryFilter.ANY)).values().get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String createAccountOverHttp(String name) throws Exception {
        HttpResponse<String> created = send("POST", "/iam/v2/service-accounts",
                "{\"display_name\":\"" + name + "\",\"description\":\"broker test\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        return JSON.readTree(created.body()).path("id").asText();
    }

    private static Credential createKeyOverHttp(String owner) throws Exception {
        HttpResponse<String> created = send("POST", "/iam/v2/api-keys", "{\"spec\":{\"description\":\"broker test\","
                + "\"owner\":{\"id\":\"" + owner + "\"},\"resource\":{\"id\":\"" + server.kafkaClusterId()
                + "\",\"environment\":\"" + server.environmentId() + "\"}}}");
        assertThat(created.statusCode()).isEqualTo(202);
        JsonNode key = JSON.readTree(created.body());
        return new Credential(key.path("id").asText(), key.path("spec").path("secret").asText());
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        Credential cloud = server.cloudApiKey();
        HttpRequest.Builder request = HttpRequest.newBuilder(server.baseUrl().resolve(path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (cloud.key() + ":" + cloud.secret()).getBytes(StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + WAIT.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(200);
        }
    }
}
