package io.kafkaops.engine.cluster.admin;

import static io.kafkaops.engine.Fixtures.REPO;
import static io.kafkaops.engine.Fixtures.TEAM;
import static io.kafkaops.engine.Fixtures.account;
import static io.kafkaops.engine.Fixtures.model;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaops.engine.DeployOutcome;
import io.kafkaops.engine.apply.EntityResult;
import io.kafkaops.engine.plan.EntityKind;
import io.kafkaops.engine.store.CredentialStoreException;
import io.kafkaops.engine.store.StoredCredential;
import io.kafkaops.engine.store.file.FileCredentialStore;
import io.kafkaops.model.EntityModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A deploy hands all new credentials to the store in one call: stored one by one, a file store rewrote its whole file
 * per service account, and 1,000 new accounts took tens of seconds before the cluster saw the first of them.
 */
class CredentialBatchBrokerIT extends BrokerTestBase {

    /** Records how the engine calls the store; optionally refuses one principal. */
    static final class RecordingStore extends ForwardingCredentialStore {
        final String refuse;
        final List<Integer> batches = new ArrayList<>();
        int single;

        RecordingStore(FileCredentialStore delegate, String refuse) {
            super(delegate);
            this.refuse = refuse;
        }

        @Override
        public void store(StoredCredential credential) throws CredentialStoreException {
            single++;
            delegate.store(credential);
        }

        @Override
        public Map<String, CredentialStoreException> storeAll(List<StoredCredential> credentials) {
            batches.add(credentials.size());
            Map<String, CredentialStoreException> failed = new LinkedHashMap<>();
            List<StoredCredential> accepted = new ArrayList<>();
            for (StoredCredential c : credentials) {
                if (c.principal().equals(refuse)) {
                    failed.put(c.principal(), new CredentialStoreException("the vault is read-only"));
                } else {
                    accepted.add(c);
                }
            }
            failed.putAll(delegate.storeAll(accepted));
            return failed;
        }
    }

    static EntityModel accounts() {
        return model(List.of(), List.of(account("billing-a"), account("billing-b"), account("billing-c")), List.of());
    }

    @Test
    void allNewCredentialsAreStoredInOneCall() throws Exception {
        RecordingStore store = new RecordingStore(new FileCredentialStore(out.resolve("billing-dev.json")), null);

        DeployOutcome d = k.engine(out).deploy(k.request(accounts(), "dev", REPO).store(store).build(), null);

        assertThat(d.complete()).isTrue();
        assertThat(store.batches).containsExactly(3);
        assertThat(store.single).isZero();
        assertThat(store.delegate.existing("dev", TEAM))
                .containsExactly(k.dev + "billing-a", k.dev + "billing-b", k.dev + "billing-c");
        assertThat(k.admin.describeUserScramCredentials().all().get().keySet())
                .contains(k.dev + "billing-a", k.dev + "billing-b", k.dev + "billing-c");
    }

    @Test
    void aCredentialTheStoreRefusesFailsAloneAndNeverReachesTheCluster() throws Exception {
        String refused = k.dev + "billing-b";
        RecordingStore store = new RecordingStore(new FileCredentialStore(out.resolve("billing-dev.json")), refused);

        DeployOutcome d = k.engine(out).deploy(k.request(accounts(), "dev", REPO).store(store).build(), null);

        assertThat(d.complete()).isFalse();
        assertThat(d.results()).filteredOn(r -> r.kind() == EntityKind.CREDENTIAL && !r.applied())
                .singleElement().satisfies(r -> {
                    assertThat(r.name()).isEqualTo(refused);
                    assertThat(r.message()).contains("the vault is read-only").contains("the cluster was not changed");
                });
        assertThat(d.results()).filteredOn(r -> r.kind() == EntityKind.CREDENTIAL).filteredOn(EntityResult::applied)
                .extracting(EntityResult::name).containsExactlyInAnyOrder(k.dev + "billing-a", k.dev + "billing-c");
        assertThat(k.admin.describeUserScramCredentials().all().get().keySet())
                .contains(k.dev + "billing-a", k.dev + "billing-c").doesNotContain(refused);
    }
}
