package io.kafkaops.engine.cluster.admin;

import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** The bounded wait until created or changed topics are usable: every partition has a leader. */
final class TopicReadiness {

    private final AdminCalls admin;
    private final AdminFutures futures;

    TopicReadiness(AdminCalls admin, AdminFutures futures) {
        this.admin = admin;
        this.futures = futures;
    }

    /**
     * Polls until every partition of the topics has a leader (and the expected number of partitions exists); for the
     * topics whose replication factor changed, also until every partition shows exactly that many replicas, all in
     * sync, so that the next plan (which may ask another broker) sees the change done.
     *
     * @param expected           the number of partitions each topic should have
     * @param replicationFactors the wanted replication factor of the topics whose replicas were reassigned
     * @return the topics that are not ready by the deadline, with the reason
     */
    Map<String, String> await(Map<String, Integer> expected, Map<String, Integer> replicationFactors) {
        long timeoutMillis = futures.timeout().toMillis();
        long seconds = futures.timeout().toSeconds();
        Map<String, String> pending = new TreeMap<>();
        expected.keySet().forEach(n -> pending.put(n, "not described yet"));
        long deadline = System.nanoTime() + futures.timeout().toNanos();
        long backoff = 50;
        while (true) {
            Map<String, KafkaFuture<TopicDescription>> answers;
            try {
                answers = admin.describeTopics(pending.keySet()).topicNameValues();
            } catch (RuntimeException e) {
                answers = Map.of();
            }
            for (String name : new ArrayList<>(pending.keySet())) {
                KafkaFuture<TopicDescription> f = answers.get(name);
                if (f == null) continue;
                try {
                    TopicDescription d = f.get(timeoutMillis, TimeUnit.MILLISECONDS);
                    long leaderless = d.partitions().stream().filter(p -> !hasLeader(p)).count();
                    int missing = expected.get(name) - d.partitions().size();
                    Integer rf = replicationFactors.get(name);
                    long unreplicated = rf == null ? 0 : d.partitions().stream()
                            .filter(p -> p.replicas().size() != rf || p.isr().size() != rf).count();
                    if (leaderless == 0 && missing <= 0 && unreplicated == 0) {
                        pending.remove(name);
                    } else if (leaderless == 0 && missing <= 0) {
                        pending.put(name, "reassigned, but " + unreplicated + " partitions do not show " + rf
                                + " in-sync replicas after " + seconds + " s; the next plan shows"
                                + " whether they arrived");
                    } else {
                        pending.put(name, "created, but " + (leaderless + Math.max(0, missing))
                                + " partitions have no leader after " + seconds + " s; the next deploy"
                                + " checks again");
                    }
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        pending.put(name, "cannot check readiness: " + KafkaErrors.message(e));
                    }
                } catch (java.util.concurrent.TimeoutException e) {
                    pending.put(name, "cannot check readiness within " + seconds + " s");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return pending;
                }
            }
            if (pending.isEmpty() || System.nanoTime() > deadline) return pending;
            backoff = AdminFutures.pause(backoff);
        }
    }

    private static boolean hasLeader(TopicPartitionInfo p) {
        return p.leader() != null && !p.leader().isEmpty();
    }
}
