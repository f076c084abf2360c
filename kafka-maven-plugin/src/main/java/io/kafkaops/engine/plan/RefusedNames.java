package io.kafkaops.engine.plan;

import io.kafkaops.engine.desired.AclSpec;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.KafkaNames;
import io.kafkaops.model.Location;
import java.util.ArrayList;
import java.util.List;

/** The names a plan would create that the cluster refuses ({@link Planner#refusedNames}). */
final class RefusedNames {

    private RefusedNames() {
    }

    static List<Diagnostic> of(String stage, List<PlannedChange> changes) {
        List<Diagnostic> out = new ArrayList<>();
        Location where = Location.ofFile("stage " + stage);
        for (PlannedChange c : changes) {
            // what exists (UPDATE, ADOPT, ...) the cluster has accepted already
            if (c.action() != ChangeAction.CREATE) continue;
            switch (c.kind()) {
                case TOPIC -> refused(out, where, stage, "topic", c.name(), KafkaNames.topicProblem(c.name()));
                case SERVICE_ACCOUNT -> refused(out, where, stage, "service account", c.name(),
                        KafkaNames.principalProblem(c.name()));
                case ACL -> acl(out, where, stage, c.acl());
                default -> {
                }
            }
        }
        return out;
    }

    private static void acl(List<Diagnostic> out, Location where, String stage, AclSpec a) {
        if (a == null) return;
        String user = a.principal() != null && a.principal().startsWith("User:")
                ? a.principal().substring("User:".length()) : a.principal();
        String problem = KafkaNames.principalProblem(user);
        String kind = "principal";
        String name = user;
        if (problem == null && !"*".equals(a.resourceName())) {
            name = a.resourceName();
            switch (a.resourceType()) {
                case "TOPIC" -> {
                    kind = "topic";
                    problem = KafkaNames.topicProblem(name);
                }
                case "GROUP" -> {
                    kind = "consumer group";
                    problem = KafkaNames.nameProblem(name);
                }
                case "TRANSACTIONAL_ID" -> {
                    kind = "transactional id";
                    problem = KafkaNames.nameProblem(name);
                }
                default -> {
                }
            }
        }
        if (problem != null) {
            refused(out, where, stage, kind + " of ACL " + KafkaNames.shown(a.display()) + ":", name, problem);
        }
    }

    private static void refused(List<Diagnostic> out, Location where, String stage, String kind, String name,
                                String problem) {
        if (problem == null) return;
        Diagnostic d = Diagnostic.error(Planner.RULE_NAME, kind + " '" + KafkaNames.shown(name) + "' " + problem
                        + "; the cluster of stage " + stage + " would refuse it",
                where, "fix the name (mvn kafka:validate shows where it comes from) or the stage's prefix");
        if (!out.contains(d)) out.add(d);
    }
}
