package io.kafkaops.engine.cluster.admin;

import io.kafkaops.engine.cluster.ClusterConnection;
import io.kafkaops.engine.cluster.ClusterException;
import io.kafkaops.engine.cluster.SaslJaas;
import io.kafkaops.engine.cluster.confluent.ApiKey;
import io.kafkaops.engine.cluster.confluent.ConfluentCloudClient;
import io.kafkaops.engine.cluster.confluent.ConfluentCloudException;
import io.kafkaops.engine.cluster.confluent.ManagedKeys;
import io.kafkaops.engine.cluster.confluent.NewApiKey;
import io.kafkaops.engine.cluster.confluent.ServiceAccount;
import io.kafkaops.engine.debug.DebugSession;
import io.kafkaops.engine.debug.IssuedCredential;
import io.kafkaops.engine.debug.SessionCluster;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Debug sessions on Confluent Cloud: a temporary API key owned by the account's service account and scoped to the
 * stage's Kafka cluster, whose description ({@link ManagedKeys#debugDescription}) names the session, repository,
 * stage and expiry; session records in the ownership topic as on Apache Kafka. Confluent's keys do not expire by
 * themselves: ending the session deletes the key, and every sweep deletes the debug keys past the expiry in their
 * description, also those whose record is lost. The key's secret goes into the client settings and nowhere else.
 */
final class ConfluentSessionKeys implements SessionCluster {

    private final ConfluentCloudClient client;
    private final ConfluentAccounts accounts;
    private final SessionLog records;
    private final ClusterConnection connection;
    private final KeyReadiness readiness;
    private final Clock clock;

    ConfluentSessionKeys(ConfluentCloudClient client, ConfluentAccounts accounts, OwnershipLog log,
                         ClusterConnection connection, KeyReadiness readiness, Clock clock) {
        this.client = client;
        this.accounts = accounts;
        this.records = new SessionLog(log, connection.stage());
        this.connection = connection;
        this.readiness = readiness;
        this.clock = clock;
    }

    /**
     * The recorded sessions, and a session for each debug key of the stage past its expiry whose record is gone (a
     * lost or never written record), so the sweep deletes its key.
     */
    @Override
    public List<DebugSession> sessions(String stage) throws ClusterException {
        List<DebugSession> out = new ArrayList<>(records.sessions(stage));
        Set<String> recorded = out.stream().map(DebugSession::id).collect(Collectors.toSet());
        Instant now = clock.instant();
        Map<String, String> names = null;
        for (ApiKey k : debugKeys()) {
            ManagedKeys.DebugKey d = ManagedKeys.debugKey(k.description());
            if (!stage.equals(d.stage()) || recorded.contains(d.session()) || !DebugSession.isId(d.session())
                    || now.isBefore(d.expiry())) {
                continue;
            }
            if (names == null) names = accountNames();
            String name = names.get(k.ownerId());
            out.add(new DebugSession(d.session(), stage, d.repository(), null, name, "User:"
                    + (name != null ? name : k.ownerId()), "unknown (the session's record is lost)", null, d.expiry(),
                    d.expiry(), DebugSession.API_KEY, k.id(), null, Map.of()));
            recorded.add(d.session());
        }
        out.sort(Comparator.comparing(DebugSession::start).thenComparing(DebugSession::id));
        return out;
    }

    @Override
    public void record(DebugSession session) throws ClusterException {
        records.record(session);
    }

    @Override
    public void tombstone(DebugSession session) throws ClusterException {
        records.tombstone(session);
    }

    @Override
    public IssuedCredential issue(String principal, Duration lifetime) throws ClusterException {
        throw new ClusterException("A debug session's API key on Confluent Cloud names its session in its description:"
                + " it is issued with the session's id");
    }

    @Override
    public IssuedCredential issue(String sessionId, String repository, String stage, String principal,
                                  Duration lifetime) throws ClusterException {
        String name = principal != null && principal.startsWith("User:") ? principal.substring(5) : principal;
        ServiceAccount account = accounts.byName(name);
        if (account == null) {
            accounts.refresh();
            account = accounts.byName(name);
        }
        if (account == null || account.id() == null) {
            throw new ClusterException("Confluent Cloud has no service account " + name + " (stage " + stage
                    + "): deploy the repository to the stage first");
        }
        Instant expiry = clock.instant().plus(lifetime);
        NewApiKey key;
        try {
            key = client.createApiKey(account.id(), "kafkaops debug " + sessionId,
                    ManagedKeys.debugDescription(sessionId, repository, stage, name, expiry));
        } catch (ConfluentCloudException e) {
            if (ApiKeyCredentialChanges.atKeyLimit(e)) {
                throw new ClusterException("Cannot start a debug session as " + name + " (" + account.id() + ") on"
                        + " stage " + stage + ": the service account is at Confluent Cloud's limit of API keys per"
                        + " account (" + e.getMessage() + "). Nothing was created; end another debug session of the"
                        + " account (kafka:debug-end) or delete a key it does not use.", e);
            }
            throw e;
        }
        Map<String, String> notReady = readiness.await(Map.of(key.id(), key.secret()),
                Map.of(key.id(), name + " (debug session " + sessionId + ")"));
        if (!notReady.isEmpty()) {
            String why = notReady.get(key.id());
            try {
                client.deleteApiKey(key.id());
            } catch (ConfluentCloudException e) {
                throw new ClusterException("The debug session's API key " + key.id() + " did not work on the cluster"
                        + " within " + readiness.bound().toSeconds() + " s (" + why + ") and could not be deleted ("
                        + e.getMessage() + "); the next plan after " + expiry + " deletes it", e);
            }
            throw new ClusterException("The debug session's API key " + key.id() + " did not work on the cluster of"
                    + " stage " + stage + " within " + readiness.bound().toSeconds() + " s (" + why + "); it was"
                    + " deleted again. Confluent Cloud can take minutes to accept a new key: try again later.");
        }
        return new IssuedCredential(DebugSession.API_KEY, key.id(), expiry, clientSettings(key.id(), key.secret()));
    }

    /** The cluster's connection settings (TLS trust included) with SASL_SSL/PLAIN and the key; holds the secret. */
    Map<String, String> clientSettings(String key, String secret) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("bootstrap.servers", connection.bootstrapServers());
        ConfluentClusterSessions.probeProperties(connection).forEach((k, v) -> {
            if (k.startsWith("ssl.") && !k.startsWith("ssl.keystore.") && !k.equals("ssl.key.password")) {
                out.put(k, v);
            }
        });
        out.put("security.protocol", ConfluentClusterSessions.probeProperties(connection).get("security.protocol"));
        out.put("sasl.mechanism", ApiKeyCredentialChanges.MECHANISM);
        out.put("sasl.jaas.config", SaslJaas.plain(key, secret).value());
        return out;
    }

    /**
     * Deletes the sessions' keys: only keys whose description marks them as that session's debug key (one listing of
     * the cluster's keys), so a record can never delete another key. A key that is gone counts as deleted.
     */
    @Override
    public Map<String, String> revoke(List<DebugSession> sessions) throws ClusterException {
        Map<String, String> failed = new LinkedHashMap<>();
        List<DebugSession> keyed = new ArrayList<>();
        for (DebugSession s : sessions) {
            if (DebugSession.API_KEY.equals(s.credentialKind()) && s.credentialId() != null) {
                keyed.add(s);
            } else {
                failed.put(s.id(), "its credential is a " + s.credentialKind() + ", which this cluster does not issue");
            }
        }
        if (keyed.isEmpty()) return failed;
        Map<String, ApiKey> byId = new HashMap<>();
        for (ApiKey k : debugKeys()) byId.put(k.id(), k);
        for (DebugSession s : keyed) {
            ApiKey k = byId.get(s.credentialId());
            if (k == null) continue;
            ManagedKeys.DebugKey d = ManagedKeys.debugKey(k.description());
            if (!s.id().equals(d.session())) {
                failed.put(s.id(), "API key " + k.id() + " is not the debug key of this session (its description"
                        + " names session " + d.session() + "); it is left as it is");
                continue;
            }
            try {
                client.deleteApiKey(k.id());
                accounts.keyDeleted(k.ownerId(), k.id());
            } catch (ConfluentCloudException e) {
                failed.put(s.id(), "deleting API key " + k.id() + " failed: " + e.getMessage());
            }
        }
        return failed;
    }

    /** The debug keys on the stage's cluster (all pages), whatever their owner. */
    private List<ApiKey> debugKeys() throws ClusterException {
        List<ApiKey> out = new ArrayList<>();
        for (ApiKey k : client.apiKeys(null, client.access().kafkaClusterId())) {
            if (ManagedKeys.debugKey(k.description()) != null) out.add(k);
        }
        return out;
    }

    private Map<String, String> accountNames() throws ClusterException {
        Map<String, String> out = new HashMap<>();
        for (ServiceAccount a : client.serviceAccounts()) {
            if (a.id() != null && a.displayName() != null) out.put(a.id(), a.displayName());
        }
        return out;
    }
}
