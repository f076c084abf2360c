package io.kafkaops.engine.cluster.admin;

import io.kafkaops.engine.cluster.confluent.ApiKey;
import io.kafkaops.engine.cluster.confluent.ConfluentCloudClient;
import io.kafkaops.engine.cluster.confluent.ConfluentCloudException;
import io.kafkaops.engine.cluster.confluent.ManagedKeys;
import io.kafkaops.engine.cluster.confluent.ServiceAccount;
import io.kafkaops.engine.ownership.OwnershipRecord;
import io.kafkaops.engine.plan.ChangeAction;
import io.kafkaops.engine.plan.EntityKind;
import io.kafkaops.engine.plan.Plan;
import io.kafkaops.engine.plan.PlannedChange;
import io.kafkaops.engine.state.ReadScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The service accounts of a Confluent Cloud organisation as the plans see them, and the one place that translates
 * between a plan's principal ({@code User:<physical name>}, the account's display name) and the cluster's
 * ({@code User:sa-...}).
 *
 * <p>Legacy numeric principals ({@code User:123456}, from before Confluent's resource ids): IAM v2 service accounts
 * carry no numeric id (the model has {@code id}, {@code display_name}, {@code description} and {@code metadata} with
 * {@code self}, {@code resource_name} and the timestamps only), so no call of the IAM v2 or API Keys v2 API maps one to
 * an account. Such bindings are left as they are: outside every stage's scope, never changed or deleted.
 */
final class ConfluentAccounts implements Principals {

    private static final String USER = "User:";

    private final ConfluentCloudClient client;
    private final Map<String, ServiceAccount> byName = new HashMap<>();
    private final Map<String, ServiceAccount> byId = new HashMap<>();
    /** The API keys on this stage's cluster, by owner id, as last read. */
    private final Map<String, List<ApiKey>> keysByOwner = new HashMap<>();
    /** Where a recorded id and a display name disagreed at the last read. */
    private final List<String> notes = new ArrayList<>();

    ConfluentAccounts(ConfluentCloudClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** Reads every service account and every API key of the stage's cluster (two paged lists). */
    void refresh() throws ConfluentCloudException {
        List<ServiceAccount> accounts = client.serviceAccounts();
        List<ApiKey> keys = client.apiKeys(null, client.access().kafkaClusterId());
        synchronized (this) {
            byName.clear();
            byId.clear();
            keysByOwner.clear();
            for (ServiceAccount a : accounts) remember(a);
            for (ApiKey k : keys) {
                if (k.ownerId() != null) keysByOwner.computeIfAbsent(k.ownerId(), id -> new ArrayList<>()).add(k);
            }
        }
    }

    private void remember(ServiceAccount a) {
        if (a.id() == null) return;
        byId.put(a.id(), a);
        if (a.displayName() != null) byName.put(a.displayName(), a);
    }

    synchronized ServiceAccount byName(String physicalName) {
        return byName.get(physicalName);
    }

    /**
     * What the plan calls "credentials on the cluster" for the accounts in scope: every account with its display name
     * in the stage's scope, with {@code PLAIN} when it has an API key on the cluster managed for this stage, and with
     * nothing when it has none.
     */
    synchronized Map<String, Set<String>> credentials(ReadScope scope) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (ServiceAccount a : byName.values()) {
            if (!scope.contains(a.displayName())) continue;
            boolean managed = managedKeys(a.id(), scope.stage()).size() > 0;
            out.put(a.displayName(), managed ? Set.of("PLAIN") : Set.of());
        }
        return out;
    }

    /**
     * The managed keys of the accounts in scope, one {@code <key id> (<account>, <sa id>)} each, in account order;
     * never a secret (listing keys returns none).
     */
    synchronized List<String> managedKeyLines(ReadScope scope) {
        List<String> out = new ArrayList<>();
        for (ServiceAccount a : new java.util.TreeMap<>(byName).values()) {
            if (!scope.contains(a.displayName())) continue;
            for (ApiKey k : managedKeys(a.id(), scope.stage())) {
                out.add(k.id() + " (" + a.displayName() + ", " + a.id() + ")");
            }
        }
        return out;
    }

    /** The keys on the cluster this tool made on the stage for the account (any repository). */
    synchronized List<ApiKey> managedKeys(String accountId, String stage) {
        List<ApiKey> out = new ArrayList<>();
        for (ApiKey k : keysByOwner.getOrDefault(accountId, List.of())) {
            if (stage.equals(ManagedKeys.stageOf(k.description()))) {
                out.add(k);
            }
        }
        return out;
    }

    synchronized void keyCreated(ApiKey key) {
        keysByOwner.computeIfAbsent(key.ownerId(), id -> new ArrayList<>()).add(key);
    }

    synchronized void keyDeleted(String ownerId, String keyId) {
        List<ApiKey> keys = keysByOwner.get(ownerId);
        if (keys != null) keys.removeIf(k -> k.id().equals(keyId));
    }

    /**
     * Creates the service accounts the plan creates or adopts and updates the descriptions it changes, before
     * anything names them: ACLs and keys need the account's id. An account that exists under the display name
     * already is used as it is (its description updated).
     *
     * @return the accounts that could not be made, with the reason
     */
    Map<String, String> ensure(Plan plan) {
        Map<String, String> failed = new LinkedHashMap<>();
        for (PlannedChange c : plan.actionable()) {
            if (c.kind() != EntityKind.SERVICE_ACCOUNT) continue;
            if (c.action() != ChangeAction.CREATE && c.action() != ChangeAction.ADOPT
                    && c.action() != ChangeAction.UPDATE) {
                continue;
            }
            String description = c.principal() == null ? null : c.principal().description();
            String wanted = description == null ? "" : description;
            try {
                ServiceAccount existing = byName(c.name());
                ServiceAccount now;
                if (existing == null) {
                    now = client.createServiceAccount(c.name(), wanted);
                } else if (!wanted.equals(existing.description() == null ? "" : existing.description())) {
                    now = client.updateServiceAccount(existing.id(), wanted);
                } else {
                    continue;
                }
                synchronized (this) {
                    remember(new ServiceAccount(now.id() != null ? now.id() : existing.id(), c.name(),
                            now.description()));
                }
            } catch (ConfluentCloudException e) {
                failed.put(c.name(), e.getMessage());
            }
        }
        return failed;
    }

    /** Forgets a deleted account. */
    synchronized void deleted(ServiceAccount a) {
        byId.remove(a.id());
        byName.remove(a.displayName());
        keysByOwner.remove(a.id());
    }

    /**
     * Prefers the ids the ownership records keep over the display names: an account whose record names it {@code N}
     * with id {@code sa-x}, and which is named otherwise in Confluent Cloud now (renamed by hand), is taken as
     * {@code N} again (its principal, its keys and its ACLs), while no other account is named {@code N}. Where the
     * record's id and the display name disagree otherwise (the id is gone or another account has the name), the
     * display name stays what counts and a note says so.
     *
     * Called by the reader between the ownership records and the ACLs, so the ACLs are read with the recorded names;
     * the notes are kept for {@link #notes()}.
     *
     * @param ownership the stage's ownership records, by key
     */
    @Override
    public synchronized void recorded(Map<String, OwnershipRecord> ownership) {
        notes.clear();
        for (OwnershipRecord r : new TreeMap<>(ownership).values()) {
            if (!"principal".equals(r.kind()) || r.accountId() == null) continue;
            ServiceAccount byRecordedId = byId.get(r.accountId());
            ServiceAccount byRecordedName = byName.get(r.name());
            if (byRecordedId != null && r.name().equals(byRecordedId.displayName())) continue;
            if (byRecordedId != null && byRecordedName == null) {
                byName.remove(byRecordedId.displayName());
                remember(new ServiceAccount(byRecordedId.id(), r.name(), byRecordedId.description()));
                notes.add("Service account " + r.accountId() + " of " + r.name() + " (its ownership record) is named "
                        + byRecordedId.displayName() + " in Confluent Cloud: taken as " + r.name()
                        + " by its id; rename it back to keep the two the same");
            } else if (byRecordedId == null) {
                notes.add("Service account " + r.accountId() + " of " + r.name() + " (its ownership record) no longer"
                        + " exists in Confluent Cloud" + (byRecordedName == null ? ""
                        : "; the account named " + r.name() + " now is " + byRecordedName.id()
                        + ", taken by its name"));
            } else {
                notes.add("Service account " + r.accountId() + " of " + r.name() + " (its ownership record) is named "
                        + byRecordedId.displayName() + " in Confluent Cloud, and " + r.name() + " names "
                        + byRecordedName.id() + ": taken by the name (" + byRecordedName.id()
                        + "); check which account is meant");
            }
        }
    }

    /** Where a recorded id and a display name disagreed at the last read, one line each. */
    synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    /** The id of the account with this display name, as last read or made; null when there is none. */
    @Override
    public synchronized String accountId(String physicalName) {
        ServiceAccount a = byName.get(physicalName);
        return a == null ? null : a.id();
    }

    @Override
    public synchronized String toCluster(String principal) {
        if (principal == null || !principal.startsWith(USER)) return principal;
        ServiceAccount a = byName.get(principal.substring(USER.length()));
        return a == null ? principal : a.principal();
    }

    @Override
    public synchronized String fromCluster(String principal) {
        if (principal == null || !principal.startsWith(USER)) return principal;
        ServiceAccount a = byId.get(principal.substring(USER.length()));
        return a == null || a.displayName() == null ? principal : USER + a.displayName();
    }
}
