package io.kafkaops.engine.cluster.confluent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one rule the stand-in and its broker share: which key signs in when. */
class KeyRegistryTest {

    private static final Instant ACTIVE_AT = Instant.parse("2026-01-01T10:00:00Z");

    private final KeyRegistry.Entry entry = new KeyRegistry.Entry("KEY1", KeyRegistry.sha256("s3cret+/"),
            "sa-abc123", "lkc-xyz789", ACTIVE_AT);

    @Test
    void aKeyWorksForItsClusterWithItsSecretFromItsActivationOn() {
        assertThat(entry.accepts("s3cret+/", "lkc-xyz789", ACTIVE_AT)).isTrue();
        assertThat(entry.accepts("s3cret+/", "lkc-xyz789", ACTIVE_AT.plusSeconds(3600))).isTrue();
        assertThat(entry.accepts("s3cret+/", "lkc-xyz789", ACTIVE_AT.minusMillis(1))).isFalse();
        assertThat(entry.accepts("s3cret+", "lkc-xyz789", ACTIVE_AT)).isFalse();
        assertThat(entry.accepts("s3cret+/", "lkc-other", ACTIVE_AT)).isFalse();
        assertThat(entry.accepts("s3cret+/", ConfluentCloudTestServer.CLOUD_RESOURCE, ACTIVE_AT)).isFalse();
    }

    @Test
    void theFileKeepsEveryEntryAndNoSecret(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.registry");
        assertThat(KeyRegistry.read(file)).isEmpty();
        KeyRegistry.Entry other = new KeyRegistry.Entry("KEY2", KeyRegistry.sha256("x"), "sa-2", "cloud", ACTIVE_AT);
        KeyRegistry.write(file, List.of(entry, other));
        assertThat(KeyRegistry.read(file)).containsOnlyKeys("KEY1", "KEY2").containsValue(entry);
        assertThat(Files.readString(file)).doesNotContain("s3cret");
        KeyRegistry.write(file, List.of(other));
        assertThat(KeyRegistry.find(file, "KEY1")).isEmpty();
        assertThat(KeyRegistry.find(file, "KEY2")).contains(other);
    }
}
