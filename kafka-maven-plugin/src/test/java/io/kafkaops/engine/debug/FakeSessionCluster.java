package io.kafkaops.engine.debug;

import io.kafkaops.engine.cluster.ClusterException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Session records and credentials in memory, with switches to make revoking or writing fail. */
final class FakeSessionCluster implements SessionCluster {

    static final String SECRET = "hmac-" + java.util.UUID.randomUUID();

    final Map<String, String> records = new LinkedHashMap<>();
    final List<String> liveTokens = new ArrayList<>();
    final List<String> calls = new ArrayList<>();
    Instant now;
    String revokeFailure;
    String writeFailure;

    FakeSessionCluster(Instant now) {
        this.now = now;
    }

    @Override
    public List<DebugSession> sessions(String stage) {
        calls.add("sessions");
        return records.entrySet().stream().filter(e -> e.getKey().startsWith("session:" + stage + ":"))
                .map(e -> SessionRecords.fromJson(e.getValue())).toList();
    }

    @Override
    public void record(DebugSession session) throws ClusterException {
        calls.add("record " + session.id());
        if (writeFailure != null) throw new ClusterException(writeFailure);
        records.put(session.recordKey(), SessionRecords.toJson(session));
    }

    @Override
    public void tombstone(DebugSession session) throws ClusterException {
        calls.add("tombstone " + session.id());
        if (writeFailure != null) throw new ClusterException(writeFailure);
        records.remove(session.recordKey());
    }

    @Override
    public IssuedCredential issue(String principal, Duration lifetime) {
        String id = "tok" + liveTokens.size();
        calls.add("issue " + principal + " " + lifetime);
        liveTokens.add(id);
        return new IssuedCredential(DebugSession.DELEGATION_TOKEN, id, now.plus(lifetime),
                Map.of("bootstrap.servers", "b:1", "sasl.jaas.config", "x password=\"" + SECRET + "\";"));
    }

    @Override
    public Map<String, String> revoke(List<DebugSession> sessions) {
        calls.add("revoke " + sessions.stream().map(DebugSession::id).toList());
        Map<String, String> failed = new LinkedHashMap<>();
        for (DebugSession s : sessions) {
            if (revokeFailure != null) {
                failed.put(s.id(), revokeFailure);
            } else {
                liveTokens.remove(s.credentialId());
            }
        }
        return failed;
    }
}
