package io.kafkaops.engine.cluster.admin;

import static io.kafkaops.engine.cluster.admin.AdminFutures.addError;

import io.kafkaops.engine.cluster.admin.ReplicaAssignments.PartitionState;
import io.kafkaops.engine.plan.FieldChange;
import io.kafkaops.engine.plan.PlannedChange;
import io.kafkaops.engine.state.ClusterState;
import io.kafkaops.engine.state.CurrentTopic;
import io.kafkaops.model.Plural;
import io.kafkaops.model.Units;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.PartitionReassignment;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Replication-factor changes of existing topics, through replica reassignments that do not hurt production: the
 * copying is throttled ({@link ReplicationThrottle}, the cluster's {@code replicationThrottle}), the throttle is
 * removed when the reassignment ends whatever happens, a decrease keeps the leader and the in-sync replicas, and the
 * wait shows its progress and gives up only when nothing moved for the timeout.
 */
final class TopicReassignments {

    /** The longest pause between two checks of a running reassignment. */
    static final long POLL_MILLIS = 1_000;
    /** How often a running reassignment reports its progress; when a partition finishes, after a second already. */
    static final long PROGRESS_EVERY_MILLIS = 5_000;
    static final long PROGRESS_AFTER_DONE_MILLIS = 1_000;

    private final AdminCalls admin;
    private final AdminFutures futures;
    private final long throttle;
    private final Consumer<String> notices;

    /**
     * @param throttle bytes per second the copying may take per broker
     * @param notices  gets the progress lines while a reassignment runs
     */
    TopicReassignments(AdminCalls admin, AdminFutures futures, long throttle, Consumer<String> notices) {
        this.admin = admin;
        this.futures = futures;
        this.throttle = throttle;
        this.notices = notices;
    }

    /**
     * Replication-factor changes (planned only with allowDestructive): one describeTopics for the leaders and in-sync
     * replicas, the throttle on the brokers and topics involved, one alterPartitionReassignments call for every
     * partition whose replicas change (partitions added by this deploy included: Kafka creates those with the old
     * replication factor), then polls listPartitionReassignments until the controller reports them finished, and
     * removes the throttle. When nothing moves for the timeout, the partitions still moving are cancelled (they keep
     * their old replicas) and the topics fail; the next deploy tries again.
     *
     * @param errors the failures so far by topic; topics in it are left alone, and new failures are added
     * @return the wanted replication factor of each topic whose reassignment finished, for the readiness wait
     */
    Map<String, Integer> reassign(List<PlannedChange> updates, ClusterState current,
                                  Map<String, List<String>> errors) {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        Map<String, Integer> partitions = new LinkedHashMap<>();
        for (PlannedChange c : updates) {
            for (FieldChange f : c.changes()) {
                if (!f.field().equals(FieldChange.REPLICATION_FACTOR) || errors.containsKey(c.name())) continue;
                CurrentTopic cur = current.topics().get(c.name());
                if (cur == null) continue;
                wanted.put(c.name(), Integer.parseInt(f.after()));
                partitions.put(c.name(), Math.max(cur.partitions(), TopicChanges.partitionsAfter(c)));
            }
        }
        if (wanted.isEmpty()) return Map.of();
        Map<String, TopicDescription> live = describe(wanted.keySet());

        Map<TopicPartition, List<Integer>> before = new LinkedHashMap<>();
        Map<TopicPartition, List<Integer>> after = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> w : List.copyOf(wanted.entrySet())) {
            String topic = w.getKey();
            TopicDescription d = live.get(topic);
            List<List<Integer>> replicas = d != null ? replicas(d) : current.topics().get(topic).replicas();
            try {
                List<List<Integer>> target = ReplicaAssignments.target(replicas,
                        Math.max(partitions.get(topic), replicas.size()), w.getValue(), current.brokerIds(),
                        d == null ? List.of() : states(d));
                for (int p = 0; p < target.size(); p++) {
                    List<Integer> now = p < replicas.size() ? replicas.get(p) : List.of();
                    if (now.equals(target.get(p))) continue;
                    TopicPartition tp = new TopicPartition(topic, p);
                    before.put(tp, now);
                    after.put(tp, target.get(p));
                }
            } catch (IllegalArgumentException e) {
                addError(errors, topic, "changing the replication factor: " + e.getMessage());
                wanted.remove(topic);
            }
        }
        if (after.isEmpty()) return wanted;

        ReplicationThrottle throttled = ReplicationThrottle.of(before, after, throttle,
                current.brokerIds());
        String notSet = throttled.set(admin, futures);
        if (notSet != null) {
            String why = "changing the replication factor: " + notSet + "; nothing was moved, since copying the data"
                    + " unthrottled could slow down the cluster (the admin needs AlterConfigs and DescribeConfigs on"
                    + " the cluster)";
            for (String topic : topicsOf(after.keySet())) addError(errors, topic, why);
            // a throttle written to some brokers only is taken back
            String cleanup = throttled.remove(admin, futures);
            if (cleanup != null) for (String topic : topicsOf(after.keySet())) addError(errors, topic, cleanup);
            wanted.keySet().removeIf(errors::containsKey);
            return wanted;
        }
        try {
            if (!throttled.isEmpty()) {
                notices.accept("Replication throttle of " + Units.formatBytes(throttle) + "/s set on brokers "
                        + throttled.brokers().stream().map(String::valueOf).collect(Collectors.joining(", "))
                        + " while " + Plural.of(after.size(), "partition") + " of "
                        + String.join(", ", topicsOf(after.keySet())) + " get their new replicas");
            }
            Set<TopicPartition> pending = start(after, errors);
            awaitDone(pending, before, after, errors);
        } finally {
            String notRemoved = throttled.remove(admin, futures);
            if (notRemoved != null) {
                for (String topic : throttled.topics()) {
                    addError(errors, topic, notRemoved + "; remove " + ReplicationThrottle.LEADER_RATE + " and "
                            + ReplicationThrottle.FOLLOWER_RATE + " from brokers " + throttled.brokers() + " and "
                            + ReplicationThrottle.LEADER_REPLICAS + " and " + ReplicationThrottle.FOLLOWER_REPLICAS
                            + " from the topic with kafka-configs.sh");
                }
            }
        }
        wanted.keySet().removeIf(errors::containsKey);
        return wanted;
    }

    /** The leaders and in-sync replicas now; empty when the cluster does not answer (the plan's replicas are used). */
    private Map<String, TopicDescription> describe(Set<String> topics) {
        Map<String, TopicDescription> out = new TreeMap<>();
        try {
            Map<String, KafkaFuture<TopicDescription>> answers = admin.describeTopics(topics).topicNameValues();
            for (String t : topics) {
                try {
                    out.put(t, answers.get(t).get(futures.timeout().toMillis(), TimeUnit.MILLISECONDS));
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    // this topic's reassignment is planned from the state the plan read
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // planned from the state the plan read
        }
        return out;
    }

    private static List<List<Integer>> replicas(TopicDescription d) {
        return d.partitions().stream().sorted(Comparator.comparingInt(TopicPartitionInfo::partition))
                .map(p -> p.replicas().stream().map(Node::id).toList()).toList();
    }

    private static List<PartitionState> states(TopicDescription d) {
        return d.partitions().stream().sorted(Comparator.comparingInt(TopicPartitionInfo::partition))
                .map(p -> new PartitionState(p.leader() == null || p.leader().isEmpty() ? null : p.leader().id(),
                        p.isr().stream().map(Node::id).collect(Collectors.toSet())))
                .toList();
    }

    /** One alterPartitionReassignments call for all partitions; returns those the controller accepted. */
    private Set<TopicPartition> start(Map<TopicPartition, List<Integer>> after, Map<String, List<String>> errors) {
        Map<TopicPartition, Optional<NewPartitionReassignment>> moves = new LinkedHashMap<>();
        after.forEach((tp, replicas) -> moves.put(tp, Optional.of(new NewPartitionReassignment(replicas))));
        try {
            Map<TopicPartition, KafkaFuture<Void>> answers = admin.alterPartitionReassignments(moves).values();
            for (TopicPartition tp : moves.keySet()) {
                String error = futures.error(answers.get(tp));
                if (error != null) addError(errors, tp.topic(), "changing the replication factor of partition "
                        + tp.partition() + ": " + error);
            }
        } catch (RuntimeException e) {
            for (TopicPartition tp : moves.keySet()) {
                addError(errors, tp.topic(), "changing the replication factor: " + KafkaErrors.message(e));
            }
            return Set.of();
        }
        Set<TopicPartition> pending = new HashSet<>(moves.keySet());
        pending.removeIf(tp -> errors.containsKey(tp.topic()));
        return pending;
    }

    /**
     * Polls until no partition is being reassigned any more, showing progress every few seconds: partitions done and,
     * when the brokers tell their log sizes, bytes copied and the rate. Gives up when nothing moved for the timeout.
     */
    private void awaitDone(Set<TopicPartition> pending, Map<TopicPartition, List<Integer>> before,
                           Map<TopicPartition, List<Integer>> after, Map<String, List<String>> errors) {
        if (pending.isEmpty()) return;
        long seconds = futures.timeout().toSeconds();
        Map<String, Integer> total = new TreeMap<>();
        pending.forEach(tp -> total.merge(tp.topic(), 1, Integer::sum));
        long started = System.nanoTime();
        long lastMove = started;
        long lastLine = started;
        long copiedAtLine = 0;
        long copied = -1;
        long lastMeasure = started;
        // bytes are counted (one describeLogDirs) for each line, and often enough to notice a copy that moves
        long measureEvery = Math.min(TimeUnit.MILLISECONDS.toNanos(PROGRESS_EVERY_MILLIS),
                futures.timeout().toNanos() / 3);
        int doneBefore = 0;
        long backoff = 100;
        String lastError = null;
        boolean interrupted = false;
        while (true) {
            try {
                Map<TopicPartition, PartitionReassignment> running = admin.listPartitionReassignments(pending)
                        .reassignments().get(futures.timeout().toMillis(), TimeUnit.MILLISECONDS);
                pending.retainAll(running.keySet());
                lastError = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                interrupted = true;
                break;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                // a failed check is retried until nothing moved for the timeout
                lastError = e instanceof ExecutionException ? KafkaErrors.message(e)
                        : "no answer within " + seconds + " s";
            }
            if (pending.isEmpty()) break;
            long now = System.nanoTime();
            int done = total.values().stream().mapToInt(Integer::intValue).sum() - pending.size();
            boolean finishedSome = done > doneBefore;
            doneBefore = done;
            if (finishedSome) {
                lastMove = now;
                copied = -1;  // fewer partitions to count: a new baseline
            }
            long sinceLine = now - lastLine;
            boolean lineDue = sinceLine >= TimeUnit.MILLISECONDS.toNanos(PROGRESS_EVERY_MILLIS)
                    || finishedSome && sinceLine >= TimeUnit.MILLISECONDS.toNanos(PROGRESS_AFTER_DONE_MILLIS);
            if (lineDue || now - lastMeasure >= measureEvery) {
                long[] bytes = copied(pending, before, after);
                lastMeasure = now;
                if (bytes != null) {
                    if (bytes[0] > copied) lastMove = now;
                    copied = bytes[0];
                }
                if (lineDue) {
                    notices.accept(progress(total, pending, bytes, copiedAtLine, sinceLine / 1e9));
                    lastLine = now;
                    copiedAtLine = bytes == null ? copiedAtLine : bytes[0];
                }
            }
            if (now - lastMove > futures.timeout().toNanos()) break;
            backoff = pause(backoff);
            if (Thread.currentThread().isInterrupted()) {
                interrupted = true;
                break;
            }
        }
        if (pending.isEmpty()) return;
        if (interrupted) {
            for (String topic : topicsOf(pending)) {
                addError(errors, topic, "interrupted while the replica reassignment was running; it goes on in the"
                        + " cluster without the throttle, and the next plan shows whether it finished");
            }
            return;
        }
        String cancelled = cancel(pending);
        Map<String, Long> unfinished = pending.stream()
                .collect(Collectors.groupingBy(TopicPartition::topic, TreeMap::new, Collectors.counting()));
        String check = lastError == null ? "" : " (last check: " + lastError + ")";
        unfinished.forEach((topic, n) -> addError(errors, topic, "the replica reassignment made no progress for "
                + seconds + " s" + check + "; "
                + (cancelled == null ? "it was cancelled for its " + Plural.of(n.intValue(), "unfinished partition")
                + ", which keep their replicas; run the deploy again, with a longer kafka.timeout or a higher"
                + " replicationThrottle"
                : "cancelling it failed (" + cancelled + "): it goes on in the cluster, and the next plan shows"
                + " whether it finished")));
    }

    /** {@code orders.events: 2 of 6 partitions reassigned, 1.2 MiB of 9 MiB copied (1.2 MiB/s)}, for all topics. */
    static String progress(Map<String, Integer> total, Set<TopicPartition> pending, long[] bytes, long copiedAtLine,
                           double secondsSinceLine) {
        Map<String, Integer> left = new TreeMap<>();
        pending.forEach(tp -> left.merge(tp.topic(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Integer> t : total.entrySet()) {
            int n = t.getValue();
            parts.add(t.getKey() + ": " + (n - left.getOrDefault(t.getKey(), 0)) + " of " + n);
        }
        String shown = parts.size() > 5 ? String.join(", ", parts.subList(0, 5)) + ", ... (" + parts.size()
                + " topics)" : String.join(", ", parts);
        String line = "Replica reassignment running, partitions reassigned: " + shown;
        if (bytes != null) {
            line += "; " + Units.approximateBytes(bytes[0]) + " of " + Units.approximateBytes(bytes[1]) + " copied";
            if (secondsSinceLine > 0 && bytes[0] >= copiedAtLine) {
                line += " (" + Units.approximateBytes((long) ((bytes[0] - copiedAtLine) / secondsSinceLine)) + "/s)";
            }
        }
        return line;
    }

    /**
     * Bytes the new replicas of the pending partitions hold and will hold (the largest log among the old replicas),
     * from one describeLogDirs of the brokers involved; null when the brokers do not tell.
     */
    private long[] copied(Set<TopicPartition> pending, Map<TopicPartition, List<Integer>> before,
                          Map<TopicPartition, List<Integer>> after) {
        Set<Integer> brokers = new TreeSet<>();
        for (TopicPartition tp : pending) {
            brokers.addAll(before.getOrDefault(tp, List.of()));
            brokers.addAll(after.getOrDefault(tp, List.of()));
        }
        if (brokers.isEmpty()) return null;
        Map<Integer, Map<String, LogDirDescription>> dirs;
        try {
            dirs = admin.describeLogDirs(brokers).allDescriptions()
                    .get(Math.min(futures.timeout().toMillis(), 10_000), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            return null;
        }
        long copied = 0;
        long needed = 0;
        for (TopicPartition tp : pending) {
            long source = 0;
            for (Integer b : before.getOrDefault(tp, List.of())) source = Math.max(source, size(dirs, b, tp));
            for (Integer b : after.getOrDefault(tp, List.of())) {
                if (before.getOrDefault(tp, List.of()).contains(b)) continue;
                needed += source;
                copied += Math.min(source, size(dirs, b, tp));
            }
        }
        return new long[] {copied, needed};
    }

    private static long size(Map<Integer, Map<String, LogDirDescription>> dirs, Integer broker, TopicPartition tp) {
        long size = 0;
        for (LogDirDescription d : dirs.getOrDefault(broker, Map.of()).values()) {
            ReplicaInfo info = d.replicaInfos().get(tp);
            if (info != null) size = Math.max(size, info.size());
        }
        return size;
    }

    /** Cancels the reassignment of the partitions (they keep their old replicas); null when done, else why not. */
    private String cancel(Set<TopicPartition> partitions) {
        Map<TopicPartition, Optional<NewPartitionReassignment>> cancel = new LinkedHashMap<>();
        partitions.forEach(tp -> cancel.put(tp, Optional.empty()));
        try {
            Map<TopicPartition, KafkaFuture<Void>> answers = admin.alterPartitionReassignments(cancel).values();
            for (TopicPartition tp : partitions) {
                String error = futures.errorIgnoring(answers.get(tp),
                        org.apache.kafka.common.errors.NoReassignmentInProgressException.class);
                if (error != null) return error;
            }
            return null;
        } catch (RuntimeException e) {
            return KafkaErrors.message(e);
        }
    }

    private static Set<String> topicsOf(Set<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::topic).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Sleeps, then returns the next pause: doubling up to the polling interval. */
    private static long pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Math.min(POLL_MILLIS, millis * 2);
    }
}
