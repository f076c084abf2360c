package io.kafkaops.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Proves the embedded broker enforces SCRAM authentication and ACLs, using only public Kafka client APIs. */
class KafkaBrokerIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(20);

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = TestBroker.jar();
    }

    @Test
    void adminListsTheTopicsItCreates() throws Exception {
        String topic = TestBroker.uniqueName("admin-topic");
        try (Admin admin = Admin.create(broker.adminClientProperties())) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(10, TimeUnit.SECONDS);
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains(topic);
            assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)).hasSize(1);
        }
        assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
    }

    @Test
    void aWrongAdminPasswordIsRejected() {
        Map<String, Object> props = new HashMap<>(broker.clientProperties(broker.adminCredentials().username(),
                "not-the-password"));
        try (Admin admin = Admin.create(props)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void scramUserIsDeniedWithoutAclsAndAllowedWithThem() throws Exception {
        String user = TestBroker.uniqueName("svc");
        String password = "pw-" + TestBroker.uniqueName("secret");
        String topic = TestBroker.uniqueName("orders");
        String group = TestBroker.uniqueName("orders-reader");

        try (Admin admin = Admin.create(broker.adminClientProperties())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password)))
                    .all().get(10, TimeUnit.SECONDS);
            awaitAuthenticates(user, password);

            try (KafkaProducer<String, String> producer = producer(user, password)) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", "denied"))
                        .get(10, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(TopicAuthorizationException.class);
            }

            admin.createAcls(List.of(
                    allow(user, ResourceType.TOPIC, topic, AclOperation.WRITE),
                    allow(user, ResourceType.TOPIC, topic, AclOperation.DESCRIBE),
                    allow(user, ResourceType.TOPIC, topic, AclOperation.READ),
                    allow(user, ResourceType.GROUP, group, AclOperation.READ)))
                    .all().get(10, TimeUnit.SECONDS);
        }

        poll("producing as " + user + " after the ACLs were created", () -> {
            // a fresh producer per attempt: an authorization failure is remembered by the client's metadata
            try (KafkaProducer<String, String> producer = producer(user, password)) {
                producer.send(new ProducerRecord<>(topic, "k", "allowed")).get(10, TimeUnit.SECONDS);
                return true;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicAuthorizationException) {
                    return false;
                }
                throw e;
            }
        });

        try (KafkaConsumer<String, String> consumer = consumer(user, password, group)) {
            consumer.subscribe(List.of(topic));
            List<String> values = new java.util.ArrayList<>();
            poll("consuming as " + user, () -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
                return values.contains("allowed");
            });
            consumer.commitSync(Duration.ofSeconds(10));
            assertThat(values).containsExactly("allowed");
        }
    }

    private static void awaitAuthenticates(String user, String password) throws Exception {
        poll(user + " authenticating", () -> {
            try (Admin asUser = Admin.create(broker.clientProperties(user, password))) {
                asUser.describeCluster().nodes().get(10, TimeUnit.SECONDS);
                return true;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SaslAuthenticationException) {
                    return false;
                }
                throw e;
            }
        });
    }

    private static AclBinding allow(String user, ResourceType type, String name, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }

    private static KafkaProducer<String, String> producer(String user, String password) {
        Map<String, Object> props = new HashMap<>(broker.clientProperties(user, password));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        // idempotence needs a producer id, whose refusal would surface as a cluster error instead of the topic one
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String user, String password, String group) {
        Map<String, Object> props = new HashMap<>(broker.clientProperties(user, password));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    interface Check {
        boolean done() throws Exception;
    }

    static void poll(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + PROPAGATION.toNanos();
        while (!check.done()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + PROPAGATION.toSeconds() + "s: " + what);
            }
            Thread.sleep(100);
        }
    }
}
