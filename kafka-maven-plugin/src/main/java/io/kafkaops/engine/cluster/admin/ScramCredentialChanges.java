package io.kafkaops.engine.cluster.admin;

import io.kafkaops.engine.apply.ApplyResults;
import io.kafkaops.engine.apply.ApplyResults.Failure;
import io.kafkaops.engine.apply.CredentialChanges;
import io.kafkaops.engine.apply.EntityResult;
import io.kafkaops.engine.apply.PendingChanges;
import io.kafkaops.engine.cluster.ClusterConnection;
import io.kafkaops.engine.plan.ChangeAction;
import io.kafkaops.engine.plan.Plan;
import io.kafkaops.engine.plan.PlannedChange;
import io.kafkaops.engine.state.ClusterState;
import io.kafkaops.engine.store.CredentialStore;
import io.kafkaops.engine.store.CredentialStoreException;
import io.kafkaops.engine.store.Secrets;
import io.kafkaops.engine.store.StoredCredential;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;

/**
 * Service-account credentials as SCRAM users on an Apache Kafka cluster: each new password is stored in the credential
 * store first, then one alterUserScramCredentials call sets them all; credentials for other SCRAM mechanisms, which
 * would keep an old password working, are removed. Rotation is {@link ScramRotation}.
 */
final class ScramCredentialChanges implements CredentialChanges {

    static final int SCRAM_ITERATIONS = 8192;
    static final ScramMechanism MECHANISM = ScramMechanism.SCRAM_SHA_512;

    private final AdminCalls admin;
    private final AdminFutures futures;
    private final ClusterConnection connection;
    private final SecureRandom random = new SecureRandom();

    ScramCredentialChanges(AdminCalls admin, AdminFutures futures, ClusterConnection connection) {
        this.admin = admin;
        this.futures = futures;
        this.connection = connection;
    }

    @Override
    public void createOrReplace(Plan plan, List<PlannedChange> changes, ClusterState current, CredentialStore store,
                                ApplyResults results) {
        if (changes.isEmpty()) return;
        List<UserScramCredentialAlteration> alterations = new ArrayList<>();
        List<PlannedChange> sent = new ArrayList<>();
        Map<String, String> passwords = new HashMap<>();
        List<StoredCredential> credentials = new ArrayList<>();
        for (PlannedChange c : changes) {
            String password = newPassword();
            passwords.put(c.name(), password);
            credentials.add(new StoredCredential(plan.stage(), plan.team(), c.name(), c.name(), password,
                    clientProperties()));
        }
        // Stored first, all at once: a credential the cluster accepts but nobody can look up would be lost, and a
        // failed store must leave the cluster as it was so the next plan still sees the credential missing.
        Map<String, CredentialStoreException> notStored = store.storeAll(credentials);
        for (PlannedChange c : changes) {
            CredentialStoreException e = notStored.get(c.name());
            if (e != null) {
                results.put(c, EntityResult.failed(c, "could not store the credential in " + store.describe() + " ("
                        + e.getMessage() + "); the cluster was not changed, run the deploy again once the store"
                        + " accepts it"));
                continue;
            }
            alterations.add(upsert(c.name(), passwords.get(c.name())));
            sent.add(c);
        }
        if (sent.isEmpty()) return;
        Map<String, KafkaFuture<Void>> answers;
        try {
            answers = admin.alterUserScramCredentials(alterations).values();
        } catch (RuntimeException e) {
            // thrown before anything was sent: the cluster surely kept what it had
            for (PlannedChange c : sent) fail(plan, c, store, new Failure(KafkaErrors.message(e), false), results);
            return;
        }
        Map<String, PlannedChange> set = new LinkedHashMap<>();
        for (PlannedChange c : sent) {
            Failure failure = futures.failure(answers.get(c.name()));
            if (failure == null) {
                set.put(c.name(), c);
            } else {
                fail(plan, c, store, failure, results);
            }
        }
        Map<String, String> left = dropOtherMechanisms(set.keySet(), current);
        set.forEach((user, c) -> results.put(c, left.containsKey(user)
                ? EntityResult.failed(c, "stored in " + store.describe() + "; " + otherMechanismsLeft(left.get(user)))
                : EntityResult.applied(c, "stored in " + store.describe())));
    }

    /**
     * The cluster did not take the new password. When it surely refused, the password is removed from the store again,
     * so the next plan creates it again; when the answer got lost, the cluster may have taken it, so the store keeps
     * it: removing it could leave a working credential that no store holds.
     */
    private void fail(Plan plan, PlannedChange c, CredentialStore store, Failure failure, ApplyResults results) {
        if (failure.unknownOutcome()) {
            results.put(c, EntityResult.failed(c, "the cluster did not confirm the new SCRAM credential ("
                    + failure.message() + "); it may be active, so the new password stays in " + store.describe()
                    + ". Run kafka:rotate-credentials for " + (c.logicalName() == null ? c.name() : c.logicalName())
                    + " to be sure the store and the cluster agree"));
            return;
        }
        String cleanup = "; its new password was removed from the store again, so the next deploy creates it again";
        try {
            store.delete(plan.stage(), plan.team(), c.name());
        } catch (CredentialStoreException e) {
            cleanup = "; the unused new password is still in " + store.describe();
        }
        results.put(c, EntityResult.failed(c, "the cluster refused the SCRAM credential (" + failure.message() + ")"
                + cleanup));
    }

    @Override
    public void delete(Plan plan, List<PlannedChange> changes, ClusterState current, CredentialStore store,
                       ApplyResults results) {
        if (changes.isEmpty()) return;
        List<UserScramCredentialAlteration> deletions = new ArrayList<>();
        for (PlannedChange c : changes) {
            for (String m : current.scramUsers().getOrDefault(c.name(), Set.of())) {
                ScramMechanism mechanism = ScramMechanism.fromMechanismName(m);
                if (mechanism != ScramMechanism.UNKNOWN) deletions.add(new UserScramCredentialDeletion(c.name(), mechanism));
            }
        }
        Map<String, KafkaFuture<Void>> answers = Map.of();
        String callError = null;
        if (!deletions.isEmpty()) {
            try {
                answers = admin.alterUserScramCredentials(deletions).values();
            } catch (RuntimeException e) {
                callError = KafkaErrors.message(e);
            }
        }
        for (PlannedChange c : changes) {
            String error = callError != null ? callError
                    : answers.containsKey(c.name()) ? futures.error(answers.get(c.name())) : null;
            if (error != null) {
                results.put(c, EntityResult.failed(c, "could not delete the SCRAM credential (" + error + ")"));
                continue;
            }
            String note = null;
            try {
                store.delete(plan.stage(), plan.team(), c.name());
            } catch (CredentialStoreException e) {
                note = "deleted on the cluster, but it could not be removed from " + store.describe() + " ("
                        + e.getMessage() + "); remove it there by hand";
            }
            results.put(c, EntityResult.applied(c, note));
        }
    }

    @Override
    public PendingChanges pending(List<PlannedChange> applied) {
        Map<String, PlannedChange> toAppear = new HashMap<>();
        Map<String, PlannedChange> toGo = new HashMap<>();
        for (PlannedChange c : applied) {
            if (c.action() == ChangeAction.CREATE) toAppear.put(c.name(), c);
            if (c.action() == ChangeAction.DELETE) toGo.put(c.name(), c);
        }
        if (toAppear.isEmpty() && toGo.isEmpty()) return PendingChanges.NONE;
        return new PendingChanges() {
            @Override
            public void check() throws Exception {
                Set<String> users = admin.describeUserScramCredentials().all()
                        .get(futures.timeout().toMillis(), TimeUnit.MILLISECONDS).keySet();
                toAppear.keySet().removeIf(users::contains);
                toGo.keySet().removeIf(u -> !users.contains(u));
            }

            @Override
            public Collection<PlannedChange> pending() {
                List<PlannedChange> out = new ArrayList<>(toAppear.values());
                out.addAll(toGo.values());
                return out;
            }
        };
    }

    @Override
    public List<EntityResult> rotate(String stage, String team, List<String> principals, ClusterState current,
                                     CredentialStore store) {
        return new ScramRotation(this, admin, futures).rotate(stage, team, principals, current, store);
    }

    static UserScramCredentialUpsertion upsert(String user, String password) {
        return new UserScramCredentialUpsertion(user, new ScramCredentialInfo(MECHANISM, SCRAM_ITERATIONS), password);
    }

    /**
     * Removes the credentials the users hold for other SCRAM mechanisms, which would keep an old password working
     * next to the new one. A second call: Kafka refuses two alterations of one user in one request.
     *
     * @return the users whose old credentials could not be removed, with the reason
     */
    Map<String, String> dropOtherMechanisms(Collection<String> users, ClusterState current) {
        List<UserScramCredentialAlteration> deletions = new ArrayList<>();
        for (String user : users) {
            for (String m : current.scramUsers().getOrDefault(user, Set.of())) {
                ScramMechanism mechanism = ScramMechanism.fromMechanismName(m);
                if (mechanism != ScramMechanism.UNKNOWN && mechanism != MECHANISM) {
                    deletions.add(new UserScramCredentialDeletion(user, mechanism));
                }
            }
        }
        Map<String, String> failed = new TreeMap<>();
        if (deletions.isEmpty()) return failed;
        Map<String, KafkaFuture<Void>> answers;
        try {
            answers = admin.alterUserScramCredentials(deletions).values();
        } catch (RuntimeException e) {
            deletions.forEach(d -> failed.put(d.user(), KafkaErrors.message(e)));
            return failed;
        }
        for (UserScramCredentialAlteration d : deletions) {
            String error = futures.errorIgnoring(answers.get(d.user()),
                    org.apache.kafka.common.errors.ResourceNotFoundException.class);
            if (error != null) failed.put(d.user(), error);
        }
        return failed;
    }

    static String otherMechanismsLeft(String error) {
        return "the new password is set, but the user's credential for another SCRAM mechanism, which still has the"
                + " old password, could not be removed (" + error + "); run it again";
    }

    /**
     * What an application needs besides its user name and password: the cluster's non-secret client properties from the
     * platform definition (TLS trust settings, for example) with our SASL mechanism. The admin's own secrets, key
     * store and SASL settings stay out.
     */
    Map<String, String> clientProperties() {
        return applicationProperties(connection, MECHANISM.mechanismName());
    }

    /**
     * The client properties an application of the cluster needs besides its user name and secret, for a SASL
     * mechanism: shared by every cluster type's credentials (SCRAM here, PLAIN API keys on Confluent Cloud).
     */
    static Map<String, String> applicationProperties(ClusterConnection connection, String mechanism) {
        Map<String, String> p = new TreeMap<>();
        connection.adminProperties().forEach((key, value) -> {
            if (!Secrets.isSecretKey(key) && !key.startsWith("sasl.") && !key.startsWith("ssl.keystore.")
                    && !key.startsWith("ssl.key.") && !key.equals("client.id")) {
                p.put(key, value);
            }
        });
        p.put("bootstrap.servers", connection.bootstrapServers());
        p.putIfAbsent("security.protocol", "SASL_SSL");
        p.put("sasl.mechanism", mechanism);
        return p;
    }

    String newPassword() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
