package io.kafkaops.engine.cluster.admin;

import io.kafkaops.engine.store.CredentialStore;
import io.kafkaops.engine.store.CredentialStoreException;
import io.kafkaops.engine.store.StoredCredential;
import java.util.Set;

/**
 * A credential store that hands every call to another; a test overrides what it watches or breaks.
 * {@link #storeAll} is the interface's, so a batch goes through this store's {@link #store} one by one.
 */
class ForwardingCredentialStore implements CredentialStore {

    final CredentialStore delegate;

    ForwardingCredentialStore(CredentialStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public Set<String> existing(String stage, String team) throws CredentialStoreException {
        return delegate.existing(stage, team);
    }

    @Override
    public void store(StoredCredential credential) throws CredentialStoreException {
        delegate.store(credential);
    }

    @Override
    public void delete(String stage, String team, String principal) throws CredentialStoreException {
        delegate.delete(stage, team, principal);
    }
}
