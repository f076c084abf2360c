package io.kafkaops.engine.local;

import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real Kafka broker shared by every test in this JVM (the core's ITs and the {@code it} module's, through the
 * test-jar of kafka-maven-plugin), started on first use and stopped when the JVM exits. Tests share it, so they name
 * what they create with {@link #uniqueName(String)}.
 *
 * <p>By default the broker runs from the test classpath (which has kafka_2.13) in a child JVM: no Docker needed.
 * {@code -Dkafka.test.broker=testcontainers} runs it in a container instead ({@link ContainerBroker}, image
 * {@code apache/kafka} of the build's Kafka version, or {@code -Dkafka.test.image}); where no Docker engine answers,
 * the tests that need the broker are skipped, not failed. Tests that kill and restart the broker use {@link #jar()},
 * which is always the child-JVM broker.
 */
public final class TestBroker {

    /** The system property choosing the broker: {@code jar} (the default) or {@code testcontainers}. */
    public static final String KIND_PROPERTY = "kafka.test.broker";

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static KafkaBroker broker;
    private static RuntimeException startFailure;

    private TestBroker() {
    }

    /** The shared broker of the kind {@value #KIND_PROPERTY} selects, started on the first call. */
    public static TestKafka get() {
        String kind = kind();
        switch (kind) {
            case "", "jar" -> {
                return new TestKafka.Jar(jar());
            }
            case "testcontainers" -> {
                return ContainerBroker.shared();
            }
            default -> throw new IllegalArgumentException("-D" + KIND_PROPERTY + " must be jar or testcontainers, not '"
                    + kind + "'");
        }
    }

    /**
     * Whether {@link #get()} is the child-JVM broker of {@link #jar()}: a test that kills and restarts the broker it
     * deploys to assumes so.
     */
    public static boolean isJar() {
        return kind().isEmpty() || kind().equals("jar");
    }

    private static String kind() {
        return System.getProperty(KIND_PROPERTY, "jar").trim().toLowerCase(Locale.ROOT);
    }

    /** The running shared child-JVM broker; starts it on the first call, and again if a test killed it. */
    public static synchronized KafkaBroker jar() {
        if (startFailure != null) {
            // fail every later test at once instead of waiting for the start timeout again
            throw new IllegalStateException("The shared test broker failed to start", startFailure);
        }
        if (broker == null) {
            KafkaBroker candidate = KafkaBroker.builder()
                    .classpath(KafkaBroker.currentJvmClasspath())
                    .dataDir(Path.of(System.getProperty("basedir", "."), "target", "test-broker",
                            String.valueOf(ProcessHandle.current().pid())))
                    .build();
            try {
                candidate.start();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
            broker = candidate;
        } else if (!broker.isRunning()) {
            broker.restart();
        }
        return broker;
    }

    /** A name no other test in this JVM uses, for topics, users and groups on the shared broker. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + COUNTER.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
