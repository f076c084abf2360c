package io.kafkaops.engine.apply;

import io.kafkaops.engine.plan.ChangeAction;
import io.kafkaops.engine.plan.EntityKind;
import io.kafkaops.engine.plan.PlannedChange;

/**
 * What a deploy did with one planned change.
 *
 * @param name    physical name (for ACLs the binding key)
 * @param display the name as people read it
 * @param message why it failed or was skipped, or where a credential was stored; never a secret
 */
public record EntityResult(EntityKind kind, String name, String display, ChangeAction action, Status status,
                           String message) {

    public enum Status {
        APPLIED,
        FAILED,
        SKIPPED,
        /**
         * Left alone because a deploy of another repository that ran at the same time claimed the entity (or one it
         * needs) first in the ownership topic; the message names that repository.
         */
        CONFLICT
    }

    public static EntityResult applied(PlannedChange c, String message) {
        return new EntityResult(c.kind(), c.name(), c.displayName(), c.action(), Status.APPLIED, message);
    }

    public static EntityResult failed(PlannedChange c, String message) {
        return new EntityResult(c.kind(), c.name(), c.displayName(), c.action(), Status.FAILED, message);
    }

    public static EntityResult skipped(PlannedChange c, String message) {
        return new EntityResult(c.kind(), c.name(), c.displayName(), c.action(), Status.SKIPPED, message);
    }

    public static EntityResult conflict(PlannedChange c, String message) {
        return new EntityResult(c.kind(), c.name(), c.displayName(), c.action(), Status.CONFLICT, message);
    }

    public boolean applied() {
        return status == Status.APPLIED;
    }
}
