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

    /** The record, or null when the value is not an ownership record (a foreign or damaged value is ignored). */
    public static OwnershipRecord fromJson(String json) {
        try {
            OwnershipRecord r = JSON.readValue(json, OwnershipRecord.class);
            return r.repository() == null || r.kind() == null || r.name() == null ? null : r;
        } catch (IOException e) {
            return null;
        }
    }
}
