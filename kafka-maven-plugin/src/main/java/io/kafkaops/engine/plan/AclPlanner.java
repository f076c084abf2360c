package io.kafkaops.engine.plan;

import static io.kafkaops.engine.plan.PlanBuilder.ownershipChanges;
import static io.kafkaops.engine.plan.PlanBuilder.specHash;

import io.kafkaops.engine.desired.AclSpec;
import io.kafkaops.engine.ownership.Ownership;
import io.kafkaops.engine.ownership.OwnershipRecord;
import io.kafkaops.model.Location;
import io.kafkaops.model.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The ACL part of a plan: declared bindings are created, adopted or recorded; owned ones no longer declared go. */
final class AclPlanner {
    private final PlanBuilder b;

    AclPlanner(PlanBuilder b) {
        this.b = b;
    }

    void plan() {
        Set<String> existing = b.current.aclKeys();
        Set<String> declared = new HashSet<>();
        for (var e : b.desired.acls()) {
            AclSpec spec = AclSpec.of(e);
            String key = spec.key();
            if (!declared.add(key)) continue;
            OwnershipRecord rec = b.owners.get(Ownership.key(EntityKind.ACL, key));
            boolean exists = existing.contains(key);
            String hash = specHash("acl", key, null, key);
            Location loc = e.origin() != null ? e.origin().location() : b.stageLocation;

            if (rec != null && !b.repo.equals(rec.repository())) {
                b.conflict(EntityKind.ACL, key, null, rec, loc, null, null, spec);
                continue;
            }
            ChangeAction action;
            List<FieldChange> fc = new ArrayList<>();
            if (rec == null && exists) {
                if (!b.in.options().adopt()) {
                    // the binding the repo wants is there already; only its ownership is missing
                    b.unmanaged(EntityKind.ACL, key, null, loc, Severity.INFO, "ACL " + spec.display()
                            + " exists on the cluster but no repository manages it; it is left untouched", null,
                            null, spec);
                    continue;
                }
                action = ChangeAction.ADOPT;
            } else if (!exists) {
                action = ChangeAction.CREATE;
            } else {
                ownershipChanges(rec, hash, fc, "records the binding");
                action = fc.isEmpty() ? ChangeAction.UNCHANGED : ChangeAction.UPDATE;
            }
            b.add(new PlannedChange(EntityKind.ACL, key, null, action, fc, false,
                    action == ChangeAction.ADOPT || action == ChangeAction.UPDATE, hash, null, null, null, null,
                    null, spec));
        }
        for (OwnershipRecord rec : b.owned("acl")) {
            if (declared.contains(rec.name())) continue;
            AclSpec spec = AclSpec.parseKey(rec.name());
            if (spec == null) continue;
            boolean exists = existing.contains(rec.name());
            // revoking access never loses data, so owned bindings go whatever the stage allows
            b.add(new PlannedChange(EntityKind.ACL, rec.name(), null, ChangeAction.DELETE, List.of(), false, !exists,
                    null, exists ? null : "already gone from the cluster; only its ownership record is removed",
                    null, null, null, null, spec));
        }
    }
}
