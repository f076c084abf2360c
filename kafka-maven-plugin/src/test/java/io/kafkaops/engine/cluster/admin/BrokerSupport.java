package io.kafkaops.engine.cluster.admin;

import io.kafkaops.engine.EngineOptions;
import io.kafkaops.engine.Fixtures;
import io.kafkaops.engine.StageEngine;
import io.kafkaops.engine.StageRequest;
import io.kafkaops.engine.cluster.ClusterConnection;
import io.kafkaops.engine.local.TestBroker;
import io.kafkaops.engine.ownership.Ownership;
import io.kafkaops.engine.local.TestKafka;
import io.kafkaops.model.EntityModel;
import io.kafkaops.model.platform.PlatformDefinition;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * One shared real broker; each test gets its own stage prefixes (so its entities and ownership records never meet
 * another test's) and an independent Admin client to check what the engine did.
 */
final class BrokerSupport implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    final TestKafka broker = TestBroker.get();
    final String dev = TestBroker.uniqueName("d") + ".";
    final String test = TestBroker.uniqueName("t") + ".";
    final PlatformDefinition platform = Fixtures.platform(broker.bootstrapServers(), broker.bootstrapServers(), 1, 1,
            dev, test);
    final Admin admin = Admin.create(broker.adminClientProperties());

    ClusterConnection connection(String stage) {
        return connection(stage, broker.adminClientProperties());
    }

    ClusterConnection connection(String stage, Map<String, Object> properties) {
        Map<String, String> props = new LinkedHashMap<>();
        properties.forEach((k, v) -> props.put(k, String.valueOf(v)));
        return new ClusterConnection(stage, broker.bootstrapServers(), props);
    }

    StageEngine engine(Path out) {
        return new StageEngine(platform, out, new KafkaClusterSessions());
    }

    StageEngine engine(Path out, KafkaClusterSessions sessions) {
        return new StageEngine(platform, out, sessions, Clock.systemUTC());
    }

    /** A request on the stage of this broker, team {@link Fixtures#TEAM}, with {@link #options()}; no store yet. */
    StageRequest.Builder request(EntityModel model, String stage, String repository) {
        return StageRequest.builder().model(model).stage(stage).repository(repository).team(Fixtures.TEAM)
                .connection(connection(stage)).options(options());
    }

    static EngineOptions options() {
        return new EngineOptions(false, false, TIMEOUT);
    }

    static EngineOptions adopting() {
        return new EngineOptions(true, false, TIMEOUT);
    }

    /**
     * A connection to stage dev as a principal of its own that may only read: describe the cluster and this test's
     * dev topics, read the ownership topic. Its SCRAM credential and ACLs reach the broker through the metadata log:
     * callers retry until they are in force.
     */
    ClusterConnection readOnlyPlanner() throws Exception {
        String planner = dev + "planner";
        String password = "planner-" + UUID.randomUUID();
        admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(planner,
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password))).all().get();
        String principal = "User:" + planner;
        admin.createAcls(List.of(
                acl(principal, ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, AclOperation.DESCRIBE),
                acl(principal, ResourceType.TOPIC, dev, PatternType.PREFIXED, AclOperation.DESCRIBE),
                acl(principal, ResourceType.TOPIC, dev, PatternType.PREFIXED, AclOperation.DESCRIBE_CONFIGS),
                acl(principal, ResourceType.TOPIC, Ownership.TOPIC, PatternType.LITERAL, AclOperation.READ)))
                .all().get();
        return connection("dev", broker.clientProperties(planner, password));
    }

    private static AclBinding acl(String principal, ResourceType type, String name, PatternType pattern,
                                  AclOperation op) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
