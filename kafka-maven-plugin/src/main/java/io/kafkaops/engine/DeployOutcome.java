package io.kafkaops.engine;

import io.kafkaops.engine.apply.EntityResult;
import io.kafkaops.engine.plan.Plan;
import io.kafkaops.engine.plan.PlanLine;
import java.nio.file.Path;
import java.util.List;

/**
 * The result of {@link StageEngine#deploy}.
 *
 * @param results  one per actionable change of the plan
 * @param complete whether every change was applied; when false, running the deploy again completes it
 * @param summary  {@code Deploy to stage test: 3 created, 1 updated, 0 deleted} (+ failed/skipped counts)
 * @param lines    one line per result for the console
 * @param debugSessions one line per open debug session of the stage, per expired one this deploy ended, per notice
 */
public record DeployOutcome(
        Plan plan,
        List<EntityResult> results,
        Path deployJson,
        boolean complete,
        String summary,
        List<PlanLine> lines,
        int adminRoundTrips,
        List<String> debugSessions) {

    public DeployOutcome {
        results = List.copyOf(results);
        lines = List.copyOf(lines);
        debugSessions = debugSessions == null ? List.of() : List.copyOf(debugSessions);
    }
}
