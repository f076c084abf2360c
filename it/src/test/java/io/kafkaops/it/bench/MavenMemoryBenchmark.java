package io.kafkaops.it.bench;

import io.kafkaops.engine.desired.DesiredState;
import io.kafkaops.engine.desired.StageResolver;
import io.kafkaops.engine.local.KafkaBroker;
import io.kafkaops.engine.local.ScramCredentials;
import io.kafkaops.it.deploy.DeployFixture;
import io.kafkaops.model.EntityModel;
import io.kafkaops.model.LoadResult;
import io.kafkaops.model.load.EntityLoader;
import io.kafkaops.model.load.PlatformLoader;
import io.kafkaops.model.platform.PlatformDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resident memory of the whole {@code mvn} process for a plan and deploy of one large repository: the benchmark
 * repository of {@link RepoGenerator} (default 10,000 topics of 1 partition, 2,000 service accounts and the grant
 * entries that make about 50,000 ACL bindings on stage {@code dev}) deployed by the real {@code mvn} to a freshly
 * started local broker: {@code kafka:deploy} (everything new), {@code kafka:plan} (no changes), {@code kafka:deploy}
 * again (no changes). Each {@code mvn} runs under {@code /usr/bin/time -v} with the JVM options a user gets (none
 * unless {@code bench.mavenOpts} says so); the table shows its maximum resident set size, wall and CPU time. A harness
 * that prints figures, not a test.
 *
 * <p>The plugin comes from a private local repository (never {@code ~/.m2}): install the build to measure with
 * {@code mvn -s /tmp/m2-a/settings.xml install -DskipTests -pl kafka-maven-plugin -am} (CONTRIBUTING, "Measuring a
 * whole mvn process") and pass that settings file. Several settings files (comma-separated) are measured in turns,
 * each turn on a fresh broker, so that two builds alternate.
 *
 * <pre>
 * mvn -B -q -o -pl it -am -Pbench test-compile
 * java -cp "it/target/test-classes:$(cat it/target/bench.classpath)" \
 *     -Dbench.settings=/tmp/m2-a/settings.xml io.kafkaops.it.bench.MavenMemoryBenchmark
 * </pre>
 *
 * System properties: {@code bench.settings} (required: settings files, comma-separated), {@code bench.topics}
 * (10000), {@code bench.accounts} (2000), {@code bench.grants} (7800), {@code bench.rounds} (1: turns of every
 * build), {@code bench.mavenOpts} (MAVEN_OPTS of the measured runs, for example {@code -Xlog:gc*:file=gc.log}; empty
 * by default), {@code bench.histogram} (seconds between {@code jcmd GC.class_histogram} samples of the {@code mvn}
 * JVM, 0 = none; each sample forces a full collection, so it shows the live data and the figures of such a run are
 * not a user's; the largest sample of each step is kept in the work directory), {@code bench.brokerHeap} (2g),
 * {@code bench.timeout} (the goals' {@code kafka.timeout} in seconds, 300: on a busy machine the broker takes minutes
 * to show 10,000 new topics), {@code bench.keep} (true: keep the work directory with the logs),
 * {@code bench.countOnly} (true: only write the repository and count what the stage holds).
 */
public final class MavenMemoryBenchmark {

    private static final String STAGE = "dev";
    private static final String ID = "mem";
    private static final Pattern MAX_RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");
    private static final Pattern USER = Pattern.compile("User time \\(seconds\\): ([\\d.]+)");
    private static final Pattern SYSTEM = Pattern.compile("System time \\(seconds\\): ([\\d.]+)");
    private static final Pattern WALL = Pattern.compile("Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\): (.+)");
    private static final Pattern SUMMARY = Pattern.compile("(Plan for stage|Deploy to stage) .*");

    private MavenMemoryBenchmark() {
    }

    /** One measured {@code mvn} run. */
    record Step(String build, int round, String goal, int exit, String summary, double wallSeconds, double cpuSeconds,
                long maxRssKb, long peakHistogramBytes, String loadBefore, String loadAfter) {
    }

    public static void main(String[] args) throws Exception {
        int topics = Integer.getInteger("bench.topics", 10_000);
        int accounts = Integer.getInteger("bench.accounts", 2_000);
        int grants = Integer.getInteger("bench.grants", 7_800);
        int rounds = Integer.getInteger("bench.rounds", 1);
        String mavenOpts = System.getProperty("bench.mavenOpts", "");
        int histogramSeconds = Integer.getInteger("bench.histogram", 0);
        String heap = System.getProperty("bench.brokerHeap", "2g");
        int timeout = Integer.getInteger("bench.timeout", 300);
        List<Path> settings = new ArrayList<>();
        for (String s : System.getProperty("bench.settings", "").split(",")) {
            if (!s.isBlank()) settings.add(Path.of(s.strip()).toAbsolutePath());
        }
        boolean countOnly = Boolean.getBoolean("bench.countOnly");
        if (settings.isEmpty() && !countOnly) {
            throw new IllegalArgumentException("set -Dbench.settings=<settings.xml whose local repository holds the"
                    + " plugin build to measure>[,<another>]; see CONTRIBUTING, \"Measuring a whole mvn process\"");
        }
        String version = System.getProperty("bench.version", "0.1.0-SNAPSHOT");
        Path work = Files.createTempDirectory("kafkaops-memory-bench");
        List<Step> steps = new ArrayList<>();
        try {
            Path project = work.resolve("bench-repository");
            RepoGenerator.Stats stats = RepoGenerator.write(project.resolve("src/main/kafka"),
                    new RepoGenerator.Shape(100, topics, accounts, grants, 1));
            writePom(project, "com.example.billing", "bench", version);
            // the topics of team toll that the grants consume: deployed by a repository of team toll first
            Path toll = work.resolve("toll-repository");
            writePom(toll, "com.example.toll", "toll-bench", version);
            Files.createDirectories(toll.resolve("src/main/kafka"));
            Files.writeString(toll.resolve("src/main/kafka/topics.yaml"), tollTopics());
            Path platformFile = work.resolve("platform.yaml");
            Path secrets = work.resolve("secrets");
            System.out.printf("Repository: %s%n", stats);
            System.out.printf("Stage %s: %s; load average %s%n", STAGE, count(project, platformFile, secrets),
                    Bench.loadAverage());
            if (countOnly) return;
            for (int round = 1; round <= rounds; round++) {
                for (Path s : settings) {
                    Bench.deleteTree(secrets);
                    Bench.deleteTree(project.resolve("target"));
                    try (KafkaBroker broker = broker(work.resolve("broker"), heap)) {
                        Files.writeString(platformFile, platformYaml(broker.bootstrapServers(), secrets));
                        ScramCredentials admin = broker.adminCredentials();
                        Step tollDeploy = run(toll, platformFile, s, "deploy", admin, "", 0, round, work,
                                timeout);
                        if (tollDeploy.exit() != 0) throw new IllegalStateException("the deploy of team toll failed");
                        for (String goal : List.of("deploy", "plan", "deploy")) {
                            Step step = run(project, platformFile, s, goal, admin, mavenOpts, histogramSeconds, round,
                                    work, timeout);
                            steps.add(step);
                            System.out.printf("%s round %d: kafka:%s exit %d, %s; %.1f s wall, %.1f s CPU, max RSS"
                                            + " %d MiB (load %s -> %s)%n", step.build(), round, goal, step.exit(),
                                    step.summary(), step.wallSeconds(), step.cpuSeconds(), step.maxRssKb() >> 10,
                                    step.loadBefore(), step.loadAfter());
                        }
                    } finally {
                        Bench.deleteTree(work.resolve("broker"));
                    }
                }
            }
        } finally {
            if (Boolean.getBoolean("bench.keep")) {
                System.out.println("work directory kept: " + work);
            } else {
                Bench.deleteTree(work);
            }
        }
        System.out.println();
        System.out.println("| build | round | goal | outcome | max RSS of the mvn process | wall | CPU (user+sys) |"
                + (histogramSeconds > 0 ? " largest heap histogram |" : "") + " load average before -> after |");
        System.out.println("|---|---|---|---|---|---|---|" + (histogramSeconds > 0 ? "---|" : "") + "---|");
        for (Step s : steps) {
            System.out.printf("| %s | %d | %s | %s | %d MiB | %.1f s | %.1f s |%s %s -> %s |%n", s.build(), s.round(),
                    s.goal(), s.exit() == 0 ? s.summary() : "FAILED (exit " + s.exit() + ")", s.maxRssKb() >> 10,
                    s.wallSeconds(), s.cpuSeconds(),
                    histogramSeconds > 0 ? String.format(" %d MiB |", s.peakHistogramBytes() >> 20) : "",
                    s.loadBefore(), s.loadAfter());
        }
        System.out.println("MAVEN_OPTS of the measured runs: " + (mavenOpts.isBlank() ? "none (JVM defaults, "
                + Runtime.getRuntime().availableProcessors() + " cores)" : mavenOpts));
    }

    /** What the stage holds when the repository is deployed, by the engine's own resolution. */
    private static String count(Path project, Path platformFile, Path secrets) throws IOException {
        Files.writeString(platformFile, platformYaml("localhost:9092", secrets));
        PlatformDefinition platform = PlatformLoader.load(platformFile, platformFile.toString()).value();
        LoadResult<EntityModel> loaded = EntityLoader.load(project, project.resolve("src/main/kafka"));
        DesiredState desired = StageResolver.resolve(loaded.value(), platform, STAGE, "com.example.billing:bench",
                "billing");
        long partitions = desired.topics().stream().mapToLong(t -> t.partitions()).sum();
        return String.format("%d topics (%d partitions), %d principals, %d ACL bindings", desired.topics().size(),
                partitions, desired.principals().size(), desired.acls().size());
    }

    /**
     * The deploy tests' platform definition ({@link DeployFixture#platformYaml}) with a stage {@code prod} added: the
     * generated topics have overrides for it, and a stage the platform does not define is an error.
     */
    private static String platformYaml(String bootstrapServers, Path secrets) {
        String yaml = DeployFixture.platformYaml(ID, bootstrapServers, DeployFixture.AdminCredentials.ENVIRONMENT,
                secrets);
        if (!yaml.contains("\nclusters:\n")) throw new IllegalStateException("unexpected platform definition:\n" + yaml);
        return yaml.replace("\nclusters:\n", "\n  - name: prod\n    cluster: shared\n    prefix: \"" + ID
                + "-prod.\"\nclusters:\n");
    }

    private static Step run(Path project, Path platformFile, Path settings, String goal, ScramCredentials admin,
                            String mavenOpts, int histogramSeconds, int round, Path work, int timeout)
            throws Exception {
        String build = settings.getParent().getFileName().toString();
        Path timeFile = work.resolve("time.txt");
        Files.deleteIfExists(timeFile);
        Path log = work.resolve(String.format("%s-%d-%s-%d.log", build, round, goal, System.nanoTime() % 1000));
        List<String> command = List.of("/usr/bin/time", "-v", "-o", timeFile.toString(), "mvn", "-B", "-ntp",
                "-Dstyle.color=never", "-o", "-Daether.offline.protocols=file", "-s", settings.toString(),
                "kafka:" + goal, "-Dkafka.platform=" + platformFile, "-Dkafka.stage=" + STAGE,
                "-Dkafka.timeout=" + timeout);
        ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.put("MAVEN_SKIP_RC", "true");
        env.remove("JAVA_TOOL_OPTIONS");
        if (mavenOpts.isBlank()) env.remove("MAVEN_OPTS");
        else env.put("MAVEN_OPTS", mavenOpts);
        env.put(DeployFixture.USERNAME_ENV, admin.username());
        env.put(DeployFixture.PASSWORD_ENV, admin.password());
        String loadBefore = Bench.loadAverage();
        Process process = pb.start();
        long peakHistogram = 0;
        if (histogramSeconds > 0) {
            Path keep = work.resolve(String.format("histogram-%s-%d-%s-%d.txt", build, round, goal,
                    System.nanoTime() % 1000));
            while (!process.waitFor(histogramSeconds, TimeUnit.SECONDS)) {
                Optional<ProcessHandle> jvm = process.descendants()
                        .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false)).findFirst();
                if (jvm.isEmpty()) continue;
                String histogram = histogram(jvm.get().pid());
                long total = totalBytes(histogram);
                if (total > peakHistogram) {
                    peakHistogram = total;
                    Files.writeString(keep, histogram);
                }
            }
        }
        if (!process.waitFor(60, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IllegalStateException("mvn kafka:" + goal + " did not end within an hour; see " + log);
        }
        String time = Files.readString(timeFile);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        String summary = output.lines().map(SUMMARY::matcher).filter(Matcher::find).map(Matcher::group)
                .reduce((a, b) -> b).orElse("(no summary line)");
        if (process.exitValue() != 0) {
            output.lines().filter(l -> l.contains("ERROR")).limit(10).forEach(l -> System.out.println("  " + l));
        }
        return new Step(build, round, goal, process.exitValue(), summary, wallSeconds(find(WALL, time)),
                Double.parseDouble(find(USER, time)) + Double.parseDouble(find(SYSTEM, time)),
                Long.parseLong(find(MAX_RSS, time)), peakHistogram, loadBefore, Bench.loadAverage());
    }

    private static String histogram(long pid) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.class_histogram").redirectErrorStream(true)
                .start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor(1, TimeUnit.MINUTES);
        return out;
    }

    /** The {@code Total <instances> <bytes>} line of a class histogram. */
    private static long totalBytes(String histogram) {
        return histogram.lines().filter(l -> l.startsWith("Total")).map(l -> l.trim().split("\\s+"))
                .filter(p -> p.length >= 3).mapToLong(p -> Long.parseLong(p[2])).findFirst().orElse(0);
    }

    private static String find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) throw new IllegalStateException("no " + p + " in the output of /usr/bin/time:\n" + text);
        return m.group(1).trim();
    }

    /** {@code 1:02.35} or {@code 1:02:03} as seconds. */
    private static double wallSeconds(String hms) {
        String[] parts = hms.split(":");
        double s = 0;
        for (String part : parts) s = s * 60 + Double.parseDouble(part);
        return s;
    }

    /** Team toll's topics that the billing repository's grants consume, shared with every team. */
    private static String tollTopics() {
        StringBuilder y = new StringBuilder("topics:\n");
        for (int i = 0; i < RepoGenerator.EXTERNAL_TOPICS; i++) {
            y.append("  - name: ").append(RepoGenerator.externalTopic(i)).append('\n')
                    .append("    partitions: 1\n")
                    .append("    visibility: public\n")
                    .append("    metadata: { description: transactions ").append(i)
                    .append(", dataClassification: internal }\n");
        }
        return y.toString();
    }

    private static void writePom(Path project, String groupId, String artifactId, String version)
            throws IOException {
        Files.createDirectories(project.resolve(".mvn"));
        Files.writeString(project.resolve("pom.xml"), Bench.servicePom(groupId, artifactId, version, null));
    }

    private static KafkaBroker broker(Path dataDir, String heap) {
        return Bench.broker(dataDir, heap);
    }
}
