package io.kafkaops.engine.debug;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The JSON of a session's record in the ownership topic (key {@code session:<stage>:<id>}). Public and stable like the
 * ownership records: other repositories' plans read it. It never holds a secret: the credential is named by its id.
 */
public final class SessionRecords {

    /** {@code type} of a session record, so no reader takes it for an entity's ownership record. */
    static final String TYPE = "debug-session";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private SessionRecords() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Json(String type, String id, String stage, String repository, String team, String account,
                String principal, String startedBy, String reason, String start, String expiry,
                String credentialKind, String credentialId, String placement, Map<String, String> placementDetails) {
    }

    public static String toJson(DebugSession s) {
        try {
            return JSON.writeValueAsString(new Json(TYPE, s.id(), s.stage(), s.repository(), s.team(), s.account(),
                    s.principal(), s.startedBy(), s.reason(), s.start().toString(), s.expiry().toString(),
                    s.credentialKind(), s.credentialId(), s.placement(), s.placementDetails()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The session of a record, or null when the value is not a well-formed session record (it is then ignored). */
    public static DebugSession fromJson(String json) {
        if (json == null) return null;
        try {
            Json j = JSON.readValue(json, Json.class);
            if (j == null || !TYPE.equals(j.type()) || !DebugSession.isId(j.id()) || j.stage() == null || j.start() == null
                    || j.expiry() == null) {
                return null;
            }
            return new DebugSession(j.id(), j.stage(), j.repository(), j.team(), j.account(), j.principal(),
                    j.startedBy(), j.reason(), Instant.parse(j.start()), Instant.parse(j.expiry()), j.credentialKind(),
                    j.credentialId(), j.placement(), j.placementDetails());
        } catch (IOException | DateTimeParseException e) {
            return null;
        }
    }
}
