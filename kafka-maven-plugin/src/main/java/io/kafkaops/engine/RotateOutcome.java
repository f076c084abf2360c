package io.kafkaops.engine;

import io.kafkaops.engine.apply.EntityResult;
import io.kafkaops.engine.plan.PlanLine;
import java.nio.file.Path;
import java.util.List;

/**
 * The result of {@link StageEngine#rotate}.
 *
 * @param results    one per service account, in the order they were named; kind CREDENTIAL, action UPDATE
 * @param rotateJson the report written ({@code <outputDir>/<stage>/rotate.json})
 * @param complete   whether every credential was rotated; when false, running the rotation again finishes it
 * @param summary    {@code Rotated 2 credentials on stage test} (or how many failed)
 * @param lines      one line per service account for the console; never a secret
 */
public record RotateOutcome(
        List<EntityResult> results,
        Path rotateJson,
        boolean complete,
        String summary,
        List<PlanLine> lines,
        int adminRoundTrips) {

    public RotateOutcome {
        results = List.copyOf(results);
        lines = List.copyOf(lines);
    }
}
