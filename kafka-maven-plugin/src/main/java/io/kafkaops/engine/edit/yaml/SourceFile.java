package io.kafkaops.engine.edit.yaml;

import java.nio.file.Path;

/**
 * One entity file while a request is applied: its text on disk (null for a file the request creates) and its text
 * so far.
 */
public final class SourceFile {

    /** Path relative to the kafka directory, with forward slashes. */
    public final String relative;
    public final Path path;
    /** Path relative to the project, with forward slashes, as diagnostics name it. */
    public final String displayName;
    public final String original;
    public final boolean bom;
    private String text;
    private YamlText parsed;

    public SourceFile(String relative, Path path, String displayName, String original, boolean bom) {
        this.relative = relative;
        this.path = path;
        this.displayName = displayName;
        this.original = original;
        this.bom = bom;
        this.text = original == null ? "" : original;
    }

    public String text() {
        return text;
    }

    public void set(String newText) {
        if (!newText.equals(text)) {
            text = newText;
            parsed = null;
        }
    }

    public YamlText yaml() {
        if (parsed == null) parsed = YamlText.parse(text);
        return parsed;
    }

    public boolean isNew() {
        return original == null;
    }

    public boolean changed() {
        return original == null ? !text.isEmpty() : !original.equals(text);
    }
}
