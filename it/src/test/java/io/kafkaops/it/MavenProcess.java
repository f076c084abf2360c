package io.kafkaops.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A {@code mvn} run started by {@link MavenRunner#start} that is still going: wait for a line of its output, stop it
 * the way Ctrl-C does (SIGTERM: the JVM runs its shutdown hooks), and collect the result.
 */
public final class MavenProcess implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final List<String> args;
    private final Process process;
    private final Path log;
    private final Duration timeout;
    private final long started = System.nanoTime();

    MavenProcess(List<String> args, Process process, Path log, Duration timeout) {
        this.args = List.copyOf(args);
        this.process = process;
        this.log = log;
        this.timeout = timeout;
    }

    /**
     * Waits until some line of the output contains the text, and returns that line.
     *
     * @throws AssertionError when the build ends or the time is up first; the message has the end of the output
     */
    public String awaitLine(String text, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Optional<String> line = output().lines().filter(l -> l.contains(text)).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            if (!process.isAlive()) {
                throw failure("the build ended (exit " + process.exitValue() + ") before a line contained \"" + text
                        + "\"");
            }
            if (System.nanoTime() > deadline) {
                throw failure("no line contained \"" + text + "\" within " + within.toSeconds() + "s");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for mvn", e);
            }
        }
    }

    /** Sends SIGTERM, as Ctrl-C in a terminal would end the build, and waits for the build to end. */
    public MavenResult interrupt() {
        process.destroy();
        return await();
    }

    /** Waits for the build to end by itself, within the runner's timeout. */
    public MavenResult await() {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new AssertionError("mvn " + String.join(" ", args) + " did not finish within "
                        + timeout.toSeconds() + "s; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for mvn", e);
        }
        return result(process.exitValue());
    }

    /** Kills the build and whatever it started, if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private AssertionError failure(String what) {
        List<String> lines = output().lines().toList();
        List<String> tail = lines.subList(Math.max(0, lines.size() - 80), lines.size());
        return new AssertionError("mvn " + String.join(" ", args) + ": " + what + "\n--- last " + tail.size()
                + " lines of " + log + " ---\n" + String.join("\n", tail));
    }

    private String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + log, e);
        }
    }

    private MavenResult result(int exitCode) {
        return new MavenResult(args, exitCode, output(), log, Duration.ofNanos(System.nanoTime() - started));
    }
}
