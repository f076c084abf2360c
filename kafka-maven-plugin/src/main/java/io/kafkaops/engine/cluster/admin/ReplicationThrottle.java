package io.kafkaops.engine.cluster.admin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;

/**
 * The replication throttle around one batch of replica reassignments, the way Kafka's own reassignment tool sets it:
 * a rate ({@code leader/follower.replication.throttled.rate}, bytes per second) as a dynamic config of every broker
 * that holds or receives a moving replica, and on each moving topic the replicas it applies to
 * ({@code leader.replication.throttled.replicas}: the replicas the data is copied from;
 * {@code follower.replication.throttled.replicas}: the replicas being added). Replication of everything else is not
 * slowed. {@link #set} reads the dynamic values these keys had (one describeConfigs) and writes the throttle (one
 * incrementalAlterConfigs); {@link #remove} puts the earlier values back or deletes the keys (one more). Partitions
 * that only lose replicas copy nothing and get no throttle.
 */
final class ReplicationThrottle {

    static final String LEADER_RATE = "leader.replication.throttled.rate";
    static final String FOLLOWER_RATE = "follower.replication.throttled.rate";
    static final String LEADER_REPLICAS = "leader.replication.throttled.replicas";
    static final String FOLLOWER_REPLICAS = "follower.replication.throttled.replicas";

    private final long rate;
    private final Set<Integer> brokers;
    private final Map<String, String> leaderReplicas;
    private final Map<String, String> followerReplicas;
    /** The dynamic values the throttle keys had before {@link #set}, by resource; a key absent had none. */
    private Map<ConfigResource, Map<String, String>> previous;

    private ReplicationThrottle(long rate, Set<Integer> brokers, Map<String, String> leaderReplicas,
                                Map<String, String> followerReplicas) {
        this.rate = rate;
        this.brokers = brokers;
        this.leaderReplicas = leaderReplicas;
        this.followerReplicas = followerReplicas;
    }

    /**
     * The throttle for moving the partitions from their replicas to their targets.
     *
     * @param before the replicas of each moving partition now
     * @param after  the replicas each moving partition gets
     * @param rate   bytes per second, per broker and direction
     * @param live   the brokers that are up; a broker config can only be set on those (a replica on a broker that is
     *               down copies nothing). Empty: all
     */
    static ReplicationThrottle of(Map<TopicPartition, List<Integer>> before, Map<TopicPartition, List<Integer>> after,
                                  long rate, Collection<Integer> live) {
        Set<Integer> brokers = new TreeSet<>();
        Map<String, List<String>> leaders = new TreeMap<>();
        Map<String, List<String>> followers = new TreeMap<>();
        for (Map.Entry<TopicPartition, List<Integer>> e : after.entrySet()) {
            TopicPartition tp = e.getKey();
            List<Integer> from = before.getOrDefault(tp, List.of());
            List<Integer> incoming = e.getValue().stream().filter(b -> !from.contains(b)).toList();
            if (incoming.isEmpty()) continue;
            brokers.addAll(from);
            brokers.addAll(e.getValue());
            for (Integer b : from) leaders.computeIfAbsent(tp.topic(), k -> new ArrayList<>()).add(tp.partition() + ":" + b);
            for (Integer b : incoming) followers.computeIfAbsent(tp.topic(), k -> new ArrayList<>()).add(tp.partition() + ":" + b);
        }
        if (!live.isEmpty()) brokers.retainAll(live);
        Map<String, String> leaderReplicas = new TreeMap<>();
        leaders.forEach((t, l) -> leaderReplicas.put(t, String.join(",", l)));
        Map<String, String> followerReplicas = new TreeMap<>();
        followers.forEach((t, l) -> followerReplicas.put(t, String.join(",", l)));
        return new ReplicationThrottle(rate, brokers, leaderReplicas, followerReplicas);
    }

    boolean isEmpty() {
        return followerReplicas.isEmpty();
    }

    Set<Integer> brokers() {
        return brokers;
    }

    /** The topics with throttled replicas. */
    Set<String> topics() {
        return followerReplicas.keySet();
    }

    /** The values to set, by resource, in the order they are written. */
    Map<ConfigResource, Map<String, String>> values() {
        Map<ConfigResource, Map<String, String>> out = new LinkedHashMap<>();
        String r = Long.toString(rate);
        for (Integer b : brokers) {
            out.put(new ConfigResource(ConfigResource.Type.BROKER, b.toString()), Map.of(LEADER_RATE, r,
                    FOLLOWER_RATE, r));
        }
        for (String topic : followerReplicas.keySet()) {
            out.put(new ConfigResource(ConfigResource.Type.TOPIC, topic), Map.of(
                    LEADER_REPLICAS, leaderReplicas.getOrDefault(topic, ""),
                    FOLLOWER_REPLICAS, followerReplicas.get(topic)));
        }
        return out;
    }

    /**
     * Remembers the throttle keys' dynamic values, then sets the throttle.
     *
     * @return null when it is set, else why not (then nothing of it is in force, or {@link #remove} clears what is)
     */
    String set(AdminCalls admin, AdminFutures futures) {
        if (isEmpty()) return null;
        Map<ConfigResource, Map<String, String>> values = values();
        try {
            Map<ConfigResource, KafkaFuture<Config>> described = admin.describeConfigs(values.keySet()).values();
            Map<ConfigResource, Map<String, String>> before = new LinkedHashMap<>();
            for (ConfigResource res : values.keySet()) {
                Config config = described.get(res).get(futures.timeout().toMillis(), TimeUnit.MILLISECONDS);
                Map<String, String> dynamic = new TreeMap<>();
                for (ConfigEntry entry : config.entries()) {
                    if (values.get(res).containsKey(entry.name()) && entry.value() != null
                            && (entry.source() == ConfigEntry.ConfigSource.DYNAMIC_BROKER_CONFIG
                            || entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG)) {
                        dynamic.put(entry.name(), entry.value());
                    }
                }
                before.put(res, dynamic);
            }
            previous = before;
        } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            return "cannot read the brokers' replication throttle (" + KafkaErrors.message(e) + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        Map<ConfigResource, Collection<AlterConfigOp>> ops = new LinkedHashMap<>();
        values.forEach((res, kv) -> ops.put(res, kv.entrySet().stream()
                .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                .toList()));
        return alter(admin, futures, ops, "cannot set the replication throttle");
    }

    /**
     * Puts back the values the throttle keys had before {@link #set}, or deletes them; a no-op when nothing was set.
     *
     * @return null when done, else why not
     */
    String remove(AdminCalls admin, AdminFutures futures) {
        if (isEmpty() || previous == null) return null;
        // an interrupted deploy still takes its throttle back: the wait for the answer must not end at once
        boolean interrupted = Thread.interrupted();
        try {
            return restore(admin, futures);
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    private String restore(AdminCalls admin, AdminFutures futures) {
        Map<ConfigResource, Collection<AlterConfigOp>> ops = new LinkedHashMap<>();
        values().forEach((res, kv) -> {
            Map<String, String> before = previous.getOrDefault(res, Map.of());
            ops.put(res, kv.keySet().stream().sorted().map(key -> before.containsKey(key)
                    ? new AlterConfigOp(new ConfigEntry(key, before.get(key)), AlterConfigOp.OpType.SET)
                    : new AlterConfigOp(new ConfigEntry(key, null), AlterConfigOp.OpType.DELETE)).toList());
        });
        String error = alter(admin, futures, ops, "cannot remove the replication throttle");
        if (error == null) previous = null;
        return error;
    }

    private static String alter(AdminCalls admin, AdminFutures futures,
                                Map<ConfigResource, Collection<AlterConfigOp>> ops, String what) {
        Map<ConfigResource, KafkaFuture<Void>> answers;
        try {
            answers = admin.incrementalAlterConfigs(ops).values();
        } catch (RuntimeException e) {
            return what + " (" + KafkaErrors.message(e) + ")";
        }
        List<String> errors = new ArrayList<>();
        for (ConfigResource res : ops.keySet()) {
            String error = futures.error(answers.get(res));
            if (error != null) {
                errors.add((res.type() == ConfigResource.Type.BROKER ? "broker " : "topic ") + res.name() + ": "
                        + error);
            }
        }
        return errors.isEmpty() ? null : what + " (" + String.join("; ", errors) + ")";
    }
}
