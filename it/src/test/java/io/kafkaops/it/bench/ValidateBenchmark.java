package io.kafkaops.it.bench;

import io.kafkaops.engine.PlatformNotFoundException;
import io.kafkaops.engine.validate.Validator;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.EntityModel;
import io.kafkaops.model.LoadResult;
import io.kafkaops.model.Visibility;
import io.kafkaops.model.load.EntityLoader;
import io.kafkaops.model.load.PlatformLoader;
import io.kafkaops.model.platform.PlatformDefinition;
import io.kafkaops.policy.KnownTopic;
import io.kafkaops.policy.PolicyContext;
import io.kafkaops.policy.internal.PolicyEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Offline validation ({@code kafka:validate}) of one large repository: 10,000 topics, 2,000 service accounts and
 * 20,000 grant entries in 100 files, valid against {@code examples/platform/platform.yaml} as team billing. Prints
 * the first (cold) run and the median of the warm runs, for the whole validation and for its two halves (loading
 * with schema validation, and the policies). A harness that prints figures, not a test: nothing fails on time.
 *
 * <pre>
 * mvn -B -q -o -pl it -am -Pbench test-compile
 * java -cp "it/target/test-classes:$(cat it/target/bench.classpath)" \
 *     io.kafkaops.it.bench.ValidateBenchmark [warm-ups, 3] [runs, 5]
 * </pre>
 */
public final class ValidateBenchmark {

    private ValidateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int warmups = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path platformFile = Bench.examples().resolve("platform/platform.yaml");
        Path project = Files.createTempDirectory("kafkaops-validate-bench");
        try {
            Path kafkaDir = project.resolve("src/main/kafka");
            RepoGenerator.Stats stats = RepoGenerator.write(kafkaDir,
                    new RepoGenerator.Shape(100, 10_000, 2_000, 20_000));
            System.out.printf("Repository: %s%n", stats);
            System.out.printf("Machine: %d cores, load average %s, JVM %s, max heap %d MiB%n",
                    Runtime.getRuntime().availableProcessors(), Bench.loadAverage(),
                    System.getProperty("java.vm.version"), Runtime.getRuntime().maxMemory() >> 20);

            Validator.Request request = new Validator.Request(project, kafkaDir, "com.example.billing",
                    "bench-service", platformFile.toString(), null, ValidateBenchmark.class.getClassLoader());

            Timing cold = Timing.of(() -> validate(request));
            report((Validator.Report) cold.result());

            List<Timing> runsAll = time(warmups, runs, () -> validate(request));

            // The two halves, to see where the time goes
            PlatformDefinition platform = PlatformLoader.load(platformFile, platformFile.toString()).value();
            List<Timing> loadRuns = time(warmups, runs, () -> EntityLoader.load(project, kafkaDir));
            LoadResult<EntityModel> loaded = EntityLoader.load(project, kafkaDir);
            PolicyContext context = new PolicyContext(loaded.value(), platform, platform.team("billing"),
                    request.repository(), Map.of());
            List<Timing> policyRuns = time(warmups, runs,
                    () -> PolicyEngine.evaluate(context, ValidateBenchmark.class.getClassLoader()));

            // What a plan or deploy adds once the stage's ownership records are read: before issue 9 a second full
            // validation with the topics other repositories own; now the cluster policies on the loaded model.
            Validator.Report offline = validate(request);
            Map<String, KnownTopic> known = Map.of("toll.transactions.v1", new KnownTopic("toll.transactions.v1",
                    "toll", "com.example.toll:toll-service", Visibility.PUBLIC, List.of()));
            List<Timing> revalidateRuns = time(warmups, runs, () -> revalidate(request, known));
            List<Timing> clusterRuns = time(warmups, runs,
                    () -> Validator.clusterChecks(request, offline, "dev").check(known));

            System.out.println();
            System.out.println("| step | cold: wall (CPU) | warm: wall (CPU), median of " + runs + " after " + warmups
                    + " warm-ups |");
            System.out.println("|---|---|---|");
            System.out.printf("| Validator.validate (load + schema + policies) | %s | %s |%n", cold,
                    Timing.median(runsAll));
            System.out.printf("| of which loading + schema (EntityLoader.load) | | %s |%n", Timing.median(loadRuns));
            System.out.printf("| of which policies (PolicyEngine.evaluate) | | %s |%n", Timing.median(policyRuns));
            System.out.printf("| cluster checks of a plan/deploy, before: Validator.validate again | | %s |%n",
                    Timing.median(revalidateRuns));
            System.out.printf("| cluster checks of a plan/deploy, now: Validator.clusterChecks | | %s |%n",
                    Timing.median(clusterRuns));
            System.out.println("warm runs, wall ms: "
                    + Bench.format(runsAll.stream().map(Timing::wallMillis).toList()));
            System.out.println("load average after the runs: " + Bench.loadAverage());
        } finally {
            Bench.deleteTree(project);
        }
    }

    private static void report(Validator.Report report) {
        System.out.printf("Model: %d topics, %d service accounts, %d grants, %d files; team %s; diagnostics: %d%n",
                report.model().topics().size(), report.model().serviceAccounts().size(),
                report.model().grants().size(), report.model().files().size(),
                report.team().map(t -> t.name()).orElse("none"), report.diagnostics().size());
        // The figures only mean something for a repository that validates cleanly: show what went wrong otherwise
        report.diagnostics().stream().limit(10).map(Diagnostic::format).forEach(d -> System.out.println("  " + d));
        if (!report.diagnostics().isEmpty()) {
            System.out.println("WARNING: the generated repository does not validate cleanly");
        }
    }

    private static Validator.Report validate(Validator.Request request) {
        try {
            return Validator.validate(request);
        } catch (PlatformNotFoundException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static Validator.Report revalidate(Validator.Request request, Map<String, KnownTopic> known) {
        try {
            return Validator.validate(request, "dev", known);
        } catch (PlatformNotFoundException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static List<Timing> time(int warmups, int runs, Supplier<?> work) {
        for (int i = 0; i < warmups; i++) {
            Bench.consume(work.get());
        }
        List<Timing> out = new ArrayList<>();
        for (int i = 0; i < runs; i++) out.add(Timing.of(work));
        return out;
    }
}
