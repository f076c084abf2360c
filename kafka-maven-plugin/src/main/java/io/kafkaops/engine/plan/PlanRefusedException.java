package io.kafkaops.engine.plan;

import io.kafkaops.model.Diagnostic;
import java.util.List;

/**
 * A deploy refused to apply a plan: the saved plan was made for another stage or repository, the cluster changed
 * since it was made, or the plan has problems that block a deploy (listed in {@link #problems()}).
 */
public class PlanRefusedException extends Exception {

    private final List<Diagnostic> problems;

    public PlanRefusedException(String message) {
        this(message, List.of());
    }

    public PlanRefusedException(String message, List<Diagnostic> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    /** The problems that blocked the deploy; empty when the plan itself was refused. */
    public List<Diagnostic> problems() {
        return problems;
    }
}
