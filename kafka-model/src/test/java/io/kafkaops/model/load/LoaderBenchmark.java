package io.kafkaops.model.load;

import io.kafkaops.model.EntityModel;
import io.kafkaops.model.GrantExpander;
import io.kafkaops.model.LoadResult;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Not a test: generates a large repository (10,000 topics, 2,000 service accounts, 20,000 grant entries in 100
 * files) and prints how long loading it takes, the first (cold) load and a few warm ones.
 *
 * <pre>
 * mvn -o -q -pl kafka-model -am test-compile
 * java -cp kafka-model/target/test-classes:kafka-model/target/classes:$(cat cp.txt) io.kafkaops.model.load.LoaderBenchmark
 * </pre>
 */
public final class LoaderBenchmark {

    private static final int FILES = 100;
    private static final int TOPICS_PER_FILE = 100;
    private static final int ACCOUNTS_PER_FILE = 20;
    private static final int REFS_PER_GRANT = 10;

    private LoaderBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path project = Files.createTempDirectory("kafka-loader-benchmark");
        try {
            Path kafka = project.resolve("src/main/kafka");
            generate(kafka);
            System.out.printf("%d processors, load average %.1f%n", Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            for (int run = 1; run <= 5; run++) {
                long cpuStart = processCpuNanos();
                long start = System.nanoTime();
                LoadResult<EntityModel> result = EntityLoader.load(project, kafka);
                long loaded = System.nanoTime();
                int acls = GrantExpander.expand(result.value()).size();
                long expanded = System.nanoTime();
                long cpu = processCpuNanos() - cpuStart;
                EntityModel m = result.value();
                int entries = m.grants().stream().mapToInt(g -> g.produce().size() + g.consume().size()
                        + g.groups().size() + g.transactionalIds().size()).sum();
                System.out.printf("run %d%s: load %d ms (+ grant expansion %d ms; process CPU %d ms) - %d files, %d topics, %d service"
                                + " accounts, %d grant entries, %d ACLs, %d diagnostics%n",
                        run, run == 1 ? " (cold)" : "", (loaded - start) / 1_000_000, (expanded - loaded) / 1_000_000,
                        cpu / 1_000_000, m.files().size(), m.topics().size(), m.serviceAccounts().size(), entries, acls,
                        result.diagnostics().size());
                if (!result.diagnostics().isEmpty()) System.out.println(result.diagnostics().get(0));
            }
        } finally {
            try (Stream<Path> walk = Files.walk(project)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** CPU time of the whole process (all threads, JIT and GC included): what the load costs on a busy machine. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    private static void generate(Path kafka) throws IOException {
        Files.createDirectories(kafka);
        for (int f = 0; f < FILES; f++) {
            StringBuilder sb = new StringBuilder("# yaml-language-server: $schema=../../../target/kafka/kafka-entities.schema.json\n");
            sb.append("topics:\n");
            for (int t = 0; t < TOPICS_PER_FILE; t++) {
                sb.append("  - name: team").append(f).append(".topic-").append(t).append(".v1\n")
                        .append("    partitions: 6\n")
                        .append("    config:\n")
                        .append("      cleanup.policy: delete\n")
                        .append("      retention.ms: 7d\n")
                        .append("    metadata:\n")
                        .append("      description: Topic ").append(t).append(" of team ").append(f).append('\n')
                        .append("      dataClassification: internal\n")
                        .append("    visibility: public\n")
                        .append("    overrides:\n")
                        .append("      prod: { partitions: 12 }\n");
            }
            sb.append("serviceAccounts:\n");
            for (int s = 0; s < ACCOUNTS_PER_FILE; s++) {
                sb.append("  - name: team").append(f).append("-service-").append(s).append('\n')
                        .append("    description: Service ").append(s).append('\n');
            }
            sb.append("grants:\n");
            for (int s = 0; s < ACCOUNTS_PER_FILE; s++) {
                sb.append("  - serviceAccount: team").append(f).append("-service-").append(s).append('\n');
                sb.append("    produce: [");
                for (int r = 0; r < REFS_PER_GRANT / 2; r++) {
                    sb.append(r == 0 ? "" : ", ").append("team").append(f).append(".topic-").append((s * 5 + r) % TOPICS_PER_FILE).append(".v1");
                }
                sb.append("]\n    consume: [");
                for (int r = 0; r < REFS_PER_GRANT / 2; r++) {
                    sb.append(r == 0 ? "" : ", ").append("team").append((f + 1) % FILES).append(".topic-").append((s * 5 + r) % TOPICS_PER_FILE).append(".v1");
                }
                sb.append("]\n");
            }
            Files.writeString(kafka.resolve(String.format("team-%03d.yaml", f)), sb.toString(), StandardCharsets.UTF_8);
        }
    }
}
