package io.kafkaops.engine.state;

import io.kafkaops.engine.desired.AclSpec;
import io.kafkaops.engine.ownership.OwnershipRecord;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What one stage's cluster has, as far as one plan needs it: read with a constant number of Admin calls.
 *
 * @param topics                topics of interest (declared or owned by the repo) that exist, by physical name
 * @param acls                  every ACL binding whose principal is in the stage's scope
 * @param scramUsers            SCRAM users in the stage's scope and their mechanisms
 * @param ownership             ownership records in the stage's scope, by key
 * @param ownershipTopicExists  whether the cluster has the ownership topic yet
 * @param brokerIds             ids of the live brokers
 */
public record ClusterState(
        Map<String, CurrentTopic> topics,
        List<AclSpec> acls,
        Map<String, Set<String>> scramUsers,
        Map<String, OwnershipRecord> ownership,
        boolean ownershipTopicExists,
        List<Integer> brokerIds) {

    public ClusterState {
        topics = java.util.Collections.unmodifiableMap(new TreeMap<>(topics));
        // each key built once: sorting with AclSpec.ORDER builds two per comparison, a million for 25,000 bindings
        acls = acls.stream().map(a -> Map.entry(a.key(), a)).sorted(Map.Entry.comparingByKey())
                .map(Map.Entry::getValue).toList();
        scramUsers = java.util.Collections.unmodifiableMap(new TreeMap<>(scramUsers.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue())))));
        ownership = java.util.Collections.unmodifiableMap(new TreeMap<>(ownership));
        brokerIds = List.copyOf(brokerIds);
    }

    public static ClusterState empty() {
        return new ClusterState(Map.of(), List.of(), Map.of(), Map.of(), false, List.of());
    }

    /** The bindings' keys. */
    public Set<String> aclKeys() {
        Set<String> keys = new HashSet<>(acls.size() * 4 / 3 + 1);
        for (AclSpec a : acls) keys.add(a.key());
        return keys;
    }
}
