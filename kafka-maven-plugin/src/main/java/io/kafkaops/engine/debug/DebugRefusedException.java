package io.kafkaops.engine.debug;

import io.kafkaops.model.Diagnostic;
import java.util.List;

/** A debug session was refused (account, lifetime, reason, stage settings); nothing was created. */
public final class DebugRefusedException extends Exception {

    private final List<Diagnostic> problems;

    public DebugRefusedException(String message, List<Diagnostic> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public List<Diagnostic> problems() {
        return problems;
    }
}
