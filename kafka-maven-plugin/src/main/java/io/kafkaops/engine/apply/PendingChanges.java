package io.kafkaops.engine.apply;

import io.kafkaops.engine.plan.PlannedChange;
import java.util.Collection;

/**
 * Applied changes the cluster does not show yet. A returned call means the controller committed the change; brokers
 * apply it a little later, so the apply asks again (one batched call per kind) until every change shows or time is up.
 */
public interface PendingChanges {

    /** Nothing to wait for. */
    PendingChanges NONE = new PendingChanges() {
        @Override
        public void check() {
        }

        @Override
        public Collection<PlannedChange> pending() {
            return java.util.List.of();
        }
    };

    /**
     * Asks the cluster once and forgets the changes it now shows.
     *
     * @throws Exception when the check failed; it is retried until the deadline
     */
    void check() throws Exception;

    /** The changes the cluster did not show at the last check. */
    Collection<PlannedChange> pending();
}
