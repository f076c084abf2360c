package io.kafkaops.engine;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * An open connection to one stage's cluster: reads the current state with a constant number of round trips and
 * applies plans. The Apache Kafka implementation is {@link io.kafkaops.engine.kafka.KafkaClusterSessions}.
 */
public interface ClusterSession extends AutoCloseable {

    /**
     * Reads what the plan needs.
     *
     * @param topicsOfInterest given the stage's ownership records, the topics to describe (those the repo declares
     *                         or owns); the others are never described, so their number costs nothing
     */
    ClusterState read(ReadScope scope, Function<Map<String, OwnershipRecord>, Set<String>> topicsOfInterest)
            throws ClusterException;

    /**
     * Applies the actionable changes of a plan made against {@code current}, in dependency order, and records
     * ownership. Failures are reported per entity, never thrown, so a half-failed deploy says what was applied.
     *
     * @throws ClusterException only when nothing could be applied at all (cluster gone, ownership topic unusable)
     */
    List<EntityResult> apply(Plan plan, ClusterState current, CredentialStore store) throws ClusterException;

    /** Admin calls made so far on this session. */
    int roundTrips();

    @Override
    void close();
}
