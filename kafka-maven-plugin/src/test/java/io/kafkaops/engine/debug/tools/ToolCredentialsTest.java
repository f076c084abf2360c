package io.kafkaops.engine.debug.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaops.engine.debug.DebugSession;
import io.kafkaops.engine.debug.LocalPlacement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session files are written by the real {@link LocalPlacement}, so the two stay in step. */
class ToolCredentialsTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final String SECRET = "token-hmac-s3cr3t";

    @TempDir
    Path kafkaDir;

    private DebugSession place(String account, Instant expiry) {
        DebugSession s = new DebugSession(DebugSession.newId(), "dev", "com.example:billing", "billing", account,
                "User:dev." + account, "dev", null, NOW.minusSeconds(60), expiry, DebugSession.DELEGATION_TOKEN,
                "tokenid", LocalPlacement.KIND, Map.of());
        new LocalPlacement(kafkaDir).place(s, Map.of("bootstrap.servers", "127.0.0.1:9092",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"x\""
                        + " password=\"" + SECRET + "\" tokenauth=\"true\";"));
        return s;
    }

    @Test
    void theNamedSessionAndTheOnlyOpenOneAreFound() throws Exception {
        DebugSession s = place("billing-service", NOW.plusSeconds(3600));
        ToolCredentials.Access named = ToolCredentials.fromSession(kafkaDir, "dev", s.id(), null, NOW).orElseThrow();
        assertThat(named.account()).isEqualTo("billing-service");
        assertThat(named.settings()).containsEntry("bootstrap.servers", "127.0.0.1:9092");
        assertThat(named.settings().get("sasl.jaas.config")).contains(SECRET);
        assertThat(named.source()).isEqualTo("debug session " + s.id() + " (account billing-service, ends "
                + NOW.plusSeconds(3600) + ")");
        assertThat(named.toString()).doesNotContain(SECRET);
        assertThat(ToolCredentials.fromSession(kafkaDir, "dev", null, null, NOW)).contains(named);
        assertThat(ToolCredentials.fromSession(kafkaDir, "test", null, null, NOW)).isEmpty();
    }

    @Test
    void severalOpenSessionsNeedAChoiceUnlessTheAccountTellsThemApart() throws Exception {
        DebugSession a = place("billing-service", NOW.plusSeconds(3600));
        DebugSession b = place("billing-reports", NOW.plusSeconds(3600));
        assertThatThrownBy(() -> ToolCredentials.fromSession(kafkaDir, "dev", null, null, NOW))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("stage dev has 2 open local debug sessions: ")
                .hasMessageContaining(a.id() + " (billing-service)")
                .hasMessageContaining(b.id() + " (billing-reports)")
                .hasMessageEndingWith("; choose one with -Dkafka.session=<id>");
        assertThat(ToolCredentials.fromSession(kafkaDir, "dev", null, "billing-reports", NOW).orElseThrow().source())
                .startsWith("debug session " + b.id());
        assertThat(ToolCredentials.fromSession(kafkaDir, "dev", null, "other", NOW)).isEmpty();
    }

    @Test
    void anEndedOrUnknownSessionIsRefusedWithWhatToDo() {
        DebugSession ended = place("billing-service", NOW.minusSeconds(1));
        assertThat(catchMessage(() -> ToolCredentials.fromSession(kafkaDir, "dev", null, null, NOW))).isNull();
        assertThatThrownBy(() -> ToolCredentials.fromSession(kafkaDir, "dev", ended.id(), null, NOW))
                .hasMessage("debug session " + ended.id() + " ended at " + NOW.minusSeconds(1)
                        + "; start a new one with mvn kafka:debug -Dkafka.stage=dev");
        assertThatThrownBy(() -> ToolCredentials.fromSession(kafkaDir, "dev", "dbg-000000000000", null, NOW))
                .hasMessageStartingWith("debug session dbg-000000000000 has no local client settings on stage dev")
                .hasMessageEndingWith("mvn kafka:debug-list -Dkafka.stage=dev lists the open sessions");
        assertThatThrownBy(() -> ToolCredentials.fromSession(kafkaDir, "dev", "../etc/passwd", null, NOW))
                .hasMessageStartingWith("'../etc/passwd' is not a debug session id");
    }

    @Test
    void storedPropertiesAreReadAndAMissingFileSaysToDeploy() throws Exception {
        Path file = kafkaDir.resolve("billing-service.properties");
        Files.writeString(file, "bootstrap.servers=127.0.0.1\\:1\nsasl.jaas.config=x password\\=\"" + SECRET + "\"\n");
        ToolCredentials.Access a = ToolCredentials.fromStoredProperties(file, "billing-service", "local", "file s");
        assertThat(a.settings()).containsEntry("bootstrap.servers", "127.0.0.1:1");
        assertThat(a.withBootstrapServers("127.0.0.1:2").settings()).containsEntry("bootstrap.servers", "127.0.0.1:2");
        assertThatThrownBy(() -> ToolCredentials.fromStoredProperties(kafkaDir.resolve("none"), "x", "local",
                "file s")).hasMessageStartingWith("no stored credentials of account x on stage local in file s");
    }

    private static String catchMessage(ThrowingSupplier s) {
        try {
            return s.get().isPresent() ? "present" : null;
        } catch (Exception e) {
            return e.getMessage();
        }
    }

    private interface ThrowingSupplier {
        java.util.Optional<?> get() throws Exception;
    }
}
