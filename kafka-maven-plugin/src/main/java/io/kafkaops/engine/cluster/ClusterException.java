package io.kafkaops.engine.cluster;

import io.kafkaops.engine.store.Secrets;

/**
 * The stage's cluster could not be reached, refused the credentials, or denied an operation. The message names the
 * stage and the bootstrap servers and says what to check; it never contains a secret.
 */
public class ClusterException extends Exception {

    public ClusterException(String message) {
        super(Secrets.mask(message));
    }

    public ClusterException(String message, Throwable cause) {
        super(Secrets.mask(message), cause);
    }
}
