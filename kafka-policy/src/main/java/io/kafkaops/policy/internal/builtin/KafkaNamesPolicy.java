package io.kafkaops.policy.internal.builtin;

import io.kafkaops.model.AclResourceType;
import io.kafkaops.model.Grant;
import io.kafkaops.model.KafkaNames;
import io.kafkaops.model.Location;
import io.kafkaops.model.RawAcl;
import io.kafkaops.model.ResourceRef;
import io.kafkaops.model.ServiceAccount;
import io.kafkaops.model.Topic;
import io.kafkaops.model.platform.Stage;
import io.kafkaops.policy.PolicyContext;
import io.kafkaops.policy.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Every name a deploy would create is one the cluster accepts ({@link KafkaNames}): consumer groups and transactional
 * ids as written, and on every stage an entity goes to, its physical name (the stage prefix in front), so a topic
 * name that fits alone but not behind {@code test.} is caught offline, at the name, naming the stage.
 */
public final class KafkaNamesPolicy extends ParameterlessPolicy {

    public static final String ID = "kafkaNames";

    public KafkaNamesPolicy() {
        super(ID, "Topic, service-account, consumer-group and transactional-id names, with each stage's prefix in "
                + "front, are names Kafka accepts.");
    }

    @Override
    List<Violation> violations(PolicyContext context) {
        List<Stage> stages = context.platform().stages();
        List<Violation> out = new ArrayList<>();
        for (Topic t : context.model().topics()) {
            if (t.name() == null) continue;
            physical("topic", t.name(), stages, t::deployedTo, KafkaNames::topicProblem, t.origin().at("name"),
                    out);
        }
        for (ServiceAccount sa : context.model().serviceAccounts()) {
            if (sa.name() == null) continue;
            physical("service account", sa.name(), stages, sa::deployedTo, KafkaNames::principalProblem,
                    sa.origin().at("name"), out);
        }
        for (Grant g : context.model().grants()) {
            refs(g, "produce", "topic", g.produce(), KafkaNames::topicProblem, stages, out);
            refs(g, "consume", "topic", g.consume(), KafkaNames::topicProblem, stages, out);
            refs(g, "groups", "consumer group", g.groups(), KafkaNames::nameProblem, stages, out);
            refs(g, "transactionalIds", "transactional id", g.transactionalIds(), KafkaNames::nameProblem, stages,
                    out);
        }
        for (RawAcl acl : context.model().acls()) {
            if (acl.resourceName() == null || acl.resourceType() == null || "*".equals(acl.resourceName())) continue;
            UnaryOperator<String> rule = switch (acl.resourceType()) {
                case TOPIC -> KafkaNames::topicProblem;
                case GROUP, TRANSACTIONAL_ID -> KafkaNames::nameProblem;
                default -> null;
            };
            if (rule != null) {
                String kind = acl.resourceType() == AclResourceType.TOPIC ? "topic"
                        : acl.resourceType() == AclResourceType.GROUP ? "consumer group" : "transactional id";
                physical(kind, acl.resourceName(), stages, s -> true, rule, acl.origin().at("resourceName"), out);
            }
        }
        return out;
    }

    private static void refs(Grant g, String field, String kind, List<ResourceRef> refs, UnaryOperator<String> rule,
                             List<Stage> stages, List<Violation> out) {
        for (int i = 0; i < refs.size(); i++) {
            ResourceRef ref = refs.get(i);
            if (ref.name() == null) continue;
            physical(ref.isPrefix() ? kind + " prefix" : kind, ref.name(), stages, s -> true, rule,
                    ModelIndex.refLocation(g, field, i, ref), out);
        }
    }

    /**
     * One violation per name: the name as written when it is wrong already, otherwise the stages whose prefix makes
     * it wrong.
     */
    private static void physical(String kind, String name, List<Stage> stages,
                                 java.util.function.Predicate<String> deployedTo, UnaryOperator<String> rule,
                                 Location at, List<Violation> out) {
        String own = rule.apply(name);
        if (own != null) {
            out.add(new Violation(kind + " '" + KafkaNames.shown(name) + "' " + own, at, hint(kind)));
            return;
        }
        List<String> failing = new ArrayList<>();
        String first = null;
        String firstName = null;
        int longestPrefix = 0;
        for (Stage s : stages) {
            if (s.prefix().isEmpty() || !deployedTo.test(s.name())) continue;
            String full = s.physicalName(name);
            String problem = rule.apply(full);
            if (problem == null) continue;
            failing.add(s.name());
            longestPrefix = Math.max(longestPrefix, s.prefix().length());
            if (first == null) {
                first = problem;
                firstName = full;
            }
        }
        if (first == null) return;
        String others = failing.size() == 1 ? "" : " (also on " + Texts.stages(failing.subList(1, failing.size()))
                + ")";
        boolean tooLong = kind.startsWith("topic") && name.length() + longestPrefix > KafkaNames.MAX_TOPIC_LENGTH;
        out.add(new Violation(kind + " '" + KafkaNames.shown(name) + "' is '" + KafkaNames.shown(firstName)
                + "' on stage " + failing.get(0) + ", which " + first + others, at,
                tooLong ? "shorten the name to at most " + (KafkaNames.MAX_TOPIC_LENGTH - longestPrefix)
                        + " characters, so it fits behind every stage prefix"
                        : "ask the platform team to fix the stage prefix"));
    }

    private static String hint(String kind) {
        return kind.startsWith("topic") ? "use only letters, digits, '.', '_' and '-', at most "
                + KafkaNames.MAX_TOPIC_LENGTH + " characters in all"
                : "use printable characters only; letters, digits, '.', '_' and '-' are safe everywhere";
    }
}
