package io.kafkaops.engine.edit;

import java.util.List;

/**
 * What a grant or revoke is about: topics to produce to and consume from, consumer groups, transactional ids.
 */
public record Access(List<Resource> produce, List<Resource> consume, List<Resource> groups,
                     List<Resource> transactionalIds) {

    /** A name as written in a grant list: literal, or {@code {prefix: name}}. */
    public record Resource(String name, boolean prefix) {
        @Override
        public String toString() {
            return prefix ? name + "*" : name;
        }
    }

    /** The grant keys, in the order a grant entry lists them. */
    public static final List<String> KEYS = List.of("produce", "consume", "groups", "transactionalIds");

    public Access {
        produce = List.copyOf(produce);
        consume = List.copyOf(consume);
        groups = List.copyOf(groups);
        transactionalIds = List.copyOf(transactionalIds);
    }

    public List<Resource> get(String key) {
        return switch (key) {
            case "produce" -> produce;
            case "consume" -> consume;
            case "groups" -> groups;
            case "transactionalIds" -> transactionalIds;
            default -> throw new IllegalArgumentException(key);
        };
    }

    public boolean isEmpty() {
        return produce.isEmpty() && consume.isEmpty() && groups.isEmpty() && transactionalIds.isEmpty();
    }

    /** {@code produce a, b; consume c}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (String k : KEYS) {
            if (get(k).isEmpty()) continue;
            if (sb.length() > 0) sb.append("; ");
            sb.append(k).append(' ').append(String.join(", ", get(k).stream().map(Resource::toString).toList()));
        }
        return sb.toString();
    }
}
