package io.kafkaops.engine;

import io.kafkaops.engine.apply.DeployReport;
import io.kafkaops.engine.apply.EntityResult;
import io.kafkaops.engine.apply.RotateReport;
import io.kafkaops.engine.apply.RotationRefusedException;
import io.kafkaops.engine.cluster.ClusterException;
import io.kafkaops.engine.cluster.ClusterSession;
import io.kafkaops.engine.cluster.ClusterSessions;
import io.kafkaops.engine.cluster.DeployLease;
import io.kafkaops.engine.debug.DebugRefusedException;
import io.kafkaops.engine.debug.DebugSession;
import io.kafkaops.engine.debug.DebugSessions;
import io.kafkaops.engine.debug.SessionCluster;
import io.kafkaops.engine.debug.SessionPlacement;
import io.kafkaops.engine.debug.SessionPlacements;
import io.kafkaops.engine.desired.DesiredState;
import io.kafkaops.engine.desired.DesiredTopic;
import io.kafkaops.engine.desired.StageResolver;
import io.kafkaops.engine.ownership.Ownership;
import io.kafkaops.engine.ownership.OwnershipRecord;
import io.kafkaops.engine.plan.EntityKind;
import io.kafkaops.engine.plan.Plan;
import io.kafkaops.engine.plan.PlanRefusedException;
import io.kafkaops.engine.plan.PlanRenderer;
import io.kafkaops.engine.plan.PlannedChange;
import io.kafkaops.engine.plan.Planner;
import io.kafkaops.engine.plan.StateFingerprint;
import io.kafkaops.engine.plan.file.PlanFiles;
import io.kafkaops.engine.state.ClusterState;
import io.kafkaops.engine.state.ReadScope;
import io.kafkaops.engine.store.CredentialStore;
import io.kafkaops.engine.store.CredentialStoreException;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.EntityModel;
import io.kafkaops.model.Location;
import io.kafkaops.model.ServiceAccount;
import io.kafkaops.model.Severity;
import io.kafkaops.model.Visibility;
import io.kafkaops.model.platform.Cluster;
import io.kafkaops.model.platform.PlatformDefinition;
import io.kafkaops.model.platform.Stage;
import io.kafkaops.policy.KnownTopic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Plans and deploys one repository's entities on one stage: resolve the declared state for the stage, read the
 * cluster, diff, render, and (for a deploy) apply; and rotates credentials. Files go to
 * {@code <outputDir>/<stage>/}.
 */
public final class StageEngine {

    static final String RULE_ROTATE = "rotateCredentials";

    private final PlatformDefinition platform;
    private final Path outputDir;
    private final ClusterSessions sessions;
    private final Clock clock;
    private final SessionPlacements placements;

    /**
     * @param outputDir where plan.json, plan.md and deploy.json go, one directory per stage (usually target/kafka)
     * @param sessions  how to reach clusters: {@link ClusterWiring#adminClient} for real ones; tests may decorate it
     */
    public StageEngine(PlatformDefinition platform, Path outputDir, ClusterSessions sessions) {
        this(platform, outputDir, sessions, Clock.systemUTC());
    }

    /** With another clock, for tests. */
    public StageEngine(PlatformDefinition platform, Path outputDir, ClusterSessions sessions, Clock clock) {
        this.platform = Objects.requireNonNull(platform, "platform");
        this.outputDir = Objects.requireNonNull(outputDir, "outputDir");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.placements = SessionPlacements.local(outputDir);
    }

    private StageEngine(PlatformDefinition platform, Path outputDir, ClusterSessions sessions, Clock clock,
                        SessionPlacements placements) {
        this.platform = platform;
        this.outputDir = outputDir;
        this.sessions = sessions;
        this.clock = clock;
        this.placements = Objects.requireNonNull(placements, "placements");
    }

    /**
     * This engine with another placement of debug sessions (such as {@code kubernetes}) besides the {@code local} one
     * under the output directory, for starting sessions there and for sweeping the sessions placed there.
     */
    public StageEngine withSessionPlacement(SessionPlacement placement) {
        return new StageEngine(platform, outputDir, sessions, clock, placements.with(placement));
    }

    /**
     * Computes the plan and writes plan.json and plan.md. Needs read rights on the cluster only. The request's store,
     * when given, is read to notice credentials missing from it; its cluster checks' problems go into the plan (an
     * ERROR blocks a deploy).
     *
     * @throws ClusterException         when the cluster cannot be reached or denies a read, or its id is not the one
     *                                  the platform definition pins (nothing is read then)
     * @throws IllegalArgumentException when the platform definition has no such stage
     */
    public PlanOutcome plan(StageRequest request) throws ClusterException {
        Objects.requireNonNull(request, "request");
        Stage st = stage(request.stage());
        String stage = request.stage();
        String repository = request.repository();
        String team = request.team();
        CredentialStore storeOrNull = request.store();
        DesiredState desired = StageResolver.resolve(request.model(), platform, st, repository, team);
        List<Diagnostic> storeProblems = new ArrayList<>();
        Set<String> stored = null;
        if (storeOrNull != null) {
            try {
                stored = storeOrNull.existing(stage, team);
            } catch (CredentialStoreException e) {
                storeProblems.add(Diagnostic.warn("credentialStore", "cannot read " + storeOrNull.describe() + ": "
                                + e.getMessage() + "; the plan does not show credentials missing from it",
                        Location.ofFile("stage " + stage), null));
            }
        }
        try (ClusterSession session = open(request, st)) {
            String clusterId = session.clusterId();
            DebugSessions.Sweep sweep = sweep(session, stage);
            ClusterState state = session.read(ReadScope.of(platform, st),
                    owners -> topicsOfInterest(desired.topics().stream().map(DesiredTopic::name).toList(), owners,
                            repository));
            Plan plan = Planner.plan(new Planner.Input(desired, state, stored,
                    storeOrNull == null ? null : storeOrNull.describe(), st.allowDeletes(), request.options(),
                    credentialType(st)), clock.instant()).withClusterId(clusterId);
            List<Diagnostic> more = new ArrayList<>(storeProblems);
            more.addAll(request.clusterChecks().check(knownTopics(state, repository)));
            plan = withProblems(plan, more);
            Path dir = outputDir.resolve(stage);
            try {
                PlanFiles.write(plan, dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the plan to " + dir + ": " + e.getMessage(), e);
            }
            return new PlanOutcome(plan, plan.problems(), PlanRenderer.lines(plan), plan.summary().line(stage),
                    dir.resolve(PlanFiles.PLAN_JSON), dir.resolve(PlanFiles.PLAN_MD), session.roundTrips(),
                    knownTopics(state, repository), ClusterIdentity.note(cluster(st), clusterId), sweep.lines());
        }
    }

    /**
     * Applies a fresh plan, or the saved plan when one is given, and writes deploy.json. A saved plan is applied only
     * when it was made for this stage and repository and the cluster still has the state it was made from. The
     * request's cluster checks run on the state read for the deploy (a saved plan included): an ERROR among their
     * problems refuses the deploy before anything is changed. The deploy holds the lease of the repository's stage
     * while it runs ({@link ClusterSession#acquireLease}): a second deploy of the same repository to the same stage
     * waits for it, up to the options' lease wait. Claims that a deploy of another repository wrote first are reported
     * as {@link io.kafkaops.engine.apply.EntityResult.Status#CONFLICT}; the rest is applied.
     *
     * @param request         its store is where new credentials go, written before the cluster gets them; required
     * @param savedPlanOrNull a plan.json written by {@link #plan}, or null to plan now
     * @throws ClusterException     when the cluster or the credential store cannot be reached, the cluster's id is not
     *                              the pinned one (checked before the lease), or another deploy of the repository to
     *                              the stage still runs after the lease wait
     * @throws PlanRefusedException when the saved plan does not fit (another stage, repository, cluster id or state)
     *                              or the plan has problems that block a deploy; nothing was changed
     */
    public DeployOutcome deploy(StageRequest request, Path savedPlanOrNull)
            throws ClusterException, PlanRefusedException {
        Objects.requireNonNull(request, "request");
        CredentialStore store = Objects.requireNonNull(request.store(), "a deploy needs the team's credential store");
        Stage st = stage(request.stage());
        String stage = request.stage();
        String repository = request.repository();
        String team = request.team();
        DeployReport.discardPrevious(outputDir.resolve(stage));
        Plan saved = savedPlanOrNull == null ? null : readSaved(savedPlanOrNull, stage, repository);
        Instant started = clock.instant();
        // the cluster's id, then the lease: a re-run waits for the deploy still running, then reads what that one left
        ReadScope scope = ReadScope.of(platform, st);
        try (ClusterSession session = open(request, st);
             DeployLease lease = session.acquireLease(scope, repository, request.options().leaseWait())) {
            String clusterId = session.clusterId();
            DebugSessions.Sweep sweep = sweep(session, stage);
            Plan plan;
            ClusterState state;
            if (saved != null) {
                ClusterIdentity.checkSaved(saved, savedPlanOrNull, clusterId, st,
                        request.connection().bootstrapServers());
                List<String> planned = saved.changes().stream()
                        .filter(c -> c.kind() == EntityKind.TOPIC).map(PlannedChange::name).toList();
                state = session.read(scope, owners -> topicsOfInterest(planned, owners, repository));
                String now = StateFingerprint.compute(saved.changes(), state);
                if (!now.equals(saved.stateFingerprint())) {
                    throw new PlanRefusedException("The cluster of stage " + stage + " changed since the plan "
                            + savedPlanOrNull + " was made at " + saved.createdAt() + " (state fingerprint "
                            + abbreviate(saved.stateFingerprint()) + " is now " + abbreviate(now)
                            + "): the reviewed plan may no longer be right. Nothing was deployed; run kafka:plan"
                            + " again and review the new plan.");
                }
                plan = saved;
            } else {
                DesiredState desired = StageResolver.resolve(request.model(), platform, st, repository, team);
                Set<String> stored;
                try {
                    stored = store.existing(stage, team);
                } catch (CredentialStoreException e) {
                    throw new ClusterException("Cannot read the credential store " + store.describe() + " of team "
                            + team + " for stage " + stage + ": " + sentence(e.getMessage()) + " Nothing was deployed.",
                            e);
                }
                state = session.read(scope, owners -> topicsOfInterest(
                        desired.topics().stream().map(DesiredTopic::name).toList(), owners, repository));
                plan = Planner.plan(new Planner.Input(desired, state, stored, store.describe(), st.allowDeletes(),
                        request.options(), credentialType(st)), clock.instant()).withClusterId(clusterId);
            }
            plan = withProblems(plan, request.clusterChecks().check(knownTopics(state, repository)));
            // a saved plan is checked again: nothing the cluster would refuse is applied, not even half of it
            plan = withProblems(plan, Planner.refusedNames(stage, plan.changes()));
            if (plan.hasErrors()) {
                List<Diagnostic> errors = plan.problems().stream().filter(d -> d.severity() == Severity.ERROR).toList();
                throw new PlanRefusedException("The plan for stage " + stage + " has " + errors.size()
                        + (errors.size() == 1 ? " problem that blocks" : " problems that block") + " a deploy; nothing was"
                        + " deployed:\n  " + String.join("\n  ", errors.stream().map(Diagnostic::format).toList()),
                        errors);
            }
            List<EntityResult> results = plan.actionable().isEmpty() ? List.of()
                    : session.apply(plan, state, store);
            session.refreshIndex();
            boolean complete = results.stream().allMatch(EntityResult::applied);
            DeployReport.Counts counts = DeployReport.Counts.of(results);
            List<PlannedChange> unmanaged = DeployReport.unmanaged(plan);
            String summary = counts.line(stage, unmanaged.size())
                    + (complete ? "" : counts.failed() + counts.skipped() == 0 ? " (ownership conflicts: see above)"
                    : " (incomplete: run the deploy again to finish)");
            Path file = outputDir.resolve(stage).resolve(DeployReport.DEPLOY_JSON);
            try {
                DeployReport.write(file, new DeployReport.DeployDocument(DeployReport.FORMAT_VERSION, stage,
                        repository, team, started.toString(), clock.instant().toString(), plan.createdAt(),
                        plan.stateFingerprint(), complete, counts, DeployReport.credentialsStored(results), results,
                        unmanaged.stream().map(PlannedChange::displayName).toList(), session.requestCounts()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the deploy report " + file + ": " + e.getMessage(), e);
            }
            return new DeployOutcome(plan, results, file, complete, summary, DeployReport.lines(results, unmanaged),
                    session.roundTrips(), sweep.lines());
        }
    }

    /**
     * Ends the stage's expired debug sessions, whoever started them, and lists the open ones. Never fails a plan or
     * deploy: a cluster without debug sessions gives nothing, what cannot be done (read-only credentials) a notice.
     */
    private DebugSessions.Sweep sweep(ClusterSession session, String stage) {
        SessionCluster cluster;
        try {
            cluster = session.debugSessions();
        } catch (ClusterException e) {
            return new DebugSessions.Sweep(List.of(), List.of(), List.of(), clock.instant());
        }
        return new DebugSessions(placements, clock).sweep(cluster, stage);
    }

    /**
     * Starts a debug session as one of the repository's service accounts: refused (nothing created) unless the
     * repository declares the account, deploys it to the stage and owns it on the cluster, it has ACLs there, the
     * lifetime is within the stage's maximum and a reason is given where the stage requires one. Sweeps the stage's
     * expired sessions first.
     *
     * @throws DebugRefusedException when the session is refused; nothing was created
     * @throws ClusterException      when the cluster cannot be reached or cannot issue the credential
     */
    public DebugOutcome startDebug(StageRequest request, String account, Duration lifetime, String reason,
                                   String placement, String startedBy)
            throws ClusterException, DebugRefusedException {
        Objects.requireNonNull(request, "request");
        Stage st = stage(request.stage());
        DebugSessions debug = new DebugSessions(placements, clock);
        DebugSessions.StartRequest start = new DebugSessions.StartRequest(platform, st, request.model(),
                request.repository(), request.team(), account == null ? null : account.strip(), lifetime, reason,
                placement, startedBy);
        List<Diagnostic> problems = debug.check(start);
        if (!problems.isEmpty()) throw refused(request.stage(), problems);
        try (ClusterSession session = open(request, st)) {
            SessionCluster cluster = session.debugSessions();
            DebugSessions.Sweep sweep = debug.sweep(cluster, request.stage());
            ClusterState state = session.read(ReadScope.of(platform, st), owners -> Set.of());
            problems = DebugSessions.checkOnCluster(start, state);
            if (!problems.isEmpty()) throw refused(request.stage(), problems);
            DebugSessions.Started started = debug.start(cluster, start);
            return new DebugOutcome(started.session(), started.howToUse(), sweep.lines());
        }
    }

    private static DebugRefusedException refused(String stage, List<Diagnostic> problems) {
        return new DebugRefusedException("Cannot start a debug session on stage " + stage + "; nothing was created:\n  "
                + String.join("\n  ", problems.stream().map(Diagnostic::format).toList()), problems);
    }

    /**
     * Ends this repository's open debug sessions on the stage early (revoke, remove, tombstone): the one named, or
     * all. Sweeps the stage's expired sessions first.
     *
     * @param sessionIdOrNull a session id, or null for all of this repository's open sessions on the stage
     * @return the sessions ended
     */
    public List<DebugSession> endDebug(StageRequest request, String sessionIdOrNull)
            throws ClusterException, DebugRefusedException {
        Stage st = stage(request.stage());
        DebugSessions debug = new DebugSessions(placements, clock);
        try (ClusterSession session = open(request, st)) {
            SessionCluster cluster = session.debugSessions();
            debug.sweep(cluster, request.stage());
            return debug.endEarly(cluster, request.stage(), request.repository(), sessionIdOrNull);
        }
    }

    /** Sweeps the stage's expired debug sessions and lists the open ones of every repository. */
    public DebugSessions.Sweep listDebug(StageRequest request) throws ClusterException {
        Stage st = stage(request.stage());
        try (ClusterSession session = open(request, st)) {
            return new DebugSessions(placements, clock).sweep(session.debugSessions(), request.stage());
        }
    }

    /** API keys on a Confluent Cloud stage, SCRAM users elsewhere: the plan says which. */
    private Planner.CredentialType credentialType(io.kafkaops.model.platform.Stage stage) {
        io.kafkaops.model.platform.Cluster cluster = platform.clusters().get(stage.cluster());
        return cluster != null && cluster.isConfluentCloud() ? Planner.CredentialType.API_KEY
                : Planner.CredentialType.SCRAM;
    }

    /** The text as a sentence: a full stop added unless it ends with one (or an ellipsis) already. */
    static String sentence(String text) {
        String t = text == null ? "" : text.strip();
        return t.endsWith(".") ? t : t + ".";
    }

    /** The plan with further problems added, those it already has left out. */
    private static Plan withProblems(Plan plan, List<Diagnostic> more) {
        List<Diagnostic> all = new ArrayList<>(plan.problems());
        for (Diagnostic d : more) {
            if (!all.contains(d)) all.add(d);
        }
        if (all.size() == plan.problems().size()) return plan;
        return new Plan(plan.formatVersion(), plan.stage(), plan.stagePrefix(), plan.repository(), plan.team(),
                plan.createdAt(), plan.stateFingerprint(), plan.changes(), all, plan.clusterId());
    }

    /**
     * Gives service accounts of this repository new credentials, for use after a leak: for each, a new password is
     * stored as a new version in the store first, then set on the cluster, where it replaces the old one (which stops
     * working). Writes rotate.json.
     *
     * <p>Every named account must be declared in the repository with {@code credentials: true}, be deployed to the
     * stage, and be owned by this repository on the cluster with a credential there; otherwise nothing is changed.
     *
     * @param request         its store is the team's credential store for the stage; required. Its cluster checks are
     *                        not run
     * @param serviceAccounts logical names, as in the repository's files
     * @throws RotationRefusedException when a named account does not qualify; nothing was changed
     * @throws ClusterException         when the cluster cannot be reached or read, or its id is not the pinned one
     * @throws IllegalArgumentException when no service account is named or the stage is unknown
     */
    public RotateOutcome rotate(StageRequest request, List<String> serviceAccounts)
            throws ClusterException, RotationRefusedException {
        Objects.requireNonNull(request, "request");
        CredentialStore store = Objects.requireNonNull(request.store(), "a rotation needs the team's credential store");
        Stage st = stage(request.stage());
        String stage = request.stage();
        String repository = request.repository();
        String team = request.team();
        EntityModel model = request.model();
        List<String> names = serviceAccounts.stream().map(String::strip).filter(n -> !n.isEmpty()).distinct()
                .toList();
        if (names.isEmpty()) {
            throw new IllegalArgumentException("name at least one service account to rotate");
        }
        Instant started = clock.instant();
        List<Diagnostic> problems = new ArrayList<>();
        Map<String, ServiceAccount> candidates = new LinkedHashMap<>();
        for (String name : names) {
            ServiceAccount sa = model.serviceAccounts().stream().filter(a -> a.name().equals(name)).findFirst()
                    .orElse(null);
            if (sa == null) {
                problems.add(Diagnostic.error(RULE_ROTATE, "service account '" + name + "' is not declared in this"
                        + " repository", Location.ofFile("kafka.serviceAccounts"), rotatable(model, stage)));
            } else if (!sa.credentials()) {
                problems.add(Diagnostic.error(RULE_ROTATE, "service account '" + name + "' has credentials: false,"
                        + " so it has no credential to rotate", sa.origin().location(), rotatable(model, stage)));
            } else if (!sa.deployedTo(stage)) {
                problems.add(Diagnostic.error(RULE_ROTATE, "service account '" + name + "' is not deployed to stage "
                        + stage + " (deployTo: " + sa.deployTo() + ")", sa.origin().location(),
                        rotatable(model, stage)));
            } else {
                candidates.put(st.physicalName(name), sa);
            }
        }
        try (ClusterSession session = open(request, st)) {
            ClusterState state = candidates.isEmpty() ? null
                    : session.read(ReadScope.of(platform, st), owners -> Set.of());
            for (Map.Entry<String, ServiceAccount> c : candidates.entrySet()) {
                String principal = c.getKey();
                Location at = c.getValue().origin().location();
                OwnershipRecord rec = state.ownership().get(Ownership.key(EntityKind.SERVICE_ACCOUNT, principal));
                if (rec != null && !repository.equals(rec.repository())) {
                    problems.add(Diagnostic.error(RULE_ROTATE, "service account " + principal + " on stage " + stage
                            + " is owned by " + rec.repository() + (rec.team() == null ? "" : " (team " + rec.team()
                            + ")") + "; only the owning repository rotates its credential", at, null));
                } else if (rec == null || rec.claimOnly() && !state.scramUsers().containsKey(principal)) {
                    problems.add(Diagnostic.error(RULE_ROTATE, "service account " + principal + " has not been"
                            + " deployed to stage " + stage + " by this repository", at,
                            "run kafka:deploy -Dkafka.stage=" + stage + " first; it creates the credential"));
                } else if (!state.scramUsers().containsKey(principal)) {
                    problems.add(Diagnostic.error(RULE_ROTATE, "service account " + principal + " has no credential"
                            + " on the cluster of stage " + stage, at, "run kafka:deploy -Dkafka.stage=" + stage
                            + ", which creates a new one"));
                }
            }
            if (!problems.isEmpty()) {
                throw new RotationRefusedException("Cannot rotate the credentials on stage " + stage + "; nothing was"
                        + " changed:\n  " + String.join("\n  ", problems.stream().map(Diagnostic::format).toList()),
                        problems);
            }
            List<EntityResult> results = session.rotateCredentials(stage, team, List.copyOf(candidates.keySet()),
                    state, store);
            boolean complete = results.stream().allMatch(EntityResult::applied);
            Path file = outputDir.resolve(stage).resolve(RotateReport.ROTATE_JSON);
            try {
                RotateReport.write(file, new RotateReport.RotateDocument(RotateReport.FORMAT_VERSION, stage,
                        repository, team, started.toString(), clock.instant().toString(), complete, names,
                        RotateReport.rotated(results), results));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the rotation report " + file + ": " + e.getMessage(), e);
            }
            return new RotateOutcome(results, file, complete, RotateReport.summary(stage, results),
                    RotateReport.lines(results), session.roundTrips());
        }
    }

    /** The hint for a refused rotation: the accounts that can be rotated on the stage. */
    private static String rotatable(EntityModel model, String stage) {
        List<String> names = model.serviceAccounts().stream().filter(a -> a.credentials() && a.deployedTo(stage))
                .map(ServiceAccount::name).sorted().toList();
        return names.isEmpty() ? "this repository has no service account with credentials on stage " + stage
                : "service accounts with credentials on stage " + stage + ": " + String.join(", ", names);
    }

    /**
     * A session on the stage's cluster, with the cluster's replication throttle, after its first call: the cluster's
     * id, refused when the platform definition pins another ({@link ClusterIdentity}). {@link ClusterSession#clusterId}
     * answers again from that call.
     */
    private ClusterSession open(StageRequest request, Stage st) throws ClusterException {
        Cluster cluster = cluster(st);
        ClusterSession session = sessions.open(cluster == null ? request.connection()
                : request.connection().withReplicationThrottle(cluster.replicationThrottle()), request.options());
        try {
            ClusterIdentity.verify(session, cluster, st, request.connection().bootstrapServers(), platform.source());
            // before the first read of the ownership topic, whichever step makes it (the debug-session sweep of a plan
            // comes before its state): otherwise that read starts at the beginning, without the stage's snapshot
            session.scope(ReadScope.of(platform, st));
            return session;
        } catch (ClusterException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private Cluster cluster(Stage st) {
        return platform.clusters().get(st.cluster());
    }

    private Stage stage(String name) {
        return platform.stage(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown stage '" + name + "': the platform definition has " + platform.stageNames()));
    }

    private static Plan readSaved(Path file, String stage, String repository) throws PlanRefusedException {
        Plan saved;
        try {
            saved = PlanFiles.read(file);
        } catch (IOException e) {
            throw new PlanRefusedException("Cannot use the plan file " + file + ": " + e.getMessage());
        }
        if (!saved.stage().equals(stage)) {
            throw new PlanRefusedException("The plan file " + file + " was made for stage " + saved.stage()
                    + ", not " + stage + ": plan with -Dkafka.stage=" + stage + " and deploy that plan");
        }
        if (!saved.repository().equals(repository)) {
            throw new PlanRefusedException("The plan file " + file + " was made for repository "
                    + saved.repository() + ", not " + repository + ": a plan applies only to the repository it was"
                    + " made for");
        }
        return saved;
    }

    /** The topics to describe: those named by the plan's input plus every topic this repository owns. */
    static Set<String> topicsOfInterest(List<String> named, Map<String, OwnershipRecord> owners, String repository) {
        Set<String> out = new HashSet<>(named);
        for (OwnershipRecord r : owners.values()) {
            if ("topic".equals(r.kind()) && repository.equals(r.repository())) out.add(r.name());
        }
        return out;
    }

    /** Topics other repositories own on the stage, by logical name, as policies know them. */
    static Map<String, KnownTopic> knownTopics(ClusterState state, String repository) {
        Map<String, KnownTopic> out = new TreeMap<>();
        for (OwnershipRecord r : state.ownership().values()) {
            if (!"topic".equals(r.kind()) || repository.equals(r.repository()) || r.logicalName() == null) continue;
            Visibility v;
            try {
                v = r.visibility() == null ? Visibility.PRIVATE : Visibility.parse(r.visibility());
            } catch (IllegalArgumentException e) {
                v = Visibility.PRIVATE;
            }
            out.put(r.logicalName(), new KnownTopic(r.logicalName(), r.team(), r.repository(), v, r.sharedWith()));
        }
        return out;
    }

    private static String abbreviate(String fingerprint) {
        return fingerprint == null ? "none" : fingerprint.substring(0, Math.min(12, fingerprint.length()));
    }
}
