package io.kafkaops.engine.plan;

import io.kafkaops.engine.desired.AclSpec;
import io.kafkaops.engine.desired.PrincipalSpec;
import io.kafkaops.engine.desired.TopicSpec;
import io.kafkaops.engine.ownership.Ownership;
import java.util.List;

/**
 * What a plan does with one entity, with everything needed to apply it later from a saved plan.
 *
 * @param name            physical name; for ACLs the binding key ({@link AclSpec#key()})
 * @param logicalName     the name in the repo's files; null for entities only the cluster knows
 * @param changes         the differences for UPDATE and ADOPT (and details for CREATE credentials); empty otherwise
 * @param destructive     whether any change can lose data or availability
 * @param recordOnly      whether applying it only writes the ownership record (nothing changes on the cluster)
 * @param specHash        hash of the declared spec, recorded in the ownership record once applied
 * @param note            why the action was chosen, for people (conflict owner, why kept, where a credential goes)
 * @param ownerRepository for CONFLICT: the repository that owns the entity
 * @param ownerTeam       for CONFLICT: the team of that repository
 * @param topic           for TOPIC: the declared (or, for deletes, recorded) topic
 * @param principal       for SERVICE_ACCOUNT and CREDENTIAL: the declared service account
 * @param acl             for ACL: the binding
 */
public record PlannedChange(
        EntityKind kind,
        String name,
        String logicalName,
        ChangeAction action,
        List<FieldChange> changes,
        boolean destructive,
        boolean recordOnly,
        String specHash,
        String note,
        String ownerRepository,
        String ownerTeam,
        TopicSpec topic,
        PrincipalSpec principal,
        AclSpec acl) {

    public PlannedChange {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /** The key of the entity's ownership record ({@code topic:<name>}, {@code principal:<name>}, {@code acl:<key>}). */
    public String ownershipKey() {
        return Ownership.key(kind, name);
    }

    /** Kind and name, unique within a plan. */
    public String id() {
        return kind + ":" + name;
    }

    /** The name as people read it: the physical name, or for ACLs the binding in words. */
    public String displayName() {
        return kind == EntityKind.ACL && acl != null ? acl.display() : name;
    }
}
