package io.kafkaops.engine;

import io.kafkaops.engine.debug.DebugSession;
import java.util.List;

/**
 * The result of {@link StageEngine#startDebug}.
 *
 * @param session  the started session (its record; never the secret)
 * @param howToUse what to tell the developer: where the client settings are and how to use them
 * @param swept    the lines of the sweep that ran first (open sessions, ended ones, notices)
 */
public record DebugOutcome(DebugSession session, String howToUse, List<String> swept) {

    public DebugOutcome {
        swept = List.copyOf(swept);
    }
}
