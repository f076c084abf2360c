package io.kafkaops.engine.cluster;

import io.kafkaops.engine.EngineOptions;

/** Opens sessions to clusters; lets tests put a failing or counting decorator in front of the real client. */
@FunctionalInterface
public interface ClusterSessions {

    ClusterSession open(ClusterConnection connection, EngineOptions options) throws ClusterException;
}
