package io.kafkaops.engine.cluster.confluent;

import java.util.Objects;

/**
 * The description that marks an API key as made by this tool for one repository and stage, so a plan tells its own
 * keys from hand-made ones (a developer's key, another tool's) and never deletes those. The one place that writes and
 * reads the marker.
 *
 * <p>Layout: {@code managed-by=kafkaops repository=<groupId:artifactId> stage=<stage>: <free text>}. Repository and
 * stage hold no spaces (Maven coordinates and stage names cannot).
 */
public final class ManagedKeys {

    static final String MARKER = "managed-by=kafkaops";

    private ManagedKeys() {
    }

    /** The description of a key this repository makes on this stage for a service account. */
    public static String description(String repository, String stage, String account) {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(stage, "stage");
        return MARKER + " repository=" + repository + " stage=" + stage + ": key of service account " + account
                + ", made by kafka:deploy; its secret is in the team's credential store";
    }

    /** Whether a key with this description is managed by this tool, for any repository. */
    public static boolean isManaged(String description) {
        return description != null && description.startsWith(MARKER + " ");
    }

    /** Whether a key with this description is this repository's on this stage. */
    public static boolean isManagedBy(String description, String repository, String stage) {
        if (!isManaged(description)) return false;
        return repository.equals(field(description, "repository")) && stage.equals(field(description, "stage"));
    }

    /** The stage a managed key was made on, or null for a key this tool did not make. */
    public static String stageOf(String description) {
        return isManaged(description) ? field(description, "stage") : null;
    }

    /** The repository a managed key was made for, or null for a key this tool did not make. */
    public static String repositoryOf(String description) {
        return isManaged(description) ? field(description, "repository") : null;
    }

    /** The marker of a debug session's temporary key: never a managed credential key. */
    static final String DEBUG_MARKER = "debug-session-by=kafkaops";

    /**
     * A debug session's temporary key as its description tells: the sweeper deletes it after {@code expiry} even when
     * the session's record is lost.
     */
    public record DebugKey(String session, String repository, String stage, java.time.Instant expiry) {
    }

    /**
     * The description of a debug session's temporary key: {@code debug-session-by=kafkaops session=<id>
     * repository=<groupId:artifactId> stage=<stage> expires=<ISO instant>: <free text>}. It does not start with the
     * managed keys' marker, so plans neither count it as the account's credential nor delete it as one.
     */
    public static String debugDescription(String session, String repository, String stage, String account,
                                          java.time.Instant expiry) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(expiry, "expiry");
        return DEBUG_MARKER + " session=" + session + " repository=" + repository + " stage=" + stage + " expires="
                + expiry + ": temporary key of debug session " + session + " of service account " + account
                + ", deleted when the session ends or by the next plan after it expired";
    }

    /** The debug session a key belongs to, or null for any other key (or a malformed marker). */
    public static DebugKey debugKey(String description) {
        if (description == null || !description.startsWith(DEBUG_MARKER + " ")) return null;
        String session = field(description, "session");
        String repository = field(description, "repository");
        String stage = field(description, "stage");
        String expires = field(description, "expires");
        if (session == null || stage == null || expires == null) return null;
        try {
            return new DebugKey(session, repository, stage, java.time.Instant.parse(expires));
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** A {@code name=value} field of the marker, or null. */
    static String field(String description, String name) {
        int colon = description.indexOf(": ");
        String head = colon < 0 ? description : description.substring(0, colon);
        for (String part : head.split(" ")) {
            if (part.startsWith(name + "=")) return part.substring(name.length() + 1);
        }
        return null;
    }
}
