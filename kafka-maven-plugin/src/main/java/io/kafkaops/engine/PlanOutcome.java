package io.kafkaops.engine;

import io.kafkaops.engine.plan.Plan;
import io.kafkaops.engine.plan.PlanLine;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.Severity;
import io.kafkaops.policy.KnownTopic;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The result of {@link StageEngine#plan}.
 *
 * @param problems        conflicts, partition decreases and unsafe changes without opt-in (ERROR), unmanaged
 *                        entities (WARN, or INFO for ACLs), entities kept because deletes are off (INFO)
 * @param lines           the plan for the console
 * @param summary         {@code Plan for stage test: 3 to create, 1 to update, 0 to delete}
 * @param adminRoundTrips Admin calls the plan needed; constant whatever the number of entities
 * @param knownTopics     topics other repositories own on this stage, by logical name, for the topicVisibility policy
 * @param clusterNote     one line naming the id of the cluster when the platform definition does not pin it; null
 *                        when it does
 * @param debugSessions   one line per open debug session of the stage, per expired one this plan ended, per notice
 */
public record PlanOutcome(
        Plan plan,
        List<Diagnostic> problems,
        List<PlanLine> lines,
        String summary,
        Path planJson,
        Path planMd,
        int adminRoundTrips,
        Map<String, KnownTopic> knownTopics,
        String clusterNote,
        List<String> debugSessions) {

    public PlanOutcome {
        problems = List.copyOf(problems);
        lines = List.copyOf(lines);
        debugSessions = debugSessions == null ? List.of() : List.copyOf(debugSessions);
        knownTopics = knownTopics == null ? Map.of() : Map.copyOf(knownTopics);
    }

    /** Without a cluster note and without debug sessions. */
    public PlanOutcome(Plan plan, List<Diagnostic> problems, List<PlanLine> lines, String summary, Path planJson,
                       Path planMd, int adminRoundTrips, Map<String, KnownTopic> knownTopics) {
        this(plan, problems, lines, summary, planJson, planMd, adminRoundTrips, knownTopics, null, List.of());
    }

    public boolean hasChanges() {
        return plan.hasChanges();
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }
}
