package io.kafkaops.engine.cluster.confluent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ManagedKeysTest {

    @Test
    void theDescriptionMarksTheRepositoryAndTheStage() {
        String d = ManagedKeys.description("com.example:billing-service", "dev", "dev.billing-service");

        assertThat(ManagedKeys.isManaged(d)).isTrue();
        assertThat(ManagedKeys.isManagedBy(d, "com.example:billing-service", "dev")).isTrue();
        assertThat(ManagedKeys.isManagedBy(d, "com.example:billing-service", "test")).isFalse();
        assertThat(ManagedKeys.isManagedBy(d, "com.example:toll-service", "dev")).isFalse();
        assertThat(ManagedKeys.stageOf(d)).isEqualTo("dev");
        assertThat(ManagedKeys.repositoryOf(d)).isEqualTo("com.example:billing-service");
    }

    @Test
    void handMadeKeysAreNotManaged() {
        for (String d : new String[] {null, "", "CI kafka access key", "managed-by=someone-else repository=x stage=dev",
                "key of managed-by=kafkaops repository=x stage=dev"}) {
            assertThat(ManagedKeys.isManaged(d)).as(d).isFalse();
            assertThat(ManagedKeys.stageOf(d)).as(d).isNull();
        }
    }

    @Test
    void theFreeTextCannotForgeAStage() {
        String d = ManagedKeys.description("g:a", "prod", "x stage=dev");

        assertThat(ManagedKeys.stageOf(d)).isEqualTo("prod");
    }

    @Test
    void aDebugKeyNamesItsSessionRepositoryStageAndExpiryAndIsNoManagedKey() {
        java.time.Instant expiry = java.time.Instant.parse("2026-12-05T01:00:00Z");
        String d = ManagedKeys.debugDescription("dbg-0123456789ab", "com.example:billing-service", "dev",
                "dev.billing-service", expiry);

        assertThat(d).startsWith("debug-session-by=kafkaops session=dbg-0123456789ab"
                + " repository=com.example:billing-service stage=dev expires=2026-12-05T01:00:00Z: ");
        assertThat(ManagedKeys.debugKey(d)).isEqualTo(new ManagedKeys.DebugKey("dbg-0123456789ab",
                "com.example:billing-service", "dev", expiry));
        // never the account's credential, never deleted or rotated as one
        assertThat(ManagedKeys.isManaged(d)).isFalse();
        assertThat(ManagedKeys.stageOf(d)).isNull();
        assertThat(ManagedKeys.isManagedBy(d, "com.example:billing-service", "dev")).isFalse();
    }

    @Test
    void otherKeysAreNoDebugKeys() {
        String managed = ManagedKeys.description("g:a", "dev", "dev.a");
        for (String d : new String[] {null, "", managed, "debug key of Jane",
                "debug-session-by=kafkaops session=dbg-0123456789ab stage=dev",
                "debug-session-by=kafkaops session=dbg-0123456789ab stage=dev expires=tomorrow: x",
                "debug-session-by=someone session=dbg-0123456789ab stage=dev expires=2026-12-05T01:00:00Z"}) {
            assertThat(ManagedKeys.debugKey(d)).as(d).isNull();
        }
    }

    @Test
    void theFreeTextCannotForgeADebugKeysExpiry() {
        java.time.Instant expiry = java.time.Instant.parse("2026-12-05T01:00:00Z");
        String d = ManagedKeys.debugDescription("dbg-0123456789ab", "g:a", "dev",
                "x expires=2000-01-01T00:00:00Z", expiry);

        assertThat(ManagedKeys.debugKey(d).expiry()).isEqualTo(expiry);
    }
}
