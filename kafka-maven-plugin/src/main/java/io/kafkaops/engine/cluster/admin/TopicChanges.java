package io.kafkaops.engine.cluster.admin;

import static io.kafkaops.engine.cluster.admin.AdminFutures.addError;
import static io.kafkaops.engine.cluster.admin.AdminFutures.chunks;

import io.kafkaops.engine.apply.ApplyResults;
import io.kafkaops.engine.apply.EntityResult;
import io.kafkaops.engine.apply.PendingChanges;
import io.kafkaops.engine.desired.TopicSpec;
import io.kafkaops.engine.plan.ChangeAction;
import io.kafkaops.engine.plan.EntityKind;
import io.kafkaops.engine.plan.FieldChange;
import io.kafkaops.engine.plan.PlannedChange;
import io.kafkaops.engine.state.ClusterState;
import io.kafkaops.engine.state.CurrentTopic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Topic changes: createTopics in requests as large as the controller's per-request record cap allows, all sent at
 * once, then createPartitions, incrementalAlterConfigs and (opt-in) replica reassignments, then the wait until every
 * partition has a leader ({@link TopicReadiness}: as long as the cluster makes progress); and topic deletions.
 */
final class TopicChanges {

    /** Bytes of metadata records one record-cap unit may hold: Kafka's 8 MiB atomic batch over 10,000 records. */
    static final int BYTES_PER_RECORD = 800;

    private final AdminCalls admin;
    private final AdminFutures futures;
    private final TopicReadiness readiness;
    private final TopicReassignments reassignments;
    /** Partitions this deploy created whose log has not answered listOffsets yet. */
    private final PartitionLogs withoutLog;

    TopicChanges(AdminCalls admin, AdminFutures futures, TopicReadiness readiness) {
        this(admin, futures, readiness, new TopicReassignments(admin, futures,
                io.kafkaops.model.platform.Cluster.DEFAULT_REPLICATION_THROTTLE, line -> { }));
    }

    TopicChanges(AdminCalls admin, AdminFutures futures, TopicReadiness readiness, TopicReassignments reassignments) {
        this.admin = admin;
        this.futures = futures;
        this.readiness = readiness;
        this.reassignments = reassignments;
        this.withoutLog = new PartitionLogs(admin, futures);
    }

    /**
     * What {@link #start} sent: the topics to wait for (partitions each), the createTopics answers, the reassigned
     * topics (in-sync replicas each) and the errors so far, by topic.
     */
    record Started(List<PlannedChange> todo, Map<String, Integer> ready, Map<String, KafkaFuture<Void>> creating,
                   Map<String, Integer> replicated, Map<String, List<String>> errors) {
    }

    /**
     * Creates and updates (adoptions included) the plan's topics without waiting for them to get ready: every
     * createTopics request is sent at once (the Admin client sends them one after the other without waiting for us),
     * then the partition additions, config changes and reassignments. The deploy applies its other changes while the
     * brokers create the logs, and then waits ({@link #finish}).
     */
    Started start(List<PlannedChange> todo, ClusterState current) {
        Map<String, Integer> ready = new LinkedHashMap<>();
        Map<String, List<String>> errors = new LinkedHashMap<>();

        List<PlannedChange> creates = ApplyResults.of(todo, EntityKind.TOPIC, ChangeAction.CREATE);
        Map<String, KafkaFuture<Void>> creating = create(creates, errors);
        for (PlannedChange c : creates) {
            if (creating.containsKey(c.name())) ready.put(c.name(), c.topic().partitions());
        }

        List<PlannedChange> updates = ApplyResults.of(todo, EntityKind.TOPIC, ChangeAction.UPDATE, ChangeAction.ADOPT);
        for (PlannedChange c : updates) {
            CurrentTopic cur = current.topics().get(c.name());
            ready.put(c.name(), Math.max(cur == null ? 1 : cur.partitions(), partitionsAfter(c)));
        }
        addPartitions(updates, errors);
        alterConfigs(updates, errors);

        Map<String, Integer> replicated = reassignments.reassign(updates, current, errors);
        return new Started(todo, ready, creating, replicated, errors);
    }

    /**
     * Waits, as long as the cluster makes progress, until every partition of the started topics has a leader (and a
     * reassigned topic its in-sync replicas); one result per topic change that is no deletion.
     */
    void finish(Started started, ApplyResults results) {
        List<PlannedChange> todo = started.todo();
        Map<String, Integer> ready = started.ready();
        Map<String, KafkaFuture<Void>> creating = started.creating();
        Map<String, Integer> replicated = started.replicated();
        Map<String, List<String>> errors = started.errors();
        Map<String, Integer> wait = new LinkedHashMap<>(ready);
        wait.keySet().removeAll(errors.keySet());
        Map<String, String> notReady = wait.isEmpty() ? Map.of()
                : readiness.await(wait, replicated, creating, errors);
        notReady.forEach((n, why) -> addError(errors, n, why));

        for (String name : creating.keySet()) {
            if (errors.containsKey(name)) continue;
            withoutLog.expect(name, ready.get(name));
        }

        for (PlannedChange c : todo) {
            if (c.kind() != EntityKind.TOPIC || c.action() == ChangeAction.DELETE) continue;
            List<String> e = errors.get(c.name());
            if (e != null) {
                results.put(c, EntityResult.failed(c, String.join("; ", e)));
            } else if (replicated.containsKey(c.name())) {
                results.put(c, EntityResult.applied(c, "ready: all " + wait.getOrDefault(c.name(), 0)
                        + " partitions have a leader and " + replicated.get(c.name()) + " in-sync replicas"));
            } else {
                results.put(c, EntityResult.applied(c, "ready: all " + wait.getOrDefault(c.name(), 0)
                        + " partitions have a leader"));
            }
        }
    }

    /**
     * How many partitions this deploy created have no log yet ({@link PartitionLogs}): while this number falls, the
     * broker is working towards the deploy's later changes, such as its ACLs.
     */
    int partitionsWithoutLog() {
        return withoutLog.withoutLog();
    }

    /**
     * Sends the createTopics requests, each as close to the controller's record cap as is safe, all at once; returns
     * each topic's answer (the topics whose request could not be sent get their error instead).
     */
    private Map<String, KafkaFuture<Void>> create(List<PlannedChange> creates, Map<String, List<String>> errors) {
        Map<String, KafkaFuture<Void>> answers = new LinkedHashMap<>();
        for (List<PlannedChange> chunk : chunks(creates, c -> createCost(c.name(), c.topic()),
                AdminFutures.CREATE_TOPICS_RECORD_CAP)) {
            List<NewTopic> topics = chunk.stream().map(c -> new NewTopic(c.name(), c.topic().partitions(),
                    (short) c.topic().replicationFactor()).configs(c.topic().config())).toList();
            try {
                Map<String, KafkaFuture<Void>> values = admin.createTopics(topics).values();
                for (PlannedChange c : chunk) {
                    KafkaFuture<Void> f = values.get(c.name());
                    if (f == null) addError(errors, c.name(), "no answer from the cluster");
                    else answers.put(c.name(), f);
                }
            } catch (RuntimeException e) {
                for (PlannedChange c : chunk) addError(errors, c.name(), KafkaErrors.message(e));
            }
        }
        return answers;
    }

    /**
     * What creating the topic costs against {@link AdminFutures#CREATE_TOPICS_RECORD_CAP}: its records (one
     * TopicRecord, one ConfigRecord per config, one PartitionRecord per partition), or more when its records are
     * large (long config values), so that a full request also stays under the 8 MiB batch the controller commits
     * atomically.
     */
    static int createCost(String name, TopicSpec t) {
        int partitions = t.partitions();
        int records = 1 + partitions + t.config().size();
        long bytes = 40L + utf8(name) + (long) partitions * (80 + 24L * t.replicationFactor());
        for (Map.Entry<String, String> e : t.config().entrySet()) {
            bytes += 40L + utf8(name) + utf8(e.getKey()) + utf8(e.getValue());
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.max(records, (bytes + BYTES_PER_RECORD - 1) / BYTES_PER_RECORD));
    }

    private static int utf8(String s) {
        return s == null ? 0 : s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private void addPartitions(List<PlannedChange> updates, Map<String, List<String>> errors) {
        Map<String, NewPartitions> grow = new LinkedHashMap<>();
        for (PlannedChange c : updates) {
            for (FieldChange f : c.changes()) {
                if (f.field().equals(FieldChange.PARTITIONS)
                        && Integer.parseInt(f.after()) > Integer.parseInt(f.before())) {
                    grow.put(c.name(), NewPartitions.increaseTo(Integer.parseInt(f.after())));
                }
            }
        }
        List<String> growNames = new ArrayList<>(grow.keySet());
        for (List<String> chunk : chunks(growNames, n -> grow.get(n).totalCount())) {
            Map<String, NewPartitions> batch = new LinkedHashMap<>();
            for (String n : chunk) batch.put(n, grow.get(n));
            try {
                Map<String, KafkaFuture<Void>> answers = admin.createPartitions(batch).values();
                for (String n : chunk) {
                    String error = futures.error(answers.get(n));
                    if (error != null) addError(errors, n, "adding partitions: " + error);
                }
            } catch (RuntimeException e) {
                for (String n : chunk) addError(errors, n, "adding partitions: " + KafkaErrors.message(e));
            }
        }
    }

    private void alterConfigs(List<PlannedChange> updates, Map<String, List<String>> errors) {
        Map<ConfigResource, Collection<AlterConfigOp>> alter = new LinkedHashMap<>();
        for (PlannedChange c : updates) {
            List<AlterConfigOp> ops = new ArrayList<>();
            for (FieldChange f : c.changes()) {
                String key = f.configKey();
                if (key == null) continue;
                ops.add(f.after() == null
                        ? new AlterConfigOp(new ConfigEntry(key, null), AlterConfigOp.OpType.DELETE)
                        : new AlterConfigOp(new ConfigEntry(key, f.after()), AlterConfigOp.OpType.SET));
            }
            if (!ops.isEmpty()) alter.put(new ConfigResource(ConfigResource.Type.TOPIC, c.name()), ops);
        }
        List<ConfigResource> resources = new ArrayList<>(alter.keySet());
        for (List<ConfigResource> chunk : chunks(resources, r -> alter.get(r).size())) {
            Map<ConfigResource, Collection<AlterConfigOp>> batch = new LinkedHashMap<>();
            for (ConfigResource r : chunk) batch.put(r, alter.get(r));
            try {
                Map<ConfigResource, KafkaFuture<Void>> answers = admin.incrementalAlterConfigs(batch).values();
                for (ConfigResource r : chunk) {
                    String error = futures.error(answers.get(r));
                    if (error != null) addError(errors, r.name(), "changing configs: " + error);
                }
            } catch (RuntimeException e) {
                for (ConfigResource r : chunk) addError(errors, r.name(), "changing configs: " + KafkaErrors.message(e));
            }
        }
    }

    static int partitionsAfter(PlannedChange c) {
        for (FieldChange f : c.changes()) {
            if (f.field().equals(FieldChange.PARTITIONS)) return Integer.parseInt(f.after());
        }
        return 0;
    }

    void delete(List<PlannedChange> changes, ApplyResults results) {
        if (changes.isEmpty()) return;
        try {
            Map<String, KafkaFuture<Void>> answers = admin.deleteTopics(changes.stream().map(PlannedChange::name)
                    .toList()).topicNameValues();
            for (PlannedChange c : changes) {
                KafkaFuture<Void> f = answers.get(c.name());
                String error = futures.errorIgnoring(f, UnknownTopicOrPartitionException.class);
                results.put(c, error == null ? EntityResult.applied(c, null) : EntityResult.failed(c, error));
            }
        } catch (RuntimeException e) {
            for (PlannedChange c : changes) results.put(c, EntityResult.failed(c, KafkaErrors.message(e)));
        }
    }

    /** The applied topic changes with config changes, until one describeConfigs call shows the new values. */
    PendingChanges pendingConfigs(List<PlannedChange> applied) {
        Map<String, PlannedChange> toShow = new HashMap<>();
        for (PlannedChange c : applied) {
            if (c.changes().stream().anyMatch(f -> f.configKey() != null)) toShow.put(c.name(), c);
        }
        if (toShow.isEmpty()) return PendingChanges.NONE;
        return new PendingChanges() {
            @Override
            public void check() throws Exception {
                List<ConfigResource> resources = toShow.keySet().stream()
                        .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
                Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all()
                        .get(futures.timeout().toMillis(), TimeUnit.MILLISECONDS);
                toShow.values().removeIf(c -> configsShown(c,
                        configs.get(new ConfigResource(ConfigResource.Type.TOPIC, c.name()))));
            }

            @Override
            public Collection<PlannedChange> pending() {
                return List.copyOf(toShow.values());
            }
        };
    }

    private static boolean configsShown(PlannedChange c, Config config) {
        if (config == null) return false;
        Map<String, String> dynamic = new HashMap<>();
        for (ConfigEntry e : config.entries()) {
            if (e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) dynamic.put(e.name(), e.value());
        }
        for (FieldChange f : c.changes()) {
            String key = f.configKey();
            if (key != null && !Objects.equals(dynamic.get(key), f.after())) return false;
        }
        return true;
    }
}
