package io.kafkaops.engine.plan;

import static io.kafkaops.engine.plan.PlanBuilder.ownershipChanges;
import static io.kafkaops.engine.plan.PlanBuilder.specHash;

import io.kafkaops.engine.desired.DesiredTopic;
import io.kafkaops.engine.desired.TopicSpec;
import io.kafkaops.engine.ownership.Ownership;
import io.kafkaops.engine.ownership.OwnershipRecord;
import io.kafkaops.engine.state.CurrentTopic;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.Location;
import io.kafkaops.model.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The topic part of a plan: partitions, replication factor and configs against the cluster, with the safety rules
 * (partitions never shrink; data-losing changes need {@link Planner#ALLOW_DESTRUCTIVE}), the ownership record's own
 * fields, and owned topics no longer declared, deleted only when the stage allows it and they are not protected.
 */
final class TopicPlanner {
    private final PlanBuilder b;
    private final NarrowedAccess narrowedAccess;

    TopicPlanner(PlanBuilder b) {
        this.b = b;
        this.narrowedAccess = new NarrowedAccess(b);
    }

    void plan() {
        String stage = b.desired.stage();
        Set<String> declared = new HashSet<>();
        for (DesiredTopic d : b.desired.topics()) {
            declared.add(d.name());
            OwnershipRecord rec = b.owners.get(Ownership.key(EntityKind.TOPIC, d.name()));
            CurrentTopic cur = b.current.topics().get(d.name());
            TopicSpec spec = TopicSpec.of(d);
            String hash = specHash("topic", d.name(), d.logicalName(), spec.canonical());
            Location loc = d.origin() != null ? d.origin().location() : b.stageLocation;

            if (rec != null && !b.repo.equals(rec.repository())) {
                b.conflict(EntityKind.TOPIC, d.name(), d.logicalName(), rec, loc, spec, null, null);
                continue;
            }
            ChangeAction action;
            List<FieldChange> fc = new ArrayList<>();
            if (cur == null) {
                action = ChangeAction.CREATE;
            } else if (rec == null) {
                if (!b.in.options().adopt()) {
                    b.unmanaged(EntityKind.TOPIC, d.name(), d.logicalName(), loc, Severity.WARN, "topic " + d.name()
                            + " exists on the cluster but no repository manages it; it is left untouched", spec,
                            null, null);
                    continue;
                }
                diff(d, cur, fc);
                action = ChangeAction.ADOPT;
            } else {
                diff(d, cur, fc);
                recordFieldChanges(rec, spec, fc);
                narrowedAccess.check(d, rec, loc);
                ownershipChanges(rec, hash, fc, "records the declared spec");
                action = fc.isEmpty() ? ChangeAction.UNCHANGED : ChangeAction.UPDATE;
            }
            int brokers = b.current.brokerIds().size();
            boolean rfChanges = action == ChangeAction.CREATE
                    || fc.stream().anyMatch(f -> f.field().equals(FieldChange.REPLICATION_FACTOR));
            if (rfChanges && brokers > 0 && d.replicationFactor() > brokers) {
                b.problem(EntityKind.TOPIC, d.name(), Diagnostic.error(Planner.RULE_BROKERS, "topic " + d.name()
                                + " needs replication factor " + d.replicationFactor() + ", but the cluster of stage "
                                + stage + " has " + brokers + (brokers == 1 ? " broker" : " brokers"),
                        d.origin() != null ? d.origin().at("replicationFactor") : loc,
                        "set replicationFactor (or an override for stage " + stage + ") to at most "
                                + brokers));
            }
            boolean destructive = fc.stream().anyMatch(FieldChange::destructive);
            boolean recordOnly = action != ChangeAction.CREATE && fc.stream().noneMatch(FieldChange::touchesCluster);
            b.add(new PlannedChange(EntityKind.TOPIC, d.name(), d.logicalName(), action, fc, destructive, recordOnly,
                    hash, action == ChangeAction.ADOPT ? "takes over the existing topic" : null, null, null, spec,
                    null, null));
        }
        for (OwnershipRecord rec : b.owned("topic")) {
            if (declared.contains(rec.name())) continue;
            CurrentTopic cur = b.current.topics().get(rec.name());
            if (cur == null) {
                b.add(b.ownedChange(EntityKind.TOPIC, rec, ChangeAction.DELETE, true,
                        "already gone from the cluster; only its ownership record is removed"));
            } else if (rec.protectedEntity()) {
                b.kept(EntityKind.TOPIC, rec, "no longer declared, but protected: a deploy never deletes it");
            } else if (!b.in.allowDeletes()) {
                b.kept(EntityKind.TOPIC, rec, "no longer declared, but stage " + stage + " does not allow deletes");
            } else {
                PlannedChange c = b.ownedChange(EntityKind.TOPIC, rec, ChangeAction.DELETE, false,
                        "deletes the topic and all its data");
                b.add(new PlannedChange(c.kind(), c.name(), c.logicalName(), c.action(), c.changes(), true,
                        c.recordOnly(), c.specHash(), c.note(), null, null, null, null, null));
            }
        }
    }

    private void diff(DesiredTopic d, CurrentTopic cur, List<FieldChange> fc) {
        Location loc = d.origin() != null ? d.origin().location() : b.stageLocation;
        if (d.partitions() > cur.partitions()) {
            fc.add(new FieldChange(FieldChange.PARTITIONS, Integer.toString(cur.partitions()),
                    Integer.toString(d.partitions()), "partitions " + cur.partitions() + " -> " + d.partitions(),
                    false));
        } else if (d.partitions() < cur.partitions()) {
            fc.add(new FieldChange(FieldChange.PARTITIONS, Integer.toString(cur.partitions()),
                    Integer.toString(d.partitions()), "partitions " + cur.partitions() + " -> " + d.partitions()
                    + " (impossible: Kafka cannot remove partitions)", true));
            b.problem(EntityKind.TOPIC, d.name(), Diagnostic.error(Planner.RULE_PARTITIONS, "topic " + d.name()
                            + " has " + cur.partitions() + " partitions; Kafka cannot reduce them to "
                            + d.partitions(),
                    d.origin() != null ? d.origin().at("partitions") : loc,
                    "keep partitions at " + cur.partitions() + " or more, or create a new topic (e.g. a .v2)"
                            + " and migrate to it"));
        }
        // every partition counts: one left behind by an interrupted change must not pass for done
        int fewest = cur.replicas().stream().mapToInt(List::size).min().orElse(cur.replicationFactor());
        int most = cur.replicas().stream().mapToInt(List::size).max().orElse(cur.replicationFactor());
        if (d.replicationFactor() != cur.replicationFactor() || fewest != d.replicationFactor()
                || most != d.replicationFactor()) {
            String before = cur.replicationFactors();
            String text = "replication factor " + before + " -> " + d.replicationFactor();
            fc.add(new FieldChange(FieldChange.REPLICATION_FACTOR, before,
                    Integer.toString(d.replicationFactor()), text, true));
            destructive(d, d.origin() != null ? d.origin().at("replicationFactor") : loc, text,
                    d.replicationFactor() < fewest ? "fewer copies of every partition"
                            : d.replicationFactor() < most ? "fewer copies of some partitions"
                            : "moves every partition's data between brokers");
        }
        TreeSet<String> keys = new TreeSet<>(d.config().keySet());
        keys.addAll(cur.dynamicConfigs().keySet());
        for (String key : keys) {
            String want = d.config().get(key);
            String have = cur.dynamicConfigs().get(key);
            if (Objects.equals(want, have)) continue;
            String text = key + " " + TopicConfigChanges.show(key, have, cur.effective().get(key)) + " -> "
                    + TopicConfigChanges.show(key, want, cur.defaults().get(key));
            String reason = TopicConfigChanges.unsafe(key, have != null ? have : cur.effective().get(key),
                    want != null ? want : cur.defaults().get(key));
            fc.add(new FieldChange(FieldChange.CONFIG_PREFIX + key, have, want, text, reason != null));
            if (reason != null) {
                destructive(d, d.origin() != null ? d.origin().at("config." + key) : loc, text, reason);
            }
        }
    }

    private void destructive(DesiredTopic d, Location loc, String text, String reason) {
        String message = "topic " + d.name() + ": " + text + " (" + reason + ")";
        if (b.in.options().allowDestructive()) {
            b.problem(EntityKind.TOPIC, d.name(), Diagnostic.warn(Planner.RULE_DESTRUCTIVE, message
                    + " is allowed by " + Planner.ALLOW_DESTRUCTIVE, loc, null));
        } else {
            b.problem(EntityKind.TOPIC, d.name(), Diagnostic.error(Planner.RULE_DESTRUCTIVE, message
                    + " can lose data and needs an explicit opt-in", loc,
                    "if this is intended, plan and deploy with " + Planner.ALLOW_DESTRUCTIVE));
        }
    }

    /** The fields only the ownership record holds: visibility, sharedWith and protected. */
    private static void recordFieldChanges(OwnershipRecord rec, TopicSpec spec, List<FieldChange> fc) {
        String vis = spec.visibility().yamlName();
        if (!Objects.equals(rec.visibility(), vis)) {
            fc.add(new FieldChange("visibility", rec.visibility(), vis,
                    "visibility " + (rec.visibility() == null ? "(none)" : rec.visibility()) + " -> " + vis, false));
        }
        List<String> before = rec.sharedWith().stream().sorted().toList();
        List<String> after = spec.sharedWith().stream().sorted().toList();
        if (!before.equals(after)) {
            fc.add(new FieldChange("sharedWith", String.join(",", before), String.join(",", after),
                    "sharedWith " + before + " -> " + after, false));
        }
        if (rec.protectedEntity() != spec.protectedTopic()) {
            fc.add(new FieldChange("protected", Boolean.toString(rec.protectedEntity()),
                    Boolean.toString(spec.protectedTopic()),
                    "protected " + rec.protectedEntity() + " -> " + spec.protectedTopic(), false));
        }
    }
}
