package io.kafkaops.engine.debug;

import java.util.Map;

/** Where a debug session's credential is put for the developer to use, and how it is taken away again. */
public interface SessionPlacement {

    /** {@code local} or {@code kubernetes}. */
    String kind();

    /**
     * Puts the session's client settings where the developer can use them.
     *
     * @return placement details to record with the session (never a secret), e.g. namespace and job name
     */
    Map<String, String> place(DebugSession session, Map<String, String> clientSettings);

    /** What to tell the developer to attach (a path, a kubectl line); never a secret. */
    String howToUse(DebugSession session);

    /** Removes everything {@link #place} created for the session; safe to call twice or for a session it never placed. */
    void remove(DebugSession session);
}
