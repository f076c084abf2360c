package io.kafkaops.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns grants into least-privilege ACL bindings, and adds the raw ACLs. Names stay logical.
 *
 * <table>
 * <caption>Expansion</caption>
 * <tr><th>grant</th><th>bindings</th></tr>
 * <tr><td>produce: T</td><td>WRITE, DESCRIBE on TOPIC T</td></tr>
 * <tr><td>consume: T</td><td>READ, DESCRIBE on TOPIC T</td></tr>
 * <tr><td>groups: G</td><td>READ on GROUP G</td></tr>
 * <tr><td>transactionalIds: X</td><td>WRITE, DESCRIBE on TRANSACTIONAL_ID X</td></tr>
 * </table>
 */
public final class GrantExpander {

    private GrantExpander() {
    }

    /** Every binding the model asks for, de-duplicated, in declaration order. */
    public static List<AclEntry> expand(EntityModel model) {
        Map<String, AclEntry> out = new LinkedHashMap<>();
        for (Grant g : model.grants()) {
            for (AclEntry e : expand(g)) out.putIfAbsent(e.key(), e);
        }
        for (RawAcl a : model.acls()) {
            AclEntry e = new AclEntry(a.principal(), a.resourceType(), a.resourceName(), a.patternType(),
                    a.operation(), a.permission(), a.host(), a.origin());
            out.putIfAbsent(e.key(), e);
        }
        return List.copyOf(out.values());
    }

    /** The bindings of one grant. */
    public static List<AclEntry> expand(Grant g) {
        List<AclEntry> out = new ArrayList<>();
        String principal = "User:" + g.serviceAccount();
        add(out, principal, g, "produce", g.produce(), AclResourceType.TOPIC, AclOperation.WRITE, AclOperation.DESCRIBE);
        add(out, principal, g, "consume", g.consume(), AclResourceType.TOPIC, AclOperation.READ, AclOperation.DESCRIBE);
        add(out, principal, g, "groups", g.groups(), AclResourceType.GROUP, AclOperation.READ);
        add(out, principal, g, "transactionalIds", g.transactionalIds(), AclResourceType.TRANSACTIONAL_ID,
                AclOperation.WRITE, AclOperation.DESCRIBE);
        return out;
    }

    private static void add(List<AclEntry> out, String principal, Grant g, String field, List<ResourceRef> refs,
                            AclResourceType type, AclOperation... operations) {
        for (int i = 0; i < refs.size(); i++) {
            ResourceRef r = refs.get(i);
            Origin origin = new Origin(r.location() != null ? r.location() : g.origin().at(field + "[" + i + "]"),
                    Map.of());
            for (AclOperation op : operations) {
                out.add(new AclEntry(principal, type, r.name(), r.patternType(), op, AclPermission.ALLOW, "*", origin));
            }
        }
    }
}
