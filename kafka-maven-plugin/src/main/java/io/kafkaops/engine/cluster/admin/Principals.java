package io.kafkaops.engine.cluster.admin;

import io.kafkaops.engine.ownership.OwnershipRecord;
import java.util.Map;

/**
 * How the principals of plans (physical names, {@code User:dev.billing-service}) are named on a cluster. The same
 * on Apache Kafka; on Confluent Cloud a service account is {@code User:sa-...} on the cluster
 * ({@link ConfluentAccounts}). ACLs are translated here only, when they are written and when they are read.
 */
interface Principals {

    Principals SAME = new Principals() {
        @Override
        public String toCluster(String principal) {
            return principal;
        }

        @Override
        public String fromCluster(String principal) {
            return principal;
        }
    };

    /** The principal as the cluster knows it, for a binding to write. */
    String toCluster(String principal);

    /** The principal as plans name it, for a binding read from the cluster. */
    String fromCluster(String principal);

    /**
     * The cluster's own id of the principal with this physical name, for its ownership record: a Confluent Cloud
     * service account's {@code sa-...}; null where the cluster names principals by their physical names.
     */
    default String accountId(String physicalName) {
        return null;
    }

    /**
     * Takes note of the ownership records just read, before the ACLs are translated: where a record keeps the
     * cluster's id of a principal ({@link #accountId}), that id may name it rather than the cluster's own name.
     */
    default void recorded(Map<String, OwnershipRecord> ownership) {
    }
}
