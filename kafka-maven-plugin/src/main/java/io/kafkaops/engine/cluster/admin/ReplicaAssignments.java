package io.kafkaops.engine.cluster.admin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Where the replicas of a topic go when its replication factor changes. */
final class ReplicaAssignments {

    private ReplicaAssignments() {
    }

    /** {@link #target(List, int, int, List)} for a topic whose partition count stays as it is. */
    static List<List<Integer>> target(List<List<Integer>> current, int replicationFactor, List<Integer> brokers) {
        return target(current, current.size(), replicationFactor, brokers);
    }

    /**
     * New replica lists for every partition. Shrinking keeps the first replicas (the preferred leader stays);
     * growing adds the brokers that hold the fewest replicas of the topic so far, so load spreads evenly.
     *
     * @param current    the replicas of each partition, preferred leader first
     * @param partitions the partition count, at least {@code current.size()}: partitions added in the same deploy are
     *                   created with the old replication factor, so they are given replica lists as well (all chosen
     *                   by load, as if they had none yet)
     * @throws IllegalArgumentException when the cluster has fewer brokers than the replication factor
     */
    static List<List<Integer>> target(List<List<Integer>> current, int partitions, int replicationFactor,
                                      List<Integer> brokers) {
        if (replicationFactor < 1) throw new IllegalArgumentException("replication factor must be at least 1");
        if (replicationFactor > brokers.size()) {
            throw new IllegalArgumentException("replication factor " + replicationFactor + " needs at least "
                    + replicationFactor + " brokers; the cluster has " + brokers.size());
        }
        if (partitions < current.size()) {
            throw new IllegalArgumentException("the topic has " + current.size() + " partitions, not " + partitions);
        }
        Map<Integer, Integer> load = new HashMap<>();
        for (Integer b : brokers) load.put(b, 0);
        for (List<Integer> replicas : current) {
            for (Integer r : replicas) load.merge(r, 1, Integer::sum);
        }
        List<List<Integer>> out = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            List<Integer> replicas = p < current.size() ? current.get(p) : List.of();
            List<Integer> next = new ArrayList<>(replicas.subList(0, Math.min(replicas.size(), replicationFactor)));
            for (int i = replicationFactor; i < replicas.size(); i++) load.merge(replicas.get(i), -1, Integer::sum);
            while (next.size() < replicationFactor) {
                Integer pick = brokers.stream()
                        .filter(b -> !next.contains(b))
                        .min(Comparator.comparing((Integer b) -> load.getOrDefault(b, 0)).thenComparing(b -> b))
                        .orElseThrow();
                next.add(pick);
                load.merge(pick, 1, Integer::sum);
            }
            out.add(List.copyOf(next));
        }
        return out;
    }
}
