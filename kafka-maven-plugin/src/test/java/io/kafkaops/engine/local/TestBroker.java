package io.kafkaops.engine.local;

import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real Kafka broker shared by every test in this JVM, started on first use from the test classpath (which has
 * kafka_2.13) and stopped when the JVM exits. Tests share it, so they name what they create with
 * {@link #uniqueName(String)}.
 */
public final class TestBroker {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static KafkaBroker broker;
    private static RuntimeException startFailure;

    private TestBroker() {
    }

    /** The running shared broker; starts it on the first call, and again if a test killed it. */
    public static synchronized KafkaBroker get() {
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
