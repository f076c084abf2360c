package io.kafkaops.engine.cluster.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaops.engine.EngineOptions;
import io.kafkaops.engine.cluster.ClusterConnection;
import io.kafkaops.engine.cluster.ClusterException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Servers nobody answers on end the session with our message alone: no Kafka client is created for them (it would log
 * a warning per reconnect attempt), and the user gets one line while the probe waits.
 */
class BootstrapProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @Test
    void serversNobodyAnswersOnFailWithinTheTimeoutWithoutAKafkaClientAndSayOnceThatTheyWait() throws IOException {
        String servers = "127.0.0.1:" + freePort();
        List<String> notices = new ArrayList<>();
        KafkaClusterSessions sessions = new KafkaClusterSessions((admin, timeout) -> {
            throw new AssertionError("an Admin client was created for " + servers);
        }, notices::add);
        long started = System.nanoTime();

        assertThatThrownBy(() -> sessions.open(new ClusterConnection("dev", servers, Map.of()),
                new EngineOptions(false, false, TIMEOUT)))
                .isInstanceOf(ClusterException.class)
                .hasMessageStartingWith("Cannot reach the Kafka cluster of stage dev at " + servers + " within 1 s"
                        + " (while connecting: " + servers + ": Connection refused)")
                .hasMessageContaining("Check bootstrapServers in the platform definition");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(notices).containsExactly("Waiting up to 1 s (kafka.timeout) for the Kafka cluster of stage dev at "
                + servers + " (" + servers + ": Connection refused)");
    }

    @Test
    void aServerThatNeverAnswersIsReportedInWordsNotAsAnExceptionClassName() throws Exception {
        // a listening socket whose accept queue is full and never drained: the kernel drops further SYNs, so a
        // connect gets no answer at all (loopback only), and every attempt ends on the probe's own deadline
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> queued = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    java.net.Socket s = new java.net.Socket();
                    try {
                        s.connect(server.getLocalSocketAddress(), 200);
                        queued.add(s);
                    } catch (IOException full) {
                        s.close();
                        break;
                    }
                }
                String servers = "127.0.0.1:" + server.getLocalPort();
                assertThatThrownBy(() -> BootstrapProbe.await(servers, TIMEOUT, "dev", line -> { }))
                        .isInstanceOf(ClusterException.class)
                        .hasMessageStartingWith("Cannot reach the Kafka cluster of stage dev at " + servers
                                + " within 1 s (while connecting: no answer before the timeout)")
                        .hasMessageNotContaining("Exception");
            } finally {
                for (java.net.Socket s : queued) s.close();
            }
        }
    }

    @Test
    void aServerThatStartsListeningWhileTheProbeWaitsEndsTheWait() throws Exception {
        int port = freePort();
        String servers = "localhost:" + port + ", 127.0.0.1:" + port;
        List<ServerSocket> opened = new ArrayList<>();
        try {
            // the server comes up when the probe says it waits: no guessing how long a first attempt takes
            BootstrapProbe.await(servers, Duration.ofSeconds(30), "dev", line -> {
                try {
                    opened.add(new ServerSocket(port, 50, InetAddress.getLoopbackAddress()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            assertThat(opened).as("the probe waited once, then connected").hasSize(1);
        } finally {
            for (ServerSocket s : opened) s.close();
        }
    }

    @Test
    void aListeningServerPassesAtOnceAndAListTheClientCannotParseIsLeftToTheClient() throws Exception {
        List<String> notices = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            BootstrapProbe.await("127.0.0.1:1, 127.0.0.1:" + server.getLocalPort(), TIMEOUT, "dev", notices::add);
        }
        BootstrapProbe.await("kafka-without-a-port", TIMEOUT, "dev", notices::add);

        assertThat(notices).isEmpty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
