package io.kafkaops.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker JVM's entry point exits when its parent goes away (its standard input closes). */
class BrokerMainTest {

    /** Stands in for kafka.Kafka: runs until the process is told to stop. */
    static final class RunsForever {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("running " + String.join(",", args));
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }

    @TempDir
    Path temp;

    @Test
    void runsTheMainClassAndExitsWhenStandardInputCloses() throws Exception {
        Path log = temp.resolve("out.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                BrokerMain.class.getName(), RunsForever.class.getName(), "a", "b")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.readString(log).contains("running a,b") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(Files.readString(log)).contains("running a,b");
            assertThat(process.isAlive()).as("running while stdin is open").isTrue();

            process.getOutputStream().close();

            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited after stdin closed").isTrue();
            assertThat(process.exitValue()).isEqualTo(1);
        } finally {
            process.destroyForcibly();
        }
    }
}
