package io.kafkaops.engine.cluster.admin;

import io.kafkaops.engine.apply.ApplyResults.Failure;
import io.kafkaops.engine.apply.EntityResult;
import io.kafkaops.engine.cluster.SaslJaas;
import io.kafkaops.engine.plan.ChangeAction;
import io.kafkaops.engine.plan.EntityKind;
import io.kafkaops.engine.state.ClusterState;
import io.kafkaops.engine.store.CredentialStore;
import io.kafkaops.engine.store.CredentialStoreException;
import io.kafkaops.engine.store.StoredCredential;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.common.KafkaFuture;

/**
 * Rotates the credentials of existing SCRAM users: a new password for each, stored as a new version first, then one
 * alterUserScramCredentials call that replaces the old password, then a sign-in with each new password until the
 * brokers accept it (they apply the change shortly after the controller commits it).
 */
final class ScramRotation {

    private final ScramCredentialChanges scram;
    private final AdminCalls admin;
    private final AdminFutures futures;

    ScramRotation(ScramCredentialChanges scram, AdminCalls admin, AdminFutures futures) {
        this.scram = scram;
        this.admin = admin;
        this.futures = futures;
    }

    /** @param principals physical SCRAM user names, each existing on the cluster */
    List<EntityResult> rotate(String stage, String team, List<String> principals, ClusterState current,
                              CredentialStore store) {
        Map<String, EntityResult> results = new LinkedHashMap<>();
        Map<String, String> passwords = new LinkedHashMap<>();
        List<UserScramCredentialAlteration> alterations = new ArrayList<>();
        for (String user : principals) {
            String password = scram.newPassword();
            try {
                store.store(new StoredCredential(stage, team, user, user, password, scram.clientProperties()));
            } catch (CredentialStoreException e) {
                results.put(user, rotation(user, EntityResult.Status.FAILED, "could not store the new credential in "
                        + store.describe() + " (" + e.getMessage() + "); nothing was changed on the cluster and the"
                        + " old password still works"));
                continue;
            }
            passwords.put(user, password);
            alterations.add(ScramCredentialChanges.upsert(user, password));
        }
        if (!passwords.isEmpty()) {
            Map<String, KafkaFuture<Void>> answers = Map.of();
            String callError = null;
            try {
                answers = admin.alterUserScramCredentials(alterations).values();
            } catch (RuntimeException e) {
                callError = KafkaErrors.message(e);
            }
            Map<String, String> set = new LinkedHashMap<>();
            for (Map.Entry<String, String> p : passwords.entrySet()) {
                String user = p.getKey();
                Failure failure = callError != null ? new Failure(callError, false) : futures.failure(answers.get(user));
                if (failure == null) {
                    set.put(user, p.getValue());
                    continue;
                }
                // The old password is still in the store's earlier version; the newest one must not be removed, since
                // it may be the one the cluster has now.
                results.put(user, rotation(user, EntityResult.Status.FAILED, (failure.unknownOutcome()
                        ? "the cluster did not confirm the new password (" + failure.message() + ")"
                        : "the cluster refused the new password (" + failure.message() + ")")
                        + "; the newest version in " + store.describe() + " holds it, the previous version the old"
                        + " one. Run the rotation again"));
            }
            Map<String, String> left = scram.dropOtherMechanisms(set.keySet(), current);
            long deadline = System.nanoTime() + futures.timeout().toNanos();
            for (Map.Entry<String, String> p : set.entrySet()) {
                String user = p.getKey();
                if (left.containsKey(user)) {
                    results.put(user, rotation(user, EntityResult.Status.FAILED, "stored in " + store.describe()
                            + "; " + ScramCredentialChanges.otherMechanismsLeft(left.get(user))));
                    continue;
                }
                String late = awaitSignIn(user, p.getValue(), deadline);
                results.put(user, late == null
                        ? rotation(user, EntityResult.Status.APPLIED, "new version stored in " + store.describe()
                        + "; the old password no longer works")
                        : rotation(user, EntityResult.Status.FAILED, "the new password is set and stored in "
                        + store.describe() + ", but " + late));
            }
        }
        List<EntityResult> out = new ArrayList<>();
        for (String user : principals) out.add(results.get(user));
        return out;
    }

    private static EntityResult rotation(String user, EntityResult.Status status, String message) {
        return new EntityResult(EntityKind.CREDENTIAL, user, user, ChangeAction.UPDATE, status, message);
    }

    /**
     * Signs in as the user until a broker accepts the password or the deadline passes. Authorization errors count as
     * signed in: the user may have no right to describe the cluster, but got past authentication.
     *
     * @return null once signed in, else why not
     */
    private String awaitSignIn(String user, String password, long deadline) {
        long timeoutMillis = futures.timeout().toMillis();
        Map<String, Object> props = new HashMap<>(scram.clientProperties());
        props.put("sasl.jaas.config", SaslJaas.scram(user, password).value());
        props.put("client.id", "kafkaops-rotation-check");
        ClientSettings.lean(props);
        props.put("request.timeout.ms", Long.toString(Math.min(timeoutMillis, 10_000)));
        props.put("default.api.timeout.ms", Long.toString(Math.min(timeoutMillis, 10_000)));
        long backoff = 50;
        String last = "no broker answered";
        while (true) {
            try (org.apache.kafka.clients.admin.Admin probe = org.apache.kafka.clients.admin.Admin.create(props)) {
                probe.describeCluster().clusterId().get(Math.min(timeoutMillis, 10_000), TimeUnit.MILLISECONDS);
                return null;
            } catch (ExecutionException e) {
                Throwable cause = KafkaErrors.unwrap(e);
                if (cause instanceof org.apache.kafka.common.errors.AuthorizationException) return null;
                last = cause instanceof org.apache.kafka.common.errors.AuthenticationException
                        ? "the brokers still refuse it" : KafkaErrors.message(cause);
            } catch (java.util.concurrent.TimeoutException e) {
                last = "no broker answered";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted while checking that it works";
            } catch (RuntimeException e) {
                last = KafkaErrors.message(e);
            }
            if (System.nanoTime() > deadline) {
                return "signing in with it did not succeed within " + futures.timeout().toSeconds() + " s (" + last
                        + ")";
            }
            backoff = AdminFutures.pause(backoff);
        }
    }
}
