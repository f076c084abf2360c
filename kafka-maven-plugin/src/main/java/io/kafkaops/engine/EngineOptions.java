package io.kafkaops.engine;

import java.time.Duration;

/**
 * Choices the user makes per plan or deploy.
 *
 * @param adopt            take over existing entities that no repository manages yet, when this repo declares them
 * @param allowDestructive allow changes that can lose data or availability: replication-factor changes, shorter
 *                         retention (retention.ms / retention.bytes), a changed cleanup.policy
 * @param timeout          how long to wait for the cluster per step before giving up; null means 30 seconds
 * @param leaseWait        how long a deploy waits for another deploy of the same repository to the same stage to
 *                         finish; null means {@link #DEFAULT_LEASE_WAIT}, zero means not at all
 */
public record EngineOptions(boolean adopt, boolean allowDestructive, Duration timeout, Duration leaseWait) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_LEASE_WAIT = Duration.ofMinutes(5);

    public EngineOptions {
        timeout = timeout == null || timeout.isZero() || timeout.isNegative() ? DEFAULT_TIMEOUT : timeout;
        leaseWait = leaseWait == null || leaseWait.isNegative() ? DEFAULT_LEASE_WAIT : leaseWait;
    }

    /** With the default lease wait. */
    public EngineOptions(boolean adopt, boolean allowDestructive, Duration timeout) {
        this(adopt, allowDestructive, timeout, null);
    }

    public static EngineOptions defaults() {
        return new EngineOptions(false, false, DEFAULT_TIMEOUT);
    }
}
