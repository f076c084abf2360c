package io.kafkaops.engine.plan;

import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.Severity;
import java.util.List;

/**
 * The changes one repo needs on one stage, computed from the declared and the current state. Saved as
 * {@code plan.json} and applied by a later deploy only while the cluster still has the state it was made from
 * ({@link #stateFingerprint()}).
 *
 * @param formatVersion    version of the plan.json layout
 * @param stagePrefix      the stage's name prefix when the plan was made
 * @param createdAt        ISO-8601 instant
 * @param stateFingerprint SHA-256 of the current state of every entity in the plan, see {@link StateFingerprint}
 * @param changes          one entry per entity, UNCHANGED ones included, ordered by kind then name
 * @param problems         conflicts, unsafe changes, unmanaged entities; any ERROR blocks a deploy
 * @param clusterId        the id of the cluster the plan was made on; a saved plan is applied only on that cluster.
 *                         Null in a plan not yet read from a cluster, or saved by an older plugin
 */
public record Plan(
        int formatVersion,
        String stage,
        String stagePrefix,
        String repository,
        String team,
        String createdAt,
        String stateFingerprint,
        List<PlannedChange> changes,
        List<Diagnostic> problems,
        String clusterId) {

    public static final int FORMAT_VERSION = 1;

    public Plan {
        changes = List.copyOf(changes);
        problems = List.copyOf(problems);
    }

    /** A plan that does not know its cluster's id yet. */
    public Plan(int formatVersion, String stage, String stagePrefix, String repository, String team, String createdAt,
                String stateFingerprint, List<PlannedChange> changes, List<Diagnostic> problems) {
        this(formatVersion, stage, stagePrefix, repository, team, createdAt, stateFingerprint, changes, problems, null);
    }

    /** This plan, made on the cluster with the given id. */
    public Plan withClusterId(String id) {
        return new Plan(formatVersion, stage, stagePrefix, repository, team, createdAt, stateFingerprint, changes,
                problems, id);
    }

    public PlanSummary summary() {
        return PlanSummary.of(changes);
    }

    public boolean hasChanges() {
        return summary().hasChanges();
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }

    /** The changes a deploy applies. */
    public List<PlannedChange> actionable() {
        return changes.stream().filter(c -> c.action().actionable()).toList();
    }
}
