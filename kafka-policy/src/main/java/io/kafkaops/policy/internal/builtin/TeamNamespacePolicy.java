package io.kafkaops.policy.internal.builtin;

import io.kafkaops.model.AclPermission;
import io.kafkaops.model.AclResourceType;
import io.kafkaops.model.Grant;
import io.kafkaops.model.Location;
import io.kafkaops.model.PatternType;
import io.kafkaops.model.RawAcl;
import io.kafkaops.model.ResourceRef;
import io.kafkaops.model.ServiceAccount;
import io.kafkaops.model.Topic;
import io.kafkaops.model.platform.Team;
import io.kafkaops.model.platform.TeamPrefixes;
import io.kafkaops.policy.PolicyContext;
import io.kafkaops.policy.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * A team declares entities only in its own namespace and grants access only to its own service accounts. Topics,
 * service accounts, consumer groups and transactional ids (in grants and raw ACLs) must start with one of the
 * team's prefixes. Consuming other teams' topics is the visibility policy's business; without a team for the repo
 * there is nothing to check (resolving the team is the goal's job).
 */
public final class TeamNamespacePolicy extends ParameterlessPolicy {

    public static final String ID = "teamNamespace";

    public TeamNamespacePolicy() {
        super(ID, "Topics, service accounts, consumer groups and transactional ids lie in the team's prefixes, and "
                + "grants and raw ACLs name only the team's own service accounts.");
    }

    @Override
    List<Violation> violations(PolicyContext context) {
        if (context.team().isEmpty()) return List.of();
        Team team = context.team().get();
        TeamPrefixes prefixes = team.prefixes();
        ModelIndex index = ModelIndex.of(context);
        List<Violation> out = new ArrayList<>();

        for (Topic t : context.model().topics()) {
            if (t.name() != null && !TeamPrefixes.owns(prefixes.topics(), t.name())) {
                out.add(outside(team, "topic", "topics", t.name(), prefixes.topics(), t.origin().at("name")));
            }
        }
        for (ServiceAccount sa : context.model().serviceAccounts()) {
            if (sa.name() != null && !TeamPrefixes.owns(prefixes.serviceAccounts(), sa.name())) {
                out.add(outside(team, "service account", "serviceAccounts", sa.name(), prefixes.serviceAccounts(),
                        sa.origin().at("name")));
            }
        }
        for (Grant g : context.model().grants()) {
            if (index.externalServiceAccounts.contains(g.serviceAccount())
                    && !index.serviceAccounts.containsKey(g.serviceAccount())) {
                out.add(externalAccount(g.serviceAccount(), "grant", g.origin().at("serviceAccount")));
            }
            refs(team, g, "groups", "consumer group", prefixes.groups(), g.groups(), out);
            refs(team, g, "transactionalIds", "transactional id", prefixes.transactionalIds(), g.transactionalIds(),
                    out);
        }
        for (RawAcl acl : context.model().acls()) {
            if (acl.principal() == null) continue;
            String sa = acl.serviceAccount();
            if (acl.principal().startsWith("User:") && index.externalServiceAccounts.contains(sa)
                    && !index.serviceAccounts.containsKey(sa)) {
                out.add(externalAccount(sa, "raw ACL", acl.origin().at("principal")));
            }
            // a DENY only takes rights away from the team's own principal, wherever it points
            if (acl.permission() == AclPermission.DENY) continue;
            rawAclResource(team, index, acl, out);
        }
        return out;
    }

    private static void refs(Team team, Grant g, String field, String noun, List<String> owned,
                             List<ResourceRef> refs, List<Violation> out) {
        for (int i = 0; i < refs.size(); i++) {
            ResourceRef r = refs.get(i);
            if (r.name() == null || TeamPrefixes.owns(owned, r.name())) continue;
            out.add(new Violation(
                    noun + " " + (r.isPrefix() ? "prefix '" + r.name() + "'" : "'" + r.name() + "'")
                            + " in the grant for '" + g.serviceAccount() + "' is outside the namespace of team "
                            + team.name(),
                    ModelIndex.refLocation(g, field, i, r),
                    namespaceHint(team, field, noun, owned)));
        }
    }

    private static void rawAclResource(Team team, ModelIndex index, RawAcl acl, List<Violation> out) {
        AclResourceType type = acl.resourceType();
        String name = acl.resourceName();
        if (type == null || name == null || "*".equals(name)) return;
        List<String> owned;
        String field;
        String noun;
        switch (type) {
            case TOPIC -> {
                // another team's topic named literally goes through external.topics and the visibility policy
                if (acl.patternType() != PatternType.PREFIXED
                        && (index.externalTopics.contains(name) || index.topics.containsKey(name))) return;
                owned = team.prefixes().topics();
                field = "topics";
                noun = "topic";
            }
            case GROUP -> {
                owned = team.prefixes().groups();
                field = "groups";
                noun = "consumer group";
            }
            case TRANSACTIONAL_ID -> {
                owned = team.prefixes().transactionalIds();
                field = "transactionalIds";
                noun = "transactional id";
            }
            default -> {
                return;
            }
        }
        if (TeamPrefixes.owns(owned, name)) return;
        boolean prefixed = acl.patternType() == PatternType.PREFIXED;
        out.add(new Violation(
                "raw ACL on " + noun + " " + (prefixed ? "prefix '" + name + "'" : "'" + name + "'")
                        + " is outside the namespace of team " + team.name(),
                acl.origin().at("resourceName"),
                type == AclResourceType.TOPIC && !prefixed
                        ? "list it under external.topics if another team owns it (its visibility is then checked), "
                                + "or use a topic whose name starts with " + Texts.or(owned)
                        : namespaceHint(team, field, noun, owned)));
    }

    private static Violation outside(Team team, String noun, String field, String name, List<String> owned,
                                     Location location) {
        return new Violation(noun + " '" + name + "' is outside the namespace of team " + team.name(), location,
                namespaceHint(team, field, noun, owned));
    }

    private static String namespaceHint(Team team, String field, String noun, List<String> owned) {
        if (owned.isEmpty()) {
            return "team " + team.name() + " owns no " + noun + " prefixes: ask the platform team to add prefixes."
                    + field + " for it";
        }
        return "team " + team.name() + "'s " + noun + " names start with " + Texts.or(owned.stream()
                .map(Texts::quoted).toList());
    }

    private static Violation externalAccount(String sa, String what, Location location) {
        return new Violation(
                "the " + what + " is for service account '" + sa + "', which is listed under external."
                        + "serviceAccounts; a team grants access only to its own service accounts",
                location,
                "move this " + what + " into the repository that declares " + sa);
    }
}
