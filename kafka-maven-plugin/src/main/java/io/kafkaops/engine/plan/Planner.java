package io.kafkaops.engine.plan;

import io.kafkaops.engine.EngineOptions;
import io.kafkaops.engine.desired.AclSpec;
import io.kafkaops.engine.desired.DesiredPrincipal;
import io.kafkaops.engine.desired.DesiredState;
import io.kafkaops.engine.desired.DesiredTopic;
import io.kafkaops.engine.desired.PrincipalSpec;
import io.kafkaops.engine.desired.TopicSpec;
import io.kafkaops.engine.ownership.Ownership;
import io.kafkaops.engine.ownership.OwnershipRecord;
import io.kafkaops.engine.state.ClusterState;
import io.kafkaops.engine.state.CurrentTopic;
import io.kafkaops.engine.store.CredentialStore;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.KafkaNames;
import io.kafkaops.model.Location;
import io.kafkaops.model.Severity;
import io.kafkaops.model.Units;
import io.kafkaops.model.Visibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The diff: declared state plus current state plus ownership gives, per entity, what a deploy does. A pure function,
 * so every rule is unit-tested without a cluster.
 *
 * <p>Ownership decides first: an entity owned by another repository is a conflict; one that exists without an owner
 * is left alone unless adopting; one this repository owns but no longer declares is deleted only when the stage
 * allows deletes (and, for topics, it is not protected). Safety rules come next: partitions never shrink, and
 * replication-factor changes, shorter retention and a changed cleanup.policy need
 * {@link EngineOptions#allowDestructive()}.
 */
public final class Planner {

    /** Configs whose changes can delete data, checked against their effective values. */
    public static final Set<String> SAFETY_KEYS = Set.of("retention.ms", "retention.bytes", "cleanup.policy");

    static final String RULE_CONFLICT = "ownershipConflict";
    static final String RULE_UNMANAGED = "unmanagedEntity";
    static final String RULE_PARTITIONS = "partitionDecrease";
    static final String RULE_DESTRUCTIVE = "destructiveChange";
    static final String RULE_KEPT = "deleteSkipped";
    static final String RULE_BROKERS = "replicationFactorTooHigh";
    static final String RULE_REPLACED = "credentialReplaced";
    static final String RULE_NAME = "kafkaNames";
    static final String RULE_NARROWED = "visibilityNarrowed";
    static final String ALLOW_DESTRUCTIVE = "-Dkafka.allowDestructive=true";
    static final String ADOPT = "-Dkafka.adopt=true";

    /**
     * @param storedCredentials principals whose credential the team's store holds; null when no store was given (the
     *                          plan then cannot tell whether a credential is missing from it)
     * @param storeDescription  the store for messages ({@link CredentialStore#describe()}); may be null
     * @param allowDeletes      whether the stage allows deletes
     */
    public record Input(DesiredState desired, ClusterState current, Set<String> storedCredentials,
                        String storeDescription, boolean allowDeletes, EngineOptions options) {
        public Input {
            Objects.requireNonNull(desired, "desired");
            Objects.requireNonNull(current, "current");
            options = options == null ? EngineOptions.defaults() : options;
        }
    }

    private Planner() {
    }

    public static Plan plan(Input in, Instant now) {
        Builder b = new Builder(in);
        b.principals();
        b.topics();
        b.acls();
        List<PlannedChange> changes = b.changes.stream()
                .sorted(Comparator.comparing((PlannedChange c) -> c.kind().ordinal()).thenComparing(PlannedChange::name))
                .toList();
        DesiredState d = in.desired();
        List<Diagnostic> problems = new ArrayList<>(b.problems.stream()
                .sorted(Comparator.comparing((Problem p) -> p.kind.ordinal()).thenComparing(p -> p.name))
                .map(p -> p.diagnostic).toList());
        problems.addAll(refusedNames(d.stage(), changes));
        return new Plan(Plan.FORMAT_VERSION, d.stage(), d.stagePrefix(), d.repository(), d.team(), now.toString(),
                StateFingerprint.compute(changes, in.current()), changes, problems);
    }

    private record Problem(EntityKind kind, String name, Diagnostic diagnostic) {
    }

    /**
     * The last check before anything is applied: every name the plan would create on the cluster, by Kafka's rules
     * ({@link KafkaNames}). Validation reports bad names at their place in the files; this catches what reaches the
     * engine anyway (a policy switched off, a saved plan), so a deploy never creates half of what the cluster refuses.
     *
     * @return one ERROR per name the cluster would refuse
     */
    public static List<Diagnostic> refusedNames(String stage, List<PlannedChange> changes) {
        List<Diagnostic> out = new ArrayList<>();
        Location where = Location.ofFile("stage " + stage);
        for (PlannedChange c : changes) {
            // what exists (UPDATE, ADOPT, ...) the cluster has accepted already
            if (c.action() != ChangeAction.CREATE) continue;
            switch (c.kind()) {
                case TOPIC -> refused(out, where, stage, "topic", c.name(), KafkaNames.topicProblem(c.name()));
                case SERVICE_ACCOUNT -> refused(out, where, stage, "service account", c.name(),
                        KafkaNames.principalProblem(c.name()));
                case ACL -> {
                    AclSpec a = c.acl();
                    if (a == null) continue;
                    String user = a.principal() != null && a.principal().startsWith("User:")
                            ? a.principal().substring("User:".length()) : a.principal();
                    String problem = KafkaNames.principalProblem(user);
                    String kind = "principal";
                    String name = user;
                    if (problem == null && !"*".equals(a.resourceName())) {
                        name = a.resourceName();
                        switch (a.resourceType()) {
                            case "TOPIC" -> {
                                kind = "topic";
                                problem = KafkaNames.topicProblem(name);
                            }
                            case "GROUP" -> {
                                kind = "consumer group";
                                problem = KafkaNames.nameProblem(name);
                            }
                            case "TRANSACTIONAL_ID" -> {
                                kind = "transactional id";
                                problem = KafkaNames.nameProblem(name);
                            }
                            default -> {
                            }
                        }
                    }
                    if (problem != null) {
                        refused(out, where, stage, kind + " of ACL " + KafkaNames.shown(a.display()) + ":", name,
                                problem);
                    }
                }
                default -> {
                }
            }
        }
        return out;
    }

    private static void refused(List<Diagnostic> out, Location where, String stage, String kind, String name,
                                String problem) {
        if (problem == null) return;
        Diagnostic d = Diagnostic.error(RULE_NAME, kind + " '" + KafkaNames.shown(name) + "' " + problem
                        + "; the cluster of stage " + stage + " would refuse it",
                where, "fix the name (mvn kafka:validate shows where it comes from) or the stage's prefix");
        if (!out.contains(d)) out.add(d);
    }

    private static final class Builder {
        final Input in;
        final DesiredState desired;
        final ClusterState current;
        final String repo;
        final Map<String, OwnershipRecord> owners;
        final List<PlannedChange> changes = new ArrayList<>();
        final List<Problem> problems = new ArrayList<>();
        final Location stageLocation;

        Builder(Input in) {
            this.in = in;
            this.desired = in.desired();
            this.current = in.current();
            this.repo = desired.repository();
            this.owners = current.ownership();
            this.stageLocation = Location.ofFile("stage " + desired.stage());
        }

        // ---------------------------------------------------------------------------------------- service accounts

        void principals() {
            Set<String> declared = new HashSet<>();
            for (DesiredPrincipal p : desired.principals()) {
                declared.add(p.name());
                OwnershipRecord rec = owners.get(Ownership.key(EntityKind.SERVICE_ACCOUNT, p.name()));
                Set<String> scram = current.scramUsers().get(p.name());
                PrincipalSpec spec = new PrincipalSpec(p.description(), p.credentials());
                String hash = specHash("principal", p.name(), p.logicalName(), spec.canonical());
                Location loc = p.origin() != null ? p.origin().location() : stageLocation;

                if (rec != null && !repo.equals(rec.repository())) {
                    conflict(EntityKind.SERVICE_ACCOUNT, p.name(), p.logicalName(), rec, loc, null, spec, null);
                    continue;
                }
                ChangeAction action;
                List<FieldChange> fc = new ArrayList<>();
                if (rec == null) {
                    if (scram != null && !in.options().adopt()) {
                        unmanaged(EntityKind.SERVICE_ACCOUNT, p.name(), p.logicalName(), loc, Severity.WARN,
                                "service account " + p.name() + " has a SCRAM credential on the cluster but no"
                                        + " repository manages it; it is left untouched",
                                null, spec, null);
                        continue;
                    }
                    action = scram != null ? ChangeAction.ADOPT : ChangeAction.CREATE;
                } else {
                    ownershipChanges(rec, hash, fc, "description or credentials setting changed");
                    action = fc.isEmpty() ? ChangeAction.UNCHANGED : ChangeAction.UPDATE;
                }
                add(new PlannedChange(EntityKind.SERVICE_ACCOUNT, p.name(), p.logicalName(), action, fc, false, true,
                        hash, action == ChangeAction.ADOPT ? "takes over the existing service account" : null,
                        null, null, null, spec, null));
                credential(p, spec, action, scram);
            }
            for (OwnershipRecord rec : owned("principal")) {
                if (declared.contains(rec.name())) continue;
                Set<String> scram = current.scramUsers().get(rec.name());
                if (scram == null) {
                    add(ownedChange(EntityKind.SERVICE_ACCOUNT, rec, ChangeAction.DELETE, true,
                            "nothing left on the cluster; only its ownership record is removed"));
                } else if (in.allowDeletes()) {
                    add(ownedChange(EntityKind.SERVICE_ACCOUNT, rec, ChangeAction.DELETE, true, null));
                    add(ownedChange(EntityKind.CREDENTIAL, rec, ChangeAction.DELETE, false,
                            "its SCRAM credential is deleted and removed from the credential store"));
                } else {
                    kept(EntityKind.SERVICE_ACCOUNT, rec, "no longer declared, but stage " + desired.stage()
                            + " does not allow deletes");
                }
            }
        }

        private void credential(DesiredPrincipal p, PrincipalSpec spec, ChangeAction principalAction,
                                Set<String> scram) {
            String store = in.storeDescription() == null ? "the team's credential store" : in.storeDescription();
            if (p.credentials()) {
                if (principalAction == ChangeAction.CREATE) {
                    add(credentialChange(p, spec, ChangeAction.CREATE, List.of(),
                            "a new SCRAM-SHA-512 credential, stored in " + store));
                } else if (scram == null) {
                    add(credentialChange(p, spec, ChangeAction.CREATE, List.of(new FieldChange(FieldChange.CREDENTIAL,
                                    null, "SCRAM-SHA-512", "credential missing: no SCRAM user on the cluster", false)),
                            "a new SCRAM-SHA-512 credential, stored in " + store));
                } else if (in.storedCredentials() != null && !in.storedCredentials().contains(p.name())) {
                    add(credentialChange(p, spec, ChangeAction.UPDATE, List.of(new FieldChange(FieldChange.CREDENTIAL,
                                    "missing from store", "new password", "credential missing from " + store
                                    + ": a new password replaces the one on the cluster", false)),
                            "stored in " + store));
                    // the one change here that breaks running services: a problem, so the console shows it as a
                    // warning and plan.md in its problems table, where a reviewer cannot miss it
                    problem(EntityKind.CREDENTIAL, p.name(), Diagnostic.warn(RULE_REPLACED, "the password of "
                                    + p.name() + " on stage " + desired.stage() + " is REPLACED: the one in use is"
                                    + " missing from " + store + ", so every service signing in as " + p.name()
                                    + " stops working until it reads the new password from the store",
                            p.origin() != null ? p.origin().location() : stageLocation,
                            "if the store was emptied by mistake (a new build agent, mvn clean, a deleted secret),"
                                    + " restore it before deploying; otherwise roll the services out with the new"
                                    + " password right after the deploy"));
                } else {
                    add(credentialChange(p, spec, ChangeAction.UNCHANGED, List.of(), null));
                }
            } else if (scram != null && principalAction != ChangeAction.ADOPT) {
                // the repo switched credentials off for an account it owns: the SCRAM user has to go
                if (in.allowDeletes()) {
                    add(credentialChange(p, spec, ChangeAction.DELETE, List.of(),
                            "credentials: false; the SCRAM credential is deleted"));
                } else {
                    add(credentialChange(p, spec, ChangeAction.KEPT, List.of(), "credentials: false, but stage "
                            + desired.stage() + " does not allow deletes"));
                    problem(EntityKind.CREDENTIAL, p.name(), Diagnostic.warn(RULE_KEPT, "credential " + p.name()
                            + " is kept: the service account says credentials: false, but stage " + desired.stage()
                            + " does not allow deletes", p.origin() != null ? p.origin().location() : stageLocation,
                            null).withSeverity(Severity.INFO));
                }
            }
        }

        private PlannedChange credentialChange(DesiredPrincipal p, PrincipalSpec spec, ChangeAction action,
                                               List<FieldChange> fc, String note) {
            return new PlannedChange(EntityKind.CREDENTIAL, p.name(), p.logicalName(), action, fc, false, false,
                    null, note, null, null, null, spec, null);
        }

        // ------------------------------------------------------------------------------------------------ topics

        void topics() {
            Set<String> declared = new HashSet<>();
            for (DesiredTopic d : desired.topics()) {
                declared.add(d.name());
                OwnershipRecord rec = owners.get(Ownership.key(EntityKind.TOPIC, d.name()));
                CurrentTopic cur = current.topics().get(d.name());
                TopicSpec spec = TopicSpec.of(d);
                String hash = specHash("topic", d.name(), d.logicalName(), spec.canonical());
                Location loc = d.origin() != null ? d.origin().location() : stageLocation;

                if (rec != null && !repo.equals(rec.repository())) {
                    conflict(EntityKind.TOPIC, d.name(), d.logicalName(), rec, loc, spec, null, null);
                    continue;
                }
                ChangeAction action;
                List<FieldChange> fc = new ArrayList<>();
                if (cur == null) {
                    action = ChangeAction.CREATE;
                } else if (rec == null) {
                    if (!in.options().adopt()) {
                        unmanaged(EntityKind.TOPIC, d.name(), d.logicalName(), loc, Severity.WARN, "topic " + d.name()
                                + " exists on the cluster but no repository manages it; it is left untouched", spec,
                                null, null);
                        continue;
                    }
                    diff(d, cur, fc);
                    action = ChangeAction.ADOPT;
                } else {
                    diff(d, cur, fc);
                    recordFieldChanges(rec, spec, fc);
                    narrowedAccess(d, rec, loc);
                    ownershipChanges(rec, hash, fc, "records the declared spec");
                    action = fc.isEmpty() ? ChangeAction.UNCHANGED : ChangeAction.UPDATE;
                }
                int brokers = current.brokerIds().size();
                boolean rfChanges = action == ChangeAction.CREATE
                        || fc.stream().anyMatch(f -> f.field().equals(FieldChange.REPLICATION_FACTOR));
                if (rfChanges && brokers > 0 && d.replicationFactor() > brokers) {
                    problem(EntityKind.TOPIC, d.name(), Diagnostic.error(RULE_BROKERS, "topic " + d.name()
                                    + " needs replication factor " + d.replicationFactor() + ", but the cluster of stage "
                                    + desired.stage() + " has " + brokers + (brokers == 1 ? " broker" : " brokers"),
                            d.origin() != null ? d.origin().at("replicationFactor") : loc,
                            "set replicationFactor (or an override for stage " + desired.stage() + ") to at most "
                                    + brokers));
                }
                boolean destructive = fc.stream().anyMatch(FieldChange::destructive);
                boolean recordOnly = action != ChangeAction.CREATE && fc.stream().noneMatch(FieldChange::touchesCluster);
                add(new PlannedChange(EntityKind.TOPIC, d.name(), d.logicalName(), action, fc, destructive, recordOnly,
                        hash, action == ChangeAction.ADOPT ? "takes over the existing topic" : null, null, null, spec,
                        null, null));
            }
            for (OwnershipRecord rec : owned("topic")) {
                if (declared.contains(rec.name())) continue;
                CurrentTopic cur = current.topics().get(rec.name());
                if (cur == null) {
                    add(ownedChange(EntityKind.TOPIC, rec, ChangeAction.DELETE, true,
                            "already gone from the cluster; only its ownership record is removed"));
                } else if (rec.protectedEntity()) {
                    kept(EntityKind.TOPIC, rec, "no longer declared, but protected: a deploy never deletes it");
                } else if (!in.allowDeletes()) {
                    kept(EntityKind.TOPIC, rec, "no longer declared, but stage " + desired.stage()
                            + " does not allow deletes");
                } else {
                    PlannedChange c = ownedChange(EntityKind.TOPIC, rec, ChangeAction.DELETE, false,
                            "deletes the topic and all its data");
                    add(new PlannedChange(c.kind(), c.name(), c.logicalName(), c.action(), c.changes(), true,
                            c.recordOnly(), c.specHash(), c.note(), null, null, null, null, null));
                }
            }
        }

        private void diff(DesiredTopic d, CurrentTopic cur, List<FieldChange> fc) {
            Location loc = d.origin() != null ? d.origin().location() : stageLocation;
            if (d.partitions() > cur.partitions()) {
                fc.add(new FieldChange(FieldChange.PARTITIONS, Integer.toString(cur.partitions()),
                        Integer.toString(d.partitions()), "partitions " + cur.partitions() + " -> " + d.partitions(),
                        false));
            } else if (d.partitions() < cur.partitions()) {
                fc.add(new FieldChange(FieldChange.PARTITIONS, Integer.toString(cur.partitions()),
                        Integer.toString(d.partitions()), "partitions " + cur.partitions() + " -> " + d.partitions()
                        + " (impossible: Kafka cannot remove partitions)", true));
                problem(EntityKind.TOPIC, d.name(), Diagnostic.error(RULE_PARTITIONS, "topic " + d.name() + " has "
                                + cur.partitions() + " partitions; Kafka cannot reduce them to " + d.partitions(),
                        d.origin() != null ? d.origin().at("partitions") : loc,
                        "keep partitions at " + cur.partitions() + " or more, or create a new topic (e.g. a .v2)"
                                + " and migrate to it"));
            }
            // every partition counts: one left behind by an interrupted change must not pass for done
            int fewest = cur.replicas().stream().mapToInt(List::size).min().orElse(cur.replicationFactor());
            int most = cur.replicas().stream().mapToInt(List::size).max().orElse(cur.replicationFactor());
            if (d.replicationFactor() != cur.replicationFactor() || fewest != d.replicationFactor()
                    || most != d.replicationFactor()) {
                String before = cur.replicationFactors();
                String text = "replication factor " + before + " -> " + d.replicationFactor();
                fc.add(new FieldChange(FieldChange.REPLICATION_FACTOR, before,
                        Integer.toString(d.replicationFactor()), text, true));
                destructive(d, d.origin() != null ? d.origin().at("replicationFactor") : loc, text,
                        d.replicationFactor() < fewest ? "fewer copies of every partition"
                                : d.replicationFactor() < most ? "fewer copies of some partitions"
                                : "moves every partition's data between brokers");
            }
            TreeSet<String> keys = new TreeSet<>(d.config().keySet());
            keys.addAll(cur.dynamicConfigs().keySet());
            for (String key : keys) {
                String want = d.config().get(key);
                String have = cur.dynamicConfigs().get(key);
                if (Objects.equals(want, have)) continue;
                String text = key + " " + show(key, have, cur.effective().get(key)) + " -> "
                        + show(key, want, cur.defaults().get(key));
                String reason = unsafe(key, have != null ? have : cur.effective().get(key),
                        want != null ? want : cur.defaults().get(key));
                fc.add(new FieldChange(FieldChange.CONFIG_PREFIX + key, have, want, text, reason != null));
                if (reason != null) {
                    destructive(d, d.origin() != null ? d.origin().at("config." + key) : loc, text, reason);
                }
            }
        }

        private void destructive(DesiredTopic d, Location loc, String text, String reason) {
            String message = "topic " + d.name() + ": " + text + " (" + reason + ")";
            if (in.options().allowDestructive()) {
                problem(EntityKind.TOPIC, d.name(), Diagnostic.warn(RULE_DESTRUCTIVE, message
                        + " is allowed by " + ALLOW_DESTRUCTIVE, loc, null));
            } else {
                problem(EntityKind.TOPIC, d.name(), Diagnostic.error(RULE_DESTRUCTIVE, message
                        + " can lose data and needs an explicit opt-in", loc,
                        "if this is intended, plan and deploy with " + ALLOW_DESTRUCTIVE));
            }
        }

        /** Why a config change can lose data, or null when it cannot. Unknown values count as unsafe. */
        private static String unsafe(String key, String before, String after) {
            switch (key) {
                case "retention.ms", "retention.bytes" -> {
                    Long b = limit(before);
                    Long a = limit(after);
                    if (b == null || a == null) return "retention may get shorter: older data is deleted";
                    return a < b ? "shorter retention: older data is deleted" : null;
                }
                case "cleanup.policy" -> {
                    if (before == null || after == null) return "cleanup.policy may change how data is removed";
                    return policies(before).equals(policies(after)) ? null
                            : "a different cleanup.policy changes which records are kept";
                }
                default -> {
                    return null;
                }
            }
        }

        private static Long limit(String value) {
            if (value == null) return null;
            try {
                long v = Long.parseLong(value.trim());
                return v < 0 ? Long.MAX_VALUE : v;
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private static Set<String> policies(String value) {
            Set<String> out = new TreeSet<>();
            Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
            return out;
        }

        private static String show(String key, String value, String defaultValue) {
            if (value == null) return defaultValue == null ? "(default)" : "(default " + human(key, defaultValue) + ")";
            return human(key, value);
        }

        private static String human(String key, String value) {
            if (Units.isDurationKey(key)) {
                try {
                    return Units.formatDurationMs(Long.parseLong(value.trim()));
                } catch (NumberFormatException e) {
                    return value;
                }
            }
            return value;
        }

        private void recordFieldChanges(OwnershipRecord rec, TopicSpec spec, List<FieldChange> fc) {
            String vis = spec.visibility().yamlName();
            if (!Objects.equals(rec.visibility(), vis)) {
                fc.add(new FieldChange("visibility", rec.visibility(), vis,
                        "visibility " + (rec.visibility() == null ? "(none)" : rec.visibility()) + " -> " + vis, false));
            }
            List<String> before = rec.sharedWith().stream().sorted().toList();
            List<String> after = spec.sharedWith().stream().sorted().toList();
            if (!before.equals(after)) {
                fc.add(new FieldChange("sharedWith", String.join(",", before), String.join(",", after),
                        "sharedWith " + before + " -> " + after, false));
            }
            if (rec.protectedEntity() != spec.protectedTopic()) {
                fc.add(new FieldChange("protected", Boolean.toString(rec.protectedEntity()),
                        Boolean.toString(spec.protectedTopic()),
                        "protected " + rec.protectedEntity() + " -> " + spec.protectedTopic(), false));
            }
        }

        /**
         * Narrowing a topic's visibility must not leave other teams' access behind, nor cut it off unannounced: when
         * the new visibility takes away the access that ACLs of other repositories give, the plan refuses and lists
         * them. Those repositories remove their grants first (their own deploys delete the ACLs), or the owner keeps
         * sharing the topic with them. Access is counted per ACL, whatever its pattern, so a prefixed ACL that
         * reaches the topic counts too.
         */
        private void narrowedAccess(DesiredTopic d, OwnershipRecord rec, Location loc) {
            Visibility before = visibility(rec.visibility());
            List<String> sharedBefore = rec.sharedWith();
            if (!narrows(before, sharedBefore, d.visibility(), d.sharedWith())) return;
            Set<String> cut = new TreeSet<>();
            for (AclSpec a : topicAllowAcls().reaching(d.name())) {
                OwnershipRecord holder = owners.get(Ownership.key(EntityKind.ACL, a.key()));
                if (holder == null || repo.equals(holder.repository())) continue;
                String team = holder.team();
                if (team != null && team.equals(desired.team())) continue;
                if (!allows(before, sharedBefore, team) || allows(d.visibility(), d.sharedWith(), team)) continue;
                cut.add(holder.repository() + (team == null ? "" : " (team " + team + ")") + ": " + a.display());
            }
            if (cut.isEmpty()) return;
            problem(EntityKind.TOPIC, d.name(), Diagnostic.error(RULE_NARROWED, "topic " + d.name() + ": visibility "
                            + describe(before, sharedBefore) + " -> " + describe(d.visibility(), d.sharedWith())
                            + " takes away access other repositories have on stage " + desired.stage() + ": "
                            + String.join("; ", cut),
                    d.origin() != null ? d.origin().at("visibility") : loc,
                    "ask those repositories to remove their grants of " + d.logicalName() + " and deploy first, then"
                            + " plan again; or keep sharing the topic with them"));
        }

        /** Whether some team that {@code before} lets in is shut out {@code after}. */
        private static boolean narrows(Visibility before, List<String> sharedBefore, Visibility after,
                                       List<String> sharedAfter) {
            if (after == Visibility.PUBLIC || before == Visibility.PRIVATE) return false;
            if (before == Visibility.PUBLIC) return true;
            // protected before: narrowed when private now, or when a team it was shared with is no longer listed
            return after == Visibility.PRIVATE || !sharedAfter.containsAll(sharedBefore);
        }

        private TopicAcls topicAllowAcls;

        /** The cluster's ALLOW ACLs on topics, indexed once per plan: narrowing checks stay linear in the topics. */
        private TopicAcls topicAllowAcls() {
            if (topicAllowAcls == null) topicAllowAcls = new TopicAcls(current.acls());
            return topicAllowAcls;
        }

        private static final class TopicAcls {
            private final Map<String, List<AclSpec>> literal = new HashMap<>();
            private final List<AclSpec> prefixed = new ArrayList<>();

            TopicAcls(Iterable<AclSpec> acls) {
                for (AclSpec a : acls) {
                    if (!"TOPIC".equals(a.resourceType()) || !"ALLOW".equals(a.permission())) continue;
                    if ("PREFIXED".equals(a.patternType())) {
                        prefixed.add(a);
                    } else {
                        literal.computeIfAbsent(a.resourceName(), k -> new ArrayList<>()).add(a);
                    }
                }
            }

            List<AclSpec> reaching(String topic) {
                List<AclSpec> out = new ArrayList<>(literal.getOrDefault(topic, List.of()));
                for (AclSpec a : prefixed) {
                    if (topic.startsWith(a.resourceName())) out.add(a);
                }
                return out;
            }
        }

        private static Visibility visibility(String recorded) {
            try {
                return recorded == null ? Visibility.PRIVATE : Visibility.parse(recorded);
            } catch (IllegalArgumentException e) {
                return Visibility.PRIVATE;
            }
        }

        private static boolean allows(Visibility v, List<String> sharedWith, String team) {
            return v == Visibility.PUBLIC || v == Visibility.PROTECTED && team != null && sharedWith.contains(team);
        }

        private static String describe(Visibility v, List<String> sharedWith) {
            return v == Visibility.PROTECTED ? "protected " + sharedWith.stream().sorted().toList() : v.yamlName();
        }

        /** An incomplete or outdated ownership record of an owned entity is an update of the record alone. */
        private static void ownershipChanges(OwnershipRecord rec, String hash, List<FieldChange> fc, String outdated) {
            if (rec.claimOnly()) {
                fc.add(new FieldChange(FieldChange.OWNERSHIP, "claimed", "applied",
                        "ownership record incomplete: an earlier deploy stopped half-way; this one completes it",
                        false));
            } else if (!hash.equals(rec.specHash()) && fc.isEmpty()) {
                fc.add(new FieldChange(FieldChange.OWNERSHIP, rec.specHash(), hash,
                        "ownership record out of date: " + outdated, false));
            }
        }

        // -------------------------------------------------------------------------------------------------- ACLs

        void acls() {
            Map<String, AclSpec> existing = current.aclsByKey();
            Set<String> declared = new HashSet<>();
            for (var e : desired.acls()) {
                AclSpec spec = AclSpec.of(e);
                String key = spec.key();
                if (!declared.add(key)) continue;
                OwnershipRecord rec = owners.get(Ownership.key(EntityKind.ACL, key));
                boolean exists = existing.containsKey(key);
                String hash = specHash("acl", key, null, key);
                Location loc = e.origin() != null ? e.origin().location() : stageLocation;

                if (rec != null && !repo.equals(rec.repository())) {
                    conflict(EntityKind.ACL, key, null, rec, loc, null, null, spec);
                    continue;
                }
                ChangeAction action;
                List<FieldChange> fc = new ArrayList<>();
                if (rec == null && exists) {
                    if (!in.options().adopt()) {
                        // the binding the repo wants is there already; only its ownership is missing
                        unmanaged(EntityKind.ACL, key, null, loc, Severity.INFO, "ACL " + spec.display()
                                + " exists on the cluster but no repository manages it; it is left untouched", null,
                                null, spec);
                        continue;
                    }
                    action = ChangeAction.ADOPT;
                } else if (!exists) {
                    action = ChangeAction.CREATE;
                } else {
                    ownershipChanges(rec, hash, fc, "records the binding");
                    action = fc.isEmpty() ? ChangeAction.UNCHANGED : ChangeAction.UPDATE;
                }
                add(new PlannedChange(EntityKind.ACL, key, null, action, fc, false,
                        action == ChangeAction.ADOPT || action == ChangeAction.UPDATE, hash, null, null, null, null,
                        null, spec));
            }
            for (OwnershipRecord rec : owned("acl")) {
                if (declared.contains(rec.name())) continue;
                AclSpec spec = AclSpec.parseKey(rec.name());
                if (spec == null) continue;
                boolean exists = existing.containsKey(rec.name());
                // revoking access never loses data, so owned bindings go whatever the stage allows
                add(new PlannedChange(EntityKind.ACL, rec.name(), null, ChangeAction.DELETE, List.of(), false, !exists,
                        null, exists ? null : "already gone from the cluster; only its ownership record is removed",
                        null, null, null, null, spec));
            }
        }

        // ------------------------------------------------------------------------------------------------ helpers

        private List<OwnershipRecord> owned(String kind) {
            return owners.values().stream()
                    .filter(r -> kind.equals(r.kind()) && repo.equals(r.repository()))
                    .sorted(Comparator.comparing(OwnershipRecord::name))
                    .toList();
        }

        private PlannedChange ownedChange(EntityKind kind, OwnershipRecord rec, ChangeAction action,
                                          boolean recordOnly, String note) {
            return new PlannedChange(kind, rec.name(), rec.logicalName(), action, List.of(), false, recordOnly, null,
                    note, null, null, null, null, null);
        }

        private void kept(EntityKind kind, OwnershipRecord rec, String why) {
            add(ownedChange(kind, rec, ChangeAction.KEPT, true, why));
            problem(kind, rec.name(), new Diagnostic(Severity.INFO, RULE_KEPT,
                    kind.label() + " " + rec.name() + " is kept: " + why, stageLocation, null));
        }

        private void conflict(EntityKind kind, String name, String logicalName, OwnershipRecord rec, Location loc,
                              TopicSpec topic, PrincipalSpec principal, AclSpec acl) {
            String owner = rec.repository() + (rec.team() == null ? "" : " (team " + rec.team() + ")");
            String shown = acl != null ? "ACL " + acl.display() : kind.label() + " " + name;
            add(new PlannedChange(kind, name, logicalName, ChangeAction.CONFLICT, List.of(), false, false, null,
                    "owned by " + owner, rec.repository(), rec.team(), topic, principal, acl));
            problem(kind, name, Diagnostic.error(RULE_CONFLICT, shown + " on stage " + desired.stage()
                            + " is owned by " + owner + "; this repository cannot manage it", loc,
                    "use another name, or ask the owners to stop declaring it in " + rec.repository()));
        }

        private void unmanaged(EntityKind kind, String name, String logicalName, Location loc, Severity severity,
                               String message, TopicSpec topic, PrincipalSpec principal, AclSpec acl) {
            add(new PlannedChange(kind, name, logicalName, ChangeAction.UNMANAGED, List.of(), false, false, null,
                    "exists but no repository manages it", null, null, topic, principal, acl));
            problem(kind, name, new Diagnostic(severity, RULE_UNMANAGED, message, loc,
                    "to take it over, plan and deploy with " + ADOPT));
        }

        private void add(PlannedChange c) {
            changes.add(c);
        }

        private void problem(EntityKind kind, String name, Diagnostic d) {
            problems.add(new Problem(kind, name, d));
        }

        private static String specHash(String kind, String name, String logicalName, String canonical) {
            return Hashing.sha256(kind + "\n" + name + "\n" + logicalName + "\n" + canonical);
        }
    }
}
