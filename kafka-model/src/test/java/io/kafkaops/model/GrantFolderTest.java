package io.kafkaops.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Folding ACLs back into grants is the exact inverse of {@link GrantExpander}. */
class GrantFolderTest {

    private static final int CASES = 500;

    @Test
    void expandingGeneratedGrantsThenFoldingGivesTheGrantsBack() {
        Random random = new Random(13);
        for (int n = 0; n < CASES; n++) {
            List<Grant> grants = grants(random);
            List<AclEntry> acls = expandAll(grants);
            Collections.shuffle(acls, random);

            GrantFolder.Folded folded = GrantFolder.fold(acls);

            assertThat(folded.raw()).as("case %d: %s", n, grants).isEmpty();
            assertThat(normalised(folded.grants())).as("case %d", n).isEqualTo(normalised(grants));
        }
    }

    @Test
    void foldingThenExpandingGivesExactlyTheBindingsBackWhateverTheyAre() {
        Random random = new Random(31);
        for (int n = 0; n < CASES; n++) {
            List<AclEntry> acls = new ArrayList<>(expandAll(grants(random)));
            // bindings no grant gives: odd operations, denies, hosts, wildcards, another resource type
            for (int i = random.nextInt(6); i > 0; i--) acls.add(odd(random));
            // and some grant-shaped sets broken up by dropping one binding
            if (!acls.isEmpty() && random.nextBoolean()) acls.remove(random.nextInt(acls.size()));
            Collections.shuffle(acls, random);

            GrantFolder.Folded folded = GrantFolder.fold(acls);
            List<AclEntry> back = new ArrayList<>();
            folded.grants().forEach(g -> back.addAll(GrantExpander.expand(g)));
            folded.raw().forEach(u -> back.add(u.acl()));

            assertThat(keys(back)).as("case %d", n).isEqualTo(keys(acls));
            assertThat(folded.raw()).allSatisfy(u -> assertThat(u.reason()).isNotBlank());
        }
    }

    @Test
    void consumeWithItsGroupAndTransactionalIdsFoldIntoOneGrant() {
        Grant g = new Grant("billing-service",
                List.of(ResourceRef.literal("billing.invoices.v1", null),
                        new ResourceRef("billing.audit.", PatternType.PREFIXED, null)),
                List.of(ResourceRef.literal("toll.transactions.v1", null)),
                List.of(ResourceRef.literal("billing-service", null)),
                List.of(ResourceRef.literal("billing-tx", null)), null);

        GrantFolder.Folded folded = GrantFolder.fold(GrantExpander.expand(g));

        assertThat(folded.grants()).singleElement().satisfies(f -> {
            assertThat(f.produce()).extracting(ResourceRef::toString)
                    .containsExactly("billing.invoices.v1", "billing.audit.*");
            assertThat(f.consume()).extracting(ResourceRef::toString).containsExactly("toll.transactions.v1");
            assertThat(f.groups()).extracting(ResourceRef::toString).containsExactly("billing-service");
            assertThat(f.transactionalIds()).extracting(ResourceRef::toString).containsExactly("billing-tx");
        });
    }

    @Test
    void aBindingThatIsNotAGrantsStaysRawWithItsReason() {
        AclEntry writeOnly = acl("User:billing-service", AclResourceType.TOPIC, "billing.a.v1", AclOperation.WRITE);
        AclEntry configs = acl("User:billing-service", AclResourceType.TOPIC, "billing.b.v1",
                AclOperation.DESCRIBE_CONFIGS);
        AclEntry deny = new AclEntry("User:billing-service", AclResourceType.GROUP, "billing-g", PatternType.LITERAL,
                AclOperation.READ, AclPermission.DENY, "*", Origin.unknown());
        AclEntry host = new AclEntry("User:billing-service", AclResourceType.GROUP, "billing-h", PatternType.LITERAL,
                AclOperation.READ, AclPermission.ALLOW, "10.0.0.1", Origin.unknown());
        AclEntry cluster = acl("User:billing-service", AclResourceType.CLUSTER, "kafka-cluster",
                AclOperation.IDEMPOTENT_WRITE);

        GrantFolder.Folded folded = GrantFolder.fold(List.of(writeOnly, configs, deny, host, cluster));

        assertThat(folded.grants()).isEmpty();
        assertThat(folded.raw()).extracting(GrantFolder.Unfolded::reason).containsExactly(
                "a grant gives WRITE and DESCRIBE (produce) or READ and DESCRIBE (consume) on a topic; this topic"
                        + " has [WRITE]",
                "a grant gives WRITE and DESCRIBE (produce) or READ and DESCRIBE (consume) on a topic; this topic"
                        + " has [DESCRIBE_CONFIGS]",
                "grants only allow; this binding denies",
                "grants apply from every host; this binding is limited to host 10.0.0.1",
                "grants cover topics, consumer groups and transactional ids, not CLUSTER");
    }

    @Test
    void anExtraOperationOnAGrantedTopicKeepsThatTopicsBindingsRaw() {
        List<AclEntry> acls = new ArrayList<>(GrantExpander.expand(new Grant("billing-service",
                List.of(ResourceRef.literal("billing.a.v1", null)), List.of(), List.of(), List.of(), null)));
        acls.add(acl("User:billing-service", AclResourceType.TOPIC, "billing.a.v1", AclOperation.ALTER));

        GrantFolder.Folded folded = GrantFolder.fold(acls);

        assertThat(folded.grants()).isEmpty();
        assertThat(folded.raw()).hasSize(3);
    }

    // ---- generators ------------------------------------------------------------------------------------------

    private static List<Grant> grants(Random r) {
        List<Grant> out = new ArrayList<>();
        int accounts = r.nextInt(4);
        for (int a = 0; a < accounts; a++) {
            String sa = "team-sa" + a;
            // one resource is used by one kind of item only once, as an import finds it
            Set<String> topics = new LinkedHashSet<>();
            List<ResourceRef> produce = refs(r, "team.t", topics);
            List<ResourceRef> consume = refs(r, "team.t", topics);
            if (r.nextInt(4) == 0 && !produce.isEmpty()) consume.add(produce.get(0)); // produce and consume one topic
            List<ResourceRef> groups = refs(r, "team-g", new LinkedHashSet<>());
            List<ResourceRef> tx = refs(r, "team-x", new LinkedHashSet<>());
            if (produce.isEmpty() && consume.isEmpty() && groups.isEmpty() && tx.isEmpty()) continue;
            out.add(new Grant(sa, produce, consume, groups, tx, null));
        }
        return out;
    }

    private static List<ResourceRef> refs(Random r, String stem, Set<String> used) {
        List<ResourceRef> out = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            boolean prefix = r.nextInt(3) == 0;
            String name = stem + r.nextInt(8) + (prefix ? "." : "");
            if (!used.add(name + prefix)) continue;
            out.add(new ResourceRef(name, prefix ? PatternType.PREFIXED : PatternType.LITERAL, null));
        }
        return out;
    }

    private static AclEntry odd(Random r) {
        AclResourceType[] types = AclResourceType.values();
        AclOperation[] ops = AclOperation.values();
        AclResourceType type = types[r.nextInt(types.length)];
        return new AclEntry("User:team-sa" + r.nextInt(4), type, r.nextInt(5) == 0 ? "*" : "team.o" + r.nextInt(3),
                r.nextBoolean() ? PatternType.LITERAL : PatternType.PREFIXED, ops[r.nextInt(ops.length)],
                r.nextInt(4) == 0 ? AclPermission.DENY : AclPermission.ALLOW, r.nextInt(4) == 0 ? "10.1.1.1" : "*",
                Origin.unknown());
    }

    private static List<AclEntry> expandAll(List<Grant> grants) {
        List<AclEntry> out = new ArrayList<>();
        grants.forEach(g -> out.addAll(GrantExpander.expand(g)));
        return out;
    }

    private static Set<String> keys(List<AclEntry> acls) {
        return acls.stream().map(AclEntry::key).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** Per service account, the set of items of each kind: order and splitting into entries do not matter. */
    private static Map<String, List<Set<String>>> normalised(List<Grant> grants) {
        Map<String, List<Set<String>>> out = new LinkedHashMap<>();
        for (Grant g : grants) {
            List<Set<String>> kinds = out.computeIfAbsent(g.serviceAccount(), k -> List.of(new java.util.TreeSet<>(),
                    new java.util.TreeSet<>(), new java.util.TreeSet<>(), new java.util.TreeSet<>()));
            g.produce().forEach(x -> kinds.get(0).add(x.toString()));
            g.consume().forEach(x -> kinds.get(1).add(x.toString()));
            g.groups().forEach(x -> kinds.get(2).add(x.toString()));
            g.transactionalIds().forEach(x -> kinds.get(3).add(x.toString()));
        }
        return new java.util.TreeMap<>(out);
    }

    private static AclEntry acl(String principal, AclResourceType type, String name, AclOperation op) {
        return new AclEntry(principal, type, name, PatternType.LITERAL, op, AclPermission.ALLOW, "*",
                Origin.unknown());
    }
}
