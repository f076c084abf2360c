package io.kafkaops.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInfo;

/**
 * Runs the real {@code mvn} on a copy of a sample service repository from {@code src/it-repos}.
 *
 * <p>The child build uses a settings file of its own: its local repository is {@code target/it-repo}, where
 * maven-invoker-plugin installed the plugin just built (so nothing goes to {@code ~/.m2}), and the user's local
 * repository serves as a {@code file://} remote, so Maven's own plugins come from disk. Maven Central stays the
 * fallback. Paths arrive as system properties set by failsafe (see the it module's pom).
 */
public final class MavenRunner {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    private static final String TOKEN_PREFIX = "it.token.";
    private static Path settings;

    private final Path workDir;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, List<String>> servers = new LinkedHashMap<>();
    private Duration timeout = DEFAULT_TIMEOUT;

    private MavenRunner(Path workDir) {
        this.workDir = workDir;
    }

    /** A runner working in {@code target/it-work/<TestClass>.<method>}. */
    public static MavenRunner forTest(TestInfo test) {
        String name = test.getTestClass().map(Class::getSimpleName).orElse("test")
                + test.getTestMethod().map(m -> "." + m.getName()).orElse("");
        return forTest(name);
    }

    /** A runner working in {@code target/it-work/<name>}. */
    public static MavenRunner forTest(String name) {
        return new MavenRunner(path("it.work").resolve(name));
    }

    /** Sets an environment variable for every later run (for example a cluster password). */
    public MavenRunner env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /**
     * Adds a {@code <server>} (for example a cluster's admin credentials) to the settings of every later run, which
     * then use a settings file of their own in the work directory instead of the shared one.
     */
    public MavenRunner server(String id, String username, String password) {
        servers.put(id, List.of(username, password));
        return this;
    }

    /** How long one {@code mvn} run may take before it is killed; five minutes by default. */
    public MavenRunner timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    public Path workDir() {
        return workDir;
    }

    /**
     * Copies {@code src/it-repos/<name>} to {@code <workDir>/<name>} (replacing an earlier copy) and fills in the
     * {@code @token@} placeholders of every pom.xml.
     *
     * @return the copy's directory, to pass to {@link #run(Path, String...)}
     */
    public Path copyRepo(String name) {
        Path source = path("it.repos").resolve(name);
        if (!Files.isDirectory(source)) {
            throw new IllegalArgumentException("No sample repository " + source);
        }
        Path target = workDir.resolve(name);
        try {
            deleteRecursively(target);
            copyRecursively(source, target);
            try (Stream<Path> poms = Files.walk(target)) {
                for (Path pom : poms.filter(p -> p.getFileName().toString().equals("pom.xml")).toList()) {
                    Files.writeString(pom, replaceTokens(Files.readString(pom)));
                }
            }
            // an empty .mvn marks the project root, so the child never reads a .mvn/maven.config further up
            Files.createDirectories(target.resolve(".mvn"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + source + " to " + target, e);
        }
        return target;
    }

    /**
     * Runs {@code mvn -B -s <it settings> <args>} in the project directory and waits for it.
     * The combined output is also saved to {@code build.log} in the project directory.
     */
    public MavenResult run(Path projectDir, String... args) {
        ProcessBuilder builder = mvn(projectDir, servers.isEmpty() ? itSettings() : settingsWithServers(), args);
        Path log = projectDir.resolve("build.log");

        long started = System.nanoTime();
        int exitCode;
        try {
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
                throw new AssertionError("mvn " + String.join(" ", args) + " did not finish within "
                        + timeout.toSeconds() + "s; see " + log);
            }
            exitCode = process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + builder.command().get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while running mvn", e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        try {
            return new MavenResult(List.of(args), exitCode, Files.readString(log, StandardCharsets.UTF_8), log,
                    took);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + log, e);
        }
    }

    /**
     * Starts {@code mvn -B -s <it settings> <args>} in the project directory without waiting, for goals that keep
     * running (kafka:run). The output goes to {@code build.log} in the project directory, as with {@link #run}.
     */
    public MavenProcess start(Path projectDir, String... args) {
        ProcessBuilder builder = mvn(projectDir, itSettings(), args);
        try {
            return new MavenProcess(List.of(args), builder.start(), projectDir.resolve("build.log"), timeout);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + builder.command().get(0), e);
        }
    }

    /** {@code mvn -B -s <settings> <args>} in the project directory, its output going to {@code build.log} there. */
    private ProcessBuilder mvn(Path projectDir, Path settings, String... args) {
        List<String> command = new ArrayList<>(List.of(mvnExecutable(), "-B", "-ntp", "-Dstyle.color=never", "-s",
                settings.toString()));
        if (Boolean.getBoolean("it.offline")) {
            // the parent build is offline: keep the child offline too, but let it read the file:// repository
            command.add("-o");
            command.add("-Daether.offline.protocols=file");
        }
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(projectDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(projectDir.resolve("build.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        Map<String, String> environment = builder.environment();
        environment.put("MAVEN_SKIP_RC", "true");
        // the child builds are short: the quick JIT tier alone starts Maven noticeably faster
        environment.put("MAVEN_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        environment.putAll(env);
        return builder;
    }

    /** The settings file every child build uses; written once per test JVM. */
    static synchronized Path itSettings() {
        if (settings != null) {
            return settings;
        }
        Path file = path("it.repo").resolveSibling("it-settings.xml");
        writeSettings(file, "");
        settings = file;
        return file;
    }

    /**
     * The shared settings plus this runner's servers, written to the work directory: outside every sample repository,
     * so a test can prove that no file the build writes holds the passwords.
     */
    private Path settingsWithServers() {
        StringBuilder servers = new StringBuilder("  <servers>\n");
        this.servers.forEach((id, credentials) -> servers.append("    <server>\n")
                .append("      <id>").append(xml(id)).append("</id>\n")
                .append("      <username>").append(xml(credentials.get(0))).append("</username>\n")
                .append("      <password>").append(xml(credentials.get(1))).append("</password>\n")
                .append("    </server>\n"));
        servers.append("  </servers>\n");
        Path file = workDir.resolve("settings.xml");
        writeSettings(file, servers.toString());
        return file;
    }

    private static void writeSettings(Path file, String servers) {
        Path itRepo = path("it.repo");
        Path userRepo = path("it.userRepo");
        String repository = """
                        <%1$s>
                          <id>it-user-repository</id>
                          <url>%2$s</url>
                          <!-- an installed local repository has no checksum files -->
                          <releases><enabled>true</enabled><updatePolicy>never</updatePolicy><checksumPolicy>ignore</checksumPolicy></releases>
                          <!-- snapshots of our own artifacts must come from it-repo, never from an old install -->
                          <snapshots><enabled>false</enabled></snapshots>
                        </%1$s>
                """;
        String url = xml(userRepo.toUri().toString());
        String text = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Written by io.kafkaops.it.MavenRunner for the child builds of the integration tests. -->
                <settings xmlns="http://maven.apache.org/SETTINGS/1.2.0">
                  <localRepository>%s</localRepository>
                %s  <profiles>
                    <profile>
                      <id>it-user-repository</id>
                      <repositories>
                %s      </repositories>
                      <pluginRepositories>
                %s      </pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles>
                    <activeProfile>it-user-repository</activeProfile>
                  </activeProfiles>
                </settings>
                """.formatted(xml(itRepo.toString()), servers,
                repository.formatted("repository", url),
                repository.formatted("pluginRepository", url));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static String replaceTokens(String text) {
        String result = text;
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith(TOKEN_PREFIX)) {
                result = result.replace("@" + key.substring(TOKEN_PREFIX.length()) + "@", System.getProperty(key));
            }
        }
        return result;
    }

    private static String mvnExecutable() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        String mvn = windows ? "mvn.cmd" : "mvn";
        String home = System.getProperty("maven.home");
        if (home != null && !home.isBlank() && Files.isRegularFile(Path.of(home, "bin", mvn))) {
            return Path.of(home, "bin", mvn).toString();
        }
        return mvn;
    }

    private static java.io.File nullDevice() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return new java.io.File(windows ? "NUL" : "/dev/null");
    }

    private static Path path(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property
                    + " is not set: run the ITs through failsafe (mvn verify in the it module)");
        }
        return Path.of(value).toAbsolutePath();
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void copyRecursively(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, target.resolve(source.relativize(file).toString()));
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
