package io.kafkaops.engine.debug;

import static io.kafkaops.engine.Fixtures.REPO;
import static io.kafkaops.engine.Fixtures.TEAM;
import static io.kafkaops.engine.Fixtures.account;
import static io.kafkaops.engine.Fixtures.model;
import static io.kafkaops.engine.Fixtures.produces;
import static io.kafkaops.engine.Fixtures.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaops.engine.Fixtures;
import io.kafkaops.engine.cluster.ClusterException;
import io.kafkaops.engine.desired.AclSpec;
import io.kafkaops.engine.ownership.Ownership;
import io.kafkaops.engine.ownership.OwnershipRecord;
import io.kafkaops.engine.plan.EntityKind;
import io.kafkaops.engine.state.ClusterState;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.EntityModel;
import io.kafkaops.model.platform.DebugSettings;
import io.kafkaops.model.platform.PlatformDefinition;
import io.kafkaops.model.platform.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebugSessionsTest {

    static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    static final PlatformDefinition PLATFORM = Fixtures.platform("b:1");

    @TempDir
    Path kafkaDir;

    final FakeSessionCluster cluster = new FakeSessionCluster(NOW);

    DebugSessions sessions(Instant now) {
        return new DebugSessions(SessionPlacements.local(kafkaDir), Clock.fixed(now, ZoneOffset.UTC));
    }

    static EntityModel billing() {
        return model(List.of(topic("billing.invoices.v1", 1, Map.of())),
                List.of(account("billing-api"), account("billing-idle"), account("billing-prod-only", true,
                        List.of("prod"))),
                List.of(produces("billing-api", "billing.invoices.v1")));
    }

    static Stage dev(DebugSettings settings) {
        return new Stage("dev", "nonprod", "dev.", true, null, settings);
    }

    static DebugSessions.StartRequest request(Stage stage, String account, Duration lifetime, String reason) {
        return new DebugSessions.StartRequest(PLATFORM, stage, billing(), REPO, TEAM, account, lifetime, reason,
                "local", "alice");
    }

    static List<String> messages(List<Diagnostic> problems) {
        return problems.stream().map(Diagnostic::format).toList();
    }

    /** The account owned by {@code owner}, with the ACLs given. */
    static ClusterState state(String owner, String principalWithAcl) {
        OwnershipRecord rec = new OwnershipRecord(owner, TEAM, "dev", "principal", "dev.billing-api", "billing-api",
                "h", NOW.toString(), null, null, false);
        List<AclSpec> acls = principalWithAcl == null ? List.of() : List.of(new AclSpec(principalWithAcl, "TOPIC",
                "dev.billing.invoices.v1", "LITERAL", "WRITE", "ALLOW", "*"));
        return new ClusterState(Map.of(), acls, Map.of("dev.billing-api", Set.of("SCRAM-SHA-512")),
                Map.of(Ownership.key(EntityKind.SERVICE_ACCOUNT, "dev.billing-api"), rec), true, List.of(1));
    }

    @Test
    void theStageSettingsLifetimeReasonAndAccountAreCheckedBeforeTheCluster() {
        DebugSessions d = sessions(NOW);
        assertThat(d.check(request(dev(DebugSettings.DEFAULT), "billing-api", Duration.ofHours(1), null))).isEmpty();
        assertThat(d.check(request(dev(DebugSettings.DEFAULT), "billing-api", Duration.ofHours(8), null))).isEmpty();

        assertThat(messages(d.check(request(dev(DebugSettings.DEFAULT), "billing-api", Duration.ofHours(9), null))))
                .containsExactly("kafka.lifetime: ERROR [debugSession] lifetime 9h is longer than stage dev allows"
                        + " (debug.maxLifetime: 8h) (use -Dkafka.lifetime=8h or less)");
        DebugSettings prod = new DebugSettings(Duration.ofMinutes(30), true);
        assertThat(messages(d.check(request(dev(prod), "billing-nobody", Duration.ofHours(1), " ")))).containsExactly(
                "kafka.lifetime: ERROR [debugSession] lifetime 1h is longer than stage dev allows (debug.maxLifetime:"
                        + " 30m) (use -Dkafka.lifetime=30m or less)",
                "kafka.reason: ERROR [debugSession] stage dev requires a reason for a debug session (say why with"
                        + " -Dkafka.reason=\"...\" (it is recorded with the session))",
                "kafka.account: ERROR [debugSession] service account 'billing-nobody' is not declared in this"
                        + " repository; a session uses only the repository's own accounts (service accounts of this"
                        + " repository on stage dev: billing-api, billing-idle)");
        assertThat(messages(d.check(request(dev(new DebugSettings(Duration.ZERO, false)), "billing-api",
                Duration.ofMinutes(1), null)))).singleElement().asString()
                .contains("stage dev allows no debug sessions (debug.maxLifetime: 0 in the platform definition)");
        assertThat(messages(d.check(request(dev(DebugSettings.DEFAULT), "billing-api", Duration.ZERO, null))))
                .singleElement().asString().contains("a debug session needs a positive lifetime");
        assertThat(messages(d.check(request(dev(DebugSettings.DEFAULT), "billing-prod-only", Duration.ofMinutes(5),
                null)))).singleElement().asString().contains("'billing-prod-only' is not deployed to stage dev");
        DebugSessions.StartRequest k8s = new DebugSessions.StartRequest(PLATFORM, dev(DebugSettings.DEFAULT),
                billing(), REPO, TEAM, "billing-api", Duration.ofMinutes(5), null, "kubernetes", "alice");
        assertThat(messages(d.check(k8s))).containsExactly("kafka.debug.placement: ERROR [debugSession] unknown"
                + " placement 'kubernetes' (use one of: local)");
    }

    @Test
    void onTheClusterTheAccountMustBeThisRepositorysAndHaveAcls() {
        DebugSessions.StartRequest r = request(dev(DebugSettings.DEFAULT), "billing-api", Duration.ofHours(1), null);
        assertThat(DebugSessions.checkOnCluster(r, state(REPO, "User:dev.billing-api"))).isEmpty();
        assertThat(messages(DebugSessions.checkOnCluster(r, state("com.example:payments", "User:dev.billing-api"))))
                .singleElement().asString().contains("service account dev.billing-api on stage dev is owned by"
                        + " com.example:payments (team billing); a session uses only accounts this repository owns");
        assertThat(messages(DebugSessions.checkOnCluster(r, state(REPO, "User:dev.billing-other")))).singleElement()
                .asString().contains("has no ACLs on stage dev");
        assertThat(messages(DebugSessions.checkOnCluster(r, ClusterState.empty()))).singleElement().asString()
                .contains("has not been deployed to stage dev by this repository");
    }

    @Test
    void startRecordsBeforePlacingAndNeverShowsTheSecret() throws Exception {
        DebugSessions.Started started = sessions(NOW).start(cluster, request(dev(DebugSettings.DEFAULT), "billing-api",
                Duration.ofMinutes(30), " INC-7 "));
        DebugSession s = started.session();
        assertThat(cluster.calls).containsExactly("issue User:dev.billing-api PT30M", "record " + s.id(),
                "record " + s.id());
        assertThat(s.expiry()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
        assertThat(s.reason()).isEqualTo("INC-7");
        assertThat(s.startedBy()).isEqualTo("alice");
        Path file = kafkaDir.resolve("dev/debug/" + s.id() + ".properties");
        assertThat(Files.readString(file)).contains(FakeSessionCluster.SECRET);
        assertThat(cluster.records.get(s.recordKey())).contains(file.toString()).doesNotContain(
                FakeSessionCluster.SECRET);
        assertThat(started.toString() + started.howToUse()).doesNotContain(FakeSessionCluster.SECRET)
                .contains(file.toString());
    }

    @Test
    void aSessionThatCannotBeRecordedIsUndone() {
        cluster.writeFailure = "no WRITE on the ownership topic";
        assertThatThrownBy(() -> sessions(NOW).start(cluster, request(dev(DebugSettings.DEFAULT), "billing-api",
                Duration.ofMinutes(30), null))).isInstanceOf(ClusterException.class);
        assertThat(cluster.liveTokens).isEmpty();
        assertThat(kafkaDir.resolve("dev/debug")).satisfiesAnyOf(
                dir -> assertThat(dir).doesNotExist(), dir -> assertThat(dir).isEmptyDirectory());
    }

    @Test
    void theSweepEndsExpiredSessionsOfEveryRepositoryAndListsTheOpenOnes() throws Exception {
        DebugSession shortOne = sessions(NOW).start(cluster, request(dev(DebugSettings.DEFAULT), "billing-api",
                Duration.ofMinutes(5), null)).session();
        DebugSession longOne = sessions(NOW.plusMillis(1)).start(cluster, request(dev(DebugSettings.DEFAULT),
                "billing-api", Duration.ofHours(2), "long")).session();
        Path shortFile = kafkaDir.resolve("dev/debug/" + shortOne.id() + ".properties");

        DebugSessions.Sweep early = sessions(NOW.plusSeconds(60)).sweep(cluster, "dev");
        assertThat(early.ended()).isEmpty();
        assertThat(early.open()).extracting(DebugSession::id).containsExactly(shortOne.id(), longOne.id());

        DebugSessions.Sweep later = sessions(NOW.plus(Duration.ofMinutes(5))).sweep(cluster, "dev");
        assertThat(later.ended()).extracting(DebugSession::id).containsExactly(shortOne.id());
        assertThat(later.open()).extracting(DebugSession::id).containsExactly(longOne.id());
        assertThat(later.lines()).containsExactly("Open debug session " + DebugSessions.describe(longOne),
                "Ended expired debug session " + shortOne.id() + " (account billing-api, expired "
                        + shortOne.expiry() + ")");
        assertThat(shortFile).doesNotExist();
        assertThat(cluster.liveTokens).containsExactly(longOne.credentialId());
        assertThat(cluster.records).containsOnlyKeys(longOne.recordKey());
        assertThat(sessions(NOW).sweep(cluster, "test").open()).isEmpty();
    }

    @Test
    void anExpiredSessionIsEndedEvenWhenItsTokenCannotBeRevokedButAnEarlyEndIsNot() throws Exception {
        DebugSession s = sessions(NOW).start(cluster, request(dev(DebugSettings.DEFAULT), "billing-api",
                Duration.ofMinutes(5), null)).session();
        cluster.revokeFailure = "denied";

        assertThatThrownBy(() -> sessions(NOW).endEarly(cluster, "dev", REPO, s.id()))
                .isInstanceOf(ClusterException.class).hasMessageContaining("Could not revoke the credential of debug"
                        + " session " + s.id() + ": denied");
        assertThat(cluster.records).containsKey(s.recordKey());

        DebugSessions.Sweep sweep = sessions(NOW.plus(Duration.ofMinutes(6))).sweep(cluster, "dev");
        assertThat(sweep.ended()).containsExactly(s);
        assertThat(sweep.notices()).containsExactly("Could not revoke the credential of debug session " + s.id()
                + ": denied");
        assertThat(cluster.records).isEmpty();
    }

    @Test
    void endEarlyEndsOnlyThisRepositorysSessions() throws Exception {
        DebugSession mine = sessions(NOW).start(cluster, request(dev(DebugSettings.DEFAULT), "billing-api",
                Duration.ofMinutes(5), null)).session();
        DebugSessions.StartRequest theirs = new DebugSessions.StartRequest(PLATFORM, dev(DebugSettings.DEFAULT),
                billing(), "com.example:other", TEAM, "billing-api", Duration.ofMinutes(5), null, "local", "bob");
        DebugSession other = sessions(NOW).start(cluster, theirs).session();

        assertThatThrownBy(() -> sessions(NOW).endEarly(cluster, "dev", REPO, other.id()))
                .isInstanceOf(DebugRefusedException.class)
                .hasMessageContaining("no open debug session " + other.id() + " of this repository on stage dev");
        assertThat(sessions(NOW).endEarly(cluster, "dev", REPO, null)).containsExactly(mine);
        assertThat(cluster.records).containsOnlyKeys(other.recordKey());
    }

    @Test
    void aPlacementThisBuildDoesNotReachIsNamedAndTheSessionStillEnds() throws Exception {
        DebugSession s = sessions(NOW).start(cluster, request(dev(DebugSettings.DEFAULT), "billing-api",
                Duration.ofMinutes(5), null)).session();
        DebugSession k8s = new DebugSession(DebugSession.newId(), "dev", REPO, TEAM, "billing-api",
                "User:dev.billing-api", "ci", null, NOW, NOW.plusSeconds(60), DebugSession.DELEGATION_TOKEN, "t9",
                "kubernetes", Map.of("namespace", "billing"));
        cluster.record(k8s);
        DebugSessions.Sweep sweep = sessions(NOW.plus(Duration.ofMinutes(10))).sweep(cluster, "dev");
        assertThat(sweep.ended()).containsExactlyInAnyOrder(s, k8s);
        assertThat(sweep.notices()).containsExactly("Debug session " + k8s.id() + " was placed on kubernetes, which"
                + " this build does not reach; what it created there ends by its own deadline");
    }
}
