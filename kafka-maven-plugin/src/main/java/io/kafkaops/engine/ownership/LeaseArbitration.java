package io.kafkaops.engine.ownership;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Who holds a repository's stage, decided by the ownership topic's order: of the unexpired leases, the one with the
 * earliest rank (the offset of its holder's first lease record). A deploy that finds an earlier holder withdraws its
 * own lease record (a tombstone of its own key, which is always right) and waits.
 */
public final class LeaseArbitration {

    /** A lease as read, with the offset of its latest record. */
    public record Held(Lease lease, long offset) {

        /** The rank: the offset of the holder's first lease record. */
        public long rank() {
            return lease.rank() != null ? lease.rank() : offset;
        }
    }

    private LeaseArbitration() {
    }

    /** The holder among the current lease records of one repository's stage, or empty when all have ended. */
    public static Optional<Held> holder(List<Held> leases, Instant now) {
        return leases.stream().filter(h -> !h.lease().expired(now)).min(Comparator.comparingLong(Held::rank));
    }
}
