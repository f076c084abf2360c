package io.kafkaops.engine.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.engine.desired.DesiredPrincipal;
import io.kafkaops.engine.desired.DesiredState;
import io.kafkaops.engine.desired.DesiredTopic;
import io.kafkaops.engine.desired.StageResolver;
import io.kafkaops.model.AclEntry;
import io.kafkaops.model.AclResourceType;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.EntityModel;
import io.kafkaops.model.LoadResult;
import io.kafkaops.model.Severity;
import io.kafkaops.model.load.EntityLoader;
import io.kafkaops.model.load.LoaderLimits;
import io.kafkaops.model.load.PlatformLoader;
import io.kafkaops.model.platform.PlatformDefinition;
import io.kafkaops.model.platform.Team;
import io.kafkaops.policy.Policy;
import io.kafkaops.policy.PolicyConfigurationException;
import io.kafkaops.policy.PolicyContext;
import io.kafkaops.policy.internal.PolicyEngine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 10's fuzz suite: the sample repositories' entity files and the example platform definition, mutated
 * ({@link InputMutator}), go through the loader, the policies and the stage resolution. Seeded and reproducible:
 * {@code -Dfuzz.seed=N} picks the seed (default fixed, so every build runs the same cases), {@code -Dfuzz.cases=N}
 * the number of cases (default 1,200), {@code -Dfuzz.case=I} runs case I alone; a failure names the seed and the case
 * and writes the input to {@code target/fuzz-failures/}.
 */
@Timeout(120)
class InputFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 0x5EED_2026_1204L);
    private static final int CASES = Integer.getInteger("fuzz.cases", 1_200);
    private static final Integer ONLY_CASE = Integer.getInteger("fuzz.case");
    private static final String REPOSITORY = "com.example.billing:billing-service";

    /** {@code file:line:col: SEVERITY [rule] message}, line and column from 1, nothing unprintable anywhere. */
    private static final Pattern DIAGNOSTIC =
            Pattern.compile("[^\\s:][^:]*:[1-9][0-9]*:[1-9][0-9]*: (ERROR|WARN|INFO) \\[[A-Za-z0-9]+] \\S.*");
    private static final Pattern UNPRINTABLE =
            Pattern.compile("[\\x00-\\x1F\\x7F-\\x9F\\u061C\\u180E\\u200B-\\u200F\\u2028-\\u202E\\u2060-\\u206F\\uFEFF]");
    /** Kafka's legal topic name: what {@code org.apache.kafka.common.internals.Topic.validate} accepts. */
    private static final Pattern KAFKA_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private record Seed(String name, String text, boolean platform) {
    }

    private static final List<Seed> SEEDS = new ArrayList<>();
    private static PlatformDefinition platform;
    private static EntityModel billingModel;
    private static List<Policy> policies;

    @BeforeAll
    static void readSeeds() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root.resolve("examples/billing-service/src/main/kafka"))) {
            s.filter(InputFuzzTest::isYaml).sorted().forEach(files::add);
        }
        try (Stream<Path> s = Files.walk(root.resolve("it/src/it-repos"))) {
            s.filter(p -> p.toString().replace('\\', '/').contains("/src/main/kafka/") && isYaml(p)).sorted()
                    .forEach(files::add);
        }
        for (Path f : files) {
            SEEDS.add(new Seed("src/main/kafka/" + f.getFileName(), Files.readString(f), false));
        }
        Path platformFile = root.resolve("examples/platform/platform.yaml");
        SEEDS.add(new Seed("platform.yaml", Files.readString(platformFile), true));
        assertThat(SEEDS).hasSizeGreaterThan(10);

        LoadResult<PlatformDefinition> p = PlatformLoader.load(platformFile, "platform.yaml");
        assertThat(p.diagnostics()).isEmpty();
        platform = p.value();
        LoadResult<EntityModel> m = EntityLoader.load(root.resolve("examples/billing-service"),
                root.resolve("examples/billing-service/src/main/kafka"));
        assertThat(m.diagnostics()).isEmpty();
        billingModel = m.value();
        policies = PolicyEngine.policies(InputFuzzTest.class.getClassLoader());
    }

    private static boolean isYaml(Path p) {
        String n = p.getFileName().toString();
        return Files.isRegularFile(p) && (n.endsWith(".yaml") || n.endsWith(".yml"));
    }

    /** What one case produced. */
    private record Outcome(List<Diagnostic> diagnostics, List<DesiredState> states) {
    }

    /** A case with its outcome, or the exception that escaped. */
    private record Result(Case c, Outcome outcome, Throwable escaped) {
    }

    private static List<Result> results;
    private static double seconds;

    /** Every case runs once; both properties look at the same results. */
    private static synchronized List<Result> results() {
        if (results == null) {
            long started = System.nanoTime();
            List<Result> out = new ArrayList<>();
            for (int i = first(); i < last(); i++) {
                Case c = newCase(i);
                try {
                    out.add(new Result(c, run(c), null));
                } catch (Throwable e) {
                    out.add(new Result(c, null, e));
                }
            }
            seconds = (System.nanoTime() - started) / 1e9;
            results = out;
        }
        return results;
    }

    @Test
    void noExceptionEscapesAndEveryDiagnosticIsOneLineWithAPosition() {
        List<String> failures = new ArrayList<>();
        int diagnostics = 0;
        int clean = 0;
        for (Result r : results()) {
            Case c = r.c();
            if (r.escaped() != null) {
                StringWriter trace = new StringWriter();
                r.escaped().printStackTrace(new PrintWriter(trace));
                failures.add(c.describe("exception " + trace.toString().lines().limit(6).toList()));
                continue;
            }
            Outcome o = r.outcome();
            diagnostics += o.diagnostics.size();
            if (o.diagnostics.stream().noneMatch(d -> d.severity() == Severity.ERROR)) clean++;
            for (Diagnostic d : o.diagnostics) {
                String line = d.format();
                if (!DIAGNOSTIC.matcher(line).matches() || UNPRINTABLE.matcher(line).find()) {
                    failures.add(c.describe("diagnostic not one clean line: " + visible(line)));
                    break;
                }
            }
        }
        System.out.printf("fuzz: %d cases (seed %d) in %.1f s: %d diagnostics, %d cases without errors%n",
                last() - first(), SEED, seconds, diagnostics, clean);
        assertThat(failures).as("fuzz failures (seed %d)", SEED).isEmpty();
    }

    /**
     * No input the broker would refuse passes: when validation reports no error, every physical topic name, principal
     * and topic ACL resource is one Kafka accepts (the prefix and physical-name checks of issue 10 item 2).
     */
    @Test
    void nothingTheBrokerWouldRefusePassesValidation() {
        List<String> failures = new ArrayList<>();
        for (Result r : results()) {
            if (r.escaped() != null) continue; // the other property reports it
            Case c = r.c();
            Outcome o = r.outcome();
            if (o.diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR)) continue;
            for (DesiredState s : o.states) {
                for (DesiredTopic t : s.topics()) {
                    if (!legal(t.name())) failures.add(c.describe("stage " + s.stage() + ": topic " + visible(t.name())));
                }
                for (DesiredPrincipal p : s.principals()) {
                    if (!legal(p.name())) failures.add(c.describe("stage " + s.stage() + ": principal " + visible(p.name())));
                }
                for (AclEntry a : s.acls()) {
                    if (a.resourceType() == AclResourceType.TOPIC && !"*".equals(a.resourceName())
                            && !legal(a.resourceName())) {
                        failures.add(c.describe("stage " + s.stage() + ": ACL on topic " + visible(a.resourceName())));
                    }
                }
            }
        }
        assertThat(failures).as("inputs the broker would refuse that validated (seed %d)", SEED).isEmpty();
    }

    private static boolean legal(String name) {
        return KAFKA_NAME.matcher(name).matches() && !name.equals(".") && !name.equals("..");
    }

    private static int first() {
        return ONLY_CASE != null ? ONLY_CASE : 0;
    }

    private static int last() {
        return ONLY_CASE != null ? ONLY_CASE + 1 : CASES;
    }

    private record Case(int index, Seed seed, InputMutator.Mutant mutant) {
        String describe(String problem) {
            Path dir = Path.of("target/fuzz-failures");
            String file = "case-" + index + (seed.platform ? "-platform.yaml" : ".yaml");
            try {
                Files.createDirectories(dir);
                Files.write(dir.resolve(file), mutant.bytes());
            } catch (IOException e) {
                file = "(not written: " + e.getMessage() + ")";
            }
            return "case " + index + " (-Dfuzz.seed=" + SEED + " -Dfuzz.case=" + index + ", " + seed.name + " "
                    + mutant.steps() + ", input in target/fuzz-failures/" + file + "): " + problem;
        }
    }

    private static Case newCase(int index) {
        Random random = new Random(SEED * 1_000_003L + index);
        // the platform definition is one seed among many files; a quarter of the cases mutate it
        Seed seed = random.nextInt(4) == 0 ? SEEDS.get(SEEDS.size() - 1) : SEEDS.get(random.nextInt(SEEDS.size() - 1));
        return new Case(index, seed, new InputMutator(random).mutate(seed.text));
    }

    private static Outcome run(Case c) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        PlatformDefinition p = platform;
        EntityModel model = billingModel;
        if (c.seed.platform) {
            LoadResult<PlatformDefinition> loaded = PlatformLoader.load(c.seed.name,
                    new ByteArrayInputStream(c.mutant.bytes()));
            diagnostics.addAll(loaded.diagnostics());
            if (loaded.value() == null || loaded.hasErrors()) return new Outcome(diagnostics, List.of());
            p = loaded.value();
        } else {
            LoadResult<EntityModel> loaded = EntityLoader.load(c.seed.name, c.mutant.bytes(), LoaderLimits.DEFAULTS);
            diagnostics.addAll(loaded.diagnostics());
            model = loaded.value() != null ? loaded.value() : EntityModel.empty();
        }
        List<Team> owners = p.teamsOwningRepository("com.example.billing", "billing-service");
        Optional<Team> team = owners.size() == 1 ? Optional.of(owners.get(0)) : Optional.empty();
        try {
            diagnostics.addAll(PolicyEngine.evaluate(new PolicyContext(model, p, team, REPOSITORY, Map.of()), policies));
        } catch (PolicyConfigurationException e) {
            // the documented outcome of a platform definition that configures its policies wrongly
            diagnostics.addAll(e.problems());
        }
        List<DesiredState> states = new ArrayList<>();
        for (String stage : p.stageNames()) {
            states.add(StageResolver.resolve(model, p, stage, REPOSITORY, team.map(Team::name).orElse(null)));
        }
        return new Outcome(diagnostics, states);
    }

    private static String visible(String s) {
        String shown = s.length() > 300 ? s.substring(0, 300) + "..." : s;
        StringBuilder sb = new StringBuilder();
        shown.codePoints().forEach(cp -> {
            if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 || cp == 0x202E) {
                sb.append(String.format("\\u%04X", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return new String(sb.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
