package io.kafkaops.engine.debug;

import io.kafkaops.engine.ownership.Ownership;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One debug session: time-boxed access to a stage's cluster with exactly the rights of one service account of the
 * repository's team. Recorded in the ownership topic under {@link #recordKey}; holds the credential's id, never its
 * secret (the token's HMAC or the API key's secret).
 *
 * @param id               {@code dbg-} and 12 lowercase hex digits, random ({@link #newId})
 * @param stage            the stage's name
 * @param repository       the repository that started the session
 * @param team             the repository's team
 * @param account          the service account's logical name, as in the entity files
 * @param principal        the account's physical principal, e.g. {@code User:acme.dev.billing-api}
 * @param startedBy        who started it: the CI user or {@code user.name}
 * @param reason           why; null when none was given
 * @param start            when it started
 * @param expiry           when it ends; the credential stops working then
 * @param credentialKind   {@link #DELEGATION_TOKEN} or {@link #API_KEY}
 * @param credentialId     the token id or the API key id (never the secret)
 * @param placement        {@code local} or {@code kubernetes}
 * @param placementDetails what the placement created (never a secret), e.g. namespace and job name
 */
public record DebugSession(
        String id,
        String stage,
        String repository,
        String team,
        String account,
        String principal,
        String startedBy,
        String reason,
        Instant start,
        Instant expiry,
        String credentialKind,
        String credentialId,
        String placement,
        Map<String, String> placementDetails) {

    /** Credential kind of Apache Kafka: a delegation token owned by the account's principal. */
    public static final String DELEGATION_TOKEN = "delegation-token";
    /** Credential kind of Confluent Cloud: a temporary API key owned by the service account. */
    public static final String API_KEY = "api-key";

    private static final Pattern ID = Pattern.compile("dbg-[0-9a-f]{12}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public DebugSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(expiry, "expiry");
        placementDetails = placementDetails == null ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(placementDetails));
    }

    /** A new random session id: {@code dbg-} and 12 lowercase hex digits. */
    public static String newId() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return "dbg-" + HexFormat.of().formatHex(bytes);
    }

    /** Whether a text is a well-formed session id (it becomes part of file names and keys). */
    public static boolean isId(String text) {
        return text != null && ID.matcher(text).matches();
    }

    /** The key of a session's record in the ownership topic. */
    public static String recordKey(String stage, String id) {
        return Ownership.sessionKey(stage, id);
    }

    /** Whether an ownership-topic key is a session record's (and not an entity's or a lease's). */
    public static boolean isRecordKey(String key) {
        return Ownership.isSession(key);
    }

    public String recordKey() {
        return recordKey(stage, id);
    }

    /** Whether the session is past its expiry at {@code now}. */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiry);
    }

    /** The same session with what its placement created recorded. */
    public DebugSession withPlacementDetails(Map<String, String> details) {
        return new DebugSession(id, stage, repository, team, account, principal, startedBy, reason, start, expiry,
                credentialKind, credentialId, placement, details);
    }
}
