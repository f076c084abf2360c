package io.kafkaops.model;

import java.util.Map;

/**
 * Where an entity and each of its fields came from. Field paths are dotted and indexed the way the user wrote them:
 * {@code name}, {@code partitions}, {@code config.retention.ms}, {@code produce[1]}, {@code overrides.prod.partitions}.
 */
public record Origin(Location location, Map<String, Location> fields) {

    public Origin {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    public static Origin of(Location location) {
        return new Origin(location, Map.of());
    }

    public static Origin unknown() {
        return new Origin(Location.ofFile("<generated>"), Map.of());
    }

    /** The location of a field, or of the closest enclosing field that has one, or of the entity. */
    public Location at(String path) {
        String p = path;
        while (p != null && !p.isEmpty()) {
            Location l = fields.get(p);
            if (l != null) return l;
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut > 0 ? p.substring(0, cut) : null;
        }
        return location;
    }

    public String file() {
        return location.file();
    }
}
