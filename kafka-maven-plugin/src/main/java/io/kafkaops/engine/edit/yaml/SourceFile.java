package io.kafkaops.engine.edit.yaml;

import java.nio.file.Path;

/**
 * One entity file while a request is applied: its text on disk (null for a file the request creates) and its text
 * so far.
 */
final class SourceFile {

    /** Path relative to the kafka directory, with forward slashes. */
    final String relative;
    final Path path;
    /** Path relative to the project, with forward slashes, as diagnostics name it. */
    final String displayName;
    final String original;
    final boolean bom;
    private String text;
    private YamlText parsed;

    SourceFile(String relative, Path path, String displayName, String original, boolean bom) {
        this.relative = relative;
        this.path = path;
        this.displayName = displayName;
        this.original = original;
        this.bom = bom;
        this.text = original == null ? "" : original;
    }

    String text() {
        return text;
    }

    void set(String newText) {
        if (!newText.equals(text)) {
            text = newText;
            parsed = null;
        }
    }

    YamlText yaml() {
        if (parsed == null) parsed = YamlText.parse(text);
        return parsed;
    }

    boolean isNew() {
        return original == null;
    }

    boolean changed() {
        return original == null ? !text.isEmpty() : !original.equals(text);
    }
}
