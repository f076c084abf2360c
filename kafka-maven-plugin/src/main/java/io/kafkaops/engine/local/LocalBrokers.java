package io.kafkaops.engine.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The brokers of development stages started in this JVM, one per data directory, so that the goals of one build
 * (validate, plan, deploy, a second plan) share one running broker instead of each starting its own. Each broker
 * stops when the JVM exits (its own shutdown hook; its child JVM also exits when the pipe to this JVM closes), or
 * earlier through {@link #stop(Path)}.
 *
 * <p>A broker starts clean: data an earlier build left behind is deleted first, unless the request keeps data, in
 * which case the earlier broker's data, admin password and ports are reused. A lock file next to the data directory
 * keeps two builds from using one directory at the same time.
 */
public final class LocalBrokers {

    /** Written into a kept data directory: what a later build needs to start a broker on the same data. */
    static final String STATE_FILE = "kafkaops-local.properties";

    private static final Map<Path, Entry> RUNNING = new HashMap<>();

    private LocalBrokers() {
    }

    /**
     * @param dataDir       where the broker keeps everything; a lock file {@code <dataDir>.lock} goes next to it
     * @param keepData      keep the data when the broker stops and reuse it on the next start
     * @param clientPort    a fixed client port, or 0 for a free one (a kept broker tries its earlier ports first)
     * @param classpath     the Kafka server jars; asked only when a broker really has to start
     * @param startTimeout  how long to wait for the broker to accept its admin user
     */
    public record Request(Path dataDir, boolean keepData, int clientPort, Supplier<List<Path>> classpath,
                          Duration startTimeout) {
        public Request {
            dataDir = dataDir.toAbsolutePath().normalize();
            Objects.requireNonNull(classpath, "classpath");
            Objects.requireNonNull(startTimeout, "startTimeout");
        }
    }

    /**
     * @param reused   the broker was already running in this JVM (started by an earlier goal of the build)
     * @param keptData the broker started on the data an earlier build kept
     * @param took     how long starting it took (zero when reused)
     */
    public record Started(KafkaBroker broker, boolean reused, boolean keptData, Duration took) {
    }

    private record Entry(KafkaBroker broker, FileChannel lockChannel, FileLock lock) {
    }

    /**
     * The running broker for the data directory, started now if this JVM has none yet.
     *
     * @throws KafkaBrokerException when another process uses the data directory or the broker does not start
     */
    public static synchronized Started startOrReuse(Request request) {
        Entry running = RUNNING.get(request.dataDir());
        if (running != null && running.broker().isRunning()) {
            return new Started(running.broker(), true, false, Duration.ZERO);
        }
        if (running != null) {
            // it died under us (killed, out of memory): start afresh on whatever it left
            forget(request.dataDir(), running);
        }
        long begin = System.nanoTime();
        Path dataDir = request.dataDir();
        FileChannel channel = null;
        FileLock lock = null;
        try {
            Files.createDirectories(dataDir.getParent());
            channel = FileChannel.open(lockFile(dataDir), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new KafkaBrokerException("Another build is using the local Kafka in " + dataDir
                        + ": stop it first, or give this build another data directory");
            }
            refuseForeignDirectory(dataDir);
            Properties kept = request.keepData() ? keptState(dataDir) : null;
            if (kept == null) {
                deleteBrokerData(dataDir);
            }
            KafkaBroker broker = start(request, kept);
            if (request.keepData()) {
                writeState(broker);
            }
            RUNNING.put(dataDir, new Entry(broker, channel, lock));
            return new Started(broker, false, kept != null, Duration.ofNanos(System.nanoTime() - begin));
        } catch (IOException e) {
            closeQuietly(channel);
            throw new KafkaBrokerException("Cannot prepare the local Kafka data directory " + dataDir + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** The broker running for the data directory in this JVM, if any. */
    public static synchronized Optional<KafkaBroker> running(Path dataDir) {
        Entry e = RUNNING.get(dataDir.toAbsolutePath().normalize());
        return e != null && e.broker().isRunning() ? Optional.of(e.broker()) : Optional.empty();
    }

    /** Stops the broker of the data directory (deleting its data unless it was kept); nothing when none runs. */
    public static synchronized void stop(Path dataDir) {
        Path key = dataDir.toAbsolutePath().normalize();
        Entry e = RUNNING.get(key);
        if (e != null) {
            forget(key, e);
        }
    }

    private static void forget(Path key, Entry e) {
        RUNNING.remove(key);
        try {
            e.broker().stop();
        } finally {
            closeQuietly(e.lockChannel());
        }
    }

    private static KafkaBroker start(Request request, Properties kept) {
        int keptClient = kept == null ? 0 : Integer.parseInt(kept.getProperty("clientPort", "0"));
        int keptController = kept == null ? 0 : Integer.parseInt(kept.getProperty("controllerPort", "0"));
        boolean tryKeptPorts = request.clientPort() == 0 && keptClient > 0 && keptController > 0;
        if (tryKeptPorts) {
            try {
                return startOnce(request, kept, keptClient, keptController);
            } catch (KafkaBrokerException e) {
                String message = String.valueOf(e.getMessage());
                if (!message.contains("could not bind") && !message.contains("No free loopback port")) throw e;
                // the earlier ports are taken now: any free ones will do, clients read the new address anyway
            }
        }
        return startOnce(request, kept, request.clientPort(), 0);
    }

    private static KafkaBroker startOnce(Request request, Properties kept, int clientPort, int controllerPort) {
        KafkaBroker.Builder builder = KafkaBroker.builder()
                .classpath(request.classpath().get())
                .dataDir(request.dataDir())
                .keepData(request.keepData())
                .clientPort(clientPort)
                .controllerPort(controllerPort)
                .startTimeout(request.startTimeout());
        if (kept != null) {
            builder.adminPassword(kept.getProperty("adminPassword"));
        }
        KafkaBroker broker = builder.build();
        try {
            broker.start();
        } catch (RuntimeException e) {
            // a kept directory stays for the next attempt; a fresh one goes
            broker.stop();
            throw e;
        }
        return broker;
    }

    /** The state an earlier broker kept in the directory, or null when there is none to reuse. */
    private static Properties keptState(Path dataDir) throws IOException {
        Path state = dataDir.resolve(STATE_FILE);
        if (!Files.isRegularFile(state) || !Files.isRegularFile(dataDir.resolve("kraft").resolve("meta.properties"))) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(state)) {
            p.load(in);
        }
        return p.getProperty("adminPassword") == null ? null : p;
    }

    private static void writeState(KafkaBroker broker) {
        Properties p = new Properties();
        p.setProperty("adminPassword", broker.adminCredentials().password());
        String address = broker.bootstrapServers();
        p.setProperty("clientPort", address.substring(address.lastIndexOf(':') + 1));
        p.setProperty("controllerPort", String.valueOf(broker.controllerPort()));
        Path file = broker.dataDir().resolve(STATE_FILE);
        try {
            Files.deleteIfExists(file);
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                p.store(out, "The local Kafka's admin password and ports, to start it again on its kept data");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /**
     * A broker deletes its data directory when it stops: a directory with other content must never become one, so
     * that a mistyped path never costs a user their files.
     */
    private static void refuseForeignDirectory(Path dataDir) throws IOException {
        if (!Files.isDirectory(dataDir) || Files.isRegularFile(dataDir.resolve("server.properties"))) return;
        try (Stream<Path> entries = Files.list(dataDir)) {
            if (entries.findAny().isPresent()) {
                throw new KafkaBrokerException("The broker data directory " + dataDir + " is neither empty nor a"
                        + " broker's: choose an empty or new directory");
            }
        }
    }

    /** Deletes what an earlier broker left in its directory (refuseForeignDirectory made sure it is a broker's). */
    private static void deleteBrokerData(Path dataDir) throws IOException {
        if (!Files.isRegularFile(dataDir.resolve("server.properties"))) {
            return;
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static Path lockFile(Path dataDir) {
        return dataDir.resolveSibling(dataDir.getFileName() + ".lock");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing releases the lock; the JVM releases it at exit anyway
        }
    }
}
