package io.kafkaops.engine.plan;

import static io.kafkaops.engine.plan.PlannerTest.change;
import static io.kafkaops.engine.plan.PlannerTest.desired;
import static io.kafkaops.engine.plan.PlannerTest.owner;
import static io.kafkaops.engine.plan.PlannerTest.plan;
import static io.kafkaops.engine.plan.PlannerTest.principal;
import static io.kafkaops.engine.plan.PlannerTest.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.engine.EngineOptions;
import io.kafkaops.engine.ownership.Ownership;
import io.kafkaops.engine.ownership.OwnershipRecord;
import io.kafkaops.engine.state.ClusterState;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A cluster where an account exists without a credential (a Confluent Cloud service account without an API key: an
 * empty set of mechanisms in {@link ClusterState#scramUsers()}): its credential is one to create, and an account no
 * longer declared is deleted with whatever credential it has.
 */
class AccountWithoutCredentialTest {

    private static final String NAME = "test.billing-service";

    private static Plan planWith(boolean declared, boolean credentials, Set<String> mechanisms, Set<String> stored) {
        String hash = plan(desired(List.of(), List.of(principal("billing-service", credentials)), List.of()),
                ClusterState.empty()).changes().stream().filter(c -> c.kind() == EntityKind.SERVICE_ACCOUNT)
                .findFirst().orElseThrow().specHash();
        OwnershipRecord rec = owner("principal", NAME, io.kafkaops.engine.Fixtures.REPO, hash);
        ClusterState s = state(Map.of(), List.of(), Map.of(NAME, mechanisms),
                Map.of(Ownership.key(EntityKind.SERVICE_ACCOUNT, NAME), rec));
        return plan(desired(List.of(), declared ? List.of(principal("billing-service", credentials)) : List.of(),
                List.of()), s, EngineOptions.defaults(), true, stored);
    }

    @Test
    void anOwnedAccountWithoutAKeyGetsOne() {
        Plan p = planWith(true, true, Set.of(), Set.of());

        assertThat(change(p, EntityKind.SERVICE_ACCOUNT, NAME).action()).isEqualTo(ChangeAction.UNCHANGED);
        assertThat(change(p, EntityKind.CREDENTIAL, NAME).action()).isEqualTo(ChangeAction.CREATE);
    }

    @Test
    void anOwnedAccountWithAKeyThatIsStoredIsUnchanged() {
        Plan p = planWith(true, true, Set.of("PLAIN"), Set.of(NAME));

        assertThat(change(p, EntityKind.CREDENTIAL, NAME).action()).isEqualTo(ChangeAction.UNCHANGED);
    }

    @Test
    void anAccountWithoutCredentialsHasNoCredentialToDelete() {
        Plan p = planWith(true, false, Set.of(), Set.of());

        assertThat(p.changes()).noneMatch(c -> c.kind() == EntityKind.CREDENTIAL);
    }

    @Test
    void anAccountNoLongerDeclaredIsDeletedEvenWithoutAKey() {
        Plan p = planWith(false, true, Set.of(), Set.of());

        assertThat(change(p, EntityKind.SERVICE_ACCOUNT, NAME).action()).isEqualTo(ChangeAction.DELETE);
        assertThat(change(p, EntityKind.CREDENTIAL, NAME).action()).isEqualTo(ChangeAction.DELETE);
    }
}
