package io.kafkaops.engine.apply;

import io.kafkaops.engine.plan.PlanLine;
import io.kafkaops.engine.plan.file.PlanFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code rotate.json}, the console lines and the summary of a credential rotation. Names secrets, never values. */
public final class RotateReport {

    public static final String ROTATE_JSON = "rotate.json";
    public static final int FORMAT_VERSION = 1;

    /**
     * The layout of rotate.json.
     *
     * @param serviceAccounts    the logical names asked for
     * @param credentialsRotated principals whose new credential is stored and the only one the cluster accepts
     * @param results            one per principal, as in deploy.json
     */
    public record RotateDocument(
            int formatVersion,
            String stage,
            String repository,
            String team,
            String startedAt,
            String finishedAt,
            boolean complete,
            List<String> serviceAccounts,
            List<String> credentialsRotated,
            List<EntityResult> results) {
    }

    private RotateReport() {
    }

    public static List<PlanLine> lines(List<EntityResult> results) {
        List<PlanLine> out = new ArrayList<>();
        for (EntityResult r : results) {
            String what = r.kind().label() + " " + r.display();
            if (r.applied()) {
                out.add(new PlanLine('~', 0, what + " rotated"));
                if (r.message() != null) out.add(new PlanLine(' ', 1, r.message()));
            } else {
                out.add(new PlanLine('!', 0, what + " FAILED: " + r.message()));
            }
        }
        return out;
    }

    public static List<String> rotated(List<EntityResult> results) {
        return results.stream().filter(EntityResult::applied).map(EntityResult::name).toList();
    }

    /** {@code Rotated 2 credentials on stage test}, or {@code Rotated 1 of 2 credentials on stage test, 1 failed}. */
    public static String summary(String stage, List<EntityResult> results) {
        long ok = results.stream().filter(EntityResult::applied).count();
        int all = results.size();
        String noun = all == 1 ? " credential" : " credentials";
        if (ok == all) return "Rotated " + all + noun + " on stage " + stage;
        return "Rotated " + ok + " of " + all + noun + " on stage " + stage + ", " + (all - ok) + " failed (run the"
                + " rotation again to finish)";
    }

    public static void write(Path file, RotateDocument doc) throws IOException {
        Files.createDirectories(file.getParent());
        PlanFiles.writeAtomically(file, out -> PlanFiles.writeJson(doc, out));
    }
}
