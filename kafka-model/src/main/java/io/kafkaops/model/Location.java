package io.kafkaops.model;

import java.util.Objects;

/**
 * A place in a source file, 1-based. Column 0 or line 0 means "the whole file".
 */
public record Location(String file, int line, int column) implements Comparable<Location> {

    public Location {
        Objects.requireNonNull(file, "file");
    }

    public static Location ofFile(String file) {
        return new Location(file, 0, 0);
    }

    /** {@code file:line:col}, or just {@code file} when the position is unknown. */
    @Override
    public String toString() {
        if (line <= 0) {
            return file;
        }
        return file + ":" + line + ":" + Math.max(column, 1);
    }

    @Override
    public int compareTo(Location o) {
        int c = file.compareTo(o.file);
        if (c != 0) return c;
        c = Integer.compare(line, o.line);
        if (c != 0) return c;
        return Integer.compare(column, o.column);
    }
}
