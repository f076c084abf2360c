package io.kafkaops.engine.plan;

import java.util.List;

/** How many entities a plan creates, updates, deletes, and how many it leaves alone and why. */
public record PlanSummary(int create, int update, int delete, int adopt, int unchanged, int conflict, int unmanaged,
                          int kept) {

    public static PlanSummary of(List<PlannedChange> changes) {
        int[] n = new int[ChangeAction.values().length];
        for (PlannedChange c : changes) n[c.action().ordinal()]++;
        return new PlanSummary(n[ChangeAction.CREATE.ordinal()], n[ChangeAction.UPDATE.ordinal()],
                n[ChangeAction.DELETE.ordinal()], n[ChangeAction.ADOPT.ordinal()], n[ChangeAction.UNCHANGED.ordinal()],
                n[ChangeAction.CONFLICT.ordinal()], n[ChangeAction.UNMANAGED.ordinal()], n[ChangeAction.KEPT.ordinal()]);
    }

    /** Whether a deploy would change anything. */
    public boolean hasChanges() {
        return create + update + delete + adopt > 0;
    }

    /** {@code Plan for stage test: 3 to create, 1 to update, 0 to delete} and the other counts when not zero. */
    public String line(String stage) {
        StringBuilder sb = new StringBuilder("Plan for stage ").append(stage).append(": ")
                .append(create).append(" to create, ").append(update).append(" to update, ")
                .append(delete).append(" to delete");
        if (adopt > 0) sb.append(", ").append(adopt).append(" to adopt");
        if (conflict > 0) sb.append(", ").append(conflict).append(conflict == 1 ? " conflict" : " conflicts");
        if (unmanaged > 0) sb.append(", ").append(unmanaged).append(" unmanaged");
        if (kept > 0) sb.append(", ").append(kept).append(" kept");
        return sb.toString();
    }
}
