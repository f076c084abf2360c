package io.kafkaops.engine.debug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaops.engine.ownership.Ownership;
import io.kafkaops.engine.ownership.OwnershipRecord;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionRecordsTest {

    static DebugSession session(String id) {
        return new DebugSession(id, "dev", "com.example:billing", "billing", "billing-api", "User:dev.billing-api",
                "alice", "INC-1", Instant.parse("2026-12-04T10:00:00Z"), Instant.parse("2026-12-04T11:00:00Z"),
                DebugSession.DELEGATION_TOKEN, "tok-1", "local", Map.of("file", "/x/dbg.properties"));
    }

    @Test
    void idsAreRandomAndWellFormedAndKeysAreTheirOwn() {
        String a = DebugSession.newId();
        assertThat(a).matches("dbg-[0-9a-f]{12}").isNotEqualTo(DebugSession.newId());
        assertThat(DebugSession.isId("dbg-../../etc")).isFalse();
        DebugSession s = session(a);
        assertThat(s.recordKey()).isEqualTo("session:dev:" + a);
        assertThat(DebugSession.isRecordKey(s.recordKey())).isTrue();
        // session records, leases and entity records are told apart by their keys
        assertThat(Ownership.isSession(s.recordKey())).isTrue();
        assertThat(Ownership.isEntity(s.recordKey())).isFalse();
        assertThat(Ownership.isEntity(Ownership.leaseKey("dev", "r", "h"))).isFalse();
        assertThat(Ownership.isSession(Ownership.leaseKey("dev", "r", "h"))).isFalse();
        assertThat(Ownership.isEntity("principal:dev.billing-api")).isTrue();
        assertThat(s.expiredAt(s.expiry())).isTrue();
        assertThat(s.expiredAt(s.expiry().minusMillis(1))).isFalse();
    }

    @Test
    void theJsonRoundTripsAndIsNoOwnershipRecord() {
        DebugSession s = session(DebugSession.newId());
        String json = SessionRecords.toJson(s);
        assertThat(SessionRecords.fromJson(json)).isEqualTo(s);
        assertThat(json).contains("\"type\":\"debug-session\"").contains("\"credentialId\":\"tok-1\"");
        // readers of entity records ignore it even if it ever reached them
        OwnershipRecord asEntity = Ownership.fromJson(json);
        assertThat(asEntity).isNull();
    }

    @Test
    void foreignOrDamagedValuesAreIgnored() {
        assertThat(SessionRecords.fromJson(null)).isNull();
        assertThat(SessionRecords.fromJson("{")).isNull();
        assertThat(SessionRecords.fromJson("{\"type\":\"debug-session\",\"id\":\"x\"}")).isNull();
        assertThat(SessionRecords.fromJson(Ownership.toJson(new OwnershipRecord("r", "t", "dev", "topic", "n", "n",
                "h", "now", null, null, false)))).isNull();
        String bad = SessionRecords.toJson(session(DebugSession.newId())).replace("2026-12-04T10:00:00Z", "soon");
        assertThat(SessionRecords.fromJson(bad)).isNull();
    }

    @Test
    void anIssuedCredentialHidesItsSettings() {
        IssuedCredential c = new IssuedCredential(DebugSession.DELEGATION_TOKEN, "tok", Instant.EPOCH,
                Map.of("sasl.jaas.config", "password=\"s3cr3t\""));
        assertThat(c.toString()).doesNotContain("s3cr3t").contains("tok");
        assertThatThrownBy(() -> new IssuedCredential(null, "x", Instant.EPOCH, Map.of()))
                .isInstanceOf(NullPointerException.class);
    }
}
