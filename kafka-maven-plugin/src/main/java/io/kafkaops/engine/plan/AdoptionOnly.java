package io.kafkaops.engine.plan;

import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An adoption run ({@link Planner#ADOPT}) takes over what exists unmanaged and matches the files, and does nothing
 * else: no create, no update, no delete. The rest of the plan stays visible but inert: an entity that exists unmanaged
 * but differs from the files is left unmanaged with the differences as the reason, and every other change is kept for
 * a deploy without {@code kafka.adopt}. The problems of those changes (a destructive change, a replaced password) go
 * with them, since nothing happens to them in this run.
 */
final class AdoptionOnly {

    static final String RULE_REFUSED = "adoptionRefused";
    static final String RULE_LEFT = "adoptionOnly";

    private AdoptionOnly() {
    }

    static void restrict(PlanBuilder b) {
        Set<String> inert = new HashSet<>();
        Map<ChangeAction, Integer> left = new TreeMap<>();
        List<PlannedChange> out = new ArrayList<>();
        List<PlanBuilder.Problem> refusals = new ArrayList<>();
        for (PlannedChange c : b.changes) {
            if (c.action() == ChangeAction.ADOPT && !c.changes().isEmpty()) {
                inert.add(c.id());
                String differences = String.join(", ", c.changes().stream().map(FieldChange::text).toList());
                out.add(new PlannedChange(c.kind(), c.name(), c.logicalName(), ChangeAction.UNMANAGED, List.of(),
                        false, false, null, "differs from the files (" + differences + "); an adoption run takes"
                        + " over only what matches them, so it is left untouched", null, null, c.topic(),
                        c.principal(), c.acl()));
                refusals.add(new PlanBuilder.Problem(c.kind(), c.name(), Diagnostic.warn(RULE_REFUSED,
                        c.kind().label() + " " + c.displayName() + " is not adopted: it differs from the files ("
                                + differences + ")", b.stageLocation,
                        "make the files say what the cluster has (kafka:import writes them so), adopt it, then change"
                                + " it with a deploy without kafka.adopt")));
            } else if (c.action() == ChangeAction.CREATE || c.action() == ChangeAction.UPDATE
                    || c.action() == ChangeAction.DELETE) {
                inert.add(c.id());
                left.merge(c.action(), 1, Integer::sum);
                out.add(new PlannedChange(c.kind(), c.name(), c.logicalName(), ChangeAction.KEPT, List.of(), false,
                        true, null, "not " + past(c.action()) + " in an adoption run: plan and deploy without"
                        + " kafka.adopt for that", null, null, c.topic(), c.principal(), c.acl()));
            } else {
                out.add(c);
            }
        }
        b.changes.clear();
        b.changes.addAll(out);
        b.problems.removeIf(p -> inert.contains(p.kind() + ":" + p.name()));
        b.problems.addAll(refusals);
        if (!left.isEmpty()) {
            List<String> parts = new ArrayList<>();
            left.forEach((action, n) -> parts.add(n + " to " + action.name().toLowerCase(java.util.Locale.ROOT)));
            b.problems.add(new PlanBuilder.Problem(EntityKind.TOPIC, "", new Diagnostic(Severity.INFO, RULE_LEFT,
                    "adoption run: " + String.join(", ", parts) + " left for a deploy without kafka.adopt",
                    b.stageLocation, null)));
        }
    }

    private static String past(ChangeAction a) {
        return switch (a) {
            case CREATE -> "created";
            case UPDATE -> "updated";
            default -> "deleted";
        };
    }
}
