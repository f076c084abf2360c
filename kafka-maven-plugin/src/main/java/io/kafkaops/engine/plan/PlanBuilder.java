package io.kafkaops.engine.plan;

import io.kafkaops.engine.desired.AclSpec;
import io.kafkaops.engine.desired.DesiredState;
import io.kafkaops.engine.desired.PrincipalSpec;
import io.kafkaops.engine.desired.TopicSpec;
import io.kafkaops.engine.ownership.OwnershipRecord;
import io.kafkaops.engine.state.ClusterState;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.Location;
import io.kafkaops.model.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What one {@link Planner#plan} run shares between its per-kind planners: the input, the changes and problems found so
 * far, and the ownership rules every kind follows (conflicts, unmanaged entities, kept ones, outdated records).
 */
final class PlanBuilder {
    final Planner.Input in;
    final DesiredState desired;
    final ClusterState current;
    final String repo;
    final Map<String, OwnershipRecord> owners;
    final List<PlannedChange> changes = new ArrayList<>();
    final List<Problem> problems = new ArrayList<>();
    final Location stageLocation;

    record Problem(EntityKind kind, String name, Diagnostic diagnostic) {
    }

    PlanBuilder(Planner.Input in) {
        this.in = in;
        this.desired = in.desired();
        this.current = in.current();
        this.repo = desired.repository();
        this.owners = current.ownership();
        this.stageLocation = Location.ofFile("stage " + desired.stage());
    }

    /** The records of this repository for one kind ("topic", "principal", "acl"), by name. */
    List<OwnershipRecord> owned(String kind) {
        return owners.values().stream()
                .filter(r -> kind.equals(r.kind()) && repo.equals(r.repository()))
                .sorted(Comparator.comparing(OwnershipRecord::name))
                .toList();
    }

    PlannedChange ownedChange(EntityKind kind, OwnershipRecord rec, ChangeAction action, boolean recordOnly,
                              String note) {
        return new PlannedChange(kind, rec.name(), rec.logicalName(), action, List.of(), false, recordOnly, null,
                note, null, null, null, null, null);
    }

    void kept(EntityKind kind, OwnershipRecord rec, String why) {
        add(ownedChange(kind, rec, ChangeAction.KEPT, true, why));
        problem(kind, rec.name(), new Diagnostic(Severity.INFO, Planner.RULE_KEPT,
                kind.label() + " " + rec.name() + " is kept: " + why, stageLocation, null));
    }

    void conflict(EntityKind kind, String name, String logicalName, OwnershipRecord rec, Location loc,
                  TopicSpec topic, PrincipalSpec principal, AclSpec acl) {
        String owner = rec.repository() + (rec.team() == null ? "" : " (team " + rec.team() + ")");
        String shown = acl != null ? "ACL " + acl.display() : kind.label() + " " + name;
        add(new PlannedChange(kind, name, logicalName, ChangeAction.CONFLICT, List.of(), false, false, null,
                "owned by " + owner, rec.repository(), rec.team(), topic, principal, acl));
        problem(kind, name, Diagnostic.error(Planner.RULE_CONFLICT, shown + " on stage " + desired.stage()
                        + " is owned by " + owner + "; this repository cannot manage it", loc,
                "use another name, or ask the owners to stop declaring it in " + rec.repository()));
    }

    void unmanaged(EntityKind kind, String name, String logicalName, Location loc, Severity severity,
                   String message, TopicSpec topic, PrincipalSpec principal, AclSpec acl) {
        add(new PlannedChange(kind, name, logicalName, ChangeAction.UNMANAGED, List.of(), false, false, null,
                "exists but no repository manages it", null, null, topic, principal, acl));
        problem(kind, name, new Diagnostic(severity, Planner.RULE_UNMANAGED, message, loc,
                "to take it over, plan and deploy with " + Planner.ADOPT));
    }

    void add(PlannedChange c) {
        changes.add(c);
    }

    void problem(EntityKind kind, String name, Diagnostic d) {
        problems.add(new Problem(kind, name, d));
    }

    static String specHash(String kind, String name, String logicalName, String canonical) {
        return Hashing.sha256(kind + "\n" + name + "\n" + logicalName + "\n" + canonical);
    }

    /** An incomplete or outdated ownership record of an owned entity is an update of the record alone. */
    static void ownershipChanges(OwnershipRecord rec, String hash, List<FieldChange> fc, String outdated) {
        if (rec.claimOnly()) {
            fc.add(new FieldChange(FieldChange.OWNERSHIP, "claimed", "applied",
                    "ownership record incomplete: an earlier deploy stopped half-way; this one completes it",
                    false));
        } else if (!hash.equals(rec.specHash()) && fc.isEmpty()) {
            fc.add(new FieldChange(FieldChange.OWNERSHIP, rec.specHash(), hash,
                    "ownership record out of date: " + outdated, false));
        }
    }
}
