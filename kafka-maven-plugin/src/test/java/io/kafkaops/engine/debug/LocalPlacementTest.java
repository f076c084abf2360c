package io.kafkaops.engine.debug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPlacementTest {

    @TempDir
    Path dir;

    @Test
    void writesAnOwnerOnlyPropertiesFileThatKafkaClientsReadBackAndRemovesIt() throws Exception {
        LocalPlacement placement = new LocalPlacement(dir);
        DebugSession s = SessionRecordsTest.session(DebugSession.newId());
        Map<String, String> settings = Map.of("bootstrap.servers", "h:1", "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"t\" password=\"a=b:c#d\\\\e\""
                        + " tokenauth=\"true\";", "ssl.truststore.location", "C:\\certs\\trust store.jks");

        Map<String, String> details = placement.place(s, settings);

        Path file = dir.resolve("dev").resolve("debug").resolve(s.id() + ".properties");
        assertThat(details).containsExactly(Map.entry(LocalPlacement.FILE, file.toAbsolutePath().toString()));
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        Properties read = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            read.load(r);
        }
        assertThat(read).containsExactlyInAnyOrderEntriesOf(settings);
        assertThat(placement.howToUse(s)).contains(file.toAbsolutePath().toString()).doesNotContain("a=b");

        placement.remove(s);
        placement.remove(s);
        assertThat(file).doesNotExist();
    }

    @Test
    void pruneDeletesTheFilesOfSessionsNoLongerOpenAndNothingElse() throws Exception {
        LocalPlacement placement = new LocalPlacement(dir);
        DebugSession open = SessionRecordsTest.session(DebugSession.newId());
        DebugSession gone = SessionRecordsTest.session(DebugSession.newId());
        placement.place(open, Map.of("a", "b"));
        placement.place(gone, Map.of("a", "b"));
        Path other = dir.resolve("dev/debug/notes.properties");
        Files.writeString(other, "x");

        assertThat(placement.prune("dev", java.util.Set.of(open.id()))).containsExactly(placement.file(gone));
        assertThat(placement.file(open)).exists();
        assertThat(other).exists();
        assertThat(placement.prune("test", java.util.Set.of())).isEmpty();
    }

    @Test
    void aSessionIdCannotLeaveTheDirectory() {
        DebugSession s = new DebugSession("../../x", "dev", "r", "t", "a", "User:a", "me", null, Instant.EPOCH,
                Instant.EPOCH, DebugSession.DELEGATION_TOKEN, "t", "local", Map.of());
        assertThatThrownBy(() -> new LocalPlacement(dir).place(s, Map.of())).isInstanceOf(
                IllegalArgumentException.class);
    }
}
