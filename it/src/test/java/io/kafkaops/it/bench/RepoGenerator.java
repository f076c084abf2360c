package io.kafkaops.it.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a large, realistic entity repository of team billing (valid against {@code examples/platform/platform.yaml}):
 * one file per domain with its topics, service accounts and grants, and one file of external topics. Topics carry
 * metadata, configs with units, visibility and per-stage overrides; grants produce to the domain's topics and consume
 * from other domains, by prefix now and then, and from the toll team's topics listed as external. Deterministic: the
 * same shape gives the same files.
 */
final class RepoGenerator {

    /**
     * @param files           domain files (one more file holds the external topics)
     * @param topics          topics in all
     * @param serviceAccounts service accounts in all
     * @param grants          entries under {@code grants:} in all, spread evenly over the service accounts
     * @param partitions      partitions of every topic; 0 for the varied 3, 6 or 12 (a local broker needs about one
     *                        open file per partition, so a deployed repository of 10,000 topics needs 1)
     */
    record Shape(int files, int topics, int serviceAccounts, int grants, int partitions) {
        Shape(int files, int topics, int serviceAccounts, int grants) {
            this(files, topics, serviceAccounts, grants, 0);
        }
    }

    record Stats(int files, int topics, int serviceAccounts, int grants, int topicRefs, int externalTopics,
                 long bytes) {
        @Override
        public String toString() {
            return String.format("%d files (%.1f MiB), %d topics, %d service accounts, %d grant entries naming %d "
                            + "topics (%d external topics)", files, bytes / 1048576.0, topics, serviceAccounts,
                    grants, topicRefs, externalTopics);
        }
    }

    static final int EXTERNAL_TOPICS = 200;
    private static final String[] KINDS = {"orders", "invoices", "payments", "events", "audit", "refunds", "ledger"};
    private static final String[] RETENTION = {"12h", "1d", "7d", "14d", "30d"};
    private static final String[] CLASSIFICATION = {"public", "internal", "confidential"};

    private RepoGenerator() {
    }

    static String domain(int file) {
        return String.format("d%02d", file);
    }

    static String topicName(int file, int i) {
        return String.format("billing.%s-%s-%03d.v1", domain(file), KINDS[i % KINDS.length], i);
    }

    /** The topics of team toll that grants consume (listed under {@code external:}). */
    static String externalTopic(int i) {
        return String.format("toll.transactions-%03d.v1", i);
    }

    static String accountName(int file, int i) {
        return String.format("billing-%s-svc-%02d", domain(file), i);
    }

    static Stats write(Path kafkaDir, Shape shape) throws IOException {
        Files.createDirectories(kafkaDir);
        Random random = new Random(42);
        int files = shape.files();
        // topics deployed to every stage, per file: the ones grants may name (a grant's topic must exist wherever its
        // service account does)
        List<List<String>> everywhere = new ArrayList<>();
        int[] topicsPerFile = spread(shape.topics(), files);
        int[] accountsPerFile = spread(shape.serviceAccounts(), files);
        for (int f = 0; f < files; f++) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < topicsPerFile[f]; i++) {
                if (!devAndTestOnly(i)) names.add(topicName(f, i));
            }
            everywhere.add(names);
        }
        List<String> external = new ArrayList<>();
        for (int i = 0; i < EXTERNAL_TOPICS; i++) external.add(externalTopic(i));

        long bytes = 0;
        int grantsLeft = shape.grants();
        int accountsLeft = shape.serviceAccounts();
        int refs = 0;
        for (int f = 0; f < files; f++) {
            StringBuilder y = new StringBuilder(256 * 1024);
            y.append("# Kafka entities of domain ").append(domain(f)).append(" (generated for the benchmark)\n");
            y.append("topics:\n");
            for (int i = 0; i < topicsPerFile[f]; i++) topic(y, f, i, shape.partitions(), random);
            y.append("\nserviceAccounts:\n");
            for (int i = 0; i < accountsPerFile[f]; i++) {
                y.append("  - name: ").append(accountName(f, i)).append('\n');
                y.append("    description: Backend ").append(i).append(" of domain ").append(domain(f)).append('\n');
                y.append("    credentials: ").append(i % 10 != 9).append('\n');
                y.append("    metadata: { owner: team-billing-").append(domain(f)).append(" }\n");
            }
            y.append("\ngrants:\n");
            for (int i = 0; i < accountsPerFile[f]; i++) {
                int n = grantsLeft / accountsLeft;
                grantsLeft -= n;
                accountsLeft--;
                for (int g = 0; g < n; g++) {
                    refs += grant(y, f, i, g, everywhere, external, random);
                }
            }
            Path file = kafkaDir.resolve(domain(f) + ".yaml");
            Files.writeString(file, y);
            bytes += Files.size(file);
        }
        StringBuilder y = new StringBuilder("# Topics of team toll that grants here consume\nexternal:\n  topics:\n");
        for (String t : external) y.append("    - ").append(t).append('\n');
        Path file = kafkaDir.resolve("external.yaml");
        Files.writeString(file, y);
        bytes += Files.size(file);
        return new Stats(files + 1, shape.topics(), shape.serviceAccounts(), shape.grants(), refs, external.size(),
                bytes);
    }

    private static boolean devAndTestOnly(int i) {
        return i % 20 == 19;
    }

    private static void topic(StringBuilder y, int f, int i, int fixedPartitions, Random random) {
        y.append("  - name: ").append(topicName(f, i)).append('\n');
        int varied = new int[] {3, 6, 12}[random.nextInt(3)];
        int partitions = fixedPartitions > 0 ? fixedPartitions : varied;
        y.append("    partitions: ").append(partitions).append('\n');
        y.append("    config:\n");
        boolean compact = i % 7 == 3;
        if (compact) {
            y.append("      cleanup.policy: compact\n");
            y.append("      min.compaction.lag.ms: 1h\n");
        } else {
            y.append("      cleanup.policy: delete\n");
            y.append("      retention.ms: ").append(RETENTION[random.nextInt(RETENTION.length)]).append('\n');
            if (i % 5 == 0) y.append("      retention.bytes: 10GiB\n");
        }
        if (i % 4 == 1) y.append("      max.message.bytes: 1MiB\n");
        if (i % 3 == 2) y.append("      compression.type: zstd\n");
        y.append("    metadata:\n");
        y.append("      description: ").append(KINDS[i % KINDS.length]).append(" of domain ").append(domain(f))
                .append(", stream ").append(i).append('\n');
        y.append("      dataClassification: ").append(CLASSIFICATION[i % CLASSIFICATION.length]).append('\n');
        switch (i % 3) {
            case 0 -> y.append("    visibility: public\n");
            case 1 -> y.append("    visibility: protected\n    sharedWith: [toll]\n");
            default -> y.append("    visibility: private\n");
        }
        if (i % 10 == 0) y.append("    protected: true\n");
        if (devAndTestOnly(i)) {
            y.append("    deployTo: [dev, test]\n");
        } else if (i % 5 == 2) {
            y.append("    overrides:\n");
            y.append("      dev: { replicationFactor: 1, partitions: 1 }\n");
            y.append("      prod:\n        partitions: ").append(Math.max(partitions, 12)).append('\n');
            if (!compact) y.append("        config: { retention.ms: 30d }\n");
        }
    }

    /** One grant entry; returns how many topics it names. */
    private static int grant(StringBuilder y, int f, int account, int g, List<List<String>> everywhere,
                             List<String> external, Random random) {
        String sa = accountName(f, account);
        List<String> own = everywhere.get(f);
        y.append("  - serviceAccount: ").append(sa).append('\n');
        int refs = 0;
        y.append("    produce: [").append(own.get(random.nextInt(own.size()))).append("]\n");
        refs++;
        y.append("    consume:\n");
        List<String> other = everywhere.get(random.nextInt(everywhere.size()));
        y.append("      - ").append(other.get(random.nextInt(other.size()))).append('\n');
        refs++;
        if (g % 3 == 0) {
            y.append("      - ").append(external.get(random.nextInt(external.size()))).append('\n');
            refs++;
        }
        if (g % 10 == 7) {
            y.append("      - prefix: billing.").append(domain(random.nextInt(everywhere.size()))).append("-\n");
            refs++;
        }
        y.append("    groups: [").append(sa).append("-g").append(g).append("]\n");
        if (g == 0) y.append("    transactionalIds: [{ prefix: ").append(sa).append("-tx- }]\n");
        return refs;
    }

    private static int[] spread(int total, int parts) {
        int[] out = new int[parts];
        for (int i = 0; i < parts; i++) out[i] = total / parts + (i < total % parts ? 1 : 0);
        return out;
    }
}
