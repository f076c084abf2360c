package io.kafkaops.engine;

import java.time.Duration;

/**
 * Choices the user makes per plan or deploy.
 *
 * @param adopt            take over existing entities that no repository manages yet, when this repo declares them
 * @param allowDestructive allow changes that can lose data or availability: replication-factor changes, shorter
 *                         retention (retention.ms / retention.bytes), a changed cleanup.policy
 * @param timeout          how long to wait for the cluster per step before giving up; null means 30 seconds
 */
public record EngineOptions(boolean adopt, boolean allowDestructive, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public EngineOptions {
        timeout = timeout == null || timeout.isZero() || timeout.isNegative() ? DEFAULT_TIMEOUT : timeout;
    }

    public static EngineOptions defaults() {
        return new EngineOptions(false, false, DEFAULT_TIMEOUT);
    }
}
