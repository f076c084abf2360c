package io.kafkaops.engine.cluster;

import io.kafkaops.engine.apply.EntityResult;
import io.kafkaops.engine.plan.Plan;
import io.kafkaops.engine.state.ClusterState;
import io.kafkaops.engine.state.ReadScope;
import io.kafkaops.engine.store.CredentialStore;
import java.util.List;

/**
 * An open connection to one stage's cluster: reads the current state with a constant number of round trips and
 * applies plans. The Apache Kafka implementation is {@link io.kafkaops.engine.cluster.admin.KafkaClusterSessions}.
 */
public interface ClusterSession extends AutoCloseable {

    /**
     * The id of the cluster, read with one call before anything else, so that a plan or deploy can refuse a cluster
     * other than the one the platform definition pins; null when this kind of cluster cannot tell. Asked again, it
     * answers from the first call.
     */
    default String clusterId() throws ClusterException {
        return null;
    }

    /**
     * Reads what the plan needs.
     *
     * @param topicsOfInterest the topics to describe (those the repo declares or owns)
     */
    ClusterState read(ReadScope scope, TopicsOfInterest topicsOfInterest) throws ClusterException;

    /**
     * Applies the actionable changes of a plan made against {@code current}, in dependency order, and records
     * ownership. Failures are reported per entity, never thrown, so a half-failed deploy says what was applied.
     *
     * @throws ClusterException only when nothing could be applied at all (cluster gone, ownership topic unusable)
     */
    List<EntityResult> apply(Plan plan, ClusterState current, CredentialStore store) throws ClusterException;

    /**
     * Gives existing SCRAM users new passwords: each is stored as a new version in the store first, then set on the
     * cluster, replacing the old one. Failures are reported per user, never thrown.
     *
     * @param principals physical user names, each with a credential on the cluster as {@code current} shows
     * @throws ClusterException when this kind of cluster cannot rotate credentials
     */
    default List<EntityResult> rotateCredentials(String stage, String team, List<String> principals,
                                                 ClusterState current, CredentialStore store) throws ClusterException {
        throw new ClusterException("Rotating credentials is not supported on the cluster of stage " + stage);
    }

    /**
     * Takes the lease of one repository's deploys to one stage, so that two of them never overlap: waits up to
     * {@code wait} while another deploy of the same repository to the same stage holds it. Cluster types without
     * leases hold nothing.
     *
     * @throws ClusterException when the other deploy still holds it after {@code wait} (the message names it: holder,
     *                          host, since when), or the lease cannot be written; nothing was changed
     */
    default DeployLease acquireLease(String stage, String repository, java.time.Duration wait)
            throws ClusterException {
        return DeployLease.NONE;
    }

    /**
     * {@link #acquireLease(String, String, java.time.Duration)} for the stage of a read scope: the session reads only
     * that stage's records from then on, the lease's read included.
     */
    default DeployLease acquireLease(ReadScope scope, String repository, java.time.Duration wait)
            throws ClusterException {
        return acquireLease(scope.stage(), repository, wait);
    }

    /**
     * From now on, reads only the ownership records of this stage (every lease and debug session record still): called
     * right after the session opens, so that the first read, whichever step makes it (the sweep of debug sessions, the
     * lease, the state), starts at the stage's snapshot rather than at the beginning of the ownership topic. Cluster
     * types without such records do nothing.
     */
    default void scope(ReadScope scope) {
    }

    /**
     * At the end of a deploy: brings the cluster's index of the stage's ownership records up to date when it is due,
     * so that later reads of the stage stay short. Never fails the deploy; cluster types without one do nothing.
     */
    default void refreshIndex() {
    }

    /**
     * The debug sessions of this cluster: their records and credentials.
     *
     * @throws ClusterException when this kind of cluster has no debug sessions (yet)
     */
    default io.kafkaops.engine.debug.SessionCluster debugSessions() throws ClusterException {
        throw new ClusterException("Debug sessions are not supported on this kind of cluster");
    }

    /** Admin calls made so far on this session. */
    int roundTrips();

    /**
     * Requests made so far by kind, for the deploy report: empty unless the cluster type makes requests besides Admin
     * calls (Confluent Cloud's IAM API: {@code confluentCloudRequests}, {@code confluentCloudRetries},
     * {@code confluentCloudRateLimited}, with {@code adminCalls}).
     */
    default java.util.Map<String, Integer> requestCounts() {
        return java.util.Map.of();
    }

    @Override
    void close();
}
