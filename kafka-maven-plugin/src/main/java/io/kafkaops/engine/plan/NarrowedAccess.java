package io.kafkaops.engine.plan;

import io.kafkaops.engine.desired.AclSpec;
import io.kafkaops.engine.desired.DesiredTopic;
import io.kafkaops.engine.ownership.Ownership;
import io.kafkaops.engine.ownership.OwnershipRecord;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.Location;
import io.kafkaops.model.Visibility;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Narrowing a topic's visibility must not leave other teams' access behind, nor cut it off unannounced: when the new
 * visibility takes away the access that ACLs of other repositories give, the plan refuses and lists them. Those
 * repositories remove their grants first (their own deploys delete the ACLs), or the owner keeps sharing the topic
 * with them. Access is counted per ACL, whatever its pattern, so a prefixed ACL that reaches the topic counts too.
 */
final class NarrowedAccess {
    private final PlanBuilder b;
    private TopicAcls topicAllowAcls;

    NarrowedAccess(PlanBuilder b) {
        this.b = b;
    }

    void check(DesiredTopic d, OwnershipRecord rec, Location loc) {
        Visibility before = visibility(rec.visibility());
        List<String> sharedBefore = rec.sharedWith();
        if (!narrows(before, sharedBefore, d.visibility(), d.sharedWith())) return;
        Set<String> cut = new TreeSet<>();
        for (AclSpec a : topicAllowAcls().reaching(d.name())) {
            OwnershipRecord holder = b.owners.get(Ownership.key(EntityKind.ACL, a.key()));
            if (holder == null || b.repo.equals(holder.repository())) continue;
            String team = holder.team();
            if (team != null && team.equals(b.desired.team())) continue;
            if (!allows(before, sharedBefore, team) || allows(d.visibility(), d.sharedWith(), team)) continue;
            cut.add(holder.repository() + (team == null ? "" : " (team " + team + ")") + ": " + a.display());
        }
        if (cut.isEmpty()) return;
        b.problem(EntityKind.TOPIC, d.name(), Diagnostic.error(Planner.RULE_NARROWED, "topic " + d.name()
                        + ": visibility " + describe(before, sharedBefore) + " -> "
                        + describe(d.visibility(), d.sharedWith()) + " takes away access other repositories have on"
                        + " stage " + b.desired.stage() + ": " + String.join("; ", cut),
                d.origin() != null ? d.origin().at("visibility") : loc,
                "ask those repositories to remove their grants of " + d.logicalName() + " and deploy first, then"
                        + " plan again; or keep sharing the topic with them"));
    }

    /** Whether some team that {@code before} lets in is shut out {@code after}. */
    private static boolean narrows(Visibility before, List<String> sharedBefore, Visibility after,
                                   List<String> sharedAfter) {
        if (after == Visibility.PUBLIC || before == Visibility.PRIVATE) return false;
        if (before == Visibility.PUBLIC) return true;
        // protected before: narrowed when private now, or when a team it was shared with is no longer listed
        return after == Visibility.PRIVATE || !sharedAfter.containsAll(sharedBefore);
    }

    /** The cluster's ALLOW ACLs on topics, indexed once per plan: narrowing checks stay linear in the topics. */
    private TopicAcls topicAllowAcls() {
        if (topicAllowAcls == null) topicAllowAcls = new TopicAcls(b.current.acls());
        return topicAllowAcls;
    }

    private static final class TopicAcls {
        private final Map<String, List<AclSpec>> literal = new HashMap<>();
        private final List<AclSpec> prefixed = new ArrayList<>();

        TopicAcls(Iterable<AclSpec> acls) {
            for (AclSpec a : acls) {
                if (!"TOPIC".equals(a.resourceType()) || !"ALLOW".equals(a.permission())) continue;
                if ("PREFIXED".equals(a.patternType())) {
                    prefixed.add(a);
                } else {
                    literal.computeIfAbsent(a.resourceName(), k -> new ArrayList<>()).add(a);
                }
            }
        }

        List<AclSpec> reaching(String topic) {
            List<AclSpec> out = new ArrayList<>(literal.getOrDefault(topic, List.of()));
            for (AclSpec a : prefixed) {
                if (topic.startsWith(a.resourceName())) out.add(a);
            }
            return out;
        }
    }

    private static Visibility visibility(String recorded) {
        try {
            return recorded == null ? Visibility.PRIVATE : Visibility.parse(recorded);
        } catch (IllegalArgumentException e) {
            return Visibility.PRIVATE;
        }
    }

    private static boolean allows(Visibility v, List<String> sharedWith, String team) {
        return v == Visibility.PUBLIC || v == Visibility.PROTECTED && team != null && sharedWith.contains(team);
    }

    private static String describe(Visibility v, List<String> sharedWith) {
        return v == Visibility.PROTECTED ? "protected " + sharedWith.stream().sorted().toList() : v.yamlName();
    }
}
