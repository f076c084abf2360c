package io.kafkaops.engine.store;

/** The credential store refused or could not be reached. The message never contains a secret. */
public class CredentialStoreException extends Exception {
    public CredentialStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public CredentialStoreException(String message) {
        super(message);
    }
}
