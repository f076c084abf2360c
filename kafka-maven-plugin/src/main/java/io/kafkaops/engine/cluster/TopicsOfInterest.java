package io.kafkaops.engine.cluster;

import io.kafkaops.engine.ownership.OwnershipRecord;
import java.util.Map;
import java.util.Set;

/**
 * Which topics a read describes: those the repository declares or owns. The others are never described, so their
 * number costs nothing. Asked twice per read: first with no records, for the topics known before the ownership
 * records (so the broker answers while those are read), then with the stage's ownership records.
 */
@FunctionalInterface
public interface TopicsOfInterest {

    /** @param owners the stage's ownership records by key; empty on the first call */
    Set<String> select(Map<String, OwnershipRecord> owners);

    /**
     * {@link #select(Map)} with the names of every topic the cluster has, for a read that wants topics by name pattern
     * (an import of a team's prefixes) rather than by declaration; the default ignores them.
     */
    default Set<String> select(Map<String, OwnershipRecord> owners, Set<String> existing) {
        return select(owners);
    }

    /**
     * Whether the read must list every topic of the cluster for {@link #select(Map, Set)}. Otherwise (the default) it
     * describes the selected topics by name and takes the missing ones for absent: a listing returns every topic of
     * the cluster, which took 70 ms at 10,000 topics and grows with the cluster, not with the repository.
     */
    default boolean byName() {
        return false;
    }
}
