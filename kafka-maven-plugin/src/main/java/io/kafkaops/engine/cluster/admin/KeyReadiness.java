package io.kafkaops.engine.cluster.admin;

import io.kafkaops.engine.cluster.SaslJaas;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;

/**
 * Waits until new API keys work on a Confluent Cloud cluster: Confluent documents that a new key can take minutes to
 * be accepted. A key counts as ready when an authenticated Admin call with it has succeeded twice in a row, each on
 * a fresh connection (an authorization error counts: the key got past authentication). The wait is bounded and says
 * what it waits for.
 */
final class KeyReadiness {

    /** Successes in a row that make a key ready: one could hit the one broker that already has it. */
    static final int IN_A_ROW = 2;
    private static final int PARALLEL = 4;

    private final Map<String, String> clientProperties;
    private final Duration bound;
    private final Consumer<String> notices;

    /**
     * @param clientProperties the application client properties (bootstrap, SASL_SSL, PLAIN, TLS trust); no secret
     * @param bound            the longest wait
     */
    KeyReadiness(Map<String, String> clientProperties, Duration bound, Consumer<String> notices) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.bound = bound;
        this.notices = notices;
    }

    Duration bound() {
        return bound;
    }

    /**
     * @param secrets key id to secret of the keys to wait for
     * @param owners  key id to the account it belongs to, for the messages
     * @return the keys that did not become ready in time, with the last reason
     */
    Map<String, String> await(Map<String, String> secrets, Map<String, String> owners) {
        Map<String, String> notReady = new LinkedHashMap<>();
        if (secrets.isEmpty()) return notReady;
        Map<String, Integer> streak = new HashMap<>();
        Map<String, String> last = new HashMap<>();
        secrets.keySet().forEach(k -> {
            streak.put(k, 0);
            last.put(k, "not tried yet");
        });
        notices.accept("Waiting for " + secrets.size() + " new API key" + (secrets.size() == 1 ? "" : "s")
                + " to work on the cluster (" + IN_A_ROW + " authenticated Admin calls in a row each; Confluent Cloud"
                + " takes up to minutes to accept a new key; at most " + bound.toSeconds() + " s): "
                + describe(secrets.keySet(), owners));
        long start = System.nanoTime();
        long deadline = start + bound.toNanos();
        long nextNotice = start + TimeUnit.SECONDS.toNanos(10);
        long backoff = 200;
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, secrets.size()), r -> {
            Thread t = new Thread(r, "kafkaops-key-readiness");
            t.setDaemon(true);
            return t;
        });
        try {
            while (true) {
                List<String> waiting = streak.entrySet().stream().filter(e -> e.getValue() < IN_A_ROW)
                        .map(Map.Entry::getKey).sorted().toList();
                if (waiting.isEmpty()) break;
                Map<String, Future<String>> probes = new LinkedHashMap<>();
                for (String key : waiting) probes.put(key, pool.submit(() -> probe(key, secrets.get(key))));
                for (Map.Entry<String, Future<String>> p : probes.entrySet()) {
                    String failure;
                    try {
                        failure = p.getValue().get();
                    } catch (ExecutionException e) {
                        failure = KafkaErrors.message(e.getCause());
                    }
                    if (failure == null) {
                        streak.merge(p.getKey(), 1, Integer::sum);
                    } else {
                        streak.put(p.getKey(), 0);
                        last.put(p.getKey(), failure);
                    }
                }
                long now = System.nanoTime();
                List<String> still = streak.entrySet().stream().filter(e -> e.getValue() < IN_A_ROW)
                        .map(Map.Entry::getKey).sorted().toList();
                if (still.isEmpty()) break;
                if (now > deadline) {
                    for (String k : still) notReady.put(k, last.get(k));
                    break;
                }
                if (now > nextNotice) {
                    notices.accept(String.format(Locale.ROOT, "Still waiting for %d new API key%s to work on the"
                                    + " cluster after %.0f s: %s", still.size(), still.size() == 1 ? "" : "s",
                            (now - start) / 1e9, describe(still, owners)));
                    nextNotice = now + TimeUnit.SECONDS.toNanos(10);
                }
                backoff = AdminFutures.pause(backoff);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            streak.forEach((k, n) -> {
                if (n < IN_A_ROW) notReady.put(k, "interrupted while checking that it works");
            });
        } finally {
            pool.shutdownNow();
        }
        return notReady;
    }

    private static String describe(java.util.Collection<String> keys, Map<String, String> owners) {
        List<String> parts = new ArrayList<>();
        for (String k : keys) {
            if (parts.size() == 10) {
                parts.add("and " + (keys.size() - 10) + " more");
                break;
            }
            parts.add(k + " of " + owners.getOrDefault(k, "?"));
        }
        return String.join(", ", parts);
    }

    /** One sign-in on a fresh connection; null when it got past authentication, else why not. */
    private String probe(String key, String secret) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put("sasl.jaas.config", SaslJaas.plain(key, secret).value());
        props.put("client.id", "kafkaops-key-check");
        ClientSettings.lean(props);
        long ms = Math.min(bound.toMillis(), 10_000);
        props.put("request.timeout.ms", Long.toString(ms));
        props.put("default.api.timeout.ms", Long.toString(ms));
        try (Admin probe = Admin.create(props)) {
            probe.describeCluster().clusterId().get(ms, TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            Throwable cause = KafkaErrors.unwrap(e);
            if (cause instanceof org.apache.kafka.common.errors.AuthorizationException) return null;
            return cause instanceof org.apache.kafka.common.errors.AuthenticationException
                    ? "the cluster still refuses it" : KafkaErrors.message(cause);
        } catch (java.util.concurrent.TimeoutException e) {
            return "no broker answered";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (RuntimeException e) {
            return KafkaErrors.message(e);
        }
    }
}
