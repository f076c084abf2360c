package io.kafkaops.engine.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StageSnapshotTest {

    private static final String SCOPE = "dev|dev.|";

    private static List<LogEntry> entries(int n) {
        List<LogEntry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            OwnershipRecord r = new OwnershipRecord("com.example:billing", "billing", "dev", "topic",
                    "dev.billing.t" + i, "billing.t" + i, "h" + i, "2026-01-01T00:00:00Z", "private", List.of(), false);
            out.add(new LogEntry(0, 10L + i, Ownership.key(io.kafkaops.engine.plan.EntityKind.TOPIC, r.name()),
                    Ownership.toJson(r)));
        }
        return out;
    }

    /** Writes the parts as JSON and reads them back, the way the ownership topic carries them. */
    private static List<StageSnapshot.Part> roundTrip(List<StageSnapshot.Part> parts) {
        return parts.stream().map(p -> StageSnapshot.part(StageSnapshot.toJson(p))).toList();
    }

    @Test
    void aLargeStageIsSplitIntoPartsUnderTheRecordSizeAndReadBackWithItsOffsets() {
        List<LogEntry> all = entries(5_000);
        List<StageSnapshot.Part> parts = StageSnapshot.split("id1", SCOPE, 6_000, all);
        assertThat(parts).hasSizeGreaterThan(1);
        assertThat(parts).allSatisfy(p -> assertThat(StageSnapshot.toJson(p).length())
                .isLessThan(StageSnapshot.PART_CHARS + 64 * 1024));
        StageSnapshot.Pointer pointer = pointer("id1", SCOPE, 6_000, 42, parts.size());
        List<LogEntry> back = StageSnapshot.entries(StageSnapshot.pointer(StageSnapshot.toJson(pointer)),
                roundTrip(parts), 0);
        assertThat(back).containsExactlyElementsOf(all);
    }

    @Test
    void partsOfAnotherSnapshotOrAMissingPartAreNotUsed() {
        List<StageSnapshot.Part> parts = roundTrip(StageSnapshot.split("id1", SCOPE, 6_000, entries(5_000)));
        StageSnapshot.Pointer pointer = pointer("id1", SCOPE, 6_000, 42, parts.size());
        assertThat(StageSnapshot.entries(pointer, parts.subList(1, parts.size()), 0)).isNull();
        assertThat(StageSnapshot.entries(pointer("id2", SCOPE, 6_000, 42, parts.size()), parts, 0))
                .isNull();
        assertThat(StageSnapshot.entries(pointer("id1", "dev|other.|", 6_000, 42, parts.size()),
                parts, 0)).isNull();
        // a pointer whose base lies before the parts' own: not a snapshot this pointer made
        assertThat(StageSnapshot.entries(pointer("id1", SCOPE, 100, 42, parts.size()), parts, 0))
                .isNull();
        // moved up by a deploy of another stage: the same parts, read on from a later offset
        assertThat(StageSnapshot.entries(pointer("id1", SCOPE, 9_000, 42, parts.size()), parts, 0))
                .hasSize(5_000);
    }

    @Test
    void anEmptyStageHasOneEmptyPartAndSnapshotsAndLeasesAreLeftOut() {
        List<LogEntry> in = new ArrayList<>(List.of(new LogEntry(0, 1, StageSnapshot.partKey(SCOPE, 0), "{}"),
                new LogEntry(0, 2, "topic:dev.x", null)));
        List<StageSnapshot.Part> parts = StageSnapshot.split("e", SCOPE, 3, in);
        assertThat(parts).singleElement().satisfies(p -> assertThat(p.entries()).isEmpty());
        assertThat(StageSnapshot.entries(pointer("e", SCOPE, 3, 9, 1), roundTrip(parts), 0))
                .isEmpty();
    }

    @Test
    void noReaderTakesASnapshotRecordForAnOwnershipRecordOrALease() {
        String part = StageSnapshot.toJson(StageSnapshot.split("id1", SCOPE, 6_000, entries(3)).get(0));
        String pointer = StageSnapshot.toJson(pointer("id1", SCOPE, 6_000, 42, 1));
        assertThat(Ownership.fromJson(part)).isNull();
        assertThat(Ownership.fromJson(pointer)).isNull();
        assertThat(Ownership.leaseFromJson(part)).isNull();
        assertThat(Ownership.isEntityKey(StageSnapshot.partKey(SCOPE, 0))).isFalse();
        assertThat(Ownership.isLease(StageSnapshot.partKey(SCOPE, 0))).isFalse();
    }

    /** A pointer usable at any time. */
    private static StageSnapshot.Pointer pointer(String id, String scope, long base, long offset, int parts) {
        return new StageSnapshot.Pointer(id, scope, base, offset, parts, Long.MAX_VALUE);
    }

    @Test
    void aPointerIsUsedOnlyUntilCompactionCouldHaveRemovedATombstoneWrittenAfterItsBase() {
        long day = 86_400_000L;
        StageSnapshot.Pointer p = new StageSnapshot.Pointer("id1", SCOPE, 6_000, 42, 1,
                StageSnapshot.expiry(1_000_000L, day));
        assertThat(p.expiresAt()).isEqualTo(1_000_000L + day / 2);
        assertThat(p.usableAt(1_000_000L + day / 2 - 1)).isTrue();
        assertThat(p.usableAt(1_000_000L + day / 2)).isFalse();
        // moving the base up renews the time from the read that moved it
        assertThat(p.movedTo(7_000, 5_000_000L).usableAt(4_000_000L)).isTrue();
        // a pointer without an expiry (written before pointers had one) is never used
        StageSnapshot.Pointer old = StageSnapshot.pointer("{\"id\":\"id1\",\"scope\":\"" + SCOPE
                + "\",\"base\":6000,\"offset\":42,\"parts\":1}");
        assertThat(old).isNotNull();
        assertThat(old.usableAt(0)).isFalse();
        assertThat(StageSnapshot.pointer(StageSnapshot.toJson(p))).isEqualTo(p);
    }
}
