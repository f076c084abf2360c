package io.kafkaops.engine.apply;

import io.kafkaops.engine.plan.Plan;
import io.kafkaops.engine.plan.PlannedChange;
import io.kafkaops.engine.state.ClusterState;
import io.kafkaops.engine.store.CredentialStore;
import java.util.List;

/**
 * How one type of cluster gives service accounts their credentials: the seam a cluster type provides (SCRAM users on
 * Apache Kafka today), while topics, ACLs and ownership records take one code path for every cluster type.
 *
 * <p>Every implementation keeps one promise: a credential is never active on the cluster without being in the store.
 * New secrets go to the store first; when the store refuses one, the cluster is not asked. Failures are reported per
 * entity in the results, never thrown.
 */
public interface CredentialChanges {

    /**
     * Creates or replaces the credentials of the planned CREDENTIAL changes (CREATE and UPDATE): stores each new
     * secret, then sets it on the cluster. Puts one result per change.
     */
    void createOrReplace(Plan plan, List<PlannedChange> changes, ClusterState current, CredentialStore store,
                         ApplyResults results);

    /** Deletes the credentials of the planned CREDENTIAL deletions on the cluster, then from the store. */
    void delete(Plan plan, List<PlannedChange> changes, ClusterState current, CredentialStore store,
                ApplyResults results);

    /** The applied CREDENTIAL changes (creations and deletions) the cluster may not show yet. */
    PendingChanges pending(List<PlannedChange> applied);

    /**
     * Gives existing credentials new secrets: each is stored as a new version first, then set on the cluster, where
     * it replaces the old one. One result per principal, in the order given.
     *
     * @param principals physical user names, each with a credential on the cluster as {@code current} shows
     */
    List<EntityResult> rotate(String stage, String team, List<String> principals, ClusterState current,
                              CredentialStore store);
}
