package io.kafkaops.engine.cluster.admin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Where the replicas of a topic go when its replication factor changes. */
final class ReplicaAssignments {

    private ReplicaAssignments() {
    }

    /** {@link #target(List, int, int, List)} for a topic whose partition count stays as it is. */
    static List<List<Integer>> target(List<List<Integer>> current, int replicationFactor, List<Integer> brokers) {
        return target(current, current.size(), replicationFactor, brokers);
    }

    /** {@link #target(List, int, int, List, List)} when nothing is known about the replicas' state. */
    static List<List<Integer>> target(List<List<Integer>> current, int partitions, int replicationFactor,
                                      List<Integer> brokers) {
        return target(current, partitions, replicationFactor, brokers, List.of());
    }

    /**
     * New replica lists for every partition. Shrinking keeps the leader and the in-sync replicas first, dropping
     * out-of-sync ones before any in-sync one, and otherwise the first replicas (the preferred leader stays), so no
     * data moves and no partition loses a copy that is up to date while a stale one stays; the kept replicas keep
     * their order. Growing adds the brokers that hold the fewest replicas of the topic so far, so load spreads evenly.
     *
     * @param current    the replicas of each partition, preferred leader first
     * @param partitions the partition count, at least {@code current.size()}: partitions added in the same deploy are
     *                   created with the old replication factor, so they are given replica lists as well (all chosen
     *                   by load, as if they had none yet)
     * @param states     the leader and in-sync replicas of each partition, by partition number; missing or shorter
     *                   lists mean unknown (every replica then counts as in sync)
     * @throws IllegalArgumentException when the cluster has fewer brokers than the replication factor
     */
    static List<List<Integer>> target(List<List<Integer>> current, int partitions, int replicationFactor,
                                      List<Integer> brokers, List<PartitionState> states) {
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
            PartitionState state = p < states.size() ? states.get(p) : null;
            List<Integer> next = new ArrayList<>(keep(replicas, replicationFactor, state));
            for (Integer r : replicas) {
                if (!next.contains(r)) load.merge(r, -1, Integer::sum);
            }
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

    /**
     * The replicas a partition keeps when it may have at most {@code count}: the leader first, then the in-sync
     * replicas, then the others, each group in list order; returned in the order of {@code replicas}.
     */
    static List<Integer> keep(List<Integer> replicas, int count, PartitionState state) {
        if (replicas.size() <= count) return replicas;
        List<Integer> byRank = new ArrayList<>(replicas);
        byRank.sort(Comparator.comparingInt(r -> rank(r, state)));  // stable: list order within a rank
        Set<Integer> kept = new HashSet<>(byRank.subList(0, count));
        return replicas.stream().filter(kept::contains).toList();
    }

    private static int rank(Integer replica, PartitionState state) {
        if (state == null) return 1;
        if (replica.equals(state.leader())) return 0;
        return state.inSync().contains(replica) ? 1 : 2;
    }

    /**
     * What the cluster says about one partition's replicas.
     *
     * @param leader the leader's broker id; null when the partition has none
     * @param inSync the in-sync replicas
     */
    record PartitionState(Integer leader, Set<Integer> inSync) {
        PartitionState {
            inSync = Set.copyOf(inSync);
        }
    }
}
