package io.kafkaops.engine.cluster.admin;

import io.kafkaops.engine.EngineOptions;
import io.kafkaops.engine.cluster.ClusterConnection;
import io.kafkaops.engine.cluster.ClusterSession;
import io.kafkaops.engine.debug.DebugSessions;
import io.kafkaops.engine.debug.SessionPlacements;
import io.kafkaops.model.platform.Stage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A developer's process that starts a debug session and then hangs, in a JVM of its own, for a test to kill.
 * Arguments: admin client properties file, bootstrap servers, stage, stage prefix, repository, account, lifetime in
 * milliseconds, the Kafka output directory. Prints {@code STARTED <id>} once the session is recorded and placed.
 */
public final class DebugSessionMain {

    private DebugSessionMain() {
    }

    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            p.load(in);
        }
        Map<String, String> props = new LinkedHashMap<>();
        p.forEach((k, v) -> props.put(String.valueOf(k), String.valueOf(v)));
        ClusterConnection connection = new ClusterConnection(args[2], args[1], props);
        ClusterSession session = new KafkaClusterSessions().open(connection, EngineOptions.defaults());
        Stage stage = new Stage(args[2], "nonprod", args[3], true, null);
        DebugSessions debug = new DebugSessions(SessionPlacements.local(Path.of(args[7])), Clock.systemUTC());
        DebugSessions.Started started = debug.start(session.debugSessions(), new DebugSessions.StartRequest(null,
                stage, null, args[4], "billing", args[5], Duration.ofMillis(Long.parseLong(args[6])), "killed in a test",
                "local", "test"));
        System.out.println("STARTED " + started.session().id());
        System.out.flush();
        // until killed; nothing ends the session here
        while (System.in.read() >= 0) {
            Thread.onSpinWait();
        }
        session.close();
    }
}
