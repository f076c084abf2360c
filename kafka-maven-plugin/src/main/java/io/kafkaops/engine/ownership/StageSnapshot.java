package io.kafkaops.engine.ownership;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A copy of one stage's current records, so that a read of that stage need not go through every other stage's
 * records in the ownership topic. The ownership topic stays the only source of truth and keeps its one partition and
 * its total order: a snapshot is a set of ordinary records in it ({@link #partKey}, never mistaken for an ownership
 * record or a lease), written by a deploy after it has read the topic to offset {@link Pointer#base}; it holds the
 * latest record of every key of the stage written before that offset. A small pointer record in
 * {@link Ownership#INDEX_TOPIC} says where the latest snapshot of a stage starts. A reader seeks to the snapshot,
 * takes its entries, and reads the ownership topic from {@code base} to its end like any other read: every record
 * written since (other deploys', older plugin versions') is applied on top, so the result is what a read from the
 * beginning gives for the stage. Whatever does not fit (a pointer to parts compaction removed, another scope) makes
 * the reader read from the beginning. Pure encoding; no Kafka client.
 */
public final class StageSnapshot {

    /** Keys of snapshot parts in the ownership topic and of pointers in the index topic start with this. */
    public static final String PREFIX = "snapshot:";

    /** A part's entries stay below this many characters, so a record stays well under Kafka's 1 MB default. */
    static final int PART_CHARS = 256 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private StageSnapshot() {
    }

    /**
     * Where the latest snapshot of a scope is.
     *
     * @param id        random per snapshot: the parts name it
     * @param scope     the scope's identity ({@code ReadScope#id}): a reader with another scope ignores the snapshot
     * @param base      where a reader continues in the ownership topic: the offset the snapshot was taken at, or a later
     *                  one when a deploy of another stage found nothing of this stage in between
     * @param offset    where the first part was written
     * @param parts     how many parts
     * @param leases    the keys of the lease records among the entries: removing one of them later changes the stage
     * @param expiresAt until when (epoch milliseconds) a reader may use the snapshot: half the ownership topic's
     *                  {@code delete.retention.ms} after the read that gave {@code base} started. Compaction removes a
     *                  tombstone written after {@code base} once that retention has passed, and the snapshot would then
     *                  bring the deleted record back; before that every tombstone since {@code base} is still there.
     *                  Null (a pointer without it): never used
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Pointer(String id, String scope, long base, long offset, int parts, List<String> leases,
                          Long expiresAt) {
        public Pointer {
            leases = leases == null ? List.of() : List.copyOf(leases);
        }

        public Pointer(String id, String scope, long base, long offset, int parts, long expiresAt) {
            this(id, scope, base, offset, parts, List.of(), expiresAt);
        }

        /** The same snapshot, read on from {@code newBase}, usable until {@code newExpiresAt}. */
        public Pointer movedTo(long newBase, long newExpiresAt) {
            return new Pointer(id, scope, newBase, offset, parts, leases, newExpiresAt);
        }

        /** Whether a reader may still start at this snapshot at {@code nowMillis}. */
        public boolean usableAt(long nowMillis) {
            return expiresAt != null && nowMillis < expiresAt;
        }
    }

    /**
     * Until when a snapshot whose base was read by a read that started at {@code readStartedMillis} may be used, given
     * the ownership topic's {@code delete.retention.ms}: half of it later (room for clocks that disagree and for slow
     * reads).
     */
    public static long expiry(long readStartedMillis, long deleteRetentionMillis) {
        return readStartedMillis + deleteRetentionMillis / 2;
    }

    /** One entry: a record's key, its offset and its raw value. */
    public record Entry(String k, long o, String v) {
    }

    /** One part of a snapshot. */
    public record Part(String id, String scope, long base, int part, int parts, List<Entry> entries) {
        public Part {
            entries = entries == null ? List.of() : List.copyOf(entries);
        }
    }

    /** The key of a scope's pointer in the index topic. */
    public static String pointerKey(String scope) {
        return PREFIX + scope;
    }

    /** The key of a snapshot part in the ownership topic. */
    public static String partKey(String scope, int part) {
        return PREFIX + scope + ":" + part;
    }

    /** Whether a key is a snapshot part's rather than an entity's or a lease's. */
    public static boolean isPart(String key) {
        return key != null && key.startsWith(PREFIX);
    }

    /** The parts of a snapshot of {@code entries} (snapshot parts among them left out), each under the size cap. */
    public static List<Part> split(String id, String scope, long base, Collection<LogEntry> entries) {
        List<List<Entry>> chunks = new ArrayList<>();
        List<Entry> current = new ArrayList<>();
        long chars = 0;
        for (LogEntry e : entries) {
            if (e.value() == null || isPart(e.key())) continue;
            long size = e.key().length() + e.value().length() + 32L;
            if (!current.isEmpty() && chars + size > PART_CHARS) {
                chunks.add(current);
                current = new ArrayList<>();
                chars = 0;
            }
            current.add(new Entry(e.key(), e.offset(), e.value()));
            chars += size;
        }
        if (!current.isEmpty() || chunks.isEmpty()) chunks.add(current);
        List<Part> out = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) out.add(new Part(id, scope, base, i, chunks.size(), chunks.get(i)));
        return out;
    }

    /**
     * The entries of a snapshot from the parts read, or null when they are not exactly the pointer's parts (another
     * snapshot, missing or doubled parts, another scope): the caller then reads from the beginning.
     */
    public static List<LogEntry> entries(Pointer pointer, List<Part> parts, int partition) {
        Part[] byIndex = new Part[pointer.parts()];
        for (Part p : parts) {
            // a pointer's base may have been moved up past the parts' own (nothing of the stage came in between)
            if (!pointer.id().equals(p.id()) || !pointer.scope().equals(p.scope()) || p.base() > pointer.base()
                    || p.parts() != pointer.parts() || p.part() < 0 || p.part() >= byIndex.length) continue;
            byIndex[p.part()] = p;
        }
        List<LogEntry> out = new ArrayList<>();
        for (Part p : byIndex) {
            if (p == null || p.base() != byIndex[0].base()) return null;
            for (Entry e : p.entries()) {
                if (e.k() == null || e.v() == null || e.o() >= p.base()) return null;
                out.add(new LogEntry(partition, e.o(), e.k(), e.v()));
            }
        }
        return out;
    }

    public static String toJson(Object partOrPointer) {
        try {
            return JSON.writeValueAsString(partOrPointer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pointer, or null when the value is not one. */
    public static Pointer pointer(String json) {
        try {
            Pointer p = json == null ? null : JSON.readValue(json, Pointer.class);
            return p == null || p.id() == null || p.scope() == null || p.parts() < 1 ? null : p;
        } catch (IOException e) {
            return null;
        }
    }

    /** The part, or null when the value is not one. */
    public static Part part(String json) {
        try {
            Part p = json == null ? null : JSON.readValue(json, Part.class);
            return p == null || p.id() == null || p.scope() == null ? null : p;
        } catch (IOException e) {
            return null;
        }
    }
}
