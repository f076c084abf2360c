package io.kafkaops.engine.local;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The child JVMs a local broker runs in: classpath, JVM options and logging flags, waiting for an exit. */
final class ChildJvm {

    private ChildJvm() {
    }

    static String classpath(List<Path> entries) {
        return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
    }

    /**
     * The JVM options of a broker or storage-tool JVM: a small heap, the quick JIT tier, and its log going to
     * {@code logFile} at {@code logLevel} through whichever SLF4J provider the classpath has.
     */
    static List<String> options(String heap, Path logFile, Path logsDir, Path log4jConfig, String logLevel) {
        return List.of(
                "-Xmx" + heap,
                "-XX:+UseSerialGC",
                // the quick JIT tier alone: a test or local broker starts in about half the CPU time
                "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true",
                "-Dkafka.logs.dir=" + logsDir,
                // the broker logs through SLF4J: these cover log4j-slf4j2-impl and slf4j-simple, whichever is given
                "-Dlog4j2.configurationFile=" + log4jConfig,
                "-Dorg.slf4j.simpleLogger.logFile=" + logFile,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=" + logLevel,
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS",
                "-Dorg.slf4j.simpleLogger.showThreadName=false");
    }

    static boolean awaitExit(Process p, Duration timeout) {
        try {
            return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }

    static void closeStdin(Process p) {
        try {
            p.getOutputStream().close();
        } catch (IOException ignored) {
            // the child is gone either way
        }
    }

    /** The jar or classes directory holding {@link BrokerMain}, added to the broker's classpath. */
    static Path ownCodeSource() {
        try {
            CodeSource source = ChildJvm.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return null;
            }
            Path path = Path.of(source.getLocation().toURI());
            return Files.exists(path) ? path : null;
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }
}
