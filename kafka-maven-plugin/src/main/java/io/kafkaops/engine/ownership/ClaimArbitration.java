package io.kafkaops.engine.ownership;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who wins a claim, decided by the ownership topic's own order, whatever each deploy read before: the first claim
 * written after a key was free wins; later claims of other repositories lose until the holder gives the key up (a
 * tombstone).
 *
 * <p>A deploy writes its claims, reads the log from where its plan's read ended to the end, and asks {@link #lost}
 * which of its claims came second. For those (and for claims it withdraws because they depend on a lost one) it writes
 * back what {@link #corrections} says, so that the last record of the key, the one compaction keeps, is the winner's
 * most advanced record, never an older copy of it: a stale claim written after the winner's final record would make
 * the winner's entity look unconfirmed. Every deploy computes the same holder from the same log, so exactly one wins.
 * Pure functions of the entries given; no Kafka client.
 */
public final class ClaimArbitration {

    private ClaimArbitration() {
    }

    /**
     * The claims of {@code repository} that another repository's claim came before.
     *
     * @param window the log from where the deploy's plan read ended (or from the beginning) to past its own claims
     * @param claims the offsets at which this deploy's claims were written, by key
     * @return by lost key, the first record of the repository that holds it (its claim)
     */
    public static Map<String, OwnershipRecord> lost(List<LogEntry> window, String repository,
                                                    Map<String, Long> claims) {
        Map<String, OwnershipRecord> out = new LinkedHashMap<>();
        Map<String, List<LogEntry>> byKey = byKey(window, claims.keySet());
        for (Map.Entry<String, Long> c : claims.entrySet()) {
            Walk w = new Walk(null);
            for (LogEntry e : byKey.getOrDefault(c.getKey(), List.of())) {
                if (e.offset() > c.getValue()) break;
                w.add(e);
            }
            if (w.holder != null && !w.holder.equals(repository)) out.put(c.getKey(), w.holderFirst);
        }
        return out;
    }

    /**
     * What to write so that the last record of each key is what the log says without this repository's records: the
     * holder's most advanced record, or a tombstone when nobody else holds the key (a claim withdrawn because what it
     * depends on was lost). Keys whose last record is that already are left out.
     *
     * @return by key, the raw value to write (null: a tombstone)
     */
    public static Map<String, String> corrections(List<LogEntry> window, String repository, Set<String> keys) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, List<LogEntry>> byKey = byKey(window, keys);
        for (String key : keys) {
            List<LogEntry> entries = byKey.getOrDefault(key, List.of());
            if (entries.isEmpty()) continue;
            Walk w = new Walk(repository);
            entries.forEach(w::add);
            String last = entries.get(entries.size() - 1).value();
            String wanted = w.best;
            if (wanted == null ? last != null : !wanted.equals(last)) out.put(key, wanted);
        }
        return out;
    }

    private static Map<String, List<LogEntry>> byKey(List<LogEntry> window, Set<String> keys) {
        Map<String, List<LogEntry>> out = new LinkedHashMap<>();
        for (LogEntry e : window) {
            if (keys.contains(e.key())) out.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e);
        }
        out.values().forEach(l -> l.sort(Comparator.comparingLong(LogEntry::offset)));
        return out;
    }

    /** The holder of one key as its records go by. */
    private static final class Walk {
        private final String ignored;
        String holder;
        OwnershipRecord holderFirst;
        OwnershipRecord bestRecord;
        String best;

        /** @param ignored a repository whose records are left out (as if it had never written), or null */
        Walk(String ignored) {
            this.ignored = ignored;
        }

        void add(LogEntry e) {
            if (e.value() == null) {
                holder = null;
                holderFirst = null;
                bestRecord = null;
                best = null;
                return;
            }
            OwnershipRecord r = Ownership.fromJson(e.value());
            if (r == null || r.repository().equals(ignored)) return;
            if (holder == null) {
                holder = r.repository();
                holderFirst = r;
                bestRecord = r;
                best = e.value();
            } else if (holder.equals(r.repository())) {
                // a copy of the holder's claim written by a loser after the holder's final record is not progress
                if (r.claimOnly() && !bestRecord.claimOnly()) return;
                bestRecord = r;
                best = e.value();
            }
            // a record of another repository while the key is held: a losing claim, which its deploy withdraws
        }
    }
}
