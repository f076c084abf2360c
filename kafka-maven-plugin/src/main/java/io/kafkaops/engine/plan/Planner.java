package io.kafkaops.engine.plan;

import io.kafkaops.engine.EngineOptions;
import io.kafkaops.engine.desired.DesiredState;
import io.kafkaops.engine.state.ClusterState;
import io.kafkaops.engine.store.CredentialStore;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.KafkaNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The diff: declared state plus current state plus ownership gives, per entity, what a deploy does. A pure function,
 * so every rule is unit-tested without a cluster.
 *
 * <p>Ownership decides first: an entity owned by another repository is a conflict; one that exists without an owner
 * is left alone unless adopting; one this repository owns but no longer declares is deleted only when the stage
 * allows deletes (and, for topics, it is not protected). Safety rules come next: partitions never shrink, and
 * replication-factor changes, shorter retention and a changed cleanup.policy need
 * {@link EngineOptions#allowDestructive()}. An adoption run ({@link EngineOptions#adopt()}) only takes over what exists
 * unmanaged and matches the files ({@link AdoptionOnly}).
 *
 * <p>Each kind has its planner ({@link PrincipalPlanner}, {@link TopicPlanner}, {@link AclPlanner}), sharing the
 * results and the ownership rules through a {@link PlanBuilder}.
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
                        String storeDescription, boolean allowDeletes, EngineOptions options,
                        CredentialType credentialType) {
        public Input {
            Objects.requireNonNull(desired, "desired");
            Objects.requireNonNull(current, "current");
            options = options == null ? EngineOptions.defaults() : options;
            credentialType = credentialType == null ? CredentialType.SCRAM : credentialType;
        }

        /** On a cluster whose credentials are SCRAM users. */
        public Input(DesiredState desired, ClusterState current, Set<String> storedCredentials,
                     String storeDescription, boolean allowDeletes, EngineOptions options) {
            this(desired, current, storedCredentials, storeDescription, allowDeletes, options, CredentialType.SCRAM);
        }
    }

    /** What a service account's credential is on the stage's cluster, in the plan's words. */
    public enum CredentialType {
        SCRAM("a new SCRAM-SHA-512 credential", "SCRAM-SHA-512", "no SCRAM user on the cluster"),
        API_KEY("a new API key", "API key", "no API key of this tool for the stage on the cluster");

        final String created;
        final String shown;
        final String missing;

        CredentialType(String created, String shown, String missing) {
            this.created = created;
            this.shown = shown;
            this.missing = missing;
        }
    }

    private Planner() {
    }

    public static Plan plan(Input in, Instant now) {
        PlanBuilder b = new PlanBuilder(in);
        new PrincipalPlanner(b).plan();
        new TopicPlanner(b).plan();
        new AclPlanner(b).plan();
        if (in.options().adopt()) AdoptionOnly.restrict(b);
        List<PlannedChange> changes = b.changes.stream()
                .sorted(Comparator.comparing((PlannedChange c) -> c.kind().ordinal()).thenComparing(PlannedChange::name))
                .toList();
        DesiredState d = in.desired();
        List<Diagnostic> problems = new ArrayList<>(b.problems.stream()
                .sorted(Comparator.comparing((PlanBuilder.Problem p) -> p.kind().ordinal())
                        .thenComparing(PlanBuilder.Problem::name))
                .map(PlanBuilder.Problem::diagnostic).toList());
        problems.addAll(refusedNames(d.stage(), changes));
        return new Plan(Plan.FORMAT_VERSION, d.stage(), d.stagePrefix(), d.repository(), d.team(), now.toString(),
                StateFingerprint.compute(changes, in.current()), changes, problems);
    }

    /**
     * The last check before anything is applied: every name the plan would create on the cluster, by Kafka's rules
     * ({@link KafkaNames}). Validation reports bad names at their place in the files; this catches what reaches the
     * engine anyway (a policy switched off, a saved plan), so a deploy never creates half of what the cluster refuses.
     *
     * @return one ERROR per name the cluster would refuse
     */
    public static List<Diagnostic> refusedNames(String stage, List<PlannedChange> changes) {
        return RefusedNames.of(stage, changes);
    }
}
