package io.kafkaops.it.bench;

import io.kafkaops.engine.local.KafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;

/**
 * This plugin side by side with Jikkou and with the raw batched Admin floor, each as a whole process (a fresh JVM, as
 * a user or a pipeline runs them), on a freshly started jar-based broker: the comparisons of issue 14's table. A
 * harness that prints a table, not a timed test.
 *
 * <ul>
 *   <li><b>this plugin</b>: {@code mvn -B -q -o -s SETTINGS io.kafkaops:kafka-maven-plugin:VERSION:deploy|plan
 *       -Dkafka.stage=bench} in a generated service repository; the plugin comes from a private local repository
 *       ({@code bench.settings}, see CONTRIBUTING "Measuring a whole mvn process"), never from {@code ~/.m2};</li>
 *   <li><b>Jikkou</b>: {@code benchmarks/jikkou} (a standalone Maven project outside the reactor), which does what
 *       {@code jikkou apply} / {@code jikkou diff} do through Jikkou 0.34.0's Java API, on a JDK 21+
 *       ({@code bench.jikkouJava}); for a create, the harness also times until the broker shows the result (every
 *       partition with a leader, every ACL), which Jikkou does not wait for;</li>
 *   <li><b>raw floor</b>: {@link RawFloor}, batched Admin calls and nothing else, in a JVM of its own.</li>
 * </ul>
 *
 * Cases ({@code bench.cases}, comma-separated, default all): {@code topics} (create 1,000 topics of 3 partitions and
 * 2 configs, then plan/diff them with no changes), {@code acls} (100 existing topics; create 1,000 service accounts'
 * 5,000 ACL bindings, then plan/diff them with no changes), {@code topics10k} (create 10,000 topics of 1 partition in
 * one deploy: the machine's open-files hard limit of 20,000 allows about one file handle per partition). Each create
 * runs on a broker of its own ({@code bench.createRuns} rounds of floor, Jikkou, plugin; 1); the no-change runs
 * ({@code bench.planRuns} rounds, 3) on the broker the plugin's create left, each round beginning with
 * {@code mvn kafka:plan -Dkafka.skip=true}, Maven's own start, for reference ({@code -Dbench.noSkipBaseline=true}
 * leaves it out).
 *
 * <pre>
 * JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 mvn -B -q -f benchmarks/jikkou/pom.xml package
 * mvn -B -q -o -pl it -am -Pbench test-compile
 * java -Dbench.settings=/tmp/m2-a/settings.xml -cp "it/target/test-classes:$(cat it/target/bench.classpath)" \
 *     io.kafkaops.it.bench.PeerComparisonBenchmark
 * </pre>
 */
public final class PeerComparisonBenchmark {

    private static final String USERNAME_ENV = "KAFKA_BENCH_ADMIN_USERNAME";
    private static final String PASSWORD_ENV = "KAFKA_BENCH_ADMIN_PASSWORD";
    private static final Duration PROCESS_TIMEOUT = Duration.ofMinutes(20);

    /** One timed process. {@code settledSeconds}: from its start until the broker showed the result, or -1. */
    record Measure(String work, String side, double wallSeconds, double cpuSeconds, long rssKb, double settledSeconds,
                   String loadBefore, String loadAfter, int exit, String note) {
    }

    private final Path root;
    private final Path work;
    private final String settings;
    private final String mvn;
    private final String pluginVersion;
    private final String jikkouJava;
    private final String jikkouClasspath;
    private final List<Measure> measures = new ArrayList<>();

    private PeerComparisonBenchmark(Path root, Path work) throws IOException {
        this.root = root;
        this.work = work;
        this.settings = required("bench.settings");
        this.mvn = System.getProperty("bench.mvn", "mvn");
        this.pluginVersion = System.getProperty("bench.pluginVersion", "0.1.0-SNAPSHOT");
        this.jikkouJava = System.getProperty("bench.jikkouJava", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
        Path runner = root.resolve("benchmarks/jikkou/target");
        if (!Files.isRegularFile(runner.resolve("runner.classpath"))) {
            throw new IllegalStateException("build the Jikkou runner first: JAVA_HOME=<JDK 21+> mvn -B -q -f "
                    + root.resolve("benchmarks/jikkou/pom.xml") + " package");
        }
        this.jikkouClasspath = runner.resolve("classes") + ":"
                + Files.readString(runner.resolve("runner.classpath")).trim();
    }

    public static void main(String[] args) throws Exception {
        Set<String> cases = new HashSet<>(Arrays.asList(System.getProperty("bench.cases", "topics,acls,topics10k")
                .split(",")));
        int createRuns = Integer.getInteger("bench.createRuns", 1);
        int planRuns = Integer.getInteger("bench.planRuns", 3);
        Path root = Bench.examples().getParent();
        Path work = Files.createTempDirectory("kafkaops-peer-bench");
        PeerComparisonBenchmark bench = new PeerComparisonBenchmark(root, work);
        System.out.printf("Peer comparison: cases %s, %d create round(s), %d no-change round(s); load average %s%n",
                cases, createRuns, planRuns, Bench.loadAverage());
        try {
            if (cases.contains("topics")) {
                bench.run("1,000 topics (3 partitions, 2 configs)", new PeerWorkload(1_000, 3, 0), "1g", createRuns,
                        planRuns);
            }
            if (cases.contains("acls")) {
                bench.run("5,000 ACL bindings (1,000 accounts, 100 topics)", new PeerWorkload(100, 1, 1_000), "1g",
                        createRuns, planRuns);
            }
            if (cases.contains("topics10k")) {
                bench.run("10,000 topics (1 partition, 2 configs)", new PeerWorkload(10_000, 1, 0), "2g", createRuns,
                        0);
            }
        } finally {
            if (Boolean.getBoolean("bench.keep")) {
                System.out.println("logs and repositories kept in " + work);
            } else {
                Bench.deleteTree(work);
            }
        }
        bench.print();
    }

    /** Create rounds (floor, Jikkou, plugin, each on a fresh broker), then no-change rounds on the plugin's broker. */
    private void run(String what, PeerWorkload w, String heap, int createRuns, int planRuns) throws Exception {
        boolean acls = w.accounts() > 0;
        String create = "create " + what;
        String noChange = "plan/diff " + what + ", no changes";
        KafkaBroker kept = null;
        Path keptRepo = null;
        try {
            for (int r = 0; r < createRuns; r++) {
                try (KafkaBroker broker = broker("floor", heap); Admin admin = Admin.create(
                        broker.adminClientProperties())) {
                    if (acls) rawTopics(admin, w);
                    add(floor(create, broker, acls ? "create-acls" : "create-topics", w));
                }
                try (KafkaBroker broker = broker("jikkou", heap); Admin admin = Admin.create(
                        broker.adminClientProperties())) {
                    if (acls) rawTopics(admin, w);
                    Measure m = jikkou(create, broker, "apply", w, admin);
                    add(m);
                    if (acls && m.exit() == 0) check(admin, w, "Jikkou");
                }
                if (kept != null) kept.close();
                kept = broker("plugin", heap);
                keptRepo = repo(kept, "plugin-" + w.topics() + "-" + w.accounts() + "-" + r);
                if (acls) {
                    w.topicsOnly().writeEntities(keptRepo.resolve("src/main/kafka"));
                    Measure setup = plugin("set-up", kept, keptRepo, "deploy");
                    if (setup.exit() != 0) throw new IllegalStateException("the set-up deploy failed: " + setup);
                }
                w.writeEntities(keptRepo.resolve("src/main/kafka"));
                Measure m = plugin(create, kept, keptRepo, "deploy");
                add(m);
                if (acls && m.exit() == 0) {
                    try (Admin admin = Admin.create(kept.adminClientProperties())) {
                        check(admin, w, "the plugin");
                    }
                }
            }
            if (kept == null) return;
            try (Admin admin = Admin.create(kept.adminClientProperties())) {
                for (int r = 0; r < planRuns; r++) {
                    if (!Boolean.getBoolean("bench.noSkipBaseline")) {
                        add(plugin(noChange, kept, keptRepo, "plan", "-Dkafka.skip=true"));
                    }
                    add(plugin(noChange, kept, keptRepo, "plan"));
                    add(jikkou(noChange, kept, "diff", w, admin));
                    add(floor(noChange, kept, "read", w));
                }
            }
        } finally {
            if (kept != null) kept.close();
        }
    }

    private void add(Measure m) {
        measures.add(m);
        System.out.printf("  %s | %s: %.1f s wall, %.1f s CPU, %d MiB peak RSS%s, exit %d, load %s -> %s; %s%n",
                m.work(), m.side(), m.wallSeconds(), m.cpuSeconds(), m.rssKb() / 1024,
                m.settledSeconds() < 0 ? "" : String.format(", broker showed everything after %.1f s",
                        m.settledSeconds()), m.exit(), m.loadBefore(), m.loadAfter(), m.note());
    }

    // ---------------------------------------------------------------- the three sides

    /** {@code mvn kafka:GOAL}; with {@code -Dkafka.skip=true}, Maven's own start (the goal returns at once). */
    private Measure plugin(String work, KafkaBroker broker, Path repo, String goal, String... more) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(mvn, "-B", "-q", "-o", "-s", settings,
                "io.kafkaops:kafka-maven-plugin:" + pluginVersion + ":" + goal, "-Dkafka.stage=" + PeerWorkload.STAGE));
        cmd.addAll(List.of(more));
        if (more.length > 0) {
            Proc p = Proc.run(cmd, repo, Map.of(), repo.resolve("mvn-skip.log"));
            return p.measure(work, "Maven's own start (-Dkafka.skip)", -1, "mvn kafka:" + goal + " "
                    + String.join(" ", more) + (p.exit() == 0 ? "" : ", FAILED: " + p.tail(5)));
        }
        Map<String, String> env = Map.of(USERNAME_ENV, broker.adminCredentials().username(), PASSWORD_ENV,
                broker.adminCredentials().password());
        Proc p = Proc.run(cmd, repo, env, repo.resolve("mvn-" + goal + ".log"));
        String note = "mvn kafka:" + goal + (p.exit() == 0 ? "" : ", FAILED: " + p.tail(5));
        Path planMd = repo.resolve("target/kafka/" + PeerWorkload.STAGE + "/plan.md");
        if (goal.equals("plan") && p.exit() == 0 && Files.isRegularFile(planMd)) {
            // what the plan found, e.g. "0 to create, 0 to update, 0 to delete (6100 unchanged)"
            note += ": " + Files.readAllLines(planMd).stream().filter(l -> l.startsWith("**Plan for stage"))
                    .findFirst().orElse("").replaceAll("\\*\\*Plan for stage \\S+: ", "").replace("**", "");
        }
        return p.measure(work, "this plugin (mvn)", -1, note);
    }

    private Measure jikkou(String work, KafkaBroker broker, String command, PeerWorkload w, Admin admin)
            throws Exception {
        Path dir = Files.createTempDirectory(this.work, "jikkou-");
        Path resources = dir.resolve("resources");
        w.writeJikkou(resources);
        Map<String, Object> config = new LinkedHashMap<>();
        broker.adminClientProperties().forEach((k, v) -> config.put("kafka.client." + k, v));
        Path props = dir.resolve("jikkou.properties");
        RawFloor.writeProperties(config, props);
        List<String> cmd = List.of(jikkouJava, "-cp", jikkouClasspath, "io.kafkaops.bench.jikkou.JikkouRunner",
                command, resources.toString(), props.toString());
        Proc p = Proc.run(cmd, dir, Map.of(), dir.resolve("jikkou-" + command + ".log"));
        double settled = -1;
        if (command.equals("apply") && p.exit() == 0) {
            if (w.accounts() > 0) awaitAcls(admin, w); else CreateTopicsBenchmark.awaitLeaders(admin, w.topicNames());
            settled = (System.nanoTime() - p.startNanos()) / 1e9;
        }
        String summary = command.equals("diff")
                ? p.output().lines().filter(l -> l.startsWith("diff:")).findFirst().orElse("")
                : p.output().lines().filter(l -> l.startsWith("ok :")).findFirst().orElse("");
        String note = "jikkou " + command + (p.exit() == 0 ? " " + summary : ", FAILED: " + p.tail(5));
        return p.measure(work, "Jikkou 0.34.0 (API runner)", settled, note);
    }

    private Measure floor(String work, KafkaBroker broker, String op, PeerWorkload w) throws Exception {
        Path dir = Files.createTempDirectory(this.work, "floor-");
        Path props = dir.resolve("admin.properties");
        RawFloor.writeProperties(broker.adminClientProperties(), props);
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                absolute(System.getProperty("java.class.path")), RawFloor.class.getName(), op, props.toString()));
        cmd.addAll(List.of(w.args()));
        Proc p = Proc.run(cmd, dir, Map.of(), dir.resolve("floor.log"));
        String note = p.output().lines().filter(l -> l.startsWith("admin:")).findFirst()
                .orElse("FAILED: " + p.tail(5));
        return p.measure(work, "raw Admin floor", -1, note);
    }

    // ---------------------------------------------------------------- set-up and checks

    private KafkaBroker broker(String name, String heap) throws IOException {
        return Bench.broker(Files.createTempDirectory(work, "broker-" + name + "-"), heap);
    }

    /** The service repository: pom.xml naming the plugin and platform.yaml, entities written by the caller. */
    private Path repo(KafkaBroker broker, String name) throws IOException {
        Path repo = work.resolve(name);
        Files.createDirectories(repo.resolve(".mvn"));
        Path platform = repo.resolve("platform.yaml");
        String store = work.resolve("secrets").toAbsolutePath().resolve("{team}-{stage}.json").toString();
        Files.writeString(platform, """
                # written by PeerComparisonBenchmark: one stage on the freshly started broker
                defaults:
                  partitions: 1
                  replicationFactor: 1
                stages:
                  - name: %1$s
                    cluster: local
                    prefix: "%2$s"
                clusters:
                  local:
                    bootstrapServers: "%3$s"
                    properties:
                      security.protocol: SASL_PLAINTEXT
                      sasl.mechanism: SCRAM-SHA-512
                    credentials: { usernameEnv: %4$s, passwordEnv: %5$s }
                teams:
                  - name: billing
                    prefixes: { topics: ["billing."], serviceAccounts: ["billing-"], groups: ["billing-"], transactionalIds: ["billing-"] }
                    repositories: ["com.example.billing:*"]
                    secretStores:
                      "*": { type: file, path: "%6$s" }
                """.formatted(PeerWorkload.STAGE, PeerWorkload.PREFIX, broker.bootstrapServers(), USERNAME_ENV,
                PASSWORD_ENV, store));
        Files.writeString(repo.resolve("pom.xml"), Bench.servicePom("com.example.billing", "bench-service",
                pluginVersion, platform));
        return repo;
    }

    private static void rawTopics(Admin admin, PeerWorkload w) throws Exception {
        admin.createTopics(w.newTopics()).all().get(5, TimeUnit.MINUTES);
        CreateTopicsBenchmark.awaitLeaders(admin, w.topicNames());
    }

    private static void awaitAcls(Admin admin, PeerWorkload w) throws Exception {
        Set<AclBinding> pending = new HashSet<>(w.aclBindings());
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (true) {
            pending.removeAll(admin.describeAcls(AclBindingFilter.ANY).values().get());
            if (pending.isEmpty()) return;
            if (System.nanoTime() > deadline) throw new IllegalStateException(pending.size() + " ACLs missing");
            Thread.sleep(50);
        }
    }

    /** The side created exactly the expected bindings: the same work on every side. */
    private static void check(Admin admin, PeerWorkload w, String side) throws Exception {
        Set<AclBinding> expected = new HashSet<>(w.aclBindings());
        Set<AclBinding> actual = new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values().get());
        actual.removeIf(b -> !b.entry().principal().startsWith("User:" + PeerWorkload.PREFIX));
        if (!actual.equals(expected)) {
            Set<AclBinding> extra = new HashSet<>(actual);
            extra.removeAll(expected);
            expected.removeAll(actual);
            System.out.printf("  WARNING: %s's ACLs differ from the workload's: %d missing, %d more, e.g. %s%n", side,
                    expected.size(), extra.size(), extra.stream().limit(2).toList());
        }
    }

    private static String absolute(String classpath) {
        return Arrays.stream(classpath.split(java.io.File.pathSeparator)).map(e -> Path.of(e).toAbsolutePath()
                .toString()).collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("-D" + property + " is required: the settings.xml of the private local"
                    + " repository holding the plugin (CONTRIBUTING, \"Measuring a whole mvn process\")");
        }
        return value;
    }

    // ---------------------------------------------------------------- the table

    private void print() {
        System.out.println();
        System.out.println("| work | side | wall | CPU (user+sys) | peak RSS | broker showed all | load average before"
                + " -> after | outcome |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Measure m : measures) {
            System.out.printf("| %s | %s | %.1f s | %.1f s | %d MiB | %s | %s -> %s | %s |%n", m.work(), m.side(),
                    m.wallSeconds(), m.cpuSeconds(), m.rssKb() / 1024, m.settledSeconds() < 0 ? "-"
                            : String.format("%.1f s", m.settledSeconds()), m.loadBefore(), m.loadAfter(),
                    m.note().replace('|', '/'));
        }
        System.out.println();
        System.out.println("| work | this plugin | Maven's own start | Jikkou (settled) | raw floor | plugin / Jikkou |"
                + " plugin / floor |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String work : measures.stream().map(Measure::work).distinct().toList()) {
            double ours = median(work, "this plugin");
            double jik = median(work, "Jikkou");
            double jikSettled = medianSettled(work);
            double raw = median(work, "raw");
            double jikRef = jikSettled > 0 ? jikSettled : jik;
            double skip = median(work, "Maven");
            System.out.printf("| %s | %s | %s | %s%s | %s | %s | %s |%n", work, s(ours), skip < 0 ? "-" : s(skip),
                    s(jik),
                    jikSettled > 0 ? " (" + s(jikSettled) + ")" : "", s(raw),
                    ours > 0 && jikRef > 0 ? String.format("%.2f", ours / jikRef) : "-",
                    ours > 0 && raw > 0 ? String.format("%.2f", ours / raw) : "-");
        }
        System.out.println("(medians of the runs that succeeded; the ratio to Jikkou uses its settled time where"
                + " there is one)");
    }

    private double median(String work, String side) {
        List<Double> v = measures.stream().filter(m -> m.work().equals(work) && m.side().startsWith(side)
                && m.exit() == 0).map(Measure::wallSeconds).toList();
        return v.isEmpty() ? -1 : Bench.median(v);
    }

    private double medianSettled(String work) {
        List<Double> v = measures.stream().filter(m -> m.work().equals(work) && m.side().startsWith("Jikkou")
                && m.settledSeconds() > 0).map(Measure::settledSeconds).toList();
        return v.isEmpty() ? -1 : Bench.median(v);
    }

    private static String s(double seconds) {
        return seconds < 0 ? "failed" : String.format("%.1f s", seconds);
    }

    /** A finished process under {@code /usr/bin/time}: wall time, user+system CPU and peak resident memory. */
    record Proc(int exit, double wallSeconds, double cpuSeconds, long rssKb, long startNanos, String output,
                String loadBefore, String loadAfter) {

        static Proc run(List<String> command, Path dir, Map<String, String> env, Path log) throws Exception {
            Path times = Files.createTempFile(dir, "time-", ".txt");
            List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S %M", "-o",
                    times.toString()));
            full.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().putAll(env);
            String loadBefore = Bench.loadAverage();
            long start = System.nanoTime();
            Process process = pb.start();
            if (!process.waitFor(PROCESS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
            double wall = (System.nanoTime() - start) / 1e9;
            int exit = process.isAlive() ? -1 : process.exitValue();
            List<String> lines = Files.readAllLines(times);
            String[] t = lines.isEmpty() ? new String[0] : lines.get(lines.size() - 1).trim().split(" ");
            double cpu = t.length == 4 ? Double.parseDouble(t[1]) + Double.parseDouble(t[2]) : -1;
            long rss = t.length == 4 ? Long.parseLong(t[3]) : -1;
            return new Proc(exit, wall, cpu, rss, start, Files.readString(log), loadBefore, Bench.loadAverage());
        }

        /** The first line naming an exception or error, and the last n lines without stack frames. */
        String tail(int n) {
            String first = output.lines().filter(l -> l.contains("Exception") || l.contains("ERROR")).findFirst()
                    .map(l -> l + " ... ").orElse("");
            List<String> lines = output.lines().filter(l -> !l.isBlank() && !l.startsWith("\tat ")).toList();
            if (!first.isEmpty()) return (first + lines.get(lines.size() - 1)).replaceAll("\u001B\\[[;\\d]*m", "");
            return String.join(" / ", lines.subList(Math.max(0, lines.size() - n), lines.size()))
                    .replaceAll("\u001B\\[[;\\d]*m", "");
        }

        Measure measure(String work, String side, double settled, String note) {
            return new Measure(work, side, wallSeconds, cpuSeconds, rssKb, settled, loadBefore.split(" ")[0],
                    loadAfter.split(" ")[0], exit, note);
        }
    }
}
