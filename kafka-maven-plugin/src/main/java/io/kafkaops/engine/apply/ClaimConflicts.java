package io.kafkaops.engine.apply;

import io.kafkaops.engine.desired.AclSpec;
import io.kafkaops.engine.ownership.Ownership;
import io.kafkaops.engine.ownership.OwnershipRecord;
import io.kafkaops.engine.plan.ChangeAction;
import io.kafkaops.engine.plan.EntityKind;
import io.kafkaops.engine.plan.PlannedChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The changes a deploy leaves alone after losing claims to deploys of other repositories that ran at the same time:
 * the lost entities, and what needs them, because it would act on an entity another repository now owns: the
 * credential of a lost service account, ACLs of a lost service account, and literal ACLs on a lost topic. A prefixed
 * ACL names no single topic and stays. Pure; no Kafka client.
 */
public final class ClaimConflicts {

    private ClaimConflicts() {
    }

    /**
     * @param lost by ownership key, the claim of the repository that won it
     * @return by change, the conflict message, in plan order
     */
    public static Map<PlannedChange, String> affected(List<PlannedChange> todo, Map<String, OwnershipRecord> lost) {
        Map<PlannedChange, String> out = new LinkedHashMap<>();
        if (lost.isEmpty()) return out;
        for (PlannedChange c : todo) {
            OwnershipRecord winner = c.kind() == EntityKind.CREDENTIAL ? null : lost.get(c.ownershipKey());
            if (winner != null && claims(c)) {
                out.put(c, "claimed first by " + owner(winner) + ", whose deploy ran at the same time: this"
                        + " deploy withdrew its claim and changed nothing for it");
                continue;
            }
            Needed needed = needs(c, lost);
            if (needed != null) {
                out.put(c, "not applied: it needs " + needed.display() + ", claimed first by "
                        + owner(lost.get(needed.key())) + ", whose deploy ran at the same time");
            }
        }
        return out;
    }

    /** A lost entity a change needs: how people read it and its ownership key. */
    private record Needed(String display, String key) {
    }

    /** The conflicts among results, as one line each ({@code topic test.x: claimed first by ...}). */
    public static List<String> lines(List<EntityResult> results) {
        return results.stream().filter(r -> r.status() == EntityResult.Status.CONFLICT)
                .map(r -> r.kind().label() + " " + r.display() + ": " + r.message()).toList();
    }

    private static boolean claims(PlannedChange c) {
        return c.action() == ChangeAction.CREATE || c.action() == ChangeAction.ADOPT;
    }

    private static Needed needed(String kind, EntityKind entityKind, String name, Map<String, OwnershipRecord> lost) {
        String key = Ownership.key(entityKind, name);
        return lost.containsKey(key) ? new Needed(kind + " " + name, key) : null;
    }

    /** The lost entity a change needs, or null. */
    private static Needed needs(PlannedChange c, Map<String, OwnershipRecord> lost) {
        if (c.kind() == EntityKind.CREDENTIAL) {
            return needed("service account", EntityKind.SERVICE_ACCOUNT, c.name(), lost);
        }
        if (c.kind() != EntityKind.ACL || c.acl() == null || c.action() == ChangeAction.DELETE) return null;
        AclSpec a = c.acl();
        String user = a.principal().startsWith("User:") ? a.principal().substring("User:".length()) : null;
        Needed p = user == null ? null : needed("service account", EntityKind.SERVICE_ACCOUNT, user, lost);
        if (p != null) return p;
        if ("TOPIC".equals(a.resourceType()) && "LITERAL".equals(a.patternType())) {
            return needed("topic", EntityKind.TOPIC, a.resourceName(), lost);
        }
        return null;
    }

    private static String owner(OwnershipRecord r) {
        return "repository " + r.repository() + (r.team() == null ? "" : " (team " + r.team() + ")");
    }
}
