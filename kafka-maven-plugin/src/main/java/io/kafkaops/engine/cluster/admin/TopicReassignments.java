package io.kafkaops.engine.cluster.admin;

import static io.kafkaops.engine.cluster.admin.AdminFutures.addError;

import io.kafkaops.engine.plan.FieldChange;
import io.kafkaops.engine.plan.PlannedChange;
import io.kafkaops.engine.state.ClusterState;
import io.kafkaops.engine.state.CurrentTopic;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.PartitionReassignment;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/** Replication-factor changes of existing topics, through replica reassignments. */
final class TopicReassignments {

    private final AdminCalls admin;
    private final AdminFutures futures;

    TopicReassignments(AdminCalls admin, AdminFutures futures) {
        this.admin = admin;
        this.futures = futures;
    }

    /**
     * Replication-factor changes (planned only with allowDestructive): one alterPartitionReassignments call for every
     * partition of the changed topics, partitions added by this deploy included (Kafka creates those with the old
     * replication factor), then polls listPartitionReassignments until the controller reports them finished.
     *
     * @param errors the failures so far by topic; topics in it are left alone, and new failures are added
     * @return the wanted replication factor of each topic whose reassignment finished, for the readiness wait
     */
    Map<String, Integer> reassign(List<PlannedChange> updates, ClusterState current,
                                  Map<String, List<String>> errors) {
        long seconds = futures.timeout().toSeconds();
        Map<TopicPartition, Optional<NewPartitionReassignment>> moves = new LinkedHashMap<>();
        Map<String, Integer> wanted = new LinkedHashMap<>();
        for (PlannedChange c : updates) {
            for (FieldChange f : c.changes()) {
                if (!f.field().equals(FieldChange.REPLICATION_FACTOR) || errors.containsKey(c.name())) continue;
                CurrentTopic cur = current.topics().get(c.name());
                if (cur == null) continue;
                int rf = Integer.parseInt(f.after());
                try {
                    List<List<Integer>> target = ReplicaAssignments.target(cur.replicas(),
                            Math.max(cur.partitions(), TopicChanges.partitionsAfter(c)), rf, current.brokerIds());
                    for (int p = 0; p < target.size(); p++) {
                        moves.put(new TopicPartition(c.name(), p), Optional.of(new NewPartitionReassignment(target.get(p))));
                    }
                    wanted.put(c.name(), rf);
                } catch (IllegalArgumentException e) {
                    addError(errors, c.name(), "changing the replication factor: " + e.getMessage());
                }
            }
        }
        if (moves.isEmpty()) return Map.of();
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
            return Map.of();
        }
        wanted.keySet().removeIf(errors::containsKey);
        Set<TopicPartition> pending = new HashSet<>(moves.keySet());
        pending.removeIf(tp -> errors.containsKey(tp.topic()));
        long deadline = System.nanoTime() + futures.timeout().toNanos();
        long backoff = 100;
        String lastError = null;
        while (!pending.isEmpty()) {
            try {
                Map<TopicPartition, PartitionReassignment> running = admin.listPartitionReassignments(pending)
                        .reassignments().get(futures.timeout().toMillis(), TimeUnit.MILLISECONDS);
                pending.retainAll(running.keySet());
                lastError = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                lastError = "interrupted";
                break;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                // a failed check is retried until the deadline
                lastError = e instanceof ExecutionException ? KafkaErrors.message(e)
                        : "no answer within " + seconds + " s";
            }
            if (pending.isEmpty() || System.nanoTime() > deadline) break;
            backoff = AdminFutures.pause(backoff);
        }
        Set<String> unfinished = new TreeSet<>();
        pending.forEach(tp -> unfinished.add(tp.topic()));
        for (String topic : unfinished) {
            addError(errors, topic, "the replica reassignment is still running after " + seconds + " s"
                    + (lastError == null ? "" : " (last check: " + lastError + ")")
                    + "; it goes on in the cluster, and the next plan shows whether it finished");
        }
        wanted.keySet().removeAll(unfinished);
        return wanted;
    }
}
