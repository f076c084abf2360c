package io.kafkaops.engine.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What every local Kafka node runs with: the server jars, where its files go, the super user, the JVM and broker
 * properties. One record and one builder for {@link KafkaBroker} and for the multi-node cluster of the tests, so a
 * setting is defined, documented and checked in one place.
 *
 * @param classpath    Kafka server jars ({@code org.apache.kafka:kafka_2.13} and its runtime dependencies)
 * @param dataDir      where configuration, logs and data go; null for a new temporary directory
 * @param adminUser    the super user's name
 * @param adminPassword the super user's password; null for a random one
 * @param startTimeout how long a start waits for the broker
 * @param maxHeap      the broker JVM's -Xmx value
 * @param logLevel     the level of the broker's log file (error, warn, info, debug, trace)
 * @param javaHome     the JDK that runs the broker
 * @param properties   broker properties that replace the defaults of the same name
 */
public record BrokerSettings(List<Path> classpath, Path dataDir, String adminUser, String adminPassword,
                             Duration startTimeout, String maxHeap, String logLevel, Path javaHome,
                             Map<String, String> properties) {

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern SAFE_PASSWORD = Pattern.compile("[A-Za-z0-9._~-]+");
    private static final Set<String> LOG_LEVELS = Set.of("error", "warn", "info", "debug", "trace");

    public BrokerSettings {
        if (classpath == null || classpath.isEmpty()) {
            throw new IllegalStateException("The broker classpath (Kafka server jars) is required");
        }
        classpath = List.copyOf(classpath);
        if (adminUser == null || !SAFE_NAME.matcher(adminUser).matches()) {
            throw new IllegalStateException("The admin user name must consist of letters, digits, '.', '_', '-'");
        }
        if (adminPassword != null && !SAFE_PASSWORD.matcher(adminPassword).matches()) {
            // the storage tool's --add-scram syntax has no escaping for these characters
            throw new IllegalStateException("The admin password must consist of letters, digits, '.', '_', '~', '-'");
        }
        if (!LOG_LEVELS.contains(logLevel)) {
            throw new IllegalStateException("The log level must be error, warn, info, debug or trace");
        }
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(maxHeap, "maxHeap");
        Objects.requireNonNull(javaHome, "javaHome");
        properties = Map.copyOf(properties);
    }

    /** Leaves the admin password out, so settings in a log line or a message never carry it. */
    @Override
    public String toString() {
        return "BrokerSettings[classpath=" + classpath.size() + " entries, dataDir=" + dataDir + ", adminUser="
                + adminUser + ", adminPassword=" + (adminPassword == null ? "(random)" : "***") + ", startTimeout="
                + startTimeout + ", maxHeap=" + maxHeap + ", logLevel=" + logLevel + ", javaHome=" + javaHome
                + ", properties=" + properties.keySet() + "]";
    }

    /** The {@code java} executable of {@link #javaHome()}. */
    Path javaExecutable() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return javaHome.resolve("bin").resolve(windows ? "java.exe" : "java");
    }

    /**
     * The settings every node builder shares; subclasses add their own (ports, number of brokers) and defaults.
     *
     * @param <B> the concrete builder, returned by every setter
     */
    public abstract static class Builder<B extends Builder<B>> {
        private List<Path> classpath;
        private Path dataDir;
        private String adminUser = "admin";
        private String adminPassword;
        private Duration startTimeout;
        private String maxHeap;
        private String logLevel = "warn";
        private Path javaHome = Path.of(System.getProperty("java.home"));
        private final Map<String, String> properties = new LinkedHashMap<>();

        /**
         * @param startTimeout the default start timeout
         * @param maxHeap      the default -Xmx value
         */
        protected Builder(Duration startTimeout, String maxHeap) {
            this.startTimeout = startTimeout;
            this.maxHeap = maxHeap;
        }

        /** This builder, for chained setters. */
        protected abstract B self();

        /** Kafka server jars ({@code org.apache.kafka:kafka_2.13} and its runtime dependencies). Required. */
        public B classpath(List<Path> classpath) {
            this.classpath = List.copyOf(classpath);
            return self();
        }

        /**
         * Where the configuration, logs and data go: a new or empty directory (or, for a single broker, one an
         * earlier broker kept). A new temporary directory by default.
         */
        public B dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return self();
        }

        /** The super user's name, {@code admin} by default. */
        public B adminUser(String adminUser) {
            this.adminUser = adminUser;
            return self();
        }

        /**
         * The super user's password; a random one by default. Needed only to reuse a data directory formatted by an
         * earlier broker (the SCRAM credential is stored there). Letters, digits and {@code . _ ~ -}.
         */
        public B adminPassword(String adminPassword) {
            this.adminPassword = adminPassword;
            return self();
        }

        /** How long a start waits for the broker (or each node, and then the whole cluster). */
        public B startTimeout(Duration startTimeout) {
            this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
            return self();
        }

        /** The broker JVM's -Xmx value (each node's). */
        public B maxHeap(String maxHeap) {
            this.maxHeap = Objects.requireNonNull(maxHeap, "maxHeap");
            return self();
        }

        /** The level of the broker's log file: error, warn (the default), info, debug or trace. */
        public B logLevel(String logLevel) {
            this.logLevel = Objects.requireNonNull(logLevel, "logLevel").toLowerCase(Locale.ROOT);
            return self();
        }

        /** The JDK that runs the broker; the current one by default. */
        public B javaHome(Path javaHome) {
            this.javaHome = Objects.requireNonNull(javaHome, "javaHome");
            return self();
        }

        /** A broker property that replaces the default of the same name (for example auto.create.topics.enable). */
        public B property(String name, String value) {
            properties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return self();
        }

        /** The properties set so far, for a subclass's own checks. */
        protected Map<String, String> properties() {
            return properties;
        }

        /** The settings, checked. */
        protected BrokerSettings settings() {
            return new BrokerSettings(classpath, dataDir, adminUser, adminPassword, startTimeout, maxHeap, logLevel,
                    javaHome, properties);
        }
    }
}
