package io.kafkaops.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.engine.Fixtures;
import io.kafkaops.engine.ownership.Ownership;
import io.kafkaops.model.platform.PlatformDefinition;
import org.junit.jupiter.api.Test;

class ReadScopeTest {

    @Test
    void aPrefixedStageSeesOnlyItsOwnNames() {
        ReadScope dev = ReadScope.of(Fixtures.platform("k:1", "p:1", 1, 1, "dev.", "test."), "dev");

        assertThat(dev.containsTopic("dev.billing.v1")).isTrue();
        assertThat(dev.containsTopic("test.billing.v1")).isFalse();
        assertThat(dev.containsTopic("billing.v1")).isFalse();
        assertThat(dev.containsTopic(Ownership.TOPIC)).isFalse();
        assertThat(dev.containsPrincipal("User:dev.billing-service")).isTrue();
        assertThat(dev.containsPrincipal("User:test.billing-service")).isFalse();
        assertThat(dev.containsPrincipal("Group:dev.x")).isFalse();
        assertThat(dev.containsKey("acl:User:dev.svc|TOPIC|LITERAL|dev.t|READ|ALLOW|*")).isTrue();
        assertThat(dev.containsKey("acl:User:test.svc|TOPIC|LITERAL|dev.t|READ|ALLOW|*")).isFalse();
        assertThat(dev.containsKey("principal:dev.svc")).isTrue();
    }

    @Test
    void aStageWithoutPrefixNeverSeesTheStagesSharingItsCluster() {
        // dev has no prefix and shares its cluster with test (prefix "test.")
        PlatformDefinition p = Fixtures.platform("k:1", "p:1", 1, 1, "", "test.");
        ReadScope dev = ReadScope.of(p, "dev");
        ReadScope test = ReadScope.of(p, "test");

        assertThat(dev.containsTopic("billing.v1")).isTrue();
        assertThat(dev.containsTopic("test.billing.v1")).isFalse();
        assertThat(dev.containsTopic("__consumer_offsets")).isFalse();
        assertThat(dev.containsPrincipal("User:test.svc")).isFalse();
        assertThat(test.containsTopic("test.billing.v1")).isTrue();
        assertThat(test.containsTopic("billing.v1")).isFalse();
    }

    @Test
    void stagesOnOtherClustersDoNotNarrowTheScope() {
        // prod has no prefix and its own cluster: a topic named like a dev topic is still prod's
        ReadScope prod = ReadScope.of(Fixtures.platform("k:1", "p:1", 1, 1, "dev.", "test."), "prod");

        assertThat(prod.containsTopic("dev.billing.v1")).isTrue();
        assertThat(prod.otherPrefixes()).isEmpty();
    }

    @Test
    void aScopeIsFoundAgainFromItsId() {
        ReadScope plain = ReadScope.of(Fixtures.platform("k:1", "p:1", 1, 1, "", "test."), "dev");
        ReadScope prod = ReadScope.of(Fixtures.platform("k:1", "p:1", 1, 1, "dev.", "test."), "prod");
        assertThat(ReadScope.fromId(plain.id())).isEqualTo(plain);
        assertThat(plain.otherPrefixes()).containsExactly("test.");
        assertThat(ReadScope.fromId(prod.id())).isEqualTo(prod);
        assertThat(ReadScope.fromId("no scope")).isNull();
    }
}
