package io.kafkaops.engine.cluster.admin;

import io.kafkaops.engine.cluster.ClusterException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.common.utils.Utils;

/**
 * Waits until one of a cluster's bootstrap servers accepts a TCP connection, before any Kafka client is created for
 * it.
 *
 * <p>A Kafka client created for servers that are not there logs a WARN line for every reconnect attempt
 * ({@code Connection to node -1 (...) could not be established. Node may not be available.}) until our timeout ends
 * the wait with a message that says it better. Those lines go to Maven's logger, which fixes a logger's level when the
 * logger is first created and keeps it for the whole build (the level comes from the
 * {@code org.slf4j.simpleLogger.log.<name>} properties at that moment), so they cannot be switched off for this case
 * alone; switching them off for good would also hide them where they are the only clue, such as a broker whose
 * advertised address cannot be reached from here. Probing first keeps the client from ever being created for a
 * cluster nobody answers for, and leaves its warnings alone otherwise.
 */
final class BootstrapProbe {

    private static final long FIRST_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 1_000;
    private static final long MAX_CONNECT_MS = 10_000;

    private BootstrapProbe() {
    }

    /**
     * Returns as soon as one bootstrap server accepts a connection; a list that cannot be parsed is left to the Kafka
     * client, which reports what is wrong with it.
     *
     * @param notices gets one line when the first attempt fails, saying that and how long it waits
     * @throws ClusterException when no server accepted a connection within the timeout, naming the stage and servers
     */
    static void await(String bootstrapServers, Duration timeout, String stage, Consumer<String> notices)
            throws ClusterException {
        List<String[]> servers = parse(bootstrapServers);
        if (servers.isEmpty()) return;
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long backoff = FIRST_BACKOFF_MS;
        boolean told = false;
        String why = null;
        while (true) {
            List<String> failures = new ArrayList<>();
            for (String[] server : servers) {
                Attempt attempt = connect(server[0], Integer.parseInt(server[1]), deadline);
                if (attempt.connected()) return;
                if (attempt.failure() != null) failures.add(attempt.failure());
            }
            // an attempt that our own deadline cut short says nothing about the server (on a busy machine the last one
            // may get a millisecond): keep what the last full round saw
            if (!failures.isEmpty() || why == null) {
                why = failures.isEmpty() ? "no answer before the timeout" : String.join("; ", failures);
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw KafkaErrors.unreachable(stage, bootstrapServers, "connecting: " + why, timeout, null);
            }
            if (!told) {
                notices.accept("Waiting up to " + KafkaErrors.seconds(timeout) + " (kafka.timeout) for the Kafka"
                        + " cluster of stage " + stage + " at " + bootstrapServers + " (" + why + ")");
                told = true;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(Math.min(backoff, left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterException("Interrupted while connecting to the Kafka cluster of stage " + stage
                        + " (" + bootstrapServers + ")", e);
            }
            backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
        }
    }

    /** {@code [host, port]} per server; empty when any entry is not {@code host:port}. */
    private static List<String[]> parse(String bootstrapServers) {
        List<String[]> out = new ArrayList<>();
        for (String entry : bootstrapServers.split(",")) {
            String s = entry.trim();
            if (s.isEmpty()) continue;
            String host = Utils.getHost(s);
            Integer port = Utils.getPort(s);
            if (host == null || host.isEmpty() || port == null) return List.of();
            out.add(new String[] {host, Integer.toString(port)});
        }
        return out;
    }

    /**
     * One round's attempt at one server.
     *
     * @param failure why no address accepted a connection, in words; null when it connected or when the only failure
     *                was a connect timeout that the probe's own deadline had shortened
     */
    private record Attempt(boolean connected, String failure) {
    }

    private static Attempt connect(String host, int port, long deadline) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return new Attempt(false, host + ": unknown host");
        }
        String failure = addresses.length == 0 ? host + ":" + port + ": no address" : null;
        for (InetAddress address : addresses) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            int connectTimeout = (int) Math.max(1, Math.min(MAX_CONNECT_MS, left));
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, port), connectTimeout);
                return new Attempt(true, null);
            } catch (SocketTimeoutException e) {
                if (connectTimeout == MAX_CONNECT_MS) {
                    failure = host + ":" + port + ": no answer within " + connectTimeout + " ms";
                }
            } catch (IOException e) {
                failure = host + ":" + port + ": " + (e.getMessage() == null ? "the connection failed"
                        : e.getMessage());
            }
        }
        return new Attempt(false, failure);
    }
}
