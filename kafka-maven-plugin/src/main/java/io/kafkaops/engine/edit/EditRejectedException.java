package io.kafkaops.engine.edit;

import io.kafkaops.model.Diagnostic;
import java.util.List;

/** A request that cannot be carried out as given; nothing was written. Carries every problem found. */
public class EditRejectedException extends Exception {

    private final transient List<Diagnostic> diagnostics;

    public EditRejectedException(String message, List<Diagnostic> diagnostics) {
        super(message);
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
