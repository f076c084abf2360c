package io.kafkaops.it.bench;

import io.kafkaops.engine.local.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Small helpers the benchmarks share. */
final class Bench {

    /** Keeps results reachable so the JIT cannot drop the work that produced them. */
    static volatile Object sink;

    private Bench() {
    }

    static void consume(Object o) {
        sink = o;
    }

    /** CPU time of the whole process (all threads, JIT and GC included), in nanoseconds; -1 when unknown. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String format(List<Double> values) {
        return values.stream().map(v -> String.format("%.0f", v)).collect(Collectors.joining(", "));
    }

    /** The 1, 5 and 15 minute load averages, to print beside the figures. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** {@code examples/}: from -Dbench.examples, else found from the working directory (the root or it/). */
    static Path examples() {
        String configured = System.getProperty("bench.examples");
        if (configured != null) return Path.of(configured);
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("examples/platform/platform.yaml");
            if (Files.isRegularFile(candidate)) return dir.resolve("examples");
        }
        throw new IllegalStateException("cannot find examples/platform/platform.yaml above "
                + Path.of("").toAbsolutePath() + "; run from the project root or set -Dbench.examples=<dir>");
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A started broker on this JVM's classpath (the Kafka server jars are test dependencies), with its data there. */
    static KafkaBroker broker(Path dataDir, String heap) {
        KafkaBroker broker = KafkaBroker.builder()
                .classpath(KafkaBroker.currentJvmClasspath())
                .dataDir(dataDir)
                .maxHeap(heap)
                .startTimeout(Duration.ofMinutes(3))
                .build();
        broker.start();
        return broker;
    }

    /**
     * The pom.xml of a generated service repository that runs this plugin (packaging pom, no code); with a platform
     * file, the plugin's {@code platform} configuration names it.
     */
    static String servicePom(String groupId, String artifactId, String pluginVersion, Path platformOrNull) {
        String configuration = platformOrNull == null ? ""
                : "\n        <configuration><platform>" + platformOrNull.toAbsolutePath() + "</platform></configuration>";
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>%s</groupId>
                  <artifactId>%s</artifactId>
                  <version>1.0.0-SNAPSHOT</version>
                  <packaging>pom</packaging>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>io.kafkaops</groupId>
                        <artifactId>kafka-maven-plugin</artifactId>
                        <version>%s</version>%s
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(groupId, artifactId, pluginVersion, configuration);
    }
}
