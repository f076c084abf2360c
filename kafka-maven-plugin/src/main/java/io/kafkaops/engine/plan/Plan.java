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
        List<Diagnostic> problems) {

    public static final int FORMAT_VERSION = 1;

    public Plan {
        changes = List.copyOf(changes);
        problems = List.copyOf(problems);
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
