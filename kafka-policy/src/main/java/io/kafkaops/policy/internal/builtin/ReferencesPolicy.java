package io.kafkaops.policy.internal.builtin;

import io.kafkaops.model.AclResourceType;
import io.kafkaops.model.DroppedNames;
import io.kafkaops.model.Grant;
import io.kafkaops.model.Location;
import io.kafkaops.model.PatternType;
import io.kafkaops.model.RawAcl;
import io.kafkaops.model.ResourceRef;
import io.kafkaops.model.Suggestions.Suggester;
import io.kafkaops.model.Suggestions;
import io.kafkaops.model.Topic;
import io.kafkaops.model.platform.Team;
import io.kafkaops.policy.PolicyContext;
import io.kafkaops.policy.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every name points at something: grants name service accounts declared here or listed under
 * {@code external.serviceAccounts}; produce/consume name topics declared here or listed under
 * {@code external.topics}, and a prefix matches at least one of them; raw ACLs name a service account declared here
 * and a known topic; {@code sharedWith} names teams of the platform. Misses get a did-you-mean. A name the loader
 * dropped with its entity (schema error) or could not read (a file with a syntax error) is no miss: its problem is
 * reported already, and a second one elsewhere would be noise.
 */
public final class ReferencesPolicy extends ParameterlessPolicy {

    public static final String ID = "references";

    public ReferencesPolicy() {
        super(ID, "Grants, raw ACLs and sharedWith name service accounts, topics and teams that are declared in the "
                + "repository, listed under external, or defined by the platform.");
    }

    @Override
    List<Violation> violations(PolicyContext context) {
        ModelIndex index = ModelIndex.of(context);
        // a name the loader dropped (schema error) or could not read (syntax error) is reported there already
        DroppedNames dropped = context.model().dropped();
        Topics topicNames = new Topics(index, dropped);
        Set<String> accountNames = new HashSet<>(index.serviceAccounts.keySet());
        accountNames.addAll(index.externalServiceAccounts);
        Suggester accountSuggester = Suggestions.suggester(accountNames, Suggestions.DEFAULT_BUDGET);
        Suggester declaredAccountSuggester = Suggestions.suggester(index.serviceAccounts.keySet(),
                Suggestions.DEFAULT_BUDGET);
        List<Violation> out = new ArrayList<>();

        for (Grant g : context.model().grants()) {
            String sa = g.serviceAccount();
            if (sa != null && !accountNames.contains(sa) && !dropped.mayDeclareServiceAccount(sa)) {
                out.add(new Violation("the grant names service account '" + sa + "', which is neither declared in this "
                        + "repository nor listed under external.serviceAccounts", g.origin().at("serviceAccount"),
                        hint(accountSuggester.closest(sa),
                                "declare it under serviceAccounts, or list it under external.serviceAccounts")));
            }
            topicRefs(g, "produce", g.produce(), topicNames, out);
            topicRefs(g, "consume", g.consume(), topicNames, out);
        }

        for (RawAcl acl : context.model().acls()) {
            String principal = acl.principal();
            if (principal != null && principal.startsWith("User:") && !principal.equals("User:*")
                    && !index.serviceAccounts.containsKey(acl.serviceAccount())
                    && !dropped.mayDeclareServiceAccount(acl.serviceAccount())) {
                out.add(new Violation("raw ACL principal '" + principal + "' is not a service account declared in "
                        + "this repository", acl.origin().at("principal"),
                        hint(declaredAccountSuggester.closest(acl.serviceAccount()).map(s -> "User:" + s),
                                "declare " + acl.serviceAccount() + " under serviceAccounts; raw ACLs may only name "
                                        + "this repository's service accounts")));
            }
            if (acl.resourceType() == AclResourceType.TOPIC && acl.resourceName() != null
                    && !acl.resourceName().equals("*")) {
                ResourceRef ref = new ResourceRef(acl.resourceName(), acl.patternType(), null);
                topicRef(ref, "the raw ACL names", acl.origin().at("resourceName"), topicNames).ifPresent(out::add);
            }
        }

        Set<String> teams = new HashSet<>();
        for (Team t : context.platform().teams()) teams.add(t.name());
        for (Topic t : context.model().topics()) {
            for (int i = 0; i < t.sharedWith().size(); i++) {
                String team = t.sharedWith().get(i);
                if (team == null || teams.contains(team)) continue;
                out.add(new Violation("topic '" + t.name() + "' is shared with team '" + team + "', which the platform "
                        + "does not define", t.origin().at("sharedWith[" + i + "]"),
                        hint(Suggestions.closest(team, teams),
                                "the platform's teams are " + Texts.join(new TreeSet<>(teams)))));
            }
        }
        return out;
    }

    /**
     * The topic names a reference may point at: hash lookups for literals; the sorted set for prefixes and the
     * suggester for misses are built only when first needed.
     */
    private static final class Topics {
        private final ModelIndex index;
        private NavigableSet<String> sorted;
        private final Suggester suggester;
        private final DroppedNames dropped;

        Topics(ModelIndex index, DroppedNames dropped) {
            this.index = index;
            this.dropped = dropped;
            List<String> all = new ArrayList<>(index.topics.keySet());
            all.addAll(index.externalTopics);
            this.suggester = Suggestions.suggester(all, Suggestions.DEFAULT_BUDGET);
        }

        boolean contains(String name) {
            return index.topics.containsKey(name) || index.externalTopics.contains(name);
        }

        boolean anyStartsWith(String prefix) {
            if (sorted == null) sorted = index.knownTopicNames();
            return ModelIndex.anyStartsWith(sorted, prefix);
        }
    }

    private static void topicRefs(Grant g, String field, List<ResourceRef> refs, Topics topics, List<Violation> out) {
        for (int i = 0; i < refs.size(); i++) {
            ResourceRef r = refs.get(i);
            if (!r.isPrefix() && r.name() != null && topics.contains(r.name())) continue;
            topicRef(r, "the grant for '" + g.serviceAccount() + "' names in " + field,
                    ModelIndex.refLocation(g, field, i, r), topics).ifPresent(out::add);
        }
    }

    private static Optional<Violation> topicRef(ResourceRef r, String subject, Location location, Topics topics) {
        if (r.name() == null) return Optional.empty();
        if (r.patternType() == PatternType.PREFIXED) {
            if (topics.anyStartsWith(r.name()) || topics.dropped.mayDeclareTopicWithPrefix(r.name())) {
                return Optional.empty();
            }
            return Optional.of(new Violation(subject + " the prefix '" + r.name() + "', which matches no topic "
                    + "declared in this repository or listed under external.topics", location,
                    "declare the topics under topics, or list them under external.topics; or correct the prefix"));
        }
        if (topics.contains(r.name()) || topics.dropped.mayDeclareTopic(r.name())) return Optional.empty();
        return Optional.of(new Violation(subject + " topic '" + r.name() + "', which is neither declared in this "
                + "repository nor listed under external.topics", location,
                hint(topics.suggester.closest(r.name()), "declare it under topics, or list it under external.topics")));
    }

    private static String hint(Optional<String> suggestion, String otherwise) {
        return suggestion.map(s -> Suggestions.didYouMeanText(s) + " Otherwise " + otherwise).orElse(otherwise);
    }
}
