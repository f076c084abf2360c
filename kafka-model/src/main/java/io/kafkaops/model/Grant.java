package io.kafkaops.model;

import java.util.List;

/**
 * What one service account may do: produce to and consume from topics, use consumer groups and transactional ids.
 * Expanded to least-privilege ACL bindings by {@link GrantExpander}.
 */
public record Grant(
        String serviceAccount,
        List<ResourceRef> produce,
        List<ResourceRef> consume,
        List<ResourceRef> groups,
        List<ResourceRef> transactionalIds,
        Origin origin) {

    public Grant {
        produce = produce == null ? List.of() : List.copyOf(produce);
        consume = consume == null ? List.of() : List.copyOf(consume);
        groups = groups == null ? List.of() : List.copyOf(groups);
        transactionalIds = transactionalIds == null ? List.of() : List.copyOf(transactionalIds);
        origin = origin == null ? Origin.unknown() : origin;
    }
}
