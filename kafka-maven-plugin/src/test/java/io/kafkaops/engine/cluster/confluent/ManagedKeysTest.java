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
}
