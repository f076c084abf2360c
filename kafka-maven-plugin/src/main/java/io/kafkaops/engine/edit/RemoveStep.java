package io.kafkaops.engine.edit;

import static io.kafkaops.engine.edit.Workspace.ACLS;
import static io.kafkaops.engine.edit.Workspace.GRANTS;
import static io.kafkaops.engine.edit.Workspace.SERVICE_ACCOUNTS;
import static io.kafkaops.engine.edit.Workspace.TOPICS;

import io.kafkaops.engine.edit.GrantEntries.GrantItem;
import io.kafkaops.engine.edit.Workspace.Item;
import io.kafkaops.model.Diagnostic;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Carries out {@link EntityEdit.Remove}: topics and service accounts go with what only exists for them (the grants
 * and raw ACLs of a removed account, the grant items naming a removed topic literally). A raw ACL of another
 * principal that names a removed topic stops the request: a person decides about it.
 */
final class RemoveStep {

    private RemoveStep() {
    }

    static void apply(EntityEdit.Remove rm, EditSession s) {
        check(rm, s);
        if (!s.problems.isEmpty()) return;
        GrantEntries grants = new GrantEntries(s.ws);
        for (String t : rm.topics()) {
            String file = EditSession.removeEntity(s.ws.topic(t).orElseThrow());
            s.summary.add("removed topic " + t + " from " + file);
            for (Item g : s.ws.items(GRANTS)) {
                String sa = g.field("serviceAccount");
                if (sa == null || rm.serviceAccounts().contains(sa)) continue;
                for (String key : List.of("produce", "consume")) {
                    Access.Resource res = new Access.Resource(t, false);
                    Optional<GrantItem> gi;
                    while ((gi = grants.find(sa, key, res)).isPresent()) {
                        boolean gone = grants.remove(gi.get(), key);
                        s.summary.add("  removed " + key + " " + t + " from the grant for " + sa
                                + (gone ? " (the grant had nothing left and was removed)" : ""));
                    }
                }
            }
        }
        for (String sa : rm.serviceAccounts()) {
            String file = EditSession.removeEntity(s.ws.serviceAccount(sa).orElseThrow());
            s.summary.add("removed service account " + sa + " from " + file);
            List<Item> saGrants;
            while (!(saGrants = s.ws.grants(sa)).isEmpty()) {
                s.summary.add("  removed its grant from " + EditSession.removeEntity(saGrants.get(0)));
            }
            Optional<Item> acl;
            while ((acl = aclOf(s.ws, sa)).isPresent()) {
                Item a = acl.get();
                String what = a.field("operation") + " on " + a.field("resourceType") + " " + a.field("resourceName");
                s.summary.add("  removed its raw ACL " + what + " from " + EditSession.removeEntity(a));
            }
        }
    }

    /** Reports unknown names, anchored entities and raw ACLs of other principals naming a removed topic. */
    private static void check(EntityEdit.Remove rm, EditSession s) {
        Set<String> topicNames = s.names(TOPICS);
        Set<String> accountNames = s.names(SERVICE_ACCOUNTS);
        List<String> externalTopics = s.ws.external("topics");
        List<String> externalAccounts = s.ws.external("serviceAccounts");
        for (String t : rm.topics()) {
            Optional<Item> item = s.ws.topic(t);
            if (item.isEmpty()) {
                s.problems.add(EditSession.unknown(EditParameters.TOPICS, "topic", t, topicNames,
                        externalTopics.contains(t) ? "it is listed under external.topics: another repository owns"
                                + " it; remove that line by hand if this repository no longer uses it" : null));
            } else {
                s.anchored(item.get(), "topic '" + t + "'");
            }
        }
        for (String sa : rm.serviceAccounts()) {
            Optional<Item> item = s.ws.serviceAccount(sa);
            if (item.isEmpty()) {
                s.problems.add(EditSession.unknown(EditParameters.SERVICE_ACCOUNTS, "service account", sa,
                        accountNames, externalAccounts.contains(sa) ? "it is listed under external.serviceAccounts:"
                                + " another repository owns it" : null));
            } else {
                s.anchored(item.get(), "service account '" + sa + "'");
                for (Item g : s.ws.grants(sa)) s.anchored(g, "the grant for '" + sa + "'");
            }
        }
        // Raw ACLs are the hand-written escape hatch: one that names a removed topic for another principal is left
        // for a person to decide, rather than silently changed or dropped.
        for (Item acl : s.ws.items(ACLS)) {
            String principal = acl.field("principal");
            String account = principal != null && principal.startsWith("User:") ? principal.substring(5) : principal;
            if (rm.serviceAccounts().contains(account)) {
                s.anchored(acl, "a raw ACL of '" + account + "'");
                continue;
            }
            String type = acl.field("resourceType");
            String pattern = acl.field("patternType");
            String name = acl.field("resourceName");
            if (type != null && type.equalsIgnoreCase("TOPIC") && (pattern == null || pattern.equalsIgnoreCase("LITERAL"))
                    && rm.topics().contains(name)) {
                s.problems.add(Diagnostic.error(EditRules.REMOVAL, "the raw ACL for '" + principal + "' names topic '"
                        + name + "', which this request removes", acl.location("resourceName"),
                        "raw ACLs are not changed automatically: remove or change this ACL by hand, then run the goal "
                                + "again"));
            }
        }
    }

    private static Optional<Item> aclOf(Workspace ws, String sa) {
        return ws.items(ACLS).stream().filter(a -> ("User:" + sa).equals(a.field("principal"))).findFirst();
    }
}
