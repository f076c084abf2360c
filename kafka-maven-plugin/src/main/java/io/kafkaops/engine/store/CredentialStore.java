package io.kafkaops.engine.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where generated service-account credentials go (a file for local use, the team's Azure Key Vault in pipelines).
 * Implementations never log or return secret values except through {@link #store}'s argument, which they write and
 * forget.
 */
public interface CredentialStore {

    /** A short description for messages, for example the vault URL or file path. Never contains secrets. */
    String describe();

    /**
     * The service accounts (physical principal names) whose credential is present in the store for this stage.
     * Reads names and tags only, never values.
     */
    Set<String> existing(String stage, String team) throws CredentialStoreException;

    /** Stores (or replaces with a new version) the credential of one service account. */
    void store(StoredCredential credential) throws CredentialStoreException;

    /**
     * Stores the credentials of several service accounts, as one deploy creates them. Stores that can write them all
     * at once override this: one by one, a file holding n credentials would be rewritten n times.
     *
     * @return the principals whose credential could not be stored, with the reason; the others are stored
     */
    default Map<String, CredentialStoreException> storeAll(List<StoredCredential> credentials) {
        Map<String, CredentialStoreException> failed = new LinkedHashMap<>();
        for (StoredCredential c : credentials) {
            try {
                store(c);
            } catch (CredentialStoreException e) {
                failed.put(c.principal(), e);
            }
        }
        return failed;
    }

    /** Removes the credential of a deleted service account; a missing one is not an error. */
    void delete(String stage, String team, String principal) throws CredentialStoreException;
}
