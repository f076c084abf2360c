package io.kafkaops.engine;

import io.kafkaops.engine.cluster.ClusterException;
import io.kafkaops.engine.cluster.ClusterSession;
import io.kafkaops.engine.plan.Plan;
import io.kafkaops.engine.plan.PlanRefusedException;
import io.kafkaops.model.platform.Cluster;
import io.kafkaops.model.platform.Stage;
import java.nio.file.Path;

/**
 * Which cluster a session reached. A bootstrap address that points at prod from a test pipeline must not deploy there:
 * the platform definition may pin each cluster's id, and every goal that reads or changes a cluster asks for the id
 * first (one Admin call) and refuses any other, before it reads anything else.
 */
public final class ClusterIdentity {

    private ClusterIdentity() {
    }

    /**
     * Reads the cluster's id and checks it against the id the platform definition pins, if any.
     *
     * @param cluster the stage's cluster in the platform definition; null when it has none (nothing to check)
     * @return the id the cluster answered with; null when this kind of cluster cannot tell and none is pinned
     * @throws ClusterException when the cluster has another id than the pinned one, or cannot tell its id while one is
     *                          pinned; nothing was read or changed
     */
    public static String verify(ClusterSession session, Cluster cluster, Stage stage, String bootstrapServers,
                         String platformSource) throws ClusterException {
        String seen = session.clusterId();
        String pinned = cluster == null ? null : cluster.clusterId();
        if (pinned == null || pinned.equals(seen)) return seen;
        String where = "clusterId of cluster " + cluster.name() + " in " + (cluster.location() != null
                ? cluster.location().toString() : platformSource);
        if (seen == null) {
            throw new ClusterException("Stage " + stage.name() + " is pinned to the cluster with id " + pinned + " ("
                    + where + "), but the cluster at " + bootstrapServers + " does not tell its id, so it cannot be"
                    + " checked. Nothing was read or changed. Remove the clusterId for a cluster of this type.");
        }
        throw new ClusterException("Wrong cluster for stage " + stage.name() + ": the cluster at " + bootstrapServers
                + " has id " + seen + ", but the platform definition pins cluster " + cluster.name() + " to id "
                + pinned + " (" + where + "). Nothing was read or changed. Check the bootstrap servers of cluster "
                + cluster.name() + " (and where the pipeline takes them from); if the cluster was rebuilt and " + seen
                + " is right, change the clusterId in the platform definition.");
    }

    /** Refuses a saved plan made on another cluster than the one the deploy reached. */
    static void checkSaved(Plan saved, Path file, String seen, Stage stage, String bootstrapServers)
            throws PlanRefusedException {
        if (saved.clusterId() == null || saved.clusterId().equals(seen)) return;
        throw new PlanRefusedException("The plan file " + file + " was made on the cluster with id "
                + saved.clusterId() + ", but the cluster of stage " + stage.name() + " at " + bootstrapServers
                + " has id " + (seen == null ? "(unknown)" : seen) + ": a reviewed plan is applied only on the cluster"
                + " it was made on. Nothing was deployed; check the bootstrap servers, or run kafka:plan against this"
                + " cluster and review the new plan.");
    }

    /** The line a plan shows when the platform definition does not pin the cluster's id; null when it does. */
    static String note(Cluster cluster, String seen) {
        if (seen == null || cluster != null && cluster.clusterId() != null) return null;
        return "Cluster id " + seen + (cluster == null ? "" : " (cluster " + cluster.name()
                + (cluster.isEmbedded() ? ", embedded" : ", not pinned: add clusterId: " + seen
                + " to it in the platform definition to refuse any other cluster") + ")");
    }
}
