package io.kafkaops.engine.apply;

import io.kafkaops.engine.plan.ChangeAction;
import io.kafkaops.engine.plan.EntityKind;
import io.kafkaops.engine.plan.Plan;
import io.kafkaops.engine.plan.PlanLine;
import io.kafkaops.engine.plan.PlanRenderer;
import io.kafkaops.engine.plan.PlannedChange;
import io.kafkaops.engine.plan.file.PlanFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code deploy.json}, the console lines and the summary of a deploy. Names credentials stored, never values. */
public final class DeployReport {

    public static final String DEPLOY_JSON = "deploy.json";
    public static final int FORMAT_VERSION = 1;

    /**
     * Applied changes per action, and how many failed, were skipped, or were left alone because another repository's
     * deploy claimed them first ({@code conflicts}).
     */
    public record Counts(int created, int updated, int deleted, int adopted, int failed, int skipped, int conflicts) {

        public Counts(int created, int updated, int deleted, int adopted, int failed, int skipped) {
            this(created, updated, deleted, adopted, failed, skipped, 0);
        }

        public static Counts of(List<EntityResult> results) {
            int created = 0, updated = 0, deleted = 0, adopted = 0, failed = 0, skipped = 0, conflicts = 0;
            for (EntityResult r : results) {
                switch (r.status()) {
                    case FAILED -> failed++;
                    case SKIPPED -> skipped++;
                    case CONFLICT -> conflicts++;
                    case APPLIED -> {
                        switch (r.action()) {
                            case CREATE -> created++;
                            case UPDATE -> updated++;
                            case DELETE -> deleted++;
                            case ADOPT -> adopted++;
                            default -> { }
                        }
                    }
                }
            }
            return new Counts(created, updated, deleted, adopted, failed, skipped, conflicts);
        }

        /** {@code Deploy to stage test: 3 created, 1 updated, 0 deleted}, then non-zero adopted/failed/skipped. */
        public String line(String stage) {
            return line(stage, 0);
        }

        /**
         * {@link #line(String)}, then how many declared entities the deploy left untouched because they exist and
         * nobody manages them ({@code , 1 unmanaged}): a deploy that changed nothing must not read as complete.
         */
        public String line(String stage, int unmanaged) {
            StringBuilder sb = new StringBuilder("Deploy to stage ").append(stage).append(": ")
                    .append(created).append(" created, ").append(updated).append(" updated, ")
                    .append(deleted).append(" deleted");
            if (adopted > 0) sb.append(", ").append(adopted).append(" adopted");
            if (failed > 0) sb.append(", ").append(failed).append(" failed");
            if (skipped > 0) sb.append(", ").append(skipped).append(" skipped");
            if (conflicts > 0) sb.append(", ").append(conflicts).append(conflicts == 1 ? " conflict" : " conflicts");
            if (unmanaged > 0) sb.append(", ").append(unmanaged).append(" unmanaged");
            return sb.toString();
        }
    }

    /**
     * The layout of deploy.json.
     *
     * @param unmanaged entities the repository declares that exist on the cluster with no owner, left untouched (as
     *                  the plan showed them); {@code -Dkafka.adopt=true} takes them over. Added in a compatible way:
     *                  readers of format version 1 that do not know the field ignore it
     */
    public record DeployDocument(
            int formatVersion,
            String stage,
            String repository,
            String team,
            String startedAt,
            String finishedAt,
            String planCreatedAt,
            String stateFingerprint,
            boolean complete,
            Counts summary,
            List<String> credentialsStored,
            List<EntityResult> results,
            List<String> unmanaged,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
            java.util.Map<String, Integer> requests) {

        /** Without request counts. */
        public DeployDocument(int formatVersion, String stage, String repository, String team, String startedAt,
                              String finishedAt, String planCreatedAt, String stateFingerprint, boolean complete,
                              Counts summary, List<String> credentialsStored, List<EntityResult> results,
                              List<String> unmanaged) {
            this(formatVersion, stage, repository, team, startedAt, finishedAt, planCreatedAt, stateFingerprint,
                    complete, summary, credentialsStored, results, unmanaged, null);
        }
    }

    /** The entities of a plan that exist, are declared and are managed by nobody: the deploy leaves them alone. */
    public static List<PlannedChange> unmanaged(Plan plan) {
        return plan.changes().stream().filter(c -> c.action() == ChangeAction.UNMANAGED).toList();
    }

    private DeployReport() {
    }

    /**
     * {@link #lines(List)}, then the plan's lines of the entities the deploy left alone because nobody manages them:
     * what the plan warned about is repeated, so it is not lost among the results.
     */
    public static List<PlanLine> lines(List<EntityResult> results, List<PlannedChange> unmanaged) {
        List<PlanLine> out = lines(results);
        unmanaged.forEach(c -> out.addAll(PlanRenderer.lines(c)));
        return out;
    }

    public static List<PlanLine> lines(List<EntityResult> results) {
        List<PlanLine> out = new ArrayList<>();
        for (EntityResult r : results) {
            String what = r.kind().label() + " " + r.display();
            switch (r.status()) {
                case APPLIED -> {
                    out.add(new PlanLine(PlanRenderer.marker(r.action()), 0, what + " " + past(r.action())));
                    if (r.message() != null) out.add(new PlanLine(' ', 1, r.message()));
                }
                case FAILED -> out.add(new PlanLine('!', 0, what + " FAILED: " + r.message()));
                case SKIPPED -> out.add(new PlanLine('!', 0, what + " skipped: " + r.message()));
                case CONFLICT -> out.add(new PlanLine('!', 0, what + " CONFLICT: " + r.message()));
            }
        }
        return out;
    }

    private static String past(ChangeAction a) {
        return switch (a) {
            case CREATE -> "created";
            case UPDATE -> "updated";
            case DELETE -> "deleted";
            case ADOPT -> "adopted";
            default -> a.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** Principals whose new credential was written to the store by this deploy. */
    public static List<String> credentialsStored(List<EntityResult> results) {
        return results.stream()
                .filter(r -> r.kind() == EntityKind.CREDENTIAL && r.applied()
                        && (r.action() == ChangeAction.CREATE || r.action() == ChangeAction.UPDATE))
                .map(EntityResult::name).toList();
    }

    /**
     * Removes the deploy.json of an earlier run from a stage's output directory. A deploy calls it before anything
     * can fail, so a failed run never leaves an older run's report (with {@code "complete": true}) behind.
     */
    public static void discardPrevious(Path stageDir) {
        Path file = stageDir.resolve(DEPLOY_JSON);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the previous deploy report " + file + ": "
                    + e.getMessage(), e);
        }
    }

    public static void write(Path file, DeployDocument doc) throws IOException {
        Files.createDirectories(file.getParent());
        PlanFiles.writeAtomically(file, out -> PlanFiles.writeJson(doc, out));
    }
}
