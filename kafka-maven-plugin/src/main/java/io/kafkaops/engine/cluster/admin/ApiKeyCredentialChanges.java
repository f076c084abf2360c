package io.kafkaops.engine.cluster.admin;

import io.kafkaops.engine.apply.ApplyResults;
import io.kafkaops.engine.apply.CredentialChanges;
import io.kafkaops.engine.apply.EntityResult;
import io.kafkaops.engine.apply.PendingChanges;
import io.kafkaops.engine.cluster.ClusterConnection;
import io.kafkaops.engine.cluster.confluent.ApiKey;
import io.kafkaops.engine.cluster.confluent.ConfluentCloudClient;
import io.kafkaops.engine.cluster.confluent.ConfluentCloudException;
import io.kafkaops.engine.cluster.confluent.ManagedKeys;
import io.kafkaops.engine.cluster.confluent.NewApiKey;
import io.kafkaops.engine.cluster.confluent.ServiceAccount;
import io.kafkaops.engine.plan.ChangeAction;
import io.kafkaops.engine.plan.EntityKind;
import io.kafkaops.engine.plan.Plan;
import io.kafkaops.engine.plan.PlannedChange;
import io.kafkaops.engine.state.ClusterState;
import io.kafkaops.engine.store.CredentialStore;
import io.kafkaops.engine.store.CredentialStoreException;
import io.kafkaops.engine.store.StoredCredential;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.DeleteAclsResult;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.ResourcePatternFilter;

/**
 * Service-account credentials on Confluent Cloud: one API key per account, owned by the account, scoped to the
 * stage's Kafka cluster and marked as this repository's ({@link ManagedKeys}). The order keeps the promise of
 * {@link CredentialChanges}: the key is created (Confluent returns its secret only then), written to the store at
 * once, and deleted again at once when the store refuses it; it is reported ready only when it works on the cluster
 * ({@link KeyReadiness}), and a key it replaces is deleted only then.
 *
 * <p>Deleting a service account deletes all its API keys, the ACLs naming it (Confluent keeps them otherwise) and the
 * account; the planner asks for that only where the stage allows deletes.
 */
final class ApiKeyCredentialChanges implements CredentialChanges {

    static final String MECHANISM = "PLAIN";

    private final ConfluentCloudClient client;
    private final ConfluentAccounts accounts;
    private final AdminCalls admin;
    private final AdminFutures futures;
    private final ClusterConnection connection;
    private final KeyReadiness readiness;

    ApiKeyCredentialChanges(ConfluentCloudClient client, ConfluentAccounts accounts, AdminCalls admin,
                            AdminFutures futures, ClusterConnection connection, KeyReadiness readiness) {
        this.client = client;
        this.accounts = accounts;
        this.admin = admin;
        this.futures = futures;
        this.connection = connection;
        this.readiness = readiness;
    }

    /** What an application needs besides the key and its secret. */
    Map<String, String> clientProperties() {
        return ScramCredentialChanges.applicationProperties(connection, MECHANISM);
    }

    private record Made(PlannedChange change, ServiceAccount account, NewApiKey key) {
    }

    @Override
    public void createOrReplace(Plan plan, List<PlannedChange> changes, ClusterState current, CredentialStore store,
                                ApplyResults results) {
        if (changes.isEmpty()) return;
        List<Made> made = new ArrayList<>();
        for (PlannedChange c : changes) {
            ServiceAccount account = accounts.byName(c.name());
            if (account == null) {
                results.put(c, EntityResult.failed(c, "the service account " + c.name() + " does not exist in"
                        + " Confluent Cloud, so it cannot get an API key; run the deploy again"));
                continue;
            }
            try {
                NewApiKey key = client.createApiKey(account.id(), keyName(c.name()),
                        ManagedKeys.description(plan.repository(), plan.stage(), c.name()));
                accounts.keyCreated(key.key());
                made.add(new Made(c, account, key));
            } catch (ConfluentCloudException e) {
                results.put(c, EntityResult.failed(c, "could not create an API key for " + c.name() + " ("
                        + account.id() + "): " + e.getMessage() + limitHint(e)));
            }
        }
        if (made.isEmpty()) return;
        List<StoredCredential> credentials = made.stream().map(m -> new StoredCredential(plan.stage(), plan.team(),
                m.change().name(), m.key().id(), m.key().secret(), clientProperties())).toList();
        // stored at once, all together; a key the store refused is deleted at once, so no usable key is unstored
        Map<String, CredentialStoreException> notStored = store.storeAll(credentials);
        List<Made> stored = new ArrayList<>();
        for (Made m : made) {
            CredentialStoreException e = notStored.get(m.change().name());
            if (e == null) {
                stored.add(m);
                continue;
            }
            String cleanup = deleteKey(m.account(), m.key().id())
                    ? "; the new API key " + m.key().id() + " was deleted again at once"
                    : "; the new API key " + m.key().id() + " could not be deleted: delete it by hand (its secret is"
                    + " nowhere)";
            results.put(m.change(), EntityResult.failed(m.change(), "could not store the credential in "
                    + store.describe() + " (" + e.getMessage() + ")" + cleanup + "; run the deploy again once the"
                    + " store accepts it"));
        }
        Map<String, String> notReady = readiness.await(
                stored.stream().collect(Collectors.toMap(m -> m.key().id(), m -> m.key().secret(), (a, b) -> a,
                        LinkedHashMap::new)),
                stored.stream().collect(Collectors.toMap(m -> m.key().id(), m -> m.change().name())));
        for (Made m : stored) {
            PlannedChange c = m.change();
            String where = "stored in " + store.describe() + " (API key " + m.key().id() + ")";
            String late = notReady.get(m.key().id());
            if (late != null) {
                results.put(c, EntityResult.failed(c, where + ", but it did not work on the cluster within "
                        + readiness.bound().toSeconds() + " s (" + late + "); " + (c.action() == ChangeAction.UPDATE
                        ? "the keys it replaces are kept. " : "") + "Confluent Cloud may still be propagating it:"
                        + " check with kafka:plan"));
                continue;
            }
            List<String> replaced = deleteOthers(m.account(), plan.stage(), m.key().id());
            results.put(c, EntityResult.applied(c, where + "; it works on the cluster"
                    + (replaced.isEmpty() ? "" : "; replaced key" + (replaced.size() == 1 ? " " : "s ")
                    + String.join(", ", replaced) + " deleted")));
        }
    }

    @Override
    public void delete(Plan plan, List<PlannedChange> changes, ClusterState current, CredentialStore store,
                       ApplyResults results) {
        if (changes.isEmpty()) return;
        Set<String> accountsGoing = plan.actionable().stream()
                .filter(c -> c.kind() == EntityKind.SERVICE_ACCOUNT && c.action() == ChangeAction.DELETE)
                .map(PlannedChange::name).collect(Collectors.toSet());
        Map<PlannedChange, ServiceAccount> going = new LinkedHashMap<>();
        for (PlannedChange c : changes) {
            ServiceAccount account = accounts.byName(c.name());
            String error = null;
            if (account != null) {
                try {
                    boolean whole = accountsGoing.contains(c.name());
                    List<ApiKey> keys = whole ? client.apiKeys(account.id(), null)
                            : accounts.managedKeys(account.id(), plan.stage());
                    for (ApiKey k : keys) {
                        client.deleteApiKey(k.id());
                        accounts.keyDeleted(account.id(), k.id());
                    }
                    if (whole) going.put(c, account);
                } catch (ConfluentCloudException e) {
                    error = e.getMessage();
                }
            }
            if (error != null) {
                results.put(c, EntityResult.failed(c, "could not delete the API keys of " + c.name() + " (" + error
                        + ")"));
                continue;
            }
            results.put(c, EntityResult.applied(c, removeFromStore(plan, c, store)));
        }
        deleteAccounts(going, results);
    }

    /**
     * Deletes the ACLs naming the accounts (one batched call; Confluent keeps ACLs of a deleted account, and a new
     * account never gets the old id, so they would only clutter), then the accounts.
     */
    private void deleteAccounts(Map<PlannedChange, ServiceAccount> going, ApplyResults results) {
        if (going.isEmpty()) return;
        Map<AclBindingFilter, PlannedChange> filters = new LinkedHashMap<>();
        going.forEach((c, a) -> filters.put(new AclBindingFilter(ResourcePatternFilter.ANY,
                new AccessControlEntryFilter(a.principal(), null, AclOperation.ANY, AclPermissionType.ANY)), c));
        Map<PlannedChange, String> aclErrors = new HashMap<>();
        try {
            Map<AclBindingFilter, KafkaFuture<DeleteAclsResult.FilterResults>> answers =
                    admin.deleteAcls(filters.keySet()).values();
            filters.forEach((f, c) -> {
                String error = futures.error(answers.get(f));
                if (error != null) aclErrors.put(c, error);
            });
        } catch (RuntimeException e) {
            filters.values().forEach(c -> aclErrors.put(c, KafkaErrors.message(e)));
        }
        going.forEach((c, a) -> {
            if (aclErrors.containsKey(c)) {
                results.put(c, EntityResult.failed(c, "its API keys are deleted, but the ACLs naming " + a.principal()
                        + " could not be (" + aclErrors.get(c) + "); the service account is kept, run the deploy"
                        + " again"));
                return;
            }
            try {
                client.deleteServiceAccount(a.id());
                accounts.deleted(a);
            } catch (ConfluentCloudException e) {
                results.put(c, EntityResult.failed(c, "its API keys and ACLs are deleted, but the service account "
                        + a.id() + " could not be (" + e.getMessage() + ")"));
            }
        });
    }

    @Override
    public PendingChanges pending(List<PlannedChange> applied) {
        // new keys were awaited when they were made; deleted keys stop working on their own
        return PendingChanges.NONE;
    }

    @Override
    public List<EntityResult> rotate(String stage, String team, List<String> principals, ClusterState current,
                                     CredentialStore store) {
        Map<String, EntityResult> results = new LinkedHashMap<>();
        Map<String, ServiceAccount> owners = new HashMap<>();
        Map<String, NewApiKey> keys = new LinkedHashMap<>();
        Map<String, List<ApiKey>> old = new HashMap<>();
        for (String name : principals) {
            ServiceAccount account = accounts.byName(name);
            if (account == null) {
                results.put(name, rotation(name, EntityResult.Status.FAILED, "the service account does not exist in"
                        + " Confluent Cloud; nothing was changed"));
                continue;
            }
            List<ApiKey> managed = accounts.managedKeys(account.id(), stage);
            String repository = managed.stream().map(k -> ManagedKeys.repositoryOf(k.description()))
                    .filter(r -> r != null).findFirst().orElse("unknown");
            NewApiKey key;
            try {
                key = client.createApiKey(account.id(), keyName(name), ManagedKeys.description(repository, stage,
                        name));
            } catch (ConfluentCloudException e) {
                results.put(name, rotation(name, EntityResult.Status.FAILED, (atKeyLimit(e)
                        ? "refused: " + name + " (" + account.id() + ") already has the most API keys Confluent"
                        + " Cloud allows for one account (" + e.getMessage() + "). Nothing was changed and the old"
                        + " key still works; delete a key the account does not use, then rotate again"
                        : "could not create a new API key (" + e.getMessage() + "); nothing was changed and the old"
                        + " key still works")));
                continue;
            }
            accounts.keyCreated(key.key());
            try {
                store.store(new StoredCredential(stage, team, name, key.id(), key.secret(), clientProperties()));
            } catch (CredentialStoreException e) {
                boolean deleted = deleteKey(account, key.id());
                results.put(name, rotation(name, EntityResult.Status.FAILED, "could not store the new credential in "
                        + store.describe() + " (" + e.getMessage() + "); the new API key " + key.id()
                        + (deleted ? " was deleted again at once" : " could not be deleted: delete it by hand")
                        + " and the old key still works"));
                continue;
            }
            owners.put(name, account);
            keys.put(name, key);
            old.put(name, managed);
        }
        Map<String, String> secrets = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        keys.forEach((name, k) -> {
            secrets.put(k.id(), k.secret());
            names.put(k.id(), name);
        });
        Map<String, String> notReady = readiness.await(secrets, names);
        keys.forEach((name, k) -> {
            String late = notReady.get(k.id());
            if (late != null) {
                results.put(name, rotation(name, EntityResult.Status.FAILED, "the new API key " + k.id() + " is"
                        + " stored as the newest version in " + store.describe() + ", but it did not work on the"
                        + " cluster within " + readiness.bound().toSeconds() + " s (" + late + "); the old key is"
                        + " kept and still works. Run the rotation again"));
                return;
            }
            List<String> deleted = new ArrayList<>();
            List<String> kept = new ArrayList<>();
            for (ApiKey o : old.get(name)) {
                if (deleteKey(owners.get(name), o.id())) {
                    deleted.add(o.id());
                } else {
                    kept.add(o.id());
                }
            }
            results.put(name, kept.isEmpty()
                    ? rotation(name, EntityResult.Status.APPLIED, "new version stored in " + store.describe()
                    + " (API key " + k.id() + ", works on the cluster)" + (deleted.isEmpty() ? ""
                    : "; old key " + String.join(", ", deleted) + " deleted: it no longer works"))
                    : rotation(name, EntityResult.Status.FAILED, "the new API key " + k.id() + " is stored and works,"
                    + " but the old key " + String.join(", ", kept) + " could not be deleted and still works;"
                    + " run the rotation again"));
        });
        List<EntityResult> out = new ArrayList<>();
        for (String name : principals) out.add(results.get(name));
        return out;
    }

    private static EntityResult rotation(String name, EntityResult.Status status, String message) {
        return new EntityResult(EntityKind.CREDENTIAL, name, name, ChangeAction.UPDATE, status, message);
    }

    /** Deletes the account's managed keys on the stage's cluster other than {@code keep}; the ids deleted. */
    private List<String> deleteOthers(ServiceAccount account, String stage, String keep) {
        List<String> deleted = new ArrayList<>();
        for (ApiKey k : accounts.managedKeys(account.id(), stage)) {
            if (!k.id().equals(keep) && deleteKey(account, k.id())) deleted.add(k.id());
        }
        return deleted;
    }

    private boolean deleteKey(ServiceAccount account, String keyId) {
        try {
            client.deleteApiKey(keyId);
            accounts.keyDeleted(account.id(), keyId);
            return true;
        } catch (ConfluentCloudException e) {
            return false;
        }
    }

    private static String removeFromStore(Plan plan, PlannedChange c, CredentialStore store) {
        try {
            store.delete(plan.stage(), plan.team(), c.name());
            return null;
        } catch (CredentialStoreException e) {
            return "deleted in Confluent Cloud, but it could not be removed from " + store.describe() + " ("
                    + e.getMessage() + "); remove it there by hand";
        }
    }

    /** The key's display name: which account it is for; the description says who made it. */
    static String keyName(String account) {
        return "kafkaops " + account;
    }

    /**
     * Whether Confluent refused a new key for the account's key limit: a quota answer (402), or a refusal whose text
     * speaks of the limit.
     */
    static boolean atKeyLimit(ConfluentCloudException e) {
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
        return e.status() == 402 || ((e.status() == 400 || e.status() == 409 || e.status() == 422)
                && (m.contains("limit") || m.contains("quota") || m.contains("maximum")));
    }

    private static String limitHint(ConfluentCloudException e) {
        return atKeyLimit(e) ? " (the account is at Confluent Cloud's limit of API keys per account: delete a key it"
                + " does not use)" : "";
    }
}
