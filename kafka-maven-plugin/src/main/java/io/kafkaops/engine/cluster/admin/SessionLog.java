package io.kafkaops.engine.cluster.admin;

import io.kafkaops.engine.cluster.ClusterException;
import io.kafkaops.engine.debug.DebugSession;
import io.kafkaops.engine.debug.SessionRecords;
import io.kafkaops.engine.ownership.LogEntry;
import io.kafkaops.engine.ownership.Ownership;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The debug sessions' records in the ownership topic ({@code session:<stage>:<id>}), for every kind of cluster whose
 * ownership records are in a topic: read to the end, written one by one, ended with a tombstone.
 */
final class SessionLog {

    private final OwnershipLog log;
    /** The stage of the connection, for messages. */
    private final String connectionStage;

    SessionLog(OwnershipLog log, String connectionStage) {
        this.log = log;
        this.connectionStage = connectionStage;
    }

    List<DebugSession> sessions(String stage) throws ClusterException {
        List<DebugSession> out = new ArrayList<>();
        for (LogEntry e : log.current(Ownership.sessionPrefix(stage))) {
            DebugSession s = SessionRecords.fromJson(e.value());
            // the key is the truth: a record copied under another key is not that session
            if (s != null && s.recordKey().equals(e.key())) out.add(s);
        }
        out.sort(Comparator.comparing(DebugSession::start).thenComparing(DebugSession::id));
        return out;
    }

    void record(DebugSession session) throws ClusterException {
        write(session.recordKey(), SessionRecords.toJson(session), "recording debug session " + session.id());
    }

    void tombstone(DebugSession session) throws ClusterException {
        write(session.recordKey(), null, "ending debug session " + session.id());
    }

    private void write(String key, String value, String doing) throws ClusterException {
        Map<String, String> one = new HashMap<>();
        one.put(key, value);
        Map<String, String> failed = log.send(one).failed();
        if (!failed.isEmpty()) {
            throw new ClusterException("Failed while " + doing + " in the ownership topic " + Ownership.TOPIC
                    + " of stage " + connectionStage + ": " + failed.get(key) + ". Writing it needs WRITE on that"
                    + " topic.");
        }
    }
}
