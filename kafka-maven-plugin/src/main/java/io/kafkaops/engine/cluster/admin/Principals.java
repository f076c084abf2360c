package io.kafkaops.engine.cluster.admin;

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
}
