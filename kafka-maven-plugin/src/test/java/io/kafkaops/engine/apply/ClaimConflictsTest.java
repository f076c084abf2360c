package io.kafkaops.engine.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.engine.desired.AclSpec;
import io.kafkaops.engine.ownership.OwnershipRecord;
import io.kafkaops.engine.plan.ChangeAction;
import io.kafkaops.engine.plan.EntityKind;
import io.kafkaops.engine.plan.PlannedChange;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaimConflictsTest {

    private static final OwnershipRecord WINNER = new OwnershipRecord("com.example:billing-a", "billing", "test",
            "topic", "test.billing.shared.v1", "billing.shared.v1", null, "2026-01-01T00:00:00Z", "private", List.of(),
            false);

    private static PlannedChange change(EntityKind kind, String name, AclSpec acl) {
        return new PlannedChange(kind, name, null, ChangeAction.CREATE, List.of(), false, false, "h", null, null, null,
                null, null, acl);
    }

    private static PlannedChange acl(String principal, String topic, String pattern) {
        AclSpec a = new AclSpec("User:" + principal, "TOPIC", topic, pattern, "WRITE", "ALLOW", "*");
        return change(EntityKind.ACL, a.key(), a);
    }

    @Test
    void aLostTopicTakesItsLiteralAclsAlongButNotPrefixedOnesNorOtherEntities() {
        PlannedChange shared = change(EntityKind.TOPIC, "test.billing.shared.v1", null);
        PlannedChange own = change(EntityKind.TOPIC, "test.billing.b.v1", null);
        PlannedChange onShared = acl("test.billing-b", "test.billing.shared.v1", "LITERAL");
        PlannedChange prefixed = acl("test.billing-b", "test.billing.", "PREFIXED");
        PlannedChange onOwn = acl("test.billing-b", "test.billing.b.v1", "LITERAL");

        Map<PlannedChange, String> affected = ClaimConflicts.affected(List.of(shared, own, onShared, prefixed, onOwn),
                Map.of("topic:test.billing.shared.v1", WINNER));

        assertThat(affected).containsOnlyKeys(shared, onShared);
        assertThat(affected.get(shared)).startsWith("claimed first by repository com.example:billing-a (team billing)");
        assertThat(affected.get(onShared)).isEqualTo("not applied: it needs topic test.billing.shared.v1, claimed"
                + " first by repository com.example:billing-a (team billing), whose deploy ran at the same time");
    }

    @Test
    void aLostServiceAccountTakesItsCredentialAndAllItsAclsAlong() {
        PlannedChange account = change(EntityKind.SERVICE_ACCOUNT, "test.billing-x", null);
        PlannedChange credential = change(EntityKind.CREDENTIAL, "test.billing-x", null);
        PlannedChange onOwn = acl("test.billing-x", "test.billing.b.v1", "LITERAL");
        PlannedChange other = acl("test.billing-y", "test.billing.b.v1", "LITERAL");

        Map<PlannedChange, String> affected = ClaimConflicts.affected(List.of(account, credential, onOwn, other),
                Map.of("principal:test.billing-x", WINNER));

        assertThat(affected).containsOnlyKeys(account, credential, onOwn);
        assertThat(affected.get(credential)).contains("it needs service account test.billing-x");
    }
}
