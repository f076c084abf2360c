package io.kafkaops.model;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The inverse of {@link GrantExpander}: ACL bindings folded back into grants where they are exactly a grant item's
 * expansion, the rest kept as raw bindings with the reason they could not be folded. Expanding the result gives the
 * bindings back, no more and no fewer; folding the expansion of grants gives those grants back (one entry per service
 * account, items in the order their bindings came).
 *
 * <p>Per service account and resource (type, pattern type, name), the ALLOW bindings for every host ({@code *}) are
 * looked at together: on a topic {WRITE, DESCRIBE} is {@code produce}, {READ, DESCRIBE} is {@code consume}, and
 * {WRITE, READ, DESCRIBE} is both; READ on a group is {@code groups}; {WRITE, DESCRIBE} on a transactional id is
 * {@code transactionalIds}. A resource whose set is anything else keeps all its bindings raw.
 */
public final class GrantFolder {

    private static final String USER = "User:";

    private GrantFolder() {
    }

    /** A binding that stays raw, and why. */
    public record Unfolded(AclEntry acl, String reason) {
    }

    /** The grants, one per service account in the order first seen, and the bindings left raw in input order. */
    public record Folded(List<Grant> grants, List<Unfolded> raw) {
        public Folded {
            grants = List.copyOf(grants);
            raw = List.copyOf(raw);
        }
    }

    private record Resource(String principal, AclResourceType type, PatternType patternType, String name) {
    }

    public static Folded fold(List<AclEntry> bindings) {
        Map<Resource, List<AclEntry>> byResource = new LinkedHashMap<>();
        List<Unfolded> raw = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (AclEntry e : bindings) {
            if (!seen.add(e.key())) continue;
            String why = notGrantShaped(e);
            if (why != null) {
                raw.add(new Unfolded(e, why));
                continue;
            }
            byResource.computeIfAbsent(new Resource(e.principal(), e.resourceType(), e.patternType(),
                    e.resourceName()), r -> new ArrayList<>()).add(e);
        }
        Map<String, Items> grants = new LinkedHashMap<>();
        List<Unfolded> rawOfResources = new ArrayList<>();
        for (Map.Entry<Resource, List<AclEntry>> r : byResource.entrySet()) {
            Resource res = r.getKey();
            EnumSet<AclOperation> ops = EnumSet.noneOf(AclOperation.class);
            r.getValue().forEach(e -> ops.add(e.operation()));
            ResourceRef ref = new ResourceRef(res.name(), res.patternType(), null);
            String account = res.principal().substring(USER.length());
            String why = null;
            switch (res.type()) {
                case TOPIC -> {
                    boolean produce = ops.equals(EnumSet.of(AclOperation.WRITE, AclOperation.DESCRIBE));
                    boolean consume = ops.equals(EnumSet.of(AclOperation.READ, AclOperation.DESCRIBE));
                    boolean both = ops.equals(EnumSet.of(AclOperation.WRITE, AclOperation.READ, AclOperation.DESCRIBE));
                    if (produce || both) items(grants, account).produce.add(ref);
                    if (consume || both) items(grants, account).consume.add(ref);
                    if (!produce && !consume && !both) {
                        why = "a grant gives WRITE and DESCRIBE (produce) or READ and DESCRIBE (consume) on a topic;"
                                + " this topic has " + ops;
                    }
                }
                case GROUP -> {
                    if (ops.equals(EnumSet.of(AclOperation.READ))) items(grants, account).groups.add(ref);
                    else why = "a grant gives only READ on a consumer group; this group has " + ops;
                }
                case TRANSACTIONAL_ID -> {
                    if (ops.equals(EnumSet.of(AclOperation.WRITE, AclOperation.DESCRIBE))) {
                        items(grants, account).transactionalIds.add(ref);
                    } else {
                        why = "a grant gives WRITE and DESCRIBE on a transactional id; this one has " + ops;
                    }
                }
                default -> why = "grants cover topics, consumer groups and transactional ids, not " + res.type();
            }
            if (why != null) {
                for (AclEntry e : r.getValue()) rawOfResources.add(new Unfolded(e, why));
            }
        }
        List<Grant> out = new ArrayList<>();
        grants.forEach((account, i) -> out.add(new Grant(account, i.produce, i.consume, i.groups,
                i.transactionalIds, null)));
        // raw bindings in input order, whichever rule kept them raw
        Map<String, Unfolded> all = new LinkedHashMap<>();
        for (Unfolded u : raw) all.put(u.acl().key(), u);
        for (Unfolded u : rawOfResources) all.put(u.acl().key(), u);
        List<Unfolded> ordered = new ArrayList<>();
        seen.clear();
        for (AclEntry e : bindings) {
            Unfolded u = all.get(e.key());
            if (u != null && seen.add(e.key())) ordered.add(u);
        }
        return new Folded(out, ordered);
    }

    /** Why one binding can never be part of a grant, or null when it can. */
    private static String notGrantShaped(AclEntry e) {
        if (e.principal() == null || !e.principal().startsWith(USER) || e.principal().length() == USER.length()
                || e.principal().equals(USER + "*")) {
            return "grants name one service account (User:<name>), not " + e.principal();
        }
        if (e.permission() != AclPermission.ALLOW) return "grants only allow; this binding denies";
        if (!"*".equals(e.host())) return "grants apply from every host; this binding is limited to host " + e.host();
        if (e.patternType() == null || e.resourceType() == null || e.operation() == null) {
            return "the binding is incomplete";
        }
        if (e.patternType() == PatternType.LITERAL && "*".equals(e.resourceName())) {
            return "a literal * is Kafka's wildcard for every resource, which grants never give";
        }
        return null;
    }

    private static Items items(Map<String, Items> grants, String account) {
        return grants.computeIfAbsent(account, a -> new Items());
    }

    private static final class Items {
        final List<ResourceRef> produce = new ArrayList<>();
        final List<ResourceRef> consume = new ArrayList<>();
        final List<ResourceRef> groups = new ArrayList<>();
        final List<ResourceRef> transactionalIds = new ArrayList<>();
    }
}
