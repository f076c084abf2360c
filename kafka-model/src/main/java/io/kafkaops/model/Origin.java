package io.kafkaops.model;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where an entity and each of its fields came from. Field paths are dotted and indexed the way the user wrote them:
 * {@code name}, {@code partitions}, {@code config.retention.ms}, {@code produce[1]}, {@code overrides.prod.partitions}.
 *
 * <p>The field locations are usually only needed to report a problem, so the loader hands them over lazily: they are
 * computed on the first {@link #at} or {@link #fields} call and kept. Two origins are equal when their locations and
 * field locations are.
 */
public final class Origin {

    private final Location location;
    private Supplier<Map<String, Location>> pending;
    private volatile Map<String, Location> fields;

    public Origin(Location location, Map<String, Location> fields) {
        this.location = Objects.requireNonNull(location, "location");
        this.fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    private Origin(Location location, Supplier<Map<String, Location>> fields) {
        this.location = Objects.requireNonNull(location, "location");
        this.pending = Objects.requireNonNull(fields, "fields");
    }

    public static Origin of(Location location) {
        return new Origin(location, Map.of());
    }

    /** An origin whose field locations are computed when first asked for (by {@code fields}, once). */
    public static Origin lazy(Location location, Supplier<Map<String, Location>> fields) {
        return new Origin(location, fields);
    }

    public static Origin unknown() {
        return new Origin(Location.ofFile("<generated>"), Map.of());
    }

    public Location location() {
        return location;
    }

    /** Every field path with its location. */
    public Map<String, Location> fields() {
        Map<String, Location> f = fields;
        if (f == null) {
            synchronized (this) {
                f = fields;
                if (f == null) {
                    Map<String, Location> computed = pending.get();
                    f = computed == null ? Map.of() : Map.copyOf(computed);
                    fields = f;
                    pending = null;
                }
            }
        }
        return f;
    }

    /** The location of a field, or of the closest enclosing field that has one, or of the entity. */
    public Location at(String path) {
        Map<String, Location> f = fields();
        String p = path;
        while (p != null && !p.isEmpty()) {
            Location l = f.get(p);
            if (l != null) return l;
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut > 0 ? p.substring(0, cut) : null;
        }
        return location;
    }

    public String file() {
        return location.file();
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Origin other && location.equals(other.location)
                && fields().equals(other.fields());
    }

    @Override
    public int hashCode() {
        return location.hashCode();
    }

    @Override
    public String toString() {
        return "Origin[" + location + "]";
    }
}
