package io.kafkaops.engine.apply;

import io.kafkaops.model.Diagnostic;
import java.util.List;

/**
 * A credential rotation was refused before anything changed: a named service account is not this repository's, has no
 * credential, is not deployed to the stage, or is not on the cluster yet. {@link #problems()} says which and why.
 */
public class RotationRefusedException extends Exception {

    private final List<Diagnostic> problems;

    public RotationRefusedException(String message, List<Diagnostic> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public List<Diagnostic> problems() {
        return problems;
    }
}
