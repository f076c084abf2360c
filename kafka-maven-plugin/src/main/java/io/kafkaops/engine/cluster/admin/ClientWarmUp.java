package io.kafkaops.engine.cluster.admin;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Prepares, on a second thread, what a plan or deploy needs after the validation and before the cluster's first
 * answer, while the goal's own thread still validates the repository's files: the JVM's platform MBean server (every
 * Kafka client registers its {@code app-info} there), the Kafka client classes (the protocol's ~900 request, response
 * and error classes are loaded and initialised with {@code ApiKeys}), the HMAC-SHA-512 that a SCRAM sign-in computes
 * 4,096 times per connection, and jackson-databind (the credential store, the ownership records and plan.json; the
 * validation does not use it). Done after the validation, on the goal's thread, these took 0.5-1 s of a short goal in
 * the class-load timelines; beside the validation they overlap with it where a core is free (on a machine whose cores
 * are all busy they only move, see the performance page).
 *
 * <p>No network, no output, no state of the engine: only classes and JDK singletons that the goal would initialise
 * anyway. The goal waits for the warm-up to end before it goes on after the validation ({@link #await}; the session
 * waits too, before it creates a client), so no class is initialised by two threads at once in different orders.
 */
public final class ClientWarmUp {

    /** Initialised in this order: the protocol first (the largest part), then the clients and their sign-in. */
    static final List<String> CLASSES = List.of(
            "org.apache.kafka.common.protocol.ApiKeys",
            "org.apache.kafka.common.protocol.Errors",
            "org.apache.kafka.common.requests.AbstractResponse",
            "org.apache.kafka.clients.admin.AdminClientConfig",
            "org.apache.kafka.clients.consumer.ConsumerConfig",
            "org.apache.kafka.clients.admin.KafkaAdminClient",
            "org.apache.kafka.clients.consumer.KafkaConsumer",
            "org.apache.kafka.clients.NetworkClient",
            "org.apache.kafka.common.network.Selector",
            "org.apache.kafka.common.security.authenticator.SaslClientAuthenticator",
            "org.apache.kafka.common.security.scram.internals.ScramSaslClient",
            "org.apache.kafka.common.security.scram.internals.ScramFormatter",
            "com.fasterxml.jackson.databind.ObjectMapper");

    private static CountDownLatch done;

    private ClientWarmUp() {
    }

    /** Starts the warm-up once per JVM (later calls do nothing); returns at once. */
    public static synchronized void start() {
        if (done != null) return;
        CountDownLatch latch = new CountDownLatch(1);
        done = latch;
        Thread t = new Thread(() -> {
            try {
                run();
            } finally {
                latch.countDown();
            }
        }, "kafkaops-client-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        t.start();
    }

    /** Waits for a warm-up that was started, at most {@code max}; returns at once when none was. */
    public static void await(Duration max) {
        CountDownLatch latch;
        synchronized (ClientWarmUp.class) {
            latch = done;
        }
        if (latch == null) return;
        try {
            latch.await(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void run() {
        try {
            ManagementFactory.getPlatformMBeanServer();
        } catch (RuntimeException | Error e) {
            // the client reports it itself if it matters
        }
        ClassLoader loader = ClientWarmUp.class.getClassLoader();
        for (String name : CLASSES) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | RuntimeException | LinkageError e) {
                // another Kafka version: the client loads what it needs itself
            }
        }
        try {
            // its serializers for the plain types every JSON file of the goal has
            new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                    java.util.Map.of("name", List.of("value", 1, 2L, true)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException | LinkageError e) {
            // the goal reports it itself if it matters
        }
        try {
            // what one SCRAM-SHA-512 sign-in computes: the JIT compiles it here instead of during the first sign-ins
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec("kafkaops-warm-up".getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
            byte[] u = new byte[64];
            for (int i = 0; i < 4096; i++) u = mac.doFinal(u);
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            // the sign-in reports it itself if it matters
        }
    }
}
