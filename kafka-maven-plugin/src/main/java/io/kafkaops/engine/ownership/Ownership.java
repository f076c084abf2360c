package io.kafkaops.engine.ownership;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaops.engine.plan.EntityKind;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Ownership is recorded on the cluster itself, in one compacted topic shared by every repository and stage that
 * deploys to the cluster: no extra infrastructure, and every plan (with read rights) sees who owns what.
 */
public final class Ownership {

    /** The compacted topic holding one record per managed entity. */
    public static final String TOPIC = "_kafkaops-ownership";

    /**
     * The compacted topic holding, per stage, where the latest {@link StageSnapshot} of that stage's records starts in
     * {@link #TOPIC}: one small record per stage, so reading it costs nothing. Only an index: without it (or without
     * READ on it) a read starts at the beginning of {@link #TOPIC}, as before.
     */
    public static final String INDEX_TOPIC = "_kafkaops-ownership-index";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Ownership() {
    }

    /** {@code topic:<physical>}, {@code principal:<physical>} or {@code acl:<binding key>}. */
    public static String key(EntityKind kind, String name) {
        return switch (kind) {
            case TOPIC -> "topic:" + name;
            case SERVICE_ACCOUNT, CREDENTIAL -> "principal:" + name;
            case ACL -> "acl:" + name;
        };
    }

    /** Keys of deploy leases ({@link Lease}) start with this; they are not ownership records. */
    public static final String LEASE_PREFIX = "lease:";

    /** {@code lease:<stage>:<repository>:<holder>}: one key per deploy, so a deploy only ever removes its own. */
    public static String leaseKey(String stage, String repository, String holder) {
        return leasePrefix(stage, repository) + holder;
    }

    /** The start of the lease keys of one repository's stage. */
    public static String leasePrefix(String stage, String repository) {
        return LEASE_PREFIX + stage + ":" + repository + ":";
    }

    /** Whether a key is an entity's ({@code topic:}, {@code principal:}, {@code acl:}): the keys a stage's scope filters. */
    public static boolean isEntityKey(String key) {
        return key != null && (key.startsWith("topic:") || key.startsWith("principal:") || key.startsWith("acl:"));
    }

    /** Whether a key is a deploy lease's rather than an entity's. */
    public static boolean isLease(String key) {
        return key != null && key.startsWith(LEASE_PREFIX);
    }

    /** Keys of debug sessions' records start with this; they are not ownership records either. */
    public static final String SESSION_PREFIX = "session:";

    /** {@code session:<stage>:<id>}: the record of one debug session (see {@code engine.debug.DebugSession}). */
    public static String sessionKey(String stage, String id) {
        return sessionPrefix(stage) + id;
    }

    /** The start of the session keys of one stage. */
    public static String sessionPrefix(String stage) {
        return SESSION_PREFIX + stage + ":";
    }

    /** Whether a key is a debug session's rather than an entity's or a lease's. */
    public static boolean isSession(String key) {
        return key != null && key.startsWith(SESSION_PREFIX);
    }

    /** Whether a key is an entity's ownership record (neither a lease nor a debug session). */
    public static boolean isEntity(String key) {
        return !isLease(key) && !isSession(key);
    }

    /** The record kind stored for an entity kind ({@code topic}, {@code principal}, {@code acl}). */
    public static String recordKind(EntityKind kind) {
        return switch (kind) {
            case TOPIC -> "topic";
            case SERVICE_ACCOUNT, CREDENTIAL -> "principal";
            case ACL -> "acl";
        };
    }

    /**
     * The name whose stage prefix decides whether a record belongs to a stage: the topic or principal name, and for
     * an ACL the principal's user name.
     */
    public static String scopeName(String key) {
        int colon = key.indexOf(':');
        if (colon < 0) return key;
        String kind = key.substring(0, colon);
        String rest = key.substring(colon + 1);
        if (kind.equals("acl")) {
            int bar = rest.indexOf('|');
            String principal = bar < 0 ? rest : rest.substring(0, bar);
            return principal.startsWith("User:") ? principal.substring("User:".length()) : principal;
        }
        return rest;
    }

    public static String toJson(OwnershipRecord r) {
        try {
            return JSON.writeValueAsString(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String toJson(Lease lease) {
        try {
            return JSON.writeValueAsString(lease);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lease, or null when the value is not one. */
    public static Lease leaseFromJson(String json) {
        try {
            Lease l = JSON.readValue(json, Lease.class);
            return l == null || l.holder() == null || l.expiresAt() == null ? null : l;
        } catch (IOException e) {
            return null;
        }
    }

    /** The record, or null when the value is not an ownership record (a foreign or damaged value is ignored). */
    public static OwnershipRecord fromJson(String json) {
        try {
            OwnershipRecord r = JSON.readValue(json, OwnershipRecord.class);
            // a value "null" binds to no record at all
            return r == null || r.repository() == null || r.kind() == null || r.name() == null ? null : r;
        } catch (IOException e) {
            return null;
        }
    }
}
