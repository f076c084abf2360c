package io.kafkaops.policy.internal.builtin;

import io.kafkaops.model.AclOperation;
import io.kafkaops.model.AclPermission;
import io.kafkaops.model.AclResourceType;
import io.kafkaops.model.Grant;
import io.kafkaops.model.Location;
import io.kafkaops.model.PatternType;
import io.kafkaops.model.RawAcl;
import io.kafkaops.model.ResourceRef;
import io.kafkaops.model.Visibility;
import io.kafkaops.model.platform.Team;
import io.kafkaops.model.platform.TeamPrefixes;
import io.kafkaops.policy.KnownTopic;
import io.kafkaops.policy.PolicyContext;
import io.kafkaops.policy.Violation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Access to topics this repo does not declare follows their owner's choice: consuming needs the topic to be public,
 * or protected and shared with the repo's team; producing to another team's topic is never allowed. Visibility is
 * only known at plan time ({@link PolicyContext#knownTopics()} is filled from the cluster's ownership records), so
 * offline this policy checks what the platform's team prefixes already tell: producing into another team's
 * namespace, and prefix grants reaching into it. At plan time on a shared stage a topic in another team's namespace
 * that no repository owns there yet counts as private: consuming it first must not win access to it. (On a
 * development stage other teams never deploy, so their topics are missing there as a rule.)
 */
public final class TopicVisibilityPolicy extends ParameterlessPolicy {

    public static final String ID = "topicVisibility";

    /** Raw ACL operations that only read a topic; every other operation changes it. */
    private static final Set<AclOperation> READ_OPERATIONS =
            EnumSet.of(AclOperation.READ, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS);

    public TopicVisibilityPolicy() {
        super(ID, "Grants and raw ACLs consume other teams' topics only when those are public or protected and shared "
                + "with the team, and never produce to them.");
    }

    @Override
    List<Violation> violations(PolicyContext context) {
        return new Run(context).run();
    }

    /** One evaluation's state: the indexes it needs, built once. */
    private static final class Run {
        private final PolicyContext context;
        private final ModelIndex index;
        private final String team;
        private final List<String> ownPrefixes;
        private final List<Violation> out = new ArrayList<>();
        private NavigableMap<String, KnownTopic> knownSorted;

        Run(PolicyContext context) {
            this.context = context;
            this.index = ModelIndex.of(context);
            this.team = context.team().map(Team::name).orElse(null);
            this.ownPrefixes = context.team().map(t -> t.prefixes().topics()).orElse(List.of());
        }

        List<Violation> run() {
            for (Grant g : context.model().grants()) {
                List<ResourceRef> consume = g.consume();
                for (int i = 0; i < consume.size(); i++) {
                    check(g.serviceAccount(), consume.get(i), false, "consume",
                            ModelIndex.refLocation(g, "consume", i, consume.get(i)));
                }
                List<ResourceRef> produce = g.produce();
                for (int i = 0; i < produce.size(); i++) {
                    check(g.serviceAccount(), produce.get(i), true, "produce to",
                            ModelIndex.refLocation(g, "produce", i, produce.get(i)));
                }
            }
            for (RawAcl acl : context.model().acls()) {
                if (acl.principal() == null || acl.permission() != AclPermission.ALLOW
                        || acl.resourceType() != AclResourceType.TOPIC
                        || acl.resourceName() == null || "*".equals(acl.resourceName()) || acl.operation() == null) {
                    continue;
                }
                boolean write = !READ_OPERATIONS.contains(acl.operation());
                check(acl.serviceAccount(), new ResourceRef(acl.resourceName(), acl.patternType(), null), write,
                        "get " + acl.operation() + " on", acl.origin().at("resourceName"));
            }
            return out;
        }

        private void check(String sa, ResourceRef ref, boolean write, String action, Location location) {
            if (ref.name() == null) return;
            if (ref.patternType() == PatternType.PREFIXED) {
                checkPrefix(sa, ref.name(), write, action, location);
            } else {
                checkLiteral(sa, ref.name(), write, action, location);
            }
        }

        private void checkLiteral(String sa, String topic, boolean write, String action, Location location) {
            if (index.topics.containsKey(topic)) return;
            KnownTopic known = context.knownTopics().get(topic);
            if (known == null) {
                // no repository owns it on the stage (or we are offline): the platform's prefixes tell the owner
                Optional<Team> owner = context.platform().topicOwner(topic);
                if (owner.isEmpty() || owner.get().name().equals(team)) return;
                String o = owner.get().name();
                if (write) {
                    out.add(new Violation("'" + sa + "' may not " + action + " '" + topic + "': the name lies in the "
                            + "namespace of team " + o + ", and only a topic's own team produces to it",
                            location, "remove it; to get data into " + topic + ", talk to team " + o));
                } else if (context.missingTopicsAreUndeployed()) {
                    // a topic its owner has not deployed yet is private: reading first must not win access to it
                    out.add(new Violation("'" + sa + "' may not " + action + " '" + topic + "': the name lies in the "
                            + "namespace of team " + o + ", which has not deployed it to this stage, and a topic is "
                            + "private until its owner shares it", location, "ask team " + o + " to deploy it with "
                            + "visibility: protected and sharedWith: [" + (team == null ? "<your team>" : team)
                            + "] (or visibility: public), then plan again"));
                }
                return;
            }
            if (sameOwner(known)) return;
            String owner = owner(known);
            if (write) {
                out.add(new Violation("'" + sa + "' may not " + action + " '" + topic + "': the topic belongs to "
                        + owner + ", and only a topic's own team produces to it", location,
                        "remove it; to get data into " + topic + ", talk to " + owner));
                return;
            }
            if (visible(known)) return;
            out.add(notVisible(sa, topic, known, action, location));
        }

        private void checkPrefix(String sa, String prefix, boolean write, String action, Location location) {
            if (team != null && TeamPrefixes.owns(ownPrefixes, prefix)) return;
            Set<String> foreignTeams = new TreeSet<>();
            for (Team t : context.platform().teams()) {
                if (t.name().equals(team)) continue;
                for (String p : t.prefixes().topics()) {
                    if (prefix.startsWith(p) || p.startsWith(prefix)) {
                        foreignTeams.add(t.name());
                        break;
                    }
                }
            }
            if (!foreignTeams.isEmpty()) {
                String teams = (foreignTeams.size() == 1 ? "team " : "teams ") + Texts.join(foreignTeams);
                out.add(new Violation("prefix '" + prefix + "' lets '" + sa + "' " + action + " every topic of "
                        + teams + ", whatever its visibility", location, write
                        ? "produce only to your own team's topics" + (ownPrefixes.isEmpty() ? ""
                                : ": use a prefix starting with " + Texts.or(ownPrefixes))
                        : "name the topics one by one (and list them under external.topics) so that their "
                                + "visibility is checked"));
                return;
            }
            if (context.knownTopics().isEmpty()) return;
            if (knownSorted == null) knownSorted = new TreeMap<>(context.knownTopics());
            List<String> hidden = new ArrayList<>();
            int count = 0;
            for (Map.Entry<String, KnownTopic> e
                    : knownSorted.subMap(prefix, true, prefix + Character.MAX_VALUE, true).entrySet()) {
                KnownTopic k = e.getValue();
                if (!e.getKey().startsWith(prefix) || sameOwner(k) || (!write && visible(k))) continue;
                if (hidden.size() < 3) hidden.add("'" + e.getKey() + "'");
                count++;
            }
            if (count == 0) return;
            out.add(new Violation("prefix '" + prefix + "' lets '" + sa + "' " + action + " "
                    + (count == 1 ? "topic " : count + " topics of other owners, such as ") + Texts.join(hidden)
                    + (write ? ", which " + (count == 1 ? "belongs" : "belong") + " to another team"
                            : ", which " + (count == 1 ? "is" : "are") + " not visible to "
                                    + (team == null ? "this repository" : "team " + team)),
                    location, "narrow the prefix, or name the topics you need one by one"));
        }

        private boolean sameOwner(KnownTopic k) {
            return (team != null && team.equals(k.ownerTeam()))
                    || (context.repository() != null && context.repository().equals(k.ownerRepository()));
        }

        private boolean visible(KnownTopic k) {
            Visibility v = k.visibility() == null ? Visibility.PRIVATE : k.visibility();
            return v == Visibility.PUBLIC
                    || (v == Visibility.PROTECTED && team != null && k.sharedWith() != null
                            && k.sharedWith().contains(team));
        }

        private Violation notVisible(String sa, String topic, KnownTopic k, String action, Location location) {
            String owner = owner(k);
            Visibility v = k.visibility() == null ? Visibility.PRIVATE : k.visibility();
            if (team == null) {
                return new Violation("'" + sa + "' may not " + action + " '" + topic + "' of " + owner
                        + ": this repository belongs to no team, so it may consume only public topics", location,
                        "ask the platform team to add this repository to a team, or ask " + owner
                                + " to make the topic public");
            }
            if (v == Visibility.PROTECTED) {
                List<String> shared = k.sharedWith() == null ? List.of() : k.sharedWith();
                return new Violation("'" + sa + "' may not " + action + " '" + topic + "': the topic of " + owner
                        + " is protected and shared only with " + (shared.isEmpty() ? "no team" : Texts.join(shared)),
                        location, "ask " + owner + " to add " + team + " to the topic's sharedWith");
            }
            return new Violation("'" + sa + "' may not " + action + " '" + topic + "': the topic of " + owner
                    + " is private", location, "ask " + owner + " to set visibility: protected with sharedWith: ["
                    + team + "] (or visibility: public) on the topic");
        }

        private static String owner(KnownTopic k) {
            if (k.ownerTeam() != null) return "team " + k.ownerTeam();
            return k.ownerRepository() != null ? "repository " + k.ownerRepository() : "another repository";
        }
    }
}
