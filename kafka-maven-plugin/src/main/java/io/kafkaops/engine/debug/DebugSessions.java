package io.kafkaops.engine.debug;

import io.kafkaops.engine.cluster.ClusterException;
import io.kafkaops.engine.desired.AclSpec;
import io.kafkaops.engine.ownership.Ownership;
import io.kafkaops.engine.ownership.OwnershipRecord;
import io.kafkaops.engine.plan.EntityKind;
import io.kafkaops.engine.state.ClusterState;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.EntityModel;
import io.kafkaops.model.Location;
import io.kafkaops.model.ServiceAccount;
import io.kafkaops.model.Units;
import io.kafkaops.model.platform.DebugSettings;
import io.kafkaops.model.platform.PlatformDefinition;
import io.kafkaops.model.platform.Stage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Starts, ends, lists and sweeps debug sessions over a {@link SessionCluster}. Who may start one is decided here,
 * before anything is created: an account this repository declares, deploys to the stage and owns on the stage's
 * cluster, with at least one ACL; a lifetime within the stage's maximum; a reason where the stage requires one.
 */
public final class DebugSessions {

    /** Rule id of the refusals. */
    public static final String RULE = "debugSession";

    private final SessionPlacements placements;
    private final Clock clock;

    public DebugSessions(SessionPlacements placements, Clock clock) {
        this.placements = Objects.requireNonNull(placements, "placements");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What a developer asks for.
     *
     * @param account   the service account's logical name
     * @param lifetime  how long the session lasts
     * @param reason    why; null or blank for none
     * @param placement {@code local} or {@code kubernetes}
     * @param startedBy who asks (CI user or {@code user.name})
     */
    public record StartRequest(PlatformDefinition platform, Stage stage, EntityModel model, String repository,
                               String team, String account, Duration lifetime, String reason, String placement,
                               String startedBy) {
    }

    /** A started session and what to tell the developer (never a secret). */
    public record Started(DebugSession session, String howToUse) {
    }

    /**
     * What a sweep found and did.
     *
     * @param open    the sessions of the stage still recorded afterwards, oldest first (expired ones among them when
     *                they could not be ended)
     * @param ended   the expired sessions it ended
     * @param notices what it could not do (for example no right to revoke a token with read-only credentials)
     * @param at      when it ran
     */
    public record Sweep(List<DebugSession> open, List<DebugSession> ended, List<String> notices, Instant at) {

        public Sweep {
            open = List.copyOf(open);
            ended = List.copyOf(ended);
            notices = List.copyOf(notices);
        }

        /** One line per open session, ended session and notice, for the plan and deploy output. */
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            for (DebugSession s : open) {
                lines.add((s.expiredAt(at) ? "Expired debug session (not ended yet) " : "Open debug session ")
                        + describe(s));
            }
            for (DebugSession s : ended) lines.add("Ended expired debug session " + s.id() + " (account "
                    + s.account() + ", expired " + s.expiry() + ")");
            lines.addAll(notices);
            return lines;
        }
    }

    /** One line about a session: id, account, principal, who, from where, when, why. Never a secret. */
    public static String describe(DebugSession s) {
        return s.id() + ": account " + s.account() + " (" + s.principal() + ") of " + s.repository() + ", started by "
                + s.startedBy() + " at " + s.start() + ", ends " + s.expiry() + ", " + s.placement()
                + (s.reason() == null ? "" : ", reason: " + s.reason());
    }

    /** The checks that need no cluster: stage settings, lifetime, reason, placement, the account's declaration. */
    public List<Diagnostic> check(StartRequest r) {
        List<Diagnostic> problems = new ArrayList<>();
        Stage st = r.stage();
        DebugSettings settings = st.debug();
        Location stageAt = st.location() != null ? st.location() : Location.ofFile("platform definition");
        if (!settings.sessionsAllowed()) {
            problems.add(Diagnostic.error(RULE, "stage " + st.name() + " allows no debug sessions (debug.maxLifetime:"
                    + " 0 in the platform definition)", stageAt, "ask the platform team, or debug on another stage"));
        } else if (r.lifetime() == null || r.lifetime().isZero() || r.lifetime().isNegative()) {
            problems.add(Diagnostic.error(RULE, "a debug session needs a positive lifetime", Location.ofFile(
                    "kafka.lifetime"), "use a duration such as 30m or 1h"));
        } else if (r.lifetime().compareTo(settings.maxLifetime()) > 0) {
            problems.add(Diagnostic.error(RULE, "lifetime " + Units.formatDurationMs(r.lifetime().toMillis())
                    + " is longer than stage " + st.name() + " allows (debug.maxLifetime: "
                    + Units.formatDurationMs(settings.maxLifetime().toMillis()) + ")", Location.ofFile("kafka.lifetime"),
                    "use -Dkafka.lifetime=" + Units.formatDurationMs(settings.maxLifetime().toMillis()) + " or less"));
        }
        if (settings.sessionsAllowed() && settings.requireReason() && (r.reason() == null || r.reason().isBlank())) {
            problems.add(Diagnostic.error(RULE, "stage " + st.name() + " requires a reason for a debug session",
                    Location.ofFile("kafka.reason"), "say why with -Dkafka.reason=\"...\" (it is recorded with the"
                            + " session)"));
        }
        if (placements.get(r.placement()).isEmpty()) {
            problems.add(Diagnostic.error(RULE, "unknown placement '" + r.placement() + "'",
                    Location.ofFile("kafka.debug.placement"), "use one of: " + String.join(", ", placements.kinds())));
        }
        Optional<ServiceAccount> sa = account(r.model(), r.account());
        if (r.account() == null || r.account().isBlank()) {
            problems.add(Diagnostic.error(RULE, "name the service account to debug as", Location.ofFile(
                    "kafka.account"), declared(r)));
        } else if (sa.isEmpty()) {
            problems.add(Diagnostic.error(RULE, "service account '" + r.account() + "' is not declared in this"
                    + " repository; a session uses only the repository's own accounts", Location.ofFile(
                    "kafka.account"), declared(r)));
        } else if (!r.platform().deploys(sa.get().deployTo(), st.name())) {
            problems.add(Diagnostic.error(RULE, "service account '" + r.account() + "' is not deployed to stage "
                    + st.name() + " (deployTo: " + sa.get().deployTo() + ")", sa.get().origin().location(),
                    declared(r)));
        }
        return problems;
    }

    /**
     * The checks on the cluster: the ownership records show the account as this repository's, and it has ACLs.
     */
    public static List<Diagnostic> checkOnCluster(StartRequest r, ClusterState state) {
        List<Diagnostic> problems = new ArrayList<>();
        ServiceAccount sa = account(r.model(), r.account()).orElseThrow();
        Location at = sa.origin().location();
        String physical = r.stage().physicalName(sa.name());
        String stage = r.stage().name();
        OwnershipRecord rec = state.ownership().get(Ownership.key(EntityKind.SERVICE_ACCOUNT, physical));
        if (rec != null && !r.repository().equals(rec.repository())) {
            problems.add(Diagnostic.error(RULE, "service account " + physical + " on stage " + stage + " is owned by "
                    + rec.repository() + (rec.team() == null ? "" : " (team " + rec.team() + ")")
                    + "; a session uses only accounts this repository owns", at, null));
            return problems;
        }
        if (rec == null || rec.claimOnly() && !state.scramUsers().containsKey(physical)) {
            problems.add(Diagnostic.error(RULE, "service account " + physical + " has not been deployed to stage "
                    + stage + " by this repository (no ownership record on the cluster)", at,
                    "run kafka:deploy -Dkafka.stage=" + stage + " first"));
            return problems;
        }
        String principal = principal(r.stage(), sa.name());
        boolean hasAcls = state.acls().stream().map(AclSpec::principal).anyMatch(principal::equals);
        if (!hasAcls) {
            problems.add(Diagnostic.error(RULE, "service account " + physical + " has no ACLs on stage " + stage
                    + ", so a session could do nothing", at, "grant it access (kafka:grant) and deploy first"));
        }
        return problems;
    }

    /** The principal of a logical account on a stage. */
    public static String principal(Stage stage, String account) {
        return "User:" + stage.physicalName(account);
    }

    /**
     * Starts a session after {@link #check} and {@link #checkOnCluster} found nothing: issues the credential,
     * records the session, places the client settings and records where. When placing fails, the credential is
     * revoked and the record ended again.
     */
    public Started start(SessionCluster cluster, StartRequest r) throws ClusterException {
        String principal = principal(r.stage(), r.account());
        SessionPlacement placement = placements.get(r.placement()).orElseThrow();
        String id = DebugSession.newId();
        IssuedCredential credential = cluster.issue(id, r.repository(), r.stage().name(), principal, r.lifetime());
        Instant now = clock.instant();
        String reason = r.reason() == null || r.reason().isBlank() ? null : r.reason().strip();
        DebugSession session = new DebugSession(id, r.stage().name(), r.repository(), r.team(),
                r.account(), principal, r.startedBy(), reason, now, credential.expiry(), credential.kind(),
                credential.id(), placement.kind(), Map.of());
        try {
            // recorded before anything is placed: a process killed from here on leaves a record the sweeper finds
            cluster.record(session);
            DebugSession placed = session.withPlacementDetails(placement.place(session, credential.clientSettings()));
            cluster.record(placed);
            return new Started(placed, placement.howToUse(placed));
        } catch (ClusterException | RuntimeException e) {
            undo(cluster, session, placement);
            throw e;
        }
    }

    private static void undo(SessionCluster cluster, DebugSession session, SessionPlacement placement) {
        try {
            placement.remove(session);
        } catch (RuntimeException ignored) {
            // the sweeper tries again once the session has expired
        }
        try {
            if (cluster.revoke(List.of(session)).isEmpty()) cluster.tombstone(session);
        } catch (ClusterException | RuntimeException ignored) {
            // the token still ends at its expiry; the record stays for the sweeper
        }
    }

    /**
     * Ends the sessions of a stage past their expiry, whoever started them: revokes their credentials, lets their
     * placements clean up, writes their tombstones. Never throws: what it cannot do becomes a notice.
     */
    public Sweep sweep(SessionCluster cluster, String stage) {
        List<DebugSession> all;
        try {
            all = cluster.sessions(stage);
        } catch (ClusterException | RuntimeException e) {
            return new Sweep(List.of(), List.of(), List.of("Could not read the debug sessions of stage " + stage + ": "
                    + e.getMessage()), clock.instant());
        }
        Instant now = clock.instant();
        List<DebugSession> expired = all.stream().filter(s -> s.expiredAt(now)).toList();
        List<DebugSession> open = new ArrayList<>(all.stream().filter(s -> !s.expiredAt(now)).toList());
        List<String> notices = new ArrayList<>();
        List<DebugSession> ended = end(cluster, expired, notices, true);
        for (DebugSession s : expired) {
            if (!ended.contains(s)) open.add(s);
        }
        open.sort(Comparator.comparing(DebugSession::start).thenComparing(DebugSession::id));
        if (placements.get(LocalPlacement.KIND).orElse(null) instanceof LocalPlacement local) {
            try {
                local.prune(stage, open.stream().map(DebugSession::id).collect(Collectors.toSet()));
            } catch (RuntimeException e) {
                notices.add(e.getMessage());
            }
        }
        return new Sweep(open, ended, notices, now);
    }

    /**
     * Ends this repository's open sessions on a stage early: one by id, or all of them.
     *
     * @return the sessions ended
     * @throws DebugRefusedException when the id names no open session of this repository
     */
    public List<DebugSession> endEarly(SessionCluster cluster, String stage, String repository, String idOrNull)
            throws ClusterException, DebugRefusedException {
        List<DebugSession> mine = cluster.sessions(stage).stream()
                .filter(s -> repository.equals(s.repository()))
                .filter(s -> idOrNull == null || idOrNull.equals(s.id()))
                .toList();
        if (idOrNull != null && mine.isEmpty()) {
            Diagnostic d = Diagnostic.error(RULE, "no open debug session " + idOrNull + " of this repository on stage "
                    + stage, Location.ofFile("kafka.session"), "kafka:debug-list -Dkafka.stage=" + stage
                    + " lists the open sessions");
            throw new DebugRefusedException("Cannot end debug session " + idOrNull + ":\n  " + d.format(), List.of(d));
        }
        List<String> notices = new ArrayList<>();
        List<DebugSession> ended = end(cluster, mine, notices, false);
        if (!notices.isEmpty()) {
            throw new ClusterException(String.join("\n", notices));
        }
        return ended;
    }

    /**
     * Revokes, removes what the placement made, tombstones. A session whose credential could not be revoked is kept
     * unless it has expired: past its expiry the cluster refuses the credential anyway, so revoking is only tidying.
     */
    private List<DebugSession> end(SessionCluster cluster, List<DebugSession> sessions, List<String> notices,
                                   boolean expired) {
        if (sessions.isEmpty()) return List.of();
        Map<String, String> failed;
        try {
            failed = cluster.revoke(sessions);
        } catch (ClusterException | RuntimeException e) {
            failed = new LinkedHashMap<>();
            for (DebugSession s : sessions) failed.put(s.id(), e.getMessage());
        }
        List<DebugSession> ended = new ArrayList<>();
        for (DebugSession s : sessions) {
            if (failed.containsKey(s.id())) {
                notices.add("Could not revoke the credential of debug session " + s.id() + ": " + failed.get(s.id()));
                if (!expired) continue;
            }
            Optional<SessionPlacement> placement = placements.get(s.placement());
            try {
                // no placement: a credential found without its record (a Confluent Cloud key), nothing placed is known
                if (placement.isPresent()) {
                    placement.get().remove(s);
                } else if (s.placement() != null) {
                    notices.add("Debug session " + s.id() + " was placed on " + s.placement() + ", which this build"
                            + " does not reach; what it created there ends by its own deadline");
                }
            } catch (RuntimeException e) {
                notices.add("Could not remove what debug session " + s.id() + " placed on " + s.placement() + ": "
                        + e.getMessage());
            }
            try {
                cluster.tombstone(s);
                ended.add(s);
            } catch (ClusterException | RuntimeException e) {
                notices.add("Could not write the end of debug session " + s.id() + " (its credential is revoked): "
                        + e.getMessage());
            }
        }
        return ended;
    }

    private static Optional<ServiceAccount> account(EntityModel model, String name) {
        if (name == null) return Optional.empty();
        return model.serviceAccounts().stream().filter(a -> a.name().equals(name.strip())).findFirst();
    }

    private static String declared(StartRequest r) {
        List<String> names = r.model().serviceAccounts().stream()
                .filter(a -> r.platform().deploys(a.deployTo(), r.stage().name()))
                .map(ServiceAccount::name).sorted().toList();
        return names.isEmpty() ? "this repository deploys no service account to stage " + r.stage().name()
                : "service accounts of this repository on stage " + r.stage().name() + ": " + String.join(", ", names);
    }
}
