package io.kafkaops.engine.debug.kubernetes;

/**
 * The kubernetes placement refused a session (no namespace for the team, another namespace than the team's, an object
 * that is not the session's) or the API server failed. The message names namespace and objects, never a secret.
 */
public final class KubernetesPlacementException extends RuntimeException {

    public KubernetesPlacementException(String message) {
        super(message);
    }

    public KubernetesPlacementException(String message, Throwable cause) {
        super(message, cause);
    }
}
