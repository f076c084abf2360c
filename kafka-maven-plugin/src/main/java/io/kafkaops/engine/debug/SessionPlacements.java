package io.kafkaops.engine.debug;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The placements a build knows, by kind: always {@code local}, {@code kubernetes} where the build sets it up. */
public final class SessionPlacements {

    private final Map<String, SessionPlacement> byKind;

    private SessionPlacements(Map<String, SessionPlacement> byKind) {
        this.byKind = Map.copyOf(byKind);
    }

    /** The local placement under the build's Kafka output directory ({@code target/kafka}). */
    public static SessionPlacements local(Path kafkaDir) {
        return of(List.of(new LocalPlacement(kafkaDir)));
    }

    public static SessionPlacements of(List<SessionPlacement> placements) {
        Map<String, SessionPlacement> map = new LinkedHashMap<>();
        for (SessionPlacement p : placements) map.put(p.kind(), p);
        return new SessionPlacements(map);
    }

    /** These placements and another one (replacing one of the same kind). */
    public SessionPlacements with(SessionPlacement placement) {
        Map<String, SessionPlacement> map = new LinkedHashMap<>(byKind);
        map.put(placement.kind(), placement);
        return new SessionPlacements(map);
    }

    public Optional<SessionPlacement> get(String kind) {
        return kind == null ? Optional.empty() : Optional.ofNullable(byKind.get(kind));
    }

    public List<String> kinds() {
        return byKind.keySet().stream().sorted().toList();
    }
}
