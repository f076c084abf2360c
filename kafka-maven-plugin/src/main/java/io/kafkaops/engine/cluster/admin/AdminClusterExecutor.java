package io.kafkaops.engine.cluster.admin;

import static io.kafkaops.engine.apply.ApplyResults.of;

import io.kafkaops.engine.apply.ApplyResults;
import io.kafkaops.engine.apply.ClaimConflicts;
import io.kafkaops.engine.apply.CredentialChanges;
import io.kafkaops.engine.apply.EntityResult;
import io.kafkaops.engine.apply.PendingChanges;
import io.kafkaops.engine.cluster.ClusterConnection;
import io.kafkaops.engine.cluster.ClusterException;
import io.kafkaops.engine.ownership.Ownership;
import io.kafkaops.engine.ownership.OwnershipRecord;
import io.kafkaops.engine.plan.ChangeAction;
import io.kafkaops.engine.plan.EntityKind;
import io.kafkaops.engine.plan.Plan;
import io.kafkaops.engine.plan.PlannedChange;
import io.kafkaops.engine.state.ClusterState;
import io.kafkaops.engine.store.CredentialStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Applies a plan with batched Admin calls, in dependency order:
 * <ol>
 * <li>ownership claims for everything about to be created or adopted ({@link OwnershipWrites}), in one batch, then one
 * read of the ownership topic to its end: a claim another repository's deploy wrote first is withdrawn, and that
 * entity and what needs it are left alone and reported as conflicts ({@link ClaimConflicts});</li>
 * <li>topics: createTopics in requests as large as the controller's record cap allows, all sent at once, then
 * createPartitions, incrementalAlterConfigs and (opt-in) replica reassignments ({@link TopicChanges});</li>
 * <li>service accounts and credentials, while the brokers create the new topics' logs: each new secret is stored in
 * the credential store first, then one call sets them all ({@link CredentialChanges}, the part a cluster type
 * provides; SCRAM users here);</li>
 * <li>ACLs in batches of {@value AclChanges#BATCH} bindings ({@link AclChanges}); Kafka does not need a topic to
 * exist for an ACL on it;</li>
 * <li>a wait, as long as the cluster makes progress, until every partition of the new and changed topics has a
 * leader;</li>
 * <li>deletions in reverse order: ACLs, topics, credentials;</li>
 * <li>a wait, as long as the broker makes progress (its creation of the new topics' logs included), until the brokers
 * show the applied ACL, credential and config changes;</li>
 * <li>ownership records with the applied spec hash, tombstones for deleted entities.</li>
 * </ol>
 * Each entity gets its own result; one failure does not stop the others, and a claim or an outdated record left by a
 * failure makes the next plan finish the job. A credential is never active on the cluster without being in the store:
 * when the store refuses it, the cluster is not asked.
 */
final class AdminClusterExecutor {

    private final OwnershipWrites ownership;
    private final CredentialChanges credentials;
    private final TopicChanges topics;
    private final AclChanges acls;
    private final Duration timeout;

    AdminClusterExecutor(AdminCalls admin, OwnershipLog log, ClusterConnection connection, AdminFutures futures,
                         Clock clock, CredentialChanges credentials) {
        this(admin, log, connection, futures, clock, credentials, line -> { }, Principals.SAME);
    }

    /** @param notices gets the progress lines of long steps (replica reassignments, waits for many topics) */
    AdminClusterExecutor(AdminCalls admin, OwnershipLog log, ClusterConnection connection, AdminFutures futures,
                         Clock clock, CredentialChanges credentials, Consumer<String> notices) {
        this(admin, log, connection, futures, clock, credentials, notices, Principals.SAME);
    }

    /**
     * @param notices    gets the progress lines of long steps (replica reassignments, waits for many topics)
     * @param principals how the cluster names the principals of ACLs
     */
    AdminClusterExecutor(AdminCalls admin, OwnershipLog log, ClusterConnection connection, AdminFutures futures,
                         Clock clock, CredentialChanges credentials, Consumer<String> notices, Principals principals) {
        TopicReadiness readiness = new TopicReadiness(admin, futures, notices);
        this.ownership = new OwnershipWrites(admin, log, connection, futures, readiness, clock, principals);
        this.credentials = credentials;
        this.topics = new TopicChanges(admin, futures, readiness, new TopicReassignments(admin, futures,
                connection.replicationThrottle(), notices));
        this.acls = new AclChanges(admin, futures, principals);
        this.timeout = futures.timeout();
    }

    List<EntityResult> apply(Plan plan, ClusterState current, CredentialStore store) throws ClusterException {
        List<PlannedChange> todo = plan.actionable();
        ApplyResults results = new ApplyResults();
        if (todo.isEmpty()) return List.of();

        if (!current.ownershipTopicExists()) ownership.createTopic(current.brokerIds().size());

        OwnershipLog.Written claims = ownership.claim(plan, todo);
        if (!claims.failed().isEmpty()) {
            String why = "the ownership claims could not be written to " + Ownership.TOPIC + " ("
                    + claims.failed().values().iterator().next() + "); nothing was changed";
            for (PlannedChange c : todo) results.put(c, EntityResult.skipped(c, why));
            return results.inOrder(todo);
        }
        List<PlannedChange> all = todo;
        todo = arbitrate(plan, todo, claims.offsets(), results);

        for (PlannedChange c : todo) {
            // record-only changes are done once their record is written at the end
            if (c.recordOnly() && !(c.kind() == EntityKind.SERVICE_ACCOUNT && c.action() == ChangeAction.DELETE)) {
                results.put(c, EntityResult.applied(c, null));
            }
        }
        // the topics first, without waiting for them: the broker creates their logs while the credentials (whose
        // salted passwords the Admin client computes) and the ACLs are set, and only then does the deploy wait
        TopicChanges.Started topicsStarted = topics.start(todo, current);
        credentials.createOrReplace(plan, of(todo, EntityKind.CREDENTIAL, ChangeAction.CREATE, ChangeAction.UPDATE),
                current, store, results);
        acls.create(cluster(of(todo, EntityKind.ACL, ChangeAction.CREATE)), results);
        topics.finish(topicsStarted, results);
        acls.delete(cluster(of(todo, EntityKind.ACL, ChangeAction.DELETE)), results);
        topics.delete(cluster(of(todo, EntityKind.TOPIC, ChangeAction.DELETE)), results);
        credentials.delete(plan, of(todo, EntityKind.CREDENTIAL, ChangeAction.DELETE), current, store, results);
        for (PlannedChange c : of(todo, EntityKind.SERVICE_ACCOUNT, ChangeAction.DELETE)) {
            EntityResult credential = results.get(EntityKind.CREDENTIAL, c.name());
            if (credential != null && !credential.applied()) {
                results.put(c, EntityResult.skipped(c, "its credential could not be deleted"));
            } else {
                results.put(c, EntityResult.applied(c, null));
            }
        }

        settle(todo, results);
        ownership.finish(plan, todo, results);
        return results.inOrder(all);
    }

    /**
     * Arbitrates the claims just written against those of deploys of other repositories that ran at the same time
     * (first in the ownership topic's log wins), withdraws the lost ones and those of changes that need a lost entity,
     * and reports those changes as conflicts.
     *
     * @return the changes left to apply
     */
    private List<PlannedChange> arbitrate(Plan plan, List<PlannedChange> todo, Map<String, Long> claimed,
                                          ApplyResults results) throws ClusterException {
        Map<String, OwnershipRecord> lost = ownership.arbitrate(plan, claimed);
        if (lost.isEmpty()) return todo;
        Map<PlannedChange, String> affected = ClaimConflicts.affected(todo, lost);
        Set<String> withdrawn = new LinkedHashSet<>();
        for (PlannedChange c : affected.keySet()) {
            if (claimed.containsKey(c.ownershipKey()) && c.kind() != EntityKind.CREDENTIAL) {
                withdrawn.add(c.ownershipKey());
            }
        }
        Map<String, String> notWithdrawn = ownership.withdraw(plan, withdrawn);
        affected.forEach((c, why) -> {
            String failed = c.kind() == EntityKind.CREDENTIAL ? null : notWithdrawn.get(c.ownershipKey());
            results.put(c, EntityResult.conflict(c, failed == null ? why : why + "; its claim could not be"
                    + " withdrawn (" + failed + "), so the ownership topic may still name this repository: do not"
                    + " deploy it to this stage again before the owner's record is written back"));
        });
        return todo.stream().filter(c -> !affected.containsKey(c)).toList();
    }

    /** Writes a snapshot of the stage's ownership records when one is due ({@link OwnershipLog#snapshotIfDue}). */
    void snapshotIfDue(Set<String> leftOut) {
        ownership.snapshotIfDue(leftOut);
    }

    List<EntityResult> rotate(String stage, String team, List<String> principals, ClusterState current,
                              CredentialStore store) {
        return credentials.rotate(stage, team, principals, current, store);
    }

    /** The changes that touch the cluster; record-only ones are done by their ownership record. */
    private static List<PlannedChange> cluster(List<PlannedChange> changes) {
        return changes.stream().filter(c -> !c.recordOnly()).toList();
    }

    /**
     * A returned Admin call means the controller committed the change; brokers apply it a little later (seconds under
     * load). Polls, one batched call per kind, until the broker shows every applied ACL, credential and config change,
     * so the deploy reports done only what the next plan and the applications will see.
     */
    private void settle(List<PlannedChange> todo, ApplyResults results) {
        List<PlannedChange> applied = todo.stream().filter(c -> results.applied(c) && !c.recordOnly()).toList();
        List<PendingChanges> kinds = List.of(
                acls.pending(applied.stream().filter(c -> c.kind() == EntityKind.ACL).toList()),
                credentials.pending(applied.stream().filter(c -> c.kind() == EntityKind.CREDENTIAL).toList()),
                topics.pendingConfigs(applied.stream().filter(c -> c.kind() == EntityKind.TOPIC).toList()));
        // waits while the broker makes progress: shows more of the changes, or creates the logs of this deploy's new
        // topics, which it does before it shows any later change
        long lastProgress = System.nanoTime();
        long least = Long.MAX_VALUE;
        long backoff = 50;
        while (!allShown(kinds)) {
            try {
                for (PendingChanges p : kinds) {
                    if (!p.pending().isEmpty()) p.check();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                // a failed check is retried while there is progress; what is still pending then is reported
            }
            if (allShown(kinds)) break;
            long left = kinds.stream().mapToLong(p -> p.pending().size()).sum() + topics.partitionsWithoutLog();
            if (left < least) {
                least = left;
                lastProgress = System.nanoTime();
            }
            if (System.nanoTime() - lastProgress > timeout.toNanos()) break;
            backoff = AdminFutures.pause(backoff);
        }
        String late = "applied, but the broker does not show it and made no progress for " + timeout.toSeconds()
                + " s; the next plan shows whether it arrived";
        List<PlannedChange> pending = new ArrayList<>();
        kinds.forEach(p -> pending.addAll(p.pending()));
        pending.forEach(c -> results.put(c, EntityResult.failed(c, late)));
    }

    private static boolean allShown(List<PendingChanges> kinds) {
        return kinds.stream().allMatch(p -> p.pending().isEmpty());
    }
}
