package io.kafkaops.model;

import java.util.List;

/** A loaded model (possibly partial) and every problem found while loading it. */
public record LoadResult<T>(T value, List<Diagnostic> diagnostics) {

    public LoadResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }
}
