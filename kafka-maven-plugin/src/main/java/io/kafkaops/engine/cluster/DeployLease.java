package io.kafkaops.engine.cluster;

/**
 * A deploy's hold on one repository's stage ({@link ClusterSession#acquireLease}): renewed while the deploy runs,
 * released by {@link #close()}. A lease left by a killed deploy ends by itself.
 */
public interface DeployLease extends AutoCloseable {

    /** For cluster types without leases: holds nothing. */
    DeployLease NONE = () -> { };

    /** Releases the lease; never throws (a lease that cannot be removed ends by itself). */
    @Override
    void close();
}
