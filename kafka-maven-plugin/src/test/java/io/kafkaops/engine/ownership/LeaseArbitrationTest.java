package io.kafkaops.engine.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.engine.ownership.LeaseArbitration.Held;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaseArbitrationTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private static Held lease(String holder, long offset, Long rank, Instant expires) {
        return new Held(new Lease("test", "com.example:billing", holder, "host-" + holder, NOW.minusSeconds(30)
                .toString(), expires.toString(), rank), offset);
    }

    @Test
    void theEarliestUnexpiredLeaseInTheLogHoldsTheStage() {
        assertThat(LeaseArbitration.holder(List.of(lease("b", 12, null, NOW.plusSeconds(60)),
                lease("a", 10, null, NOW.plusSeconds(60))), NOW)).get()
                .satisfies(h -> assertThat(h.lease().holder()).isEqualTo("a"));
    }

    @Test
    void aRenewalKeepsItsFirstRecordsRank() {
        // a's renewal was written after b's attempt, but a came first
        assertThat(LeaseArbitration.holder(List.of(lease("a", 20, 10L, NOW.plusSeconds(60)),
                lease("b", 12, null, NOW.plusSeconds(60))), NOW)).get()
                .satisfies(h -> assertThat(h.lease().holder()).isEqualTo("a"));
    }

    @Test
    void anExpiredLeaseHoldsNothing() {
        assertThat(LeaseArbitration.holder(List.of(lease("killed", 5, null, NOW.minusSeconds(1)),
                lease("b", 12, null, NOW.plusSeconds(60))), NOW)).get()
                .satisfies(h -> assertThat(h.lease().holder()).isEqualTo("b"));
        assertThat(LeaseArbitration.holder(List.of(lease("killed", 5, null, NOW)), NOW)).isEmpty();
    }

    @Test
    void aLeaseIsNeverReadAsAnOwnershipRecord() {
        String json = Ownership.toJson(new Lease("test", "com.example:billing", "h", "host", NOW.toString(),
                NOW.toString(), null));
        assertThat(Ownership.fromJson(json)).isNull();
        assertThat(Ownership.leaseFromJson(json)).isNotNull();
        assertThat(Ownership.isLease(Ownership.leaseKey("test", "com.example:billing", "h"))).isTrue();
        assertThat(Ownership.leaseKey("test", "com.example:billing-2", "h"))
                .doesNotStartWith(Ownership.leasePrefix("test", "com.example:billing"));
    }
}
