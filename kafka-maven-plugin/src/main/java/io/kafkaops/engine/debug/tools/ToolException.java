package io.kafkaops.engine.debug.tools;

/**
 * A tool could not do what was asked; the message is one line for the developer and never holds a secret.
 * {@link #denied()} tells a missing right of the account (the developer's request is refused) from an infrastructure
 * problem (no broker, a timeout, no credentials).
 */
public class ToolException extends Exception {

    private final boolean denied;

    public ToolException(String message) {
        this(message, false);
    }

    public ToolException(String message, boolean denied) {
        super(message);
        this.denied = denied;
    }

    /** Whether the account lacks a right (an authorisation error), rather than the cluster or the setup failing. */
    public boolean denied() {
        return denied;
    }
}
