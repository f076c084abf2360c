package io.kafkaops.engine.debug;

import io.kafkaops.engine.cluster.ClusterException;
import java.time.Duration;
import java.util.List;

/**
 * What debug sessions need of a stage's cluster: the session records in the ownership topic and the session
 * credentials. The Apache Kafka implementation issues delegation tokens owned by the account's principal (KIP-373);
 * a Confluent Cloud one issues API keys owned by the service account.
 */
public interface SessionCluster {

    /** The open sessions of a stage (all repositories), read to the end of the ownership topic. */
    List<DebugSession> sessions(String stage) throws ClusterException;

    /** Writes a session's record (again, when its placement details are known). */
    void record(DebugSession session) throws ClusterException;

    /** Writes a session's tombstone: it is over. */
    void tombstone(DebugSession session) throws ClusterException;

    /**
     * Issues a credential bound to the principal, which the cluster itself stops accepting after {@code lifetime}.
     *
     * @param principal the account's principal, e.g. {@code User:dev.billing-api}
     * @throws ClusterException when the cluster cannot issue one (delegation tokens disabled, no right to create
     *                          them for another owner); the message names what to change
     */
    IssuedCredential issue(String principal, Duration lifetime) throws ClusterException;

    /**
     * Issues the credential of a session about to start; a cluster that labels its credentials (Confluent Cloud's key
     * description) names the session, repository and stage with it.
     */
    default IssuedCredential issue(String sessionId, String repository, String stage, String principal,
                                   Duration lifetime) throws ClusterException {
        return issue(principal, lifetime);
    }

    /**
     * Revokes the credentials of sessions, so the cluster no longer accepts them, in as few calls as the cluster
     * allows.
     *
     * @return the ids of the sessions whose credential could not be revoked, with the reason; a credential that is
     *         gone already counts as revoked
     */
    java.util.Map<String, String> revoke(List<DebugSession> sessions) throws ClusterException;
}
