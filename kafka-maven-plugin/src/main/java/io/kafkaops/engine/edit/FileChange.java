package io.kafkaops.engine.edit;

import java.nio.file.Path;

/**
 * The new text of one entity file.
 *
 * @param displayName the path relative to the project, as messages name it
 * @param before      the text on disk when the request was prepared; null when the request creates the file
 * @param bom         whether the file starts with a UTF-8 byte-order mark (kept when written)
 */
public record FileChange(String displayName, Path path, String before, String after, boolean bom) {

    public boolean created() {
        return before == null;
    }

    /** The change as a unified diff ({@code --- a/... +++ b/... @@ ... @@}). */
    public String diff() {
        return UnifiedDiff.diff(displayName, before, after);
    }
}
