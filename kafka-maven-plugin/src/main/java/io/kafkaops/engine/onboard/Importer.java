package io.kafkaops.engine.onboard;

import io.kafkaops.engine.desired.AclSpec;
import io.kafkaops.engine.edit.Access;
import io.kafkaops.engine.edit.EntityEdit;
import io.kafkaops.engine.edit.TopicSettings;
import io.kafkaops.engine.ownership.Ownership;
import io.kafkaops.engine.ownership.OwnershipRecord;
import io.kafkaops.engine.plan.EntityKind;
import io.kafkaops.engine.state.ClusterState;
import io.kafkaops.engine.state.CurrentTopic;
import io.kafkaops.engine.state.ReadScope;
import io.kafkaops.model.AclEntry;
import io.kafkaops.model.AclOperation;
import io.kafkaops.model.AclPermission;
import io.kafkaops.model.AclResourceType;
import io.kafkaops.model.EntityModel;
import io.kafkaops.model.Grant;
import io.kafkaops.model.GrantExpander;
import io.kafkaops.model.GrantFolder;
import io.kafkaops.model.Origin;
import io.kafkaops.model.PatternType;
import io.kafkaops.model.ResourceRef;
import io.kafkaops.model.Units;
import io.kafkaops.model.platform.Stage;
import io.kafkaops.model.platform.Team;
import io.kafkaops.model.platform.TeamPrefixes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns what a stage's cluster has into the entities of one team's repository, with logical names: a pure function
 * of the cluster state, so every rule is unit-tested without a cluster.
 *
 * <ul>
 * <li>topics in the team's topic prefixes, with partitions, replication factor and the configs set on the topic itself
 * (those that differ from the cluster's defaults), durations and sizes in units ({@code 7d}, {@code 1MiB});</li>
 * <li>SCRAM users in the team's service-account prefixes, and principals of the team's ACLs without one, as service
 * accounts ({@code credentials: false} unless asked: an existing password cannot be read);</li>
 * <li>the ACLs of those service accounts folded back into grants ({@link GrantFolder}), the rest raw with the
 * reason.</li>
 * </ul>
 * Skipped and counted: entities outside the team's prefixes, entities another repository owns, internal topics, and
 * (when merging) what the files declare already.
 */
public final class Importer {

    private static final String USER = "User:";

    private Importer() {
    }

    /**
     * @param credentials   write {@code credentials: true} (the next deploy then issues new passwords)
     * @param existing      what the repository's files declare already: left out of the import
     * @param existingNames every topic name the cluster has, for the counts of what was skipped
     */
    public record Input(ClusterState state, Set<String> existingNames, ReadScope scope, Stage stage, Team team,
                        String repository, EntityModel existing, boolean credentials) {
    }

    /** What was left out, by reason. */
    public record Skipped(int internalTopics, int otherStages, int outsideTeam, int ownedByOthers,
                          int alreadyDeclared, int notExpressible) {
        public int total() {
            return internalTopics + otherStages + outsideTeam + ownedByOthers + alreadyDeclared + notExpressible;
        }

        /** {@code skipped: 2 internal topics, 1 owned by another repository, ...}, only the non-zero counts. */
        public String line() {
            List<String> parts = new ArrayList<>();
            if (internalTopics > 0) parts.add(internalTopics + " internal " + (internalTopics == 1 ? "topic" : "topics"));
            if (otherStages > 0) parts.add(otherStages + " of other stages");
            if (outsideTeam > 0) parts.add(outsideTeam + " outside the team's prefixes");
            if (ownedByOthers > 0) parts.add(ownedByOthers + " owned by other repositories");
            if (alreadyDeclared > 0) parts.add(alreadyDeclared + " declared in the files already");
            if (notExpressible > 0) parts.add(notExpressible + " not expressible with logical names on this stage");
            return parts.isEmpty() ? "nothing skipped" : "skipped " + String.join(", ", parts);
        }
    }

    /**
     * @param edit  the entities to add to the files
     * @param notes what the user must know about them (one line each)
     */
    public record Result(EntityEdit.Import edit, Skipped skipped, List<String> notes) {
    }

    public static Result read(Input in) {
        String prefix = in.stage().prefix();
        TeamPrefixes owns = in.team().prefixes();
        Map<String, OwnershipRecord> owners = in.state().ownership();
        Set<String> declaredTopics = new HashSet<>();
        in.existing().topics().forEach(t -> declaredTopics.add(t.name()));
        Set<String> declaredAccounts = new HashSet<>();
        in.existing().serviceAccounts().forEach(a -> declaredAccounts.add(a.name()));
        Set<String> declaredAcls = new HashSet<>();
        GrantExpander.expand(in.existing()).forEach(e -> declaredAcls.add(e.key()));

        int internal = 0, otherStages = 0, outside = 0, others = 0, declared = 0, inexpressible = 0;
        List<String> notes = new ArrayList<>();

        // topics
        Map<String, TopicSettings> topics = new LinkedHashMap<>();
        for (String name : new TreeSet<>(in.existingNames())) {
            if (name.startsWith("_")) {
                internal++;
                continue;
            }
            if (!in.scope().containsTopic(name)) {
                otherStages++;
                continue;
            }
            String logical = name.substring(prefix.length());
            if (!TeamPrefixes.owns(owns.topics(), logical)) {
                outside++;
                continue;
            }
            OwnershipRecord rec = owners.get(Ownership.key(EntityKind.TOPIC, name));
            if (rec != null && !in.repository().equals(rec.repository())) {
                others++;
                continue;
            }
            if (declaredTopics.contains(logical)) {
                declared++;
                continue;
            }
            CurrentTopic cur = in.state().topics().get(name);
            if (cur == null) continue; // deleted between listing and describing it
            Map<String, String> config = new LinkedHashMap<>();
            cur.dynamicConfigs().forEach((k, v) -> config.put(k, Units.humanConfigValue(k, v)));
            String visibility = null;
            List<String> sharedWith = null;
            Boolean protectedTopic = null;
            if (rec != null) {
                // owned by this repository already (its files were lost): keep what the record says
                if (rec.visibility() != null && !"private".equals(rec.visibility())) visibility = rec.visibility();
                if (!rec.sharedWith().isEmpty()) sharedWith = rec.sharedWith();
                if (rec.protectedEntity()) protectedTopic = true;
            }
            topics.put(logical, new TopicSettings(cur.partitions(), cur.replicationFactor(), config, null, visibility,
                    sharedWith, protectedTopic, null));
        }

        // ACLs of the team's service accounts, with logical names
        List<AclEntry> acls = new ArrayList<>();
        Set<String> aclAccounts = new TreeSet<>();
        for (AclSpec a : in.state().acls()) {
            String account = account(a.principal(), prefix);
            if (account == null) {
                inexpressible++;
                continue;
            }
            if (!TeamPrefixes.owns(owns.serviceAccounts(), account)) {
                outside++;
                continue;
            }
            OwnershipRecord rec = owners.get(Ownership.key(EntityKind.ACL, a.key()));
            if (rec != null && !in.repository().equals(rec.repository())) {
                others++;
                continue;
            }
            AclEntry e = logical(a, account, prefix);
            if (e == null) {
                inexpressible++;
                notes.add("ACL " + a.display() + " names a resource outside the prefix '" + prefix + "' of stage "
                        + in.stage().name() + "; entity files cannot say it with logical names, so it is left out");
                continue;
            }
            if (declaredAcls.contains(e.key())) {
                declared++;
                continue;
            }
            acls.add(e);
            aclAccounts.add(account);
        }

        // service accounts: the team's SCRAM users, and principals of its ACLs that have none
        Map<String, Boolean> accounts = new LinkedHashMap<>();
        Set<String> candidates = new TreeSet<>();
        for (String user : in.state().scramUsers().keySet()) {
            if (!in.scope().contains(user)) continue;
            String logical = user.substring(prefix.length());
            if (!TeamPrefixes.owns(owns.serviceAccounts(), logical)) {
                outside++;
                continue;
            }
            candidates.add(logical);
        }
        candidates.addAll(aclAccounts);
        List<String> withoutUser = new ArrayList<>();
        for (String logical : candidates) {
            String physical = prefix + logical;
            OwnershipRecord rec = owners.get(Ownership.key(EntityKind.SERVICE_ACCOUNT, physical));
            if (rec != null && !in.repository().equals(rec.repository())) {
                others++;
                continue;
            }
            if (declaredAccounts.contains(logical)) {
                declared++;
                continue;
            }
            boolean scram = in.state().scramUsers().containsKey(physical);
            if (!scram) withoutUser.add(logical);
            accounts.put(logical, scram && in.credentials());
        }
        if (in.credentials() && accounts.containsValue(Boolean.TRUE)) {
            notes.add("credentials: true for " + accounts.entrySet().stream().filter(Map.Entry::getValue).count()
                    + " service account(s): existing passwords cannot be read, so the next deploy without kafka.adopt"
                    + " issues new ones, stores them in the team's credential store and replaces the passwords on"
                    + " the cluster; every service using them must then read the new ones");
        } else if (!accounts.isEmpty()) {
            notes.add("service accounts are written with credentials: false (their passwords stay as they are and"
                    + " unmanaged); run the import with -Dkafka.import.credentials=true, or set credentials: true"
                    + " later, to have the next deploy issue new passwords into the team's credential store");
        }
        if (!withoutUser.isEmpty()) {
            notes.add("service accounts with ACLs but no SCRAM user on the stage, written with credentials: false: "
                    + String.join(", ", withoutUser));
        }

        // grants and raw ACLs
        GrantFolder.Folded folded = GrantFolder.fold(acls);
        Map<String, Access> grants = new LinkedHashMap<>();
        for (Grant g : folded.grants()) {
            grants.put(g.serviceAccount(), new Access(resources(g.produce()), resources(g.consume()),
                    resources(g.groups()), resources(g.transactionalIds())));
        }
        List<EntityEdit.ImportedAcl> raw = new ArrayList<>();
        for (GrantFolder.Unfolded u : folded.raw()) {
            AclEntry e = u.acl();
            raw.add(new EntityEdit.ImportedAcl(e.principal(), e.resourceType().name(), e.resourceName(),
                    e.patternType().name(), e.operation().name(), e.permission().name(), e.host(),
                    "not a grant: " + u.reason()));
        }
        // topics of other teams the grants and ACLs name literally: the files list them as external
        Set<String> known = new HashSet<>(declaredTopics);
        known.addAll(topics.keySet());
        in.existing().externalTopics().forEach(r -> known.add(r.name()));
        Set<String> external = new TreeSet<>();
        for (GrantFolder.Unfolded u : folded.raw()) {
            AclEntry e = u.acl();
            if (e.resourceType() == AclResourceType.TOPIC && e.patternType() == PatternType.LITERAL
                    && !"*".equals(e.resourceName())) external.add(e.resourceName());
        }
        for (Grant g : folded.grants()) {
            for (ResourceRef r : g.produce()) if (!r.isPrefix()) external.add(r.name());
            for (ResourceRef r : g.consume()) if (!r.isPrefix()) external.add(r.name());
        }
        external.removeAll(known);
        return new Result(new EntityEdit.Import(topics, accounts, grants, raw, List.copyOf(external)),
                new Skipped(internal, otherStages, outside, others, declared, inexpressible), notes);
    }

    /** The logical service account of a {@code User:} principal on the stage, or null when it has none. */
    private static String account(String principal, String prefix) {
        if (principal == null || !principal.startsWith(USER)) return null;
        String user = principal.substring(USER.length());
        if (user.equals("*") || !user.startsWith(prefix) || user.length() == prefix.length()) return null;
        return user.substring(prefix.length());
    }

    /**
     * The binding with logical names, as the file format writes it; null when it cannot be written (a resource of the
     * stage outside the stage's prefix, or an enum value the format does not know).
     */
    static AclEntry logical(AclSpec a, String account, String prefix) {
        AclResourceType type;
        PatternType pattern;
        AclOperation op;
        AclPermission permission;
        try {
            type = AclResourceType.valueOf(a.resourceType().toUpperCase(Locale.ROOT));
            pattern = PatternType.valueOf(a.patternType().toUpperCase(Locale.ROOT));
            op = AclOperation.valueOf(a.operation().toUpperCase(Locale.ROOT));
            permission = AclPermission.valueOf(a.permission().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
        String name = a.resourceName();
        boolean stageScoped = type == AclResourceType.TOPIC || type == AclResourceType.GROUP
                || type == AclResourceType.TRANSACTIONAL_ID;
        boolean wildcard = pattern == PatternType.LITERAL && "*".equals(name);
        if (stageScoped && !wildcard) {
            if (!name.startsWith(prefix) || name.length() == prefix.length()) return null;
            name = name.substring(prefix.length());
        }
        return new AclEntry(USER + account, type, name, pattern, op, permission, a.host(), Origin.unknown());
    }

    private static List<Access.Resource> resources(List<ResourceRef> refs) {
        return refs.stream().map(r -> new Access.Resource(r.name(), r.isPrefix())).toList();
    }
}
