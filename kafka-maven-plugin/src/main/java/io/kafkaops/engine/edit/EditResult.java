package io.kafkaops.engine.edit;

import io.kafkaops.model.Diagnostic;
import java.util.List;

/**
 * A request applied in memory and validated, ready to be written.
 *
 * @param changes  the files whose text changes, in path order
 * @param summary  what the request does, one line per entity (and per grant item it takes along)
 * @param warnings warnings the changed files get from validation that the files on disk do not have
 */
public record EditResult(List<FileChange> changes, List<String> summary, List<Diagnostic> warnings) {

    public EditResult {
        changes = List.copyOf(changes);
        summary = List.copyOf(summary);
        warnings = List.copyOf(warnings);
    }

    public boolean hasChanges() {
        return !changes.isEmpty();
    }

    /**
     * The change for a pull-request description: the summary as a list, then the diff. Pipelines that open a pull
     * request for a change use it as the body.
     */
    public String markdown(String title) {
        StringBuilder sb = new StringBuilder("## ").append(title).append("\n\n");
        for (String line : summary) {
            String trimmed = line.stripLeading();
            sb.append(line.length() > trimmed.length() ? "  - " : "- ").append(trimmed).append('\n');
        }
        if (!changes.isEmpty()) {
            // a fence longer than any run of backticks in the diff, so the block cannot end early
            String fence = "```";
            while (diff().contains(fence)) fence += "`";
            sb.append('\n').append(fence).append("diff\n").append(diff()).append(fence).append('\n');
        }
        return sb.toString();
    }

    /** Every change as one unified diff. */
    public String diff() {
        StringBuilder sb = new StringBuilder();
        for (FileChange c : changes) sb.append(c.diff());
        return sb.toString();
    }
}
