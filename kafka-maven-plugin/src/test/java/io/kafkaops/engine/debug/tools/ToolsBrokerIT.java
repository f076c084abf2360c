package io.kafkaops.engine.debug.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaops.engine.local.TestBroker;
import io.kafkaops.engine.local.TestKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tools against the real broker as a SCRAM account that may read, write and describe one topic and use one
 * consumer group, and has no right on a second topic nor on another group.
 */
class ToolsBrokerIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static TestKafka broker;
    private static Admin admin;
    private static String user;
    private static String password;
    private static String allowed;
    private static String secret;
    private static String group;
    private static String describeOnly;
    private static ToolCredentials.Access access;

    @TempDir
    Path dir;

    @BeforeAll
    static void account() throws Exception {
        broker = TestBroker.get();
        admin = Admin.create(broker.adminClientProperties());
        user = TestBroker.uniqueName("tools");
        password = "pw-" + UUID.randomUUID();
        allowed = TestBroker.uniqueName("tools.allowed");
        secret = TestBroker.uniqueName("tools.secret");
        group = user + ".group";
        describeOnly = TestBroker.uniqueName("tools.described");
        admin.createTopics(List.of(new NewTopic(allowed, 3, (short) 1), new NewTopic(secret, 1, (short) 1),
                        new NewTopic(describeOnly, 2, (short) 1)))
                .all().get(30, TimeUnit.SECONDS);
        admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password))).all().get(30, TimeUnit.SECONDS);
        String principal = "User:" + user;
        List<AclBinding> acls = new ArrayList<>();
        for (AclOperation op : List.of(AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE)) {
            acls.add(acl(principal, ResourceType.TOPIC, allowed, op));
        }
        acls.add(acl(principal, ResourceType.GROUP, group, AclOperation.READ));
        acls.add(acl(principal, ResourceType.TOPIC, describeOnly, AclOperation.DESCRIBE));
        admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        Map<String, String> settings = new java.util.TreeMap<>();
        broker.clientProperties(user, password).forEach((k, v) -> settings.put(k, String.valueOf(v)));
        access = new ToolCredentials.Access("test account", user, settings);
        // the credential and the ACLs reach the broker through the metadata log: wait until the account sees its topic
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                if (TopicList.list(access, Duration.ofSeconds(5)).stream().anyMatch(t -> t.name().equals(allowed))) {
                    break;
                }
            } catch (ToolException e) {
                if (System.nanoTime() > deadline) throw e;
            }
            if (System.nanoTime() > deadline) throw new AssertionError("the account never saw " + allowed);
            Thread.onSpinWait();
        }
    }

    @AfterAll
    static void close() {
        if (admin != null) admin.close(Duration.ofSeconds(5));
    }

    private static AclBinding acl(String principal, ResourceType type, String name, AclOperation op) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
    }

    private static Consume.Request read(String topic, String group, StartPosition from, int records) {
        return new Consume.Request(topic, group, from, from != StartPosition.EARLIEST, records, null, 0, TIMEOUT);
    }

    @Test
    void topicsListsWhatTheAccountMayDescribeOnly() throws Exception {
        List<TopicList.Topic> topics = TopicList.list(access, TIMEOUT);
        assertThat(topics).contains(new TopicList.Topic(allowed, 3));
        assertThat(topics).extracting(TopicList.Topic::name).doesNotContain(secret);
        assertThat(TopicList.lines(List.of(new TopicList.Topic("a.b", 1), new TopicList.Topic("c", 3)), "x"))
                .containsExactly("  a.b  1 partition", "  c    3 partitions", "2 topics visible to x");
    }

    @Test
    void producedRecordsAreReadBackWithKeysHeadersAndValuesAndWithoutAGroupNothingIsCommitted() throws Exception {
        String topic = fresh();
        Path file = dir.resolve("records.txt");
        Files.writeString(file, "k1\tfirst\ttrace=abc\nk2\tsecond\n\tthird\n");
        List<String> out = new ArrayList<>();
        int written = Produce.run(access, new Produce.Request(topic, ProduceInput.fromFile(file), true, TIMEOUT),
                out::add);

        assertThat(written).isEqualTo(3);
        assertThat(out.subList(0, 3)).allMatch(l -> l.matches("records\\.txt:[1-3] -> " + topic
                + " partition=[0-2] offset=\\d+"));
        assertThat(out.get(3)).isEqualTo("Produced 3 records to " + topic + " (acks=all, idempotent)");

        List<String> read = new ArrayList<>();
        Consume.Result result = Consume.run(access, read(topic, null, StartPosition.EARLIEST, 10), read::add);
        assertThat(result.records()).isEqualTo(3);
        assertThat(result.stoppedBecause()).isEqualTo("reached the end of the topic");
        assertThat(read.subList(0, 3)).anyMatch(l -> l.matches("partition=\\d offset=\\d+ timestamp=\\S+Z key=k1"
                        + " headers=\\[trace=abc] value=first"))
                .anyMatch(l -> l.endsWith(" key=k2 headers=[] value=second"))
                .anyMatch(l -> l.endsWith(" key=(null) headers=[] value=third"));
        assertThat(read.get(3)).startsWith("Consumed 3 records from " + topic + " in ")
                .endsWith("(from earliest, no consumer group, nothing committed); stopped: reached the end of the topic");
        assertThat(String.join("\n", out) + String.join("\n", read)).doesNotContain(password);

        // a bound on the number of records stops earlier
        List<String> two = new ArrayList<>();
        assertThat(Consume.run(access, read(topic, null, StartPosition.EARLIEST, 2), two::add).stoppedBecause())
                .isEqualTo("2 records (kafka.records)");
        assertThat(two).hasSize(3);
    }

    @Test
    void aStartTimeSkipsOlderRecordsAndLatestWithoutADurationReadsNothing() throws Exception {
        String topic = fresh();
        long t0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        Map<String, Object> props = new java.util.HashMap<>(broker.adminClientProperties());
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> p = new KafkaProducer<>(props)) {
            for (int i = 0; i < 4; i++) {
                p.send(new ProducerRecord<>(topic, 0, t0 + i * 60_000L, "k" + i, "v" + i)).get(30, TimeUnit.SECONDS);
            }
        }
        List<String> out = new ArrayList<>();
        StartPosition from = StartPosition.parse("2026-01-01T00:02:00Z", java.time.Clock.systemUTC());
        assertThat(Consume.run(access, read(topic, null, from, 10), out::add).records()).isEqualTo(2);
        assertThat(out.subList(0, 2)).containsExactly(
                "partition=0 offset=2 timestamp=2026-01-01T00:02:00Z key=k2 headers=[] value=v2",
                "partition=0 offset=3 timestamp=2026-01-01T00:03:00Z key=k3 headers=[] value=v3");

        List<String> latest = new ArrayList<>();
        assertThat(Consume.run(access, read(topic, null, StartPosition.LATEST, 10), latest::add).records()).isZero();

        List<String> waited = new ArrayList<>();
        Consume.Result r = Consume.run(access, new Consume.Request(topic, null, StartPosition.LATEST, true, 10,
                Duration.ofSeconds(1), 0, TIMEOUT), waited::add);
        assertThat(r.stoppedBecause()).isEqualTo("kafka.duration 1 s passed");
    }

    @Test
    void withItsGroupTheConsumerCommitsAndTheNextRunGoesOnFromThere() throws Exception {
        String topic = fresh();
        Produce.run(access, new Produce.Request(topic, List.of(ProduceInput.fromCommandLine("a", "1", null),
                ProduceInput.fromCommandLine("a", "2", null), ProduceInput.fromCommandLine("a", "3", null)), true,
                TIMEOUT), l -> { });
        String g = group;
        List<String> out = new ArrayList<>();
        Consume.Result first = Consume.run(access, new Consume.Request(topic, g, StartPosition.EARLIEST, false, 2,
                null, 0, TIMEOUT), out::add);
        assertThat(first.committed()).isTrue();
        assertThat(out.get(2)).contains("(from the group's committed offsets, else earliest, group " + g
                + ", offsets committed)");
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(g)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        assertThat(committed.entrySet()).anyMatch(e -> e.getKey().topic().equals(topic)
                && e.getValue().offset() == 2);

        List<String> next = new ArrayList<>();
        Consume.run(access, new Consume.Request(topic, g, StartPosition.EARLIEST, false, 10, null, 0, TIMEOUT),
                next::add);
        assertThat(next).hasSize(2);
        assertThat(next.get(0)).endsWith("key=a headers=[] value=3");
    }

    @Test
    void missingRightsAreOneLineNamingTheAccountTheRightAndTheResource() throws Exception {
        assertThatThrownBy(() -> Consume.run(access, read(secret, null, StartPosition.EARLIEST, 10), l -> { }))
                .isInstanceOf(ToolException.class)
                .hasMessage("the account " + user + " may not read topic " + secret + " (TopicAuthorizationException)")
                .matches(e -> ((ToolException) e).denied());
        assertThatThrownBy(() -> Produce.run(access, new Produce.Request(secret,
                List.of(ProduceInput.fromCommandLine(null, "x", null)), true, TIMEOUT), l -> { }))
                .hasMessage("the account " + user + " may not write to topic " + secret
                        + " (TopicAuthorizationException)")
                .matches(e -> ((ToolException) e).denied());
        // the account sees this empty topic but may not read it: the end of the topic is no success
        assertThatThrownBy(() -> Consume.run(access, read(describeOnly, null, StartPosition.EARLIEST, 10), l -> { }))
                .hasMessage("the account " + user + " may not read topic " + describeOnly
                        + " (TopicAuthorizationException)");
        String otherGroup = user + ".not-mine";
        assertThatThrownBy(() -> Consume.run(access, new Consume.Request(allowed, otherGroup, StartPosition.EARLIEST,
                false, 10, null, 0, TIMEOUT), l -> { }))
                .hasMessage("the account " + user + " may not use consumer group " + otherGroup
                        + " (GroupAuthorizationException)")
                .matches(e -> ((ToolException) e).denied());
    }

    @Test
    void wrongCredentialsAreNotARightsProblemAndShowNoSecret() {
        Map<String, String> settings = new java.util.TreeMap<>(access.settings());
        String wrong = "wrong-" + UUID.randomUUID();
        settings.put("sasl.jaas.config", settings.get("sasl.jaas.config").replace(password, wrong));
        ToolCredentials.Access bad = new ToolCredentials.Access("bad", user, settings);
        assertThatThrownBy(() -> TopicList.list(bad, Duration.ofSeconds(10)))
                .isInstanceOf(ToolException.class)
                .hasMessageStartingWith("the cluster did not accept the credentials of " + user)
                .matches(e -> !((ToolException) e).denied())
                .matches(e -> !e.getMessage().contains(wrong));
    }

    /** A topic of its own for the test, which the account may read, write and describe. */
    private static String fresh() throws Exception {
        String topic = allowed + "." + UUID.randomUUID().toString().substring(0, 6);
        admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        admin.createAcls(List.of(acl("User:" + user, ResourceType.TOPIC, topic, AclOperation.READ),
                acl("User:" + user, ResourceType.TOPIC, topic, AclOperation.WRITE),
                acl("User:" + user, ResourceType.TOPIC, topic, AclOperation.DESCRIBE))).all().get(30, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (TopicList.list(access, TIMEOUT).stream().noneMatch(t -> t.name().equals(topic))) {
            if (System.nanoTime() > deadline) throw new AssertionError("the account never saw " + topic);
            Thread.onSpinWait();
        }
        return topic;
    }
}
