package io.kafkaops.engine.cluster.admin;

import io.kafkaops.engine.EngineOptions;
import io.kafkaops.engine.cluster.ClusterConnection;
import io.kafkaops.engine.cluster.ClusterSession;
import io.kafkaops.engine.cluster.DeployLease;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A deploy that takes the lease of a repository's stage and then hangs, in a JVM of its own, for a test to kill.
 * Arguments: a client properties file, bootstrap servers, stage, repository, lease period in milliseconds. Prints
 * {@code HELD} once it holds the lease.
 */
public final class LeaseHolderMain {

    private LeaseHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            p.load(in);
        }
        Map<String, String> props = new LinkedHashMap<>();
        p.forEach((k, v) -> props.put(String.valueOf(k), String.valueOf(v)));
        ClusterConnection connection = new ClusterConnection(args[2], args[1], props);
        KafkaClusterSessions sessions = new KafkaClusterSessions().withLeasePeriod(
                Duration.ofMillis(Long.parseLong(args[4])));
        ClusterSession session = sessions.open(connection, EngineOptions.defaults());
        DeployLease lease = session.acquireLease(args[2], args[3], Duration.ZERO);
        System.out.println("HELD");
        System.out.flush();
        // until killed; a normal end would release the lease
        while (System.in.read() >= 0) {
            Thread.onSpinWait();
        }
        lease.close();
        session.close();
    }
}
