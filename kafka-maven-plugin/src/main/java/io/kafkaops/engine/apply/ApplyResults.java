package io.kafkaops.engine.apply;

import io.kafkaops.engine.plan.ChangeAction;
import io.kafkaops.engine.plan.EntityKind;
import io.kafkaops.engine.plan.PlannedChange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The results of one apply, by entity, reported in plan order; shared by the parts that apply one kind of change each.
 * A change nobody put a result for is reported as skipped ("not attempted").
 */
public final class ApplyResults {

    private final Map<String, EntityResult> byId = new HashMap<>();

    public void put(PlannedChange c, EntityResult r) {
        byId.put(c.id(), r);
    }

    /** The result of the entity so far, or null when it has none yet. */
    public EntityResult get(EntityKind kind, String name) {
        return byId.get(kind + ":" + name);
    }

    /** Whether the change has a result and it is applied. */
    public boolean applied(PlannedChange c) {
        EntityResult r = byId.get(c.id());
        return r != null && r.applied();
    }

    public List<EntityResult> inOrder(List<PlannedChange> todo) {
        List<EntityResult> out = new ArrayList<>();
        for (PlannedChange c : todo) {
            EntityResult r = byId.get(c.id());
            out.add(r != null ? r : EntityResult.skipped(c, "not attempted"));
        }
        return out;
    }

    /** The changes of one kind with one of the actions, in plan order. */
    public static List<PlannedChange> of(List<PlannedChange> todo, EntityKind kind, ChangeAction... actions) {
        Set<ChangeAction> wanted = Set.of(actions);
        return todo.stream().filter(c -> c.kind() == kind && wanted.contains(c.action())).toList();
    }

    /**
     * A failed cluster call.
     *
     * @param unknownOutcome true when the answer got lost, so the cluster may have made the change anyway
     */
    public record Failure(String message, boolean unknownOutcome) {
    }
}
