package io.kafkaops.engine.plan;

import static io.kafkaops.engine.Fixtures.REPO;
import static io.kafkaops.engine.Fixtures.TEAM;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.engine.EngineOptions;
import io.kafkaops.engine.Fixtures;
import io.kafkaops.engine.desired.AclSpec;
import io.kafkaops.engine.desired.DesiredPrincipal;
import io.kafkaops.engine.desired.DesiredState;
import io.kafkaops.engine.desired.DesiredTopic;
import io.kafkaops.engine.desired.TopicSpec;
import io.kafkaops.engine.ownership.Ownership;
import io.kafkaops.engine.ownership.OwnershipRecord;
import io.kafkaops.engine.state.ClusterState;
import io.kafkaops.engine.state.CurrentTopic;
import io.kafkaops.model.AclEntry;
import io.kafkaops.model.AclOperation;
import io.kafkaops.model.AclPermission;
import io.kafkaops.model.AclResourceType;
import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.PatternType;
import io.kafkaops.model.Severity;
import io.kafkaops.model.Visibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PlannerTest {

    static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    static final String OTHER_REPO = "com.example:toll-service";

    // ------------------------------------------------------------------------------------------------ builders

    static DesiredTopic topic(String name, int partitions, int rf, Map<String, String> config) {
        return new DesiredTopic("test." + name, name, partitions, rf, config, false, Visibility.PRIVATE, List.of(),
                Fixtures.at(3));
    }

    static DesiredTopic topic(String name, int partitions, Map<String, String> config) {
        return topic(name, partitions, 1, config);
    }

    static DesiredPrincipal principal(String name, boolean credentials) {
        return new DesiredPrincipal("test." + name, name, "the " + name, credentials, Fixtures.at(10));
    }

    static AclEntry acl(String account, String topic, AclOperation op) {
        return new AclEntry("User:test." + account, AclResourceType.TOPIC, "test." + topic, PatternType.LITERAL, op,
                AclPermission.ALLOW, "*", Fixtures.at(20));
    }

    static DesiredState desired(List<DesiredTopic> topics, List<DesiredPrincipal> principals, List<AclEntry> acls) {
        return new DesiredState("test", "test.", REPO, TEAM, topics, principals, acls);
    }

    static OwnershipRecord owner(String kind, String name, String repository, String specHash) {
        return new OwnershipRecord(repository, repository.equals(REPO) ? TEAM : "toll", "test", kind, name,
                name.replaceFirst("^test\\.", ""), specHash, "2026-01-01T00:00:00Z", "private", List.of(), false);
    }

    static Plan plan(DesiredState d, ClusterState s) {
        return plan(d, s, EngineOptions.defaults(), true, null);
    }

    static Plan plan(DesiredState d, ClusterState s, EngineOptions o, boolean allowDeletes, Set<String> stored) {
        return Planner.plan(new Planner.Input(d, s, stored, "file creds.json", allowDeletes, o), NOW);
    }

    static ClusterState state(Map<String, CurrentTopic> topics, List<AclSpec> acls, Map<String, Set<String>> scram,
                              Map<String, OwnershipRecord> owners) {
        return new ClusterState(topics, acls, scram, owners, true, List.of(1, 2, 3));
    }

    /** The state a successful deploy of the plan leaves behind: what the executor does, without a cluster. */
    static ClusterState applied(Plan plan, ClusterState before) {
        Map<String, CurrentTopic> topics = new HashMap<>(before.topics());
        List<AclSpec> acls = new ArrayList<>(before.acls());
        Map<String, Set<String>> scram = new HashMap<>(before.scramUsers());
        Map<String, OwnershipRecord> owners = new HashMap<>(before.ownership());
        for (PlannedChange c : plan.actionable()) {
            if (c.action() == ChangeAction.DELETE) {
                switch (c.kind()) {
                    case TOPIC -> topics.remove(c.name());
                    case CREDENTIAL -> scram.remove(c.name());
                    case ACL -> acls.removeIf(a -> a.key().equals(c.name()));
                    default -> { }
                }
                if (c.kind() != EntityKind.CREDENTIAL) owners.remove(c.ownershipKey());
                continue;
            }
            switch (c.kind()) {
                case TOPIC -> topics.put(c.name(), CurrentTopic.of(c.name(), c.topic().partitions(),
                        c.topic().replicationFactor(), c.topic().config()));
                case CREDENTIAL -> scram.put(c.name(), Set.of("SCRAM-SHA-512"));
                case ACL -> {
                    if (acls.stream().noneMatch(a -> a.key().equals(c.name()))) acls.add(c.acl());
                }
                default -> { }
            }
            if (c.kind() != EntityKind.CREDENTIAL) {
                TopicSpec t = c.topic();
                owners.put(c.ownershipKey(), new OwnershipRecord(plan.repository(), plan.team(), plan.stage(),
                        Ownership.recordKind(c.kind()), c.name(), c.logicalName(), c.specHash(), NOW.toString(),
                        t == null ? null : t.visibility().yamlName(), t == null ? null : t.sharedWith(),
                        t != null && t.protectedTopic()));
            }
        }
        return new ClusterState(topics, acls, scram, owners, true, before.brokerIds());
    }

    static PlannedChange change(Plan p, EntityKind kind, String name) {
        return p.changes().stream().filter(c -> c.kind() == kind && c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + p.changes()));
    }

    static List<String> texts(PlannedChange c) {
        return c.changes().stream().map(FieldChange::text).toList();
    }

    static DesiredState billing() {
        return desired(List.of(topic("billing.invoices.v1", 6, Map.of("retention.ms", "604800000"))),
                List.of(principal("billing-service", true)),
                List.of(acl("billing-service", "billing.invoices.v1", AclOperation.WRITE),
                        acl("billing-service", "billing.invoices.v1", AclOperation.DESCRIBE)));
    }

    // ------------------------------------------------------------------------------------------------ actions

    @Test
    void emptyClusterCreatesEverythingInKindOrder() {
        Plan p = plan(billing(), ClusterState.empty());

        assertThat(p.changes()).extracting(PlannedChange::kind).containsExactly(EntityKind.SERVICE_ACCOUNT,
                EntityKind.CREDENTIAL, EntityKind.TOPIC, EntityKind.ACL, EntityKind.ACL);
        assertThat(p.changes()).allMatch(c -> c.action() == ChangeAction.CREATE);
        assertThat(p.summary().line("test")).isEqualTo("Plan for stage test: 5 to create, 0 to update, 0 to delete");
        assertThat(p.problems()).isEmpty();
        assertThat(p.hasChanges()).isTrue();
        assertThat(change(p, EntityKind.TOPIC, "test.billing.invoices.v1").topic().config())
                .containsEntry("retention.ms", "604800000");
        assertThat(change(p, EntityKind.CREDENTIAL, "test.billing-service").note())
                .isEqualTo("a new SCRAM-SHA-512 credential, stored in file creds.json");
    }

    @Test
    void aPlanWithNamesTheClusterWouldRefuseListsEveryOneAsAnError() {
        // issue 10 item 2: a prefix or name the broker refuses used to reach the cluster and half-deploy
        String longName = "billing." + "x".repeat(237);
        AclEntry badGroup = new AclEntry("User:test.billing-service", AclResourceType.GROUP, "test.billing-x\n - evil",
                PatternType.LITERAL, AclOperation.READ, AclPermission.ALLOW, "*", Fixtures.at(21));
        DesiredState d = desired(List.of(topic(longName, 1, Map.of()), topic("billing.ok.v1", 1, Map.of())),
                List.of(new DesiredPrincipal("test.bad billing-service", "bad billing-service", null, true,
                        Fixtures.at(11))),
                List.of(badGroup));

        Plan p = plan(d, ClusterState.empty());

        assertThat(p.hasErrors()).isTrue();
        assertThat(p.problems()).filteredOn(x -> x.ruleId().equals("kafkaNames")).extracting(Diagnostic::format)
                .containsExactlyInAnyOrder(
                        "stage test: ERROR [kafkaNames] service account 'test.bad billing-service' contains a space;"
                                + " a principal name has no whitespace; the cluster of stage test would refuse it"
                                + " (fix the name (mvn kafka:validate shows where it comes from) or the stage's prefix)",
                        "stage test: ERROR [kafkaNames] topic 'test." + longName + "' has 250 characters; Kafka"
                                + " allows at most 249; the cluster of stage test would refuse it (fix the name (mvn"
                                + " kafka:validate shows where it comes from) or the stage's prefix)",
                        "stage test: ERROR [kafkaNames] consumer group of ACL ALLOW User:test.billing-service READ on"
                                + " GROUP test.billing-x\\n - evil: 'test.billing-x\\n - evil' contains a newline,"
                                + " which no client configuration carries safely; the cluster of stage test would"
                                + " refuse it (fix the name (mvn kafka:validate shows where it comes from) or the"
                                + " stage's prefix)");
        assertThat(Planner.refusedNames("test", plan(billing(), ClusterState.empty()).changes())).isEmpty();
    }

    @Test
    void narrowingVisibilityThatTakesAwayAnotherRepositorysAccessIsRefusedWithTheList() {
        // issue 10 item 16: protected -> private used to leave the other team's READ ACL in place, unmentioned
        DesiredTopic shared = new DesiredTopic("test.billing.ledger.v1", "billing.ledger.v1", 1, 1, Map.of(), false,
                Visibility.PROTECTED, List.of("toll"), Fixtures.at(3));
        ClusterState before = applied(plan(desired(List.of(shared), List.of(), List.of()), ClusterState.empty()),
                ClusterState.empty());
        AclSpec read = new AclSpec("User:test.toll-reader", "TOPIC", "test.billing.ledger.v1", "LITERAL", "READ",
                "ALLOW", "*");
        AclSpec unmanaged = new AclSpec("User:test.someone", "TOPIC", "test.billing.ledger.v1", "LITERAL", "READ",
                "ALLOW", "*");
        List<AclSpec> acls = new ArrayList<>(before.acls());
        acls.add(read);
        acls.add(unmanaged);
        Map<String, OwnershipRecord> owners = new HashMap<>(before.ownership());
        owners.put("acl:" + read.key(), owner("acl", read.key(), OTHER_REPO, "h"));
        ClusterState withReader = state(before.topics(), acls, before.scramUsers(), owners);

        DesiredTopic privateNow = new DesiredTopic("test.billing.ledger.v1", "billing.ledger.v1", 1, 1, Map.of(),
                false, Visibility.PRIVATE, List.of(), Fixtures.at(3));
        Plan p = plan(desired(List.of(privateNow), List.of(), List.of()), withReader);

        assertThat(p.hasErrors()).isTrue();
        assertThat(p.problems()).extracting(Diagnostic::format).containsExactly(
                "src/main/kafka/billing.yaml:3:5: ERROR [visibilityNarrowed] topic test.billing.ledger.v1: visibility"
                        + " protected [toll] -> private takes away access other repositories have on stage test: "
                        + OTHER_REPO + " (team toll): ALLOW User:test.toll-reader READ on TOPIC test.billing.ledger.v1"
                        + " (ask those repositories to remove their grants of billing.ledger.v1 and deploy first, then"
                        + " plan again; or keep sharing the topic with them)");

        DesiredTopic otherTeam = new DesiredTopic("test.billing.ledger.v1", "billing.ledger.v1", 1, 1, Map.of(),
                false, Visibility.PROTECTED, List.of("fleet"), Fixtures.at(3));
        assertThat(plan(desired(List.of(otherTeam), List.of(), List.of()), withReader).problems())
                .extracting(Diagnostic::ruleId).containsExactly("visibilityNarrowed");
        DesiredTopic widened = new DesiredTopic("test.billing.ledger.v1", "billing.ledger.v1", 1, 1, Map.of(),
                false, Visibility.PUBLIC, List.of(), Fixtures.at(3));
        assertThat(plan(desired(List.of(widened), List.of(), List.of()), withReader).problems()).isEmpty();
        assertThat(plan(desired(List.of(shared), List.of(), List.of()), withReader).problems()).isEmpty();
    }

    @Test
    void aSecondPlanAfterApplyingIsUnchanged() {
        Plan first = plan(billing(), ClusterState.empty());
        ClusterState after = applied(first, ClusterState.empty());

        Plan second = plan(billing(), after, EngineOptions.defaults(), true, Set.of("test.billing-service"));

        assertThat(second.changes()).hasSize(5).allMatch(c -> c.action() == ChangeAction.UNCHANGED);
        assertThat(second.hasChanges()).isFalse();
        assertThat(second.summary().line("test")).isEqualTo("Plan for stage test: 0 to create, 0 to update, 0 to delete");
        assertThat(PlanRenderer.lines(second)).isEmpty();
    }

    @Test
    void updatesPartitionsConfigsAndRecordOnlyFields() {
        DesiredState d = desired(List.of(topic("billing.invoices.v1", 12,
                Map.of("retention.ms", "1209600000", "max.message.bytes", "2000000"))), List.of(), List.of());
        ClusterState before = applied(plan(desired(List.of(topic("billing.invoices.v1", 6,
                Map.of("retention.ms", "604800000", "min.insync.replicas", "1"))), List.of(), List.of()),
                ClusterState.empty()), ClusterState.empty());
        OwnershipRecord rec = before.ownership().get("topic:test.billing.invoices.v1");
        Map<String, OwnershipRecord> owners = new HashMap<>(before.ownership());
        owners.put("topic:test.billing.invoices.v1", new OwnershipRecord(rec.repository(), rec.team(), rec.stage(),
                rec.kind(), rec.name(), rec.logicalName(), rec.specHash(), rec.appliedAt(), "public", List.of(),
                false));
        before = state(before.topics(), before.acls(), before.scramUsers(), owners);

        PlannedChange c = change(plan(d, before), EntityKind.TOPIC, "test.billing.invoices.v1");

        assertThat(c.action()).isEqualTo(ChangeAction.UPDATE);
        assertThat(texts(c)).containsExactly(
                "partitions 6 -> 12",
                "max.message.bytes (default) -> 2000000",
                "min.insync.replicas 1 -> (default)",
                "retention.ms 1w -> 2w",
                "visibility public -> private");
        assertThat(c.recordOnly()).isFalse();
        assertThat(c.destructive()).isFalse();
        assertThat(c.changes()).filteredOn(f -> f.field().equals("config.min.insync.replicas"))
                .singleElement().satisfies(f -> assertThat(f.after()).isNull());
    }

    @Test
    void onlyRecordFieldsChangedIsARecordOnlyUpdate() {
        DesiredState d = desired(List.of(topic("billing.invoices.v1", 6, Map.of())), List.of(), List.of());
        ClusterState before = applied(plan(d, ClusterState.empty()), ClusterState.empty());
        DesiredTopic protectedTopic = new DesiredTopic("test.billing.invoices.v1", "billing.invoices.v1", 6, 1,
                Map.of(), true, Visibility.PROTECTED, List.of("toll"), Fixtures.at(3));

        PlannedChange c = change(plan(desired(List.of(protectedTopic), List.of(), List.of()), before),
                EntityKind.TOPIC, "test.billing.invoices.v1");

        assertThat(c.action()).isEqualTo(ChangeAction.UPDATE);
        assertThat(c.recordOnly()).isTrue();
        assertThat(texts(c)).containsExactly("visibility private -> protected", "sharedWith [] -> [toll]",
                "protected false -> true");
    }

    @Test
    void anotherRepositorysEntityIsAConflictNamingTheOwner() {
        ClusterState s = state(Map.of("test.billing.invoices.v1", CurrentTopic.of("test.billing.invoices.v1", 6, 1,
                        Map.of())), List.of(), Map.of(),
                Map.of("topic:test.billing.invoices.v1", owner("topic", "test.billing.invoices.v1", OTHER_REPO, "h")));

        Plan p = plan(billing(), s);

        PlannedChange c = change(p, EntityKind.TOPIC, "test.billing.invoices.v1");
        assertThat(c.action()).isEqualTo(ChangeAction.CONFLICT);
        assertThat(c.ownerRepository()).isEqualTo(OTHER_REPO);
        assertThat(c.ownerTeam()).isEqualTo("toll");
        assertThat(p.hasErrors()).isTrue();
        assertThat(p.problems()).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.ERROR);
            assertThat(d.ruleId()).isEqualTo("ownershipConflict");
            assertThat(d.message()).contains(OTHER_REPO).contains("team toll");
            assertThat(d.location().toString()).isEqualTo("src/main/kafka/billing.yaml:3:5");
        });
        assertThat(p.summary().line("test")).endsWith(", 1 conflict");
        assertThat(PlanRenderer.lines(p)).anySatisfy(l -> {
            assertThat(l.marker()).isEqualTo('!');
            assertThat(l.text()).contains("owned by " + OTHER_REPO + " (team toll)");
        });
    }

    @Test
    void anUnmanagedTopicIsReportedAndLeftAloneUnlessAdopting() {
        ClusterState s = state(Map.of("test.billing.invoices.v1", CurrentTopic.of("test.billing.invoices.v1", 3, 1,
                Map.of("retention.ms", "604800000"))), List.of(), Map.of(), Map.of());
        DesiredState d = desired(List.of(topic("billing.invoices.v1", 6, Map.of("retention.ms", "604800000"))),
                List.of(), List.of());

        Plan p = plan(d, s);
        PlannedChange c = change(p, EntityKind.TOPIC, "test.billing.invoices.v1");
        assertThat(c.action()).isEqualTo(ChangeAction.UNMANAGED);
        assertThat(c.changes()).isEmpty();
        assertThat(p.actionable()).isEmpty();
        assertThat(p.problems()).singleElement().satisfies(diag -> {
            assertThat(diag.severity()).isEqualTo(Severity.WARN);
            assertThat(diag.hint()).contains("-Dkafka.adopt=true");
        });
        assertThat(PlanRenderer.lines(p)).singleElement().satisfies(l -> assertThat(l.marker()).isEqualTo('?'));

        // an adoption run takes over only what matches the files: 3 partitions here, 6 in the files
        Plan refused = plan(d, s, new EngineOptions(true, false, null), true, null);
        PlannedChange r = change(refused, EntityKind.TOPIC, "test.billing.invoices.v1");
        assertThat(r.action()).isEqualTo(ChangeAction.UNMANAGED);
        assertThat(r.note()).contains("partitions 3 -> 6");
        assertThat(refused.actionable()).isEmpty();
        assertThat(refused.problems()).singleElement().satisfies(diag -> {
            assertThat(diag.severity()).isEqualTo(Severity.WARN);
            assertThat(diag.ruleId()).isEqualTo("adoptionRefused");
            assertThat(diag.message()).isEqualTo("topic test.billing.invoices.v1 is not adopted: it differs from the"
                    + " files (partitions 3 -> 6)");
        });
        assertThat(PlanRenderer.lines(refused)).singleElement().satisfies(l -> assertThat(l.text())
                .contains("differs from the files (partitions 3 -> 6)"));

        DesiredState matching = desired(List.of(topic("billing.invoices.v1", 3, Map.of("retention.ms", "604800000"))),
                List.of(), List.of());
        Plan adopting = plan(matching, s, new EngineOptions(true, false, null), true, null);
        PlannedChange a = change(adopting, EntityKind.TOPIC, "test.billing.invoices.v1");
        assertThat(a.action()).isEqualTo(ChangeAction.ADOPT);
        assertThat(a.changes()).isEmpty();
        assertThat(a.recordOnly()).isTrue();
        assertThat(adopting.problems()).isEmpty();
        assertThat(adopting.summary().line("test")).isEqualTo("Plan for stage test: 0 to create, 0 to update, 0 to"
                + " delete, 1 to adopt");
    }

    @Test
    void anAdoptionRunAdoptsOnlyAndLeavesEveryOtherChangeForALaterDeploy() {
        // owned and changed, owned and no longer declared, absent, unmanaged and matching, unmanaged and different
        ClusterState owned = applied(plan(desired(List.of(topic("billing.owned.v1", 3, Map.of()),
                topic("billing.gone.v1", 3, Map.of())), List.of(), List.of()), ClusterState.empty()),
                ClusterState.empty());
        Map<String, CurrentTopic> topics = new java.util.HashMap<>(owned.topics());
        topics.put("test.billing.same.v1", CurrentTopic.of("test.billing.same.v1", 2, 1, Map.of("retention.ms", "1")));
        topics.put("test.billing.other.v1", CurrentTopic.of("test.billing.other.v1", 2, 1, Map.of()));
        ClusterState s = state(topics, owned.acls(), owned.scramUsers(), owned.ownership());
        DesiredState d = desired(List.of(topic("billing.owned.v1", 6, Map.of()),
                topic("billing.new.v1", 3, Map.of()), topic("billing.same.v1", 2, Map.of("retention.ms", "1")),
                topic("billing.other.v1", 2, Map.of("retention.ms", "1"))), List.of(), List.of());

        Plan p = plan(d, s, new EngineOptions(true, false, null), true, null);

        assertThat(p.actionable()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo(ChangeAction.ADOPT);
            assertThat(c.name()).isEqualTo("test.billing.same.v1");
        });
        assertThat(change(p, EntityKind.TOPIC, "test.billing.other.v1").action()).isEqualTo(ChangeAction.UNMANAGED);
        for (String kept : List.of("test.billing.owned.v1", "test.billing.gone.v1", "test.billing.new.v1")) {
            assertThat(change(p, EntityKind.TOPIC, kept).action()).as(kept).isEqualTo(ChangeAction.KEPT);
        }
        assertThat(change(p, EntityKind.TOPIC, "test.billing.new.v1").note()).startsWith("not created in an"
                + " adoption run");
        assertThat(p.summary().line("test")).isEqualTo("Plan for stage test: 0 to create, 0 to update, 0 to delete,"
                + " 1 to adopt, 1 unmanaged, 3 kept");
        assertThat(p.problems()).extracting(Diagnostic::ruleId).containsExactlyInAnyOrder("adoptionOnly",
                "adoptionRefused");
        assertThat(p.hasErrors()).isFalse();
    }

    @Test
    void anExistingUnmanagedAclIsInfoOnly() {
        AclEntry e = acl("billing-service", "billing.invoices.v1", AclOperation.WRITE);
        ClusterState s = state(Map.of(), List.of(AclSpec.of(e)), Map.of(), Map.of());

        Plan p = plan(desired(List.of(), List.of(), List.of(e)), s);

        assertThat(p.changes()).singleElement().satisfies(c -> assertThat(c.action()).isEqualTo(ChangeAction.UNMANAGED));
        assertThat(p.problems()).singleElement().satisfies(d -> assertThat(d.severity()).isEqualTo(Severity.INFO));
        assertThat(p.hasErrors()).isFalse();

        Plan adopting = plan(desired(List.of(), List.of(), List.of(e)), s, new EngineOptions(true, false, null), true,
                null);
        assertThat(adopting.changes()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo(ChangeAction.ADOPT);
            assertThat(c.recordOnly()).isTrue();
        });
    }

    @Nested
    class Deletes {

        final ClusterState owned = applied(plan(billing(), ClusterState.empty()), ClusterState.empty());
        final DesiredState nothing = desired(List.of(), List.of(), List.of());

        @Test
        void ownedEntitiesNoLongerDeclaredAreDeletedWhenTheStageAllowsIt() {
            Plan p = plan(nothing, owned, EngineOptions.defaults(), true, null);

            assertThat(p.changes()).extracting(c -> c.kind() + " " + c.action()).containsExactly(
                    "SERVICE_ACCOUNT DELETE", "CREDENTIAL DELETE", "TOPIC DELETE", "ACL DELETE", "ACL DELETE");
            assertThat(change(p, EntityKind.TOPIC, "test.billing.invoices.v1").destructive()).isTrue();
            assertThat(p.summary().line("test")).isEqualTo("Plan for stage test: 0 to create, 0 to update, 5 to delete");
            assertThat(p.hasErrors()).isFalse();
        }

        @Test
        void withoutDeletesTopicsAndAccountsAreKeptButAclsStillGo() {
            Plan p = plan(nothing, owned, EngineOptions.defaults(), false, null);

            assertThat(p.changes()).extracting(c -> c.kind() + " " + c.action()).containsExactly(
                    "SERVICE_ACCOUNT KEPT", "TOPIC KEPT", "ACL DELETE", "ACL DELETE");
            assertThat(p.problems()).extracting(Diagnostic::severity).containsOnly(Severity.INFO);
            assertThat(p.problems()).extracting(Diagnostic::message)
                    .anySatisfy(m -> assertThat(m).contains("does not allow deletes"));
            assertThat(p.summary().line("test")).isEqualTo(
                    "Plan for stage test: 0 to create, 0 to update, 2 to delete, 2 kept");
        }

        @Test
        void aProtectedTopicIsNeverDeleted() {
            DesiredTopic t = new DesiredTopic("test.billing.invoices.v1", "billing.invoices.v1", 6, 1, Map.of(), true,
                    Visibility.PRIVATE, List.of(), Fixtures.at(3));
            ClusterState s = applied(plan(desired(List.of(t), List.of(), List.of()), ClusterState.empty()),
                    ClusterState.empty());

            Plan p = plan(nothing, s, EngineOptions.defaults(), true, null);

            assertThat(p.changes()).singleElement().satisfies(c -> {
                assertThat(c.action()).isEqualTo(ChangeAction.KEPT);
                assertThat(c.note()).contains("protected");
            });
        }

        @Test
        void anOwnedTopicAlreadyGoneOnlyLosesItsRecord() {
            Map<String, CurrentTopic> none = Map.of();
            ClusterState s = state(none, owned.acls(), owned.scramUsers(), owned.ownership());

            PlannedChange c = change(plan(nothing, s, EngineOptions.defaults(), false, null), EntityKind.TOPIC,
                    "test.billing.invoices.v1");

            assertThat(c.action()).isEqualTo(ChangeAction.DELETE);
            assertThat(c.recordOnly()).isTrue();
        }

        @Test
        void otherRepositoriesEntitiesAreNeverDeleted() {
            Map<String, OwnershipRecord> others = new LinkedHashMap<>();
            owned.ownership().forEach((k, r) -> others.put(k, new OwnershipRecord(OTHER_REPO, "toll", r.stage(),
                    r.kind(), r.name(), r.logicalName(), r.specHash(), r.appliedAt(), r.visibility(), r.sharedWith(),
                    false)));
            ClusterState s = state(owned.topics(), owned.acls(), owned.scramUsers(), others);

            assertThat(plan(nothing, s, EngineOptions.defaults(), true, null).changes()).isEmpty();
        }
    }

    @Nested
    class Safety {

        ClusterState current(int partitions, int rf, Map<String, String> configs, Map<String, String> effective,
                             Map<String, String> defaults) {
            DesiredState d = desired(List.of(topic("billing.invoices.v1", partitions, rf, configs)), List.of(),
                    List.of());
            ClusterState s = applied(plan(d, ClusterState.empty()), ClusterState.empty());
            CurrentTopic t = new CurrentTopic("test.billing.invoices.v1", partitions, rf, configs, effective,
                    defaults, List.of());
            return state(Map.of(t.name(), t), s.acls(), s.scramUsers(), s.ownership());
        }

        Plan change(ClusterState s, int partitions, int rf, Map<String, String> configs, boolean allowDestructive) {
            return plan(desired(List.of(topic("billing.invoices.v1", partitions, rf, configs)), List.of(), List.of()),
                    s, new EngineOptions(false, allowDestructive, null), true, null);
        }

        @Test
        void partitionsNeverShrinkEvenWithOptIn() {
            ClusterState s = current(12, 1, Map.of(), Map.of(), Map.of());

            for (boolean optIn : new boolean[] {false, true}) {
                Plan p = change(s, 6, 1, Map.of(), optIn);
                assertThat(p.hasErrors()).isTrue();
                assertThat(p.problems()).singleElement().satisfies(d -> {
                    assertThat(d.ruleId()).isEqualTo("partitionDecrease");
                    assertThat(d.message()).contains("12 partitions").contains("cannot reduce them to 6");
                });
            }
        }

        @Test
        void replicationFactorChangesNeedTheOptIn() {
            ClusterState s = current(6, 1, Map.of(), Map.of(), Map.of());

            Plan refused = change(s, 6, 3, Map.of(), false);
            assertThat(refused.problems()).singleElement().satisfies(d -> {
                assertThat(d.severity()).isEqualTo(Severity.ERROR);
                assertThat(d.ruleId()).isEqualTo("destructiveChange");
                assertThat(d.message()).contains("replication factor 1 -> 3");
                assertThat(d.hint()).contains("-Dkafka.allowDestructive=true");
            });

            Plan allowed = change(s, 6, 3, Map.of(), true);
            assertThat(allowed.hasErrors()).isFalse();
            assertThat(allowed.problems()).singleElement()
                    .satisfies(d -> assertThat(d.severity()).isEqualTo(Severity.WARN));
            PlannedChange c = PlannerTest.change(allowed, EntityKind.TOPIC, "test.billing.invoices.v1");
            assertThat(c.destructive()).isTrue();
            assertThat(PlanRenderer.lines(allowed)).extracting(PlanLine::text)
                    .contains("replication factor 1 -> 3  [destructive]");
        }

        @Test
        void aPartitionWithAnotherReplicationFactorIsAChangeEvenWhenTheFirstMatches() {
            ClusterState uniform = current(3, 2, Map.of(), Map.of(), Map.of());
            CurrentTopic mixed = new CurrentTopic("test.billing.invoices.v1", 3, 2, Map.of(), Map.of(), Map.of(),
                    List.of(List.of(1, 2), List.of(2), List.of(3, 1)));
            ClusterState s = state(Map.of(mixed.name(), mixed), uniform.acls(), uniform.scramUsers(),
                    uniform.ownership());

            Plan p = change(s, 3, 2, Map.of(), true);

            PlannedChange c = PlannerTest.change(p, EntityKind.TOPIC, "test.billing.invoices.v1");
            assertThat(c.action()).isEqualTo(ChangeAction.UPDATE);
            assertThat(c.changes()).singleElement().satisfies(f -> {
                assertThat(f.field()).isEqualTo(FieldChange.REPLICATION_FACTOR);
                assertThat(f.before()).isEqualTo("1..2");
                assertThat(f.after()).isEqualTo("2");
                assertThat(f.text()).isEqualTo("replication factor 1..2 -> 2");
            });
            assertThat(change(s, 3, 2, Map.of(), false).problems()).singleElement()
                    .satisfies(d -> assertThat(d.ruleId()).isEqualTo("destructiveChange"));
            assertThat(change(s, 3, 1, Map.of(), true).problems()).singleElement()
                    .satisfies(d -> assertThat(d.message()).contains("1..2 -> 1").contains("fewer copies of some"));

            CurrentTopic even = new CurrentTopic("test.billing.invoices.v1", 3, 2, Map.of(), Map.of(), Map.of(),
                    List.of(List.of(1, 2), List.of(2, 3), List.of(3, 1)));
            assertThat(change(state(Map.of(even.name(), even), uniform.acls(), uniform.scramUsers(),
                    uniform.ownership()), 3, 2, Map.of(), false).changes())
                    .allSatisfy(u -> assertThat(u.action()).isEqualTo(ChangeAction.UNCHANGED));
        }

        @Test
        void moreReplicasThanBrokersIsAnError() {
            ClusterState s = new ClusterState(Map.of(), List.of(), Map.of(), Map.of(), true, List.of(1));

            Plan p = plan(desired(List.of(topic("billing.invoices.v1", 3, 3, Map.of())), List.of(), List.of()), s);

            assertThat(p.problems()).singleElement().satisfies(d -> {
                assertThat(d.ruleId()).isEqualTo("replicationFactorTooHigh");
                assertThat(d.message()).contains("has 1 broker");
            });
        }

        @Test
        void shorterRetentionNeedsTheOptInLongerDoesNot() {
            ClusterState s = current(6, 1, Map.of("retention.ms", "1209600000"), Map.of("retention.ms", "1209600000"),
                    Map.of("retention.ms", "604800000"));

            Plan shorter = change(s, 6, 1, Map.of("retention.ms", "86400000"), false);
            assertThat(shorter.problems()).singleElement().satisfies(d -> {
                assertThat(d.ruleId()).isEqualTo("destructiveChange");
                assertThat(d.message()).contains("retention.ms 2w -> 1d").contains("shorter retention");
            });

            assertThat(change(s, 6, 1, Map.of("retention.ms", "2592000000"), false).problems()).isEmpty();

            Plan reset = change(s, 6, 1, Map.of(), false);
            assertThat(texts(PlannerTest.change(reset, EntityKind.TOPIC, "test.billing.invoices.v1")))
                    .containsExactly("retention.ms 2w -> (default 1w)");
            assertThat(reset.hasErrors()).isTrue();
        }

        @Test
        void infiniteRetentionToFiniteIsShorter() {
            ClusterState s = current(6, 1, Map.of("retention.bytes", "-1"), Map.of("retention.bytes", "-1"), Map.of());

            Plan p = change(s, 6, 1, Map.of("retention.bytes", "1073741824"), false);

            assertThat(p.problems()).singleElement().satisfies(d -> assertThat(d.message())
                    .contains("retention.bytes -1 -> 1073741824"));
        }

        @Test
        void settingRetentionForTheFirstTimeIsJudgedAgainstTheEffectiveValue() {
            ClusterState s = current(6, 1, Map.of(), Map.of("retention.ms", "604800000"),
                    Map.of("retention.ms", "604800000"));

            Plan longer = change(s, 6, 1, Map.of("retention.ms", "1209600000"), false);
            assertThat(longer.problems()).isEmpty();
            assertThat(texts(PlannerTest.change(longer, EntityKind.TOPIC, "test.billing.invoices.v1")))
                    .containsExactly("retention.ms (default 1w) -> 2w");

            assertThat(change(s, 6, 1, Map.of("retention.ms", "3600000"), false).hasErrors()).isTrue();
        }

        @Test
        void aChangedCleanupPolicyNeedsTheOptIn() {
            ClusterState s = current(6, 1, Map.of("cleanup.policy", "delete"), Map.of("cleanup.policy", "delete"),
                    Map.of("cleanup.policy", "delete"));

            assertThat(change(s, 6, 1, Map.of("cleanup.policy", "compact"), false).hasErrors()).isTrue();
            assertThat(change(s, 6, 1, Map.of("cleanup.policy", "compact"), true).hasErrors()).isFalse();
            // the same set of policies written differently loses nothing
            ClusterState both = current(6, 1, Map.of("cleanup.policy", "compact,delete"),
                    Map.of("cleanup.policy", "compact,delete"), Map.of("cleanup.policy", "delete"));
            assertThat(change(both, 6, 1, Map.of("cleanup.policy", "delete,compact"), false).problems()).isEmpty();
        }
    }

    @Nested
    class Credentials {

        final ClusterState deployed = applied(plan(billing(), ClusterState.empty()), ClusterState.empty());

        @Test
        void aScramUserGoneFromTheClusterIsCreatedAgain() {
            ClusterState s = state(deployed.topics(), deployed.acls(), Map.of(), deployed.ownership());

            PlannedChange c = change(plan(billing(), s), EntityKind.CREDENTIAL, "test.billing-service");

            assertThat(c.action()).isEqualTo(ChangeAction.CREATE);
            assertThat(texts(c)).containsExactly("credential missing: no SCRAM user on the cluster");
        }

        @Test
        void aCredentialMissingFromTheStoreIsReplacedOnlyWhenAStoreIsKnown() {
            Plan withStore = plan(billing(), deployed, EngineOptions.defaults(), true, Set.of());
            PlannedChange c = change(withStore, EntityKind.CREDENTIAL, "test.billing-service");
            assertThat(c.action()).isEqualTo(ChangeAction.UPDATE);
            assertThat(texts(c)).singleElement().asString().startsWith("credential missing from file creds.json");

            Plan noStore = plan(billing(), deployed, EngineOptions.defaults(), true, null);
            assertThat(change(noStore, EntityKind.CREDENTIAL, "test.billing-service").action())
                    .isEqualTo(ChangeAction.UNCHANGED);
        }

        @Test
        void switchingCredentialsOffDeletesTheScramUser() {
            DesiredState d = desired(billing().topics(), List.of(principal("billing-service", false)), billing().acls());

            Plan p = plan(d, deployed);

            assertThat(change(p, EntityKind.SERVICE_ACCOUNT, "test.billing-service").action())
                    .isEqualTo(ChangeAction.UPDATE);
            assertThat(change(p, EntityKind.CREDENTIAL, "test.billing-service").action())
                    .isEqualTo(ChangeAction.DELETE);
            Plan issuedByThisRepository = plan(d, deployed, EngineOptions.defaults(), true,
                    Set.of("test.billing-service"));
            assertThat(change(issuedByThisRepository, EntityKind.CREDENTIAL, "test.billing-service").action())
                    .isEqualTo(ChangeAction.DELETE);
        }

        @Test
        void anAdoptionRunLeavesThePasswordAndTheNextDeployReplacesItWhenCredentialsAreOn() {
            // imported with -Dkafka.import.credentials=true: the password in use cannot be read into the store
            DesiredState d = desired(List.of(), List.of(principal("billing-service", true)), List.of());
            ClusterState unmanaged = state(Map.of(), List.of(), Map.of("test.billing-service", Set.of("SCRAM-SHA-512")),
                    Map.of());

            Plan adoption = plan(d, unmanaged, new EngineOptions(true, false, null), true, Set.of());

            assertThat(change(adoption, EntityKind.SERVICE_ACCOUNT, "test.billing-service").action())
                    .isEqualTo(ChangeAction.ADOPT);
            PlannedChange credential = change(adoption, EntityKind.CREDENTIAL, "test.billing-service");
            assertThat(credential.action()).isEqualTo(ChangeAction.KEPT);
            assertThat(credential.note()).startsWith("not updated in an adoption run");
            assertThat(adoption.problems()).extracting(Diagnostic::ruleId).containsExactly("adoptionOnly");

            Plan next = plan(d, applied(adoption, unmanaged), EngineOptions.defaults(), true, Set.of());
            assertThat(change(next, EntityKind.CREDENTIAL, "test.billing-service").action())
                    .isEqualTo(ChangeAction.UPDATE);
            assertThat(next.problems()).extracting(Diagnostic::ruleId).containsExactly("credentialReplaced");
        }

        @Test
        void aCredentialTheStoreNeverHeldIsNotDeletedForAnAccountWithCredentialsOff() {
            // an account adopted with credentials: false: its password was set before the repository managed it
            DesiredState d = desired(List.of(), List.of(principal("billing-service", false)), List.of());
            ClusterState unmanaged = state(Map.of(), List.of(), Map.of("test.billing-service", Set.of("SCRAM-SHA-512")),
                    Map.of());
            ClusterState adopted = applied(plan(d, unmanaged, new EngineOptions(true, false, null), true, Set.of()),
                    unmanaged);

            Plan next = plan(d, adopted, EngineOptions.defaults(), true, Set.of());

            assertThat(next.changes()).extracting(PlannedChange::action).containsOnly(ChangeAction.UNCHANGED);
            assertThat(next.hasChanges()).isFalse();
        }
    }

    @Test
    void aClaimLeftByAnInterruptedDeployIsCompleted() {
        Plan first = plan(billing(), ClusterState.empty());
        Map<String, OwnershipRecord> claims = new HashMap<>();
        for (PlannedChange c : first.changes()) {
            if (c.kind() != EntityKind.CREDENTIAL) {
                claims.put(c.ownershipKey(), owner(Ownership.recordKind(c.kind()), c.name(), REPO, null));
            }
        }
        // the deploy stopped after the claims were written and the topic was created
        ClusterState half = state(Map.of("test.billing.invoices.v1", CurrentTopic.of("test.billing.invoices.v1", 6, 1,
                Map.of("retention.ms", "604800000"))), List.of(), Map.of(), claims);

        Plan p = plan(billing(), half);

        assertThat(p.problems()).isEmpty();
        assertThat(change(p, EntityKind.TOPIC, "test.billing.invoices.v1").action()).isEqualTo(ChangeAction.UPDATE);
        assertThat(texts(change(p, EntityKind.TOPIC, "test.billing.invoices.v1")))
                .singleElement().asString().startsWith("ownership record incomplete");
        assertThat(change(p, EntityKind.SERVICE_ACCOUNT, "test.billing-service").action())
                .isEqualTo(ChangeAction.UPDATE);
        assertThat(change(p, EntityKind.CREDENTIAL, "test.billing-service").action()).isEqualTo(ChangeAction.CREATE);
        assertThat(p.changes()).filteredOn(c -> c.kind() == EntityKind.ACL)
                .allMatch(c -> c.action() == ChangeAction.CREATE);

        ClusterState done = applied(p, half);
        assertThat(plan(billing(), done).changes()).allMatch(c -> c.action() == ChangeAction.UNCHANGED);
    }

    @Test
    void theOrderIsKindThenNameWhateverTheInputOrder() {
        DesiredState d = desired(
                List.of(topic("b.two", 1, Map.of()), topic("a.one", 1, Map.of()), topic("c.three", 1, Map.of())),
                List.of(principal("z-svc", false), principal("a-svc", false)),
                List.of(acl("z-svc", "b.two", AclOperation.WRITE), acl("a-svc", "a.one", AclOperation.READ)));

        Plan p = plan(d, ClusterState.empty());

        assertThat(p.changes()).extracting(c -> c.kind() + " " + c.name()).containsExactly(
                "SERVICE_ACCOUNT test.a-svc", "SERVICE_ACCOUNT test.z-svc",
                "TOPIC test.a.one", "TOPIC test.b.two", "TOPIC test.c.three",
                "ACL User:test.a-svc|TOPIC|LITERAL|test.a.one|READ|ALLOW|*",
                "ACL User:test.z-svc|TOPIC|LITERAL|test.b.two|WRITE|ALLOW|*");
    }

    @Nested
    class Fingerprint {

        final ClusterState s = applied(plan(billing(), ClusterState.empty()), ClusterState.empty());

        @Test
        void isStableForTheSameStateAndIgnoresUnrelatedEntities() {
            String a = plan(billing(), s).stateFingerprint();
            Map<String, CurrentTopic> more = new HashMap<>(s.topics());
            more.put("test.toll.other.v1", CurrentTopic.of("test.toll.other.v1", 3, 1, Map.of()));
            List<AclSpec> acls = new ArrayList<>(s.acls());
            acls.add(0, AclSpec.of(acl("toll-service", "toll.other.v1", AclOperation.READ)));
            ClusterState noisy = state(more, acls, s.scramUsers(), s.ownership());

            assertThat(plan(billing(), s).stateFingerprint()).isEqualTo(a);
            assertThat(plan(billing(), noisy).stateFingerprint()).isEqualTo(a).hasSize(64);
        }

        @Test
        void changesWhenAPlannedEntityChanges() {
            String a = plan(billing(), s).stateFingerprint();
            CurrentTopic t = s.topics().get("test.billing.invoices.v1");
            ClusterState drifted = state(Map.of(t.name(), CurrentTopic.of(t.name(), 6, 1,
                    Map.of("retention.ms", "1"))), s.acls(), s.scramUsers(), s.ownership());
            ClusterState noScram = state(s.topics(), s.acls(), Map.of(), s.ownership());
            ClusterState oneAclLess = state(s.topics(), s.acls().subList(1, 2), s.scramUsers(), s.ownership());
            Map<String, OwnershipRecord> owners = new HashMap<>(s.ownership());
            owners.remove("topic:test.billing.invoices.v1");
            ClusterState noRecord = state(s.topics(), s.acls(), s.scramUsers(), owners);

            assertThat(List.of(drifted, noScram, oneAclLess, noRecord))
                    .extracting(st -> plan(billing(), st).stateFingerprint())
                    .doesNotContain(a).doesNotHaveDuplicates();
        }

        @Test
        void isTheSha256OfTheDistinctSortedLinesJoinedByNewlines() {
            Plan p = plan(billing(), s);
            // the same changes twice: every line comes twice, and the fingerprint is that of each line once
            List<PlannedChange> twice = new ArrayList<>(p.changes());
            twice.addAll(p.changes());
            java.util.TreeSet<String> lines = new java.util.TreeSet<>();
            for (PlannedChange c : p.changes()) {
                switch (c.kind()) {
                    case TOPIC -> lines.add("topic:" + c.name() + "=" + s.topics().get(c.name()).canonical());
                    case SERVICE_ACCOUNT, CREDENTIAL -> lines.add("scram:" + c.name() + "="
                            + new java.util.TreeSet<>(s.scramUsers().get(c.name())));
                    case ACL -> lines.add("acl:" + c.name() + "=present");
                }
                OwnershipRecord r = s.ownership().get(c.ownershipKey());
                lines.add("owner:" + c.ownershipKey() + "=" + (r == null ? "none" : r.canonical()));
            }
            String expected = Hashing.sha256(String.join("\n", lines));
            assertThat(StateFingerprint.compute(twice, s)).isEqualTo(expected).isEqualTo(p.stateFingerprint());
            assertThat(StateFingerprint.compute(List.of(), s)).isEqualTo(Hashing.sha256(""));
        }
    }
}
