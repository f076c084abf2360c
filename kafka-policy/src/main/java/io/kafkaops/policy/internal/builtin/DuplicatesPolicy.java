package io.kafkaops.policy.internal.builtin;

import io.kafkaops.model.EntityModel;
import io.kafkaops.model.ExternalRef;
import io.kafkaops.model.Grant;
import io.kafkaops.model.Location;
import io.kafkaops.model.Origin;
import io.kafkaops.model.PatternType;
import io.kafkaops.model.RawAcl;
import io.kafkaops.model.ResourceRef;
import io.kafkaops.model.ServiceAccount;
import io.kafkaops.model.Topic;
import io.kafkaops.policy.PolicyContext;
import io.kafkaops.policy.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Nothing is said twice: a topic or service account declared twice (in any files), the same resource twice in one
 * grant list, two identical raw ACLs, an external entry that is also declared here. Each finding is reported at the
 * later occurrence and names the first.
 */
public final class DuplicatesPolicy extends ParameterlessPolicy {

    public static final String ID = "duplicates";

    private static final Origin NOWHERE = Origin.of(Location.ofFile(""));

    public DuplicatesPolicy() {
        super(ID, "No topic or service account is declared twice, no grant lists a resource twice, no raw ACL is "
                + "repeated, and nothing is both declared and listed under external.");
    }

    @Override
    List<Violation> violations(PolicyContext context) {
        EntityModel model = context.model();
        List<Violation> out = new ArrayList<>();

        Map<String, Location> topics = new HashMap<>();
        Set<String> aliased = new HashSet<>();
        for (Topic t : model.topics()) {
            declaredOnce("topic", t.name(), t.origin().at("name"), topics, aliased, out);
        }
        Map<String, Location> accounts = new HashMap<>();
        for (ServiceAccount sa : model.serviceAccounts()) {
            declaredOnce("service account", sa.name(), sa.origin().at("name"), accounts, aliased, out);
        }
        externals("topics", "topic", model.externalTopics(), topics, model, out);
        externals("serviceAccounts", "service account", model.externalServiceAccounts(), accounts, model, out);

        for (Grant g : model.grants()) {
            list(g, "produce", g.produce(), out);
            list(g, "consume", g.consume(), out);
            list(g, "groups", g.groups(), out);
            list(g, "transactionalIds", g.transactionalIds(), out);
        }

        Map<RawAcl, Location> acls = new HashMap<>();
        for (RawAcl a : model.acls()) {
            // the binding without where it was written
            RawAcl key = new RawAcl(a.principal(), a.resourceType(), a.resourceName(), a.patternType(),
                    a.operation(), a.permission(), a.host(), NOWHERE);
            Location here = a.origin().location();
            Location first = acls.putIfAbsent(key, here);
            if (first != null && first.equals(here)) {
                if (aliased.add("acl " + key)) {
                    out.add(new Violation("raw ACL '" + describe(a) + "' is declared more than once: an alias repeats"
                            + " the declaration at " + here, here, "remove the alias"));
                }
            } else if (first != null) {
                out.add(new Violation("raw ACL '" + describe(a) + "' is declared twice: at " + first + " and at "
                        + here, here, "remove one of them"));
            }
        }
        return out;
    }

    private static void declaredOnce(String noun, String name, Location here, Map<String, Location> seen,
                                     Set<String> aliased, List<Violation> out) {
        if (name == null) return;
        Location first = seen.putIfAbsent(name, here);
        if (first != null && first.equals(here)) {
            // a YAML alias (- *t) repeats the very node: one finding, not "at X and at X" once per alias
            if (aliased.add(noun + " " + name)) {
                out.add(new Violation(noun + " '" + name + "' is declared more than once: an alias (*name) repeats the"
                        + " declaration at " + here, here, "remove the alias; a " + noun + " is declared once per"
                        + " repository"));
            }
        } else if (first != null) {
            out.add(new Violation(noun + " '" + name + "' is declared twice: at " + first + " and at " + here, here,
                    "keep one declaration; a " + noun + " is declared once per repository, with per-stage "
                            + "differences under overrides and deployTo"));
        }
    }

    private static void externals(String field, String noun, List<ExternalRef> refs, Map<String, Location> declared,
                                  EntityModel model, List<Violation> out) {
        Map<String, Location> seen = new HashMap<>();
        for (ExternalRef r : refs) {
            Location here = ModelIndex.location(r, model);
            Location own = declared.get(r.name());
            if (own != null) {
                out.add(new Violation(noun + " '" + r.name() + "' is listed under external." + field
                        + " but declared in this repository at " + own, here,
                        "remove it from external." + field + ": what a repository declares is its own"));
                continue;
            }
            Location first = seen.putIfAbsent(r.name(), here);
            if (first != null) {
                out.add(new Violation(noun + " '" + r.name() + "' is listed twice under external." + field + ": at "
                        + first + " and at " + here, here, "remove one of them"));
            }
        }
    }

    private static void list(Grant g, String field, List<ResourceRef> refs, List<Violation> out) {
        if (refs.size() < 2) return;
        // literal names and prefixes are different resources: {prefix: a} next to a is no repetition
        Map<String, Integer> literals = new HashMap<>();
        Map<String, Integer> prefixes = null;
        for (int i = 0; i < refs.size(); i++) {
            ResourceRef r = refs.get(i);
            Map<String, Integer> seen = literals;
            if (r.isPrefix()) {
                if (prefixes == null) prefixes = new HashMap<>();
                seen = prefixes;
            }
            Integer first = seen.putIfAbsent(r.name(), i);
            if (first == null) continue;
            Location here = ModelIndex.refLocation(g, field, i, r);
            out.add(new Violation("'" + r + "' is listed twice in " + field + " of the grant for '"
                    + g.serviceAccount() + "': at " + ModelIndex.refLocation(g, field, first, refs.get(first))
                    + " and at " + here, here, "remove one of them"));
        }
    }

    private static String describe(RawAcl a) {
        return a.permission() + " " + a.principal() + " " + a.operation() + " on " + a.resourceType() + " "
                + a.resourceName() + (a.patternType() == PatternType.PREFIXED ? "*" : "")
                + ("*".equals(a.host()) ? "" : " from " + a.host());
    }
}
