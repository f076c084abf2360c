package io.kafkaops.engine.cluster.admin;

import io.kafkaops.engine.apply.EntityResult;
import io.kafkaops.engine.cluster.ClusterConnection;
import io.kafkaops.engine.cluster.ClusterException;
import io.kafkaops.engine.desired.AclSpec;
import io.kafkaops.engine.desired.TopicSpec;
import io.kafkaops.engine.ownership.Ownership;
import io.kafkaops.engine.ownership.OwnershipRecord;
import io.kafkaops.engine.plan.ChangeAction;
import io.kafkaops.engine.plan.EntityKind;
import io.kafkaops.engine.plan.FieldChange;
import io.kafkaops.engine.plan.Plan;
import io.kafkaops.engine.plan.PlannedChange;
import io.kafkaops.engine.state.ClusterState;
import io.kafkaops.engine.state.CurrentTopic;
import io.kafkaops.engine.store.CredentialStore;
import io.kafkaops.engine.store.CredentialStoreException;
import io.kafkaops.engine.store.Secrets;
import io.kafkaops.engine.store.StoredCredential;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DeleteAclsResult;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.PartitionReassignment;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Applies a plan with batched Admin calls, in dependency order:
 * <ol>
 * <li>ownership claims for everything about to be created or adopted;</li>
 * <li>service accounts and credentials: each new password is stored in the credential store first, then one
 * alterUserScramCredentials call sets them all;</li>
 * <li>topics: createTopics in chunks under the broker's per-request record limit, then createPartitions,
 * incrementalAlterConfigs and (opt-in) replica reassignments, then a bounded wait until every partition has a
 * leader;</li>
 * <li>ACLs in batches of {@value #BATCH} bindings;</li>
 * <li>deletions in reverse order: ACLs, topics, credentials;</li>
 * <li>ownership records with the applied spec hash, tombstones for deleted entities.</li>
 * </ol>
 * Each entity gets its own result; one failure does not stop the others, and a claim or an outdated record left by a
 * failure makes the next plan finish the job. A credential is never active on the cluster without being in the store:
 * when the store refuses it, the cluster is not asked.
 */
public final class AdminClusterExecutor {

    /** Kafka refuses a request that creates more than 10,000 metadata records; stay well below. */
    static final int MAX_RECORDS_PER_REQUEST = 5_000;
    /** Bindings or filters per createAcls / deleteAcls call. */
    static final int BATCH = 5_000;
    static final int SCRAM_ITERATIONS = 8192;
    static final ScramMechanism MECHANISM = ScramMechanism.SCRAM_SHA_512;

    private final AdminCalls admin;
    private final OwnershipLog ownership;
    private final ClusterConnection connection;
    private final Duration timeout;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    AdminClusterExecutor(AdminCalls admin, OwnershipLog ownership, ClusterConnection connection, Duration timeout,
                         Clock clock) {
        this.admin = admin;
        this.ownership = ownership;
        this.connection = connection;
        this.timeout = timeout;
        this.clock = clock;
    }

    public List<EntityResult> apply(Plan plan, ClusterState current, CredentialStore store) throws ClusterException {
        List<PlannedChange> todo = plan.actionable();
        Results results = new Results();
        if (todo.isEmpty()) return List.of();

        if (!current.ownershipTopicExists()) createOwnershipTopic(current.brokerIds().size());

        Map<String, OwnershipRecord> claims = new LinkedHashMap<>();
        for (PlannedChange c : todo) {
            if ((c.action() == ChangeAction.CREATE || c.action() == ChangeAction.ADOPT) && c.kind() != EntityKind.CREDENTIAL) {
                claims.put(c.ownershipKey(), record(plan, c, null));
            }
        }
        Map<String, String> claimFailures = ownership.write(claims);
        if (!claimFailures.isEmpty()) {
            String why = "the ownership claims could not be written to " + Ownership.TOPIC + " ("
                    + claimFailures.values().iterator().next() + "); nothing was changed";
            for (PlannedChange c : todo) results.put(c, EntityResult.skipped(c, why));
            return results.inOrder(todo);
        }

        for (PlannedChange c : todo) {
            // record-only changes are done once their record is written at the end
            if (c.recordOnly() && !(c.kind() == EntityKind.SERVICE_ACCOUNT && c.action() == ChangeAction.DELETE)) {
                results.put(c, EntityResult.applied(c, null));
            }
        }
        credentials(plan, of(todo, EntityKind.CREDENTIAL, ChangeAction.CREATE, ChangeAction.UPDATE), current, store,
                results);
        topics(todo, current, results);
        createAcls(of(todo, EntityKind.ACL, ChangeAction.CREATE).stream().filter(c -> !c.recordOnly()).toList(),
                results);
        deleteAcls(of(todo, EntityKind.ACL, ChangeAction.DELETE).stream().filter(c -> !c.recordOnly()).toList(),
                results);
        deleteTopics(of(todo, EntityKind.TOPIC, ChangeAction.DELETE).stream().filter(c -> !c.recordOnly()).toList(),
                results);
        deleteCredentials(plan, of(todo, EntityKind.CREDENTIAL, ChangeAction.DELETE), current, store, results);
        for (PlannedChange c : of(todo, EntityKind.SERVICE_ACCOUNT, ChangeAction.DELETE)) {
            EntityResult credential = results.get(EntityKind.CREDENTIAL, c.name());
            if (credential != null && !credential.applied()) {
                results.put(c, EntityResult.skipped(c, "its credential could not be deleted"));
            } else {
                results.put(c, EntityResult.applied(c, null));
            }
        }

        settle(todo, results);
        finalRecords(plan, todo, results);
        return results.inOrder(todo);
    }

    // ------------------------------------------------------------------------------------------------ ownership

    private void createOwnershipTopic(int brokers) throws ClusterException {
        short rf = (short) Math.max(1, Math.min(3, brokers));
        NewTopic topic = new NewTopic(Ownership.TOPIC, 1, rf).configs(Map.of(
                "cleanup.policy", "compact",
                "min.insync.replicas", rf >= 3 ? "2" : "1"));
        try {
            admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw KafkaErrors.toClusterException(e, connection.stage(), connection.bootstrapServers(),
                        "creating the ownership topic " + Ownership.TOPIC + " (the deploying principal needs CREATE"
                                + " on the cluster or on that topic)", timeout);
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw KafkaErrors.toClusterException(e, connection.stage(), connection.bootstrapServers(),
                    "creating the ownership topic " + Ownership.TOPIC, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("Interrupted while creating the ownership topic on stage " + connection.stage());
        }
        Map<String, Integer> expected = Map.of(Ownership.TOPIC, 1);
        Map<String, String> notReady = waitForLeaders(expected, Map.of());
        if (!notReady.isEmpty()) {
            throw new ClusterException("The ownership topic " + Ownership.TOPIC + " on stage " + connection.stage()
                    + " (" + connection.bootstrapServers() + ") has no leader after " + timeout.toSeconds()
                    + " s; nothing was changed. Check the cluster's health and run the deploy again.");
        }
    }

    /**
     * A returned Admin call means the controller committed the change; brokers apply it a little later (seconds under
     * load). Polls, one batched call per kind, until the broker shows every applied ACL, SCRAM and config change, so
     * the deploy reports done only what the next plan and the applications will see.
     */
    private void settle(List<PlannedChange> todo, Results results) {
        Map<String, PlannedChange> aclsToAppear = new HashMap<>();
        Map<String, PlannedChange> aclsToGo = new HashMap<>();
        Map<String, PlannedChange> usersToAppear = new HashMap<>();
        Map<String, PlannedChange> usersToGo = new HashMap<>();
        Map<String, PlannedChange> configsToShow = new HashMap<>();
        for (PlannedChange c : todo) {
            EntityResult r = results.get(c.kind(), c.name());
            if (r == null || !r.applied() || c.recordOnly()) continue;
            switch (c.kind()) {
                case ACL -> (c.action() == ChangeAction.DELETE ? aclsToGo : aclsToAppear).put(c.name(), c);
                case CREDENTIAL -> {
                    if (c.action() == ChangeAction.CREATE) usersToAppear.put(c.name(), c);
                    if (c.action() == ChangeAction.DELETE) usersToGo.put(c.name(), c);
                }
                case TOPIC -> {
                    if (c.changes().stream().anyMatch(f -> f.configKey() != null)) configsToShow.put(c.name(), c);
                }
                default -> { }
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long backoff = 50;
        while (!(aclsToAppear.isEmpty() && aclsToGo.isEmpty() && usersToAppear.isEmpty() && usersToGo.isEmpty()
                && configsToShow.isEmpty())) {
            try {
                if (!aclsToAppear.isEmpty() || !aclsToGo.isEmpty()) {
                    Set<String> present = new java.util.HashSet<>();
                    for (AclBinding b : admin.describeAcls(AclBindingFilter.ANY).values()
                            .get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                        present.add(AdminClusterReader.spec(b).key());
                    }
                    aclsToAppear.keySet().removeIf(present::contains);
                    aclsToGo.keySet().removeIf(k -> !present.contains(k));
                }
                if (!usersToAppear.isEmpty() || !usersToGo.isEmpty()) {
                    Set<String> users = admin.describeUserScramCredentials().all()
                            .get(timeout.toMillis(), TimeUnit.MILLISECONDS).keySet();
                    usersToAppear.keySet().removeIf(users::contains);
                    usersToGo.keySet().removeIf(u -> !users.contains(u));
                }
                if (!configsToShow.isEmpty()) {
                    List<ConfigResource> resources = configsToShow.keySet().stream()
                            .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
                    Map<ConfigResource, org.apache.kafka.clients.admin.Config> configs = admin
                            .describeConfigs(resources).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    configsToShow.values().removeIf(c -> configsShown(c,
                            configs.get(new ConfigResource(ConfigResource.Type.TOPIC, c.name()))));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                // a failed check is retried until the deadline; what is still pending then is reported
            }
            if (System.nanoTime() > deadline) break;
            if (!(aclsToAppear.isEmpty() && aclsToGo.isEmpty() && usersToAppear.isEmpty() && usersToGo.isEmpty()
                    && configsToShow.isEmpty())) {
                backoff = pause(backoff);
            }
        }
        String late = "applied, but the broker did not show it within " + timeout.toSeconds() + " s; the next plan"
                + " shows whether it arrived";
        for (Map<String, PlannedChange> pending : List.of(aclsToAppear, aclsToGo, usersToAppear, usersToGo,
                configsToShow)) {
            pending.values().forEach(c -> results.put(c, EntityResult.failed(c, late)));
        }
    }

    private static boolean configsShown(PlannedChange c, org.apache.kafka.clients.admin.Config config) {
        if (config == null) return false;
        Map<String, String> dynamic = new HashMap<>();
        for (ConfigEntry e : config.entries()) {
            if (e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) dynamic.put(e.name(), e.value());
        }
        for (FieldChange f : c.changes()) {
            String key = f.configKey();
            if (key != null && !java.util.Objects.equals(dynamic.get(key), f.after())) return false;
        }
        return true;
    }

    private void finalRecords(Plan plan, List<PlannedChange> todo, Results results) {
        Map<String, OwnershipRecord> records = new LinkedHashMap<>();
        Map<String, PlannedChange> byKey = new HashMap<>();
        for (PlannedChange c : todo) {
            if (c.kind() == EntityKind.CREDENTIAL) continue;
            EntityResult r = results.get(c.kind(), c.name());
            if (r == null || !r.applied()) continue;
            records.put(c.ownershipKey(), c.action() == ChangeAction.DELETE ? null : record(plan, c, c.specHash()));
            byKey.put(c.ownershipKey(), c);
        }
        Map<String, String> failed = ownership.write(records);
        for (Map.Entry<String, String> f : failed.entrySet()) {
            PlannedChange c = byKey.get(f.getKey());
            results.put(c, EntityResult.failed(c, "applied on the cluster, but its ownership record could not be"
                    + " written (" + f.getValue() + "); run the deploy again"));
        }
    }

    private OwnershipRecord record(Plan plan, PlannedChange c, String specHash) {
        TopicSpec t = c.topic();
        return new OwnershipRecord(plan.repository(), plan.team(), plan.stage(), Ownership.recordKind(c.kind()),
                c.name(), c.logicalName(), specHash, clock.instant().toString(),
                t == null ? null : t.visibility().yamlName(), t == null ? null : t.sharedWith(),
                t != null && t.protectedTopic());
    }

    // ---------------------------------------------------------------------------------------------- credentials

    private void credentials(Plan plan, List<PlannedChange> changes, ClusterState current, CredentialStore store,
                             Results results) {
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
        Map<String, KafkaFuture<Void>> futures;
        try {
            futures = admin.alterUserScramCredentials(alterations).values();
        } catch (RuntimeException e) {
            // thrown before anything was sent: the cluster surely kept what it had
            for (PlannedChange c : sent) failCredential(plan, c, store, new Failure(KafkaErrors.message(e), false),
                    results);
            return;
        }
        Map<String, PlannedChange> set = new LinkedHashMap<>();
        for (PlannedChange c : sent) {
            Failure failure = failure(futures.get(c.name()));
            if (failure == null) {
                set.put(c.name(), c);
            } else {
                failCredential(plan, c, store, failure, results);
            }
        }
        Map<String, String> left = dropOtherMechanisms(set.keySet(), current);
        set.forEach((user, c) -> results.put(c, left.containsKey(user)
                ? EntityResult.failed(c, "stored in " + store.describe() + "; " + otherMechanismsLeft(left.get(user)))
                : EntityResult.applied(c, "stored in " + store.describe())));
    }

    private static UserScramCredentialUpsertion upsert(String user, String password) {
        return new UserScramCredentialUpsertion(user, new ScramCredentialInfo(MECHANISM, SCRAM_ITERATIONS), password);
    }

    /**
     * Removes the credentials the users hold for other SCRAM mechanisms, which would keep an old password working
     * next to the new one. A second call: Kafka refuses two alterations of one user in one request.
     *
     * @return the users whose old credentials could not be removed, with the reason
     */
    private Map<String, String> dropOtherMechanisms(Collection<String> users, ClusterState current) {
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
        Map<String, KafkaFuture<Void>> futures;
        try {
            futures = admin.alterUserScramCredentials(deletions).values();
        } catch (RuntimeException e) {
            deletions.forEach(d -> failed.put(d.user(), KafkaErrors.message(e)));
            return failed;
        }
        for (UserScramCredentialAlteration d : deletions) {
            String error = errorIgnoring(futures.get(d.user()),
                    org.apache.kafka.common.errors.ResourceNotFoundException.class);
            if (error != null) failed.put(d.user(), error);
        }
        return failed;
    }

    private static String otherMechanismsLeft(String error) {
        return "the new password is set, but the user's credential for another SCRAM mechanism, which still has the"
                + " old password, could not be removed (" + error + "); run it again";
    }

    /**
     * The cluster did not take the new password. When it surely refused, the password is removed from the store again,
     * so the next plan creates it again; when the answer got lost, the cluster may have taken it, so the store keeps
     * it: removing it could leave a working credential that no store holds.
     */
    private void failCredential(Plan plan, PlannedChange c, CredentialStore store, Failure failure, Results results) {
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

    /**
     * Rotates the credentials of existing SCRAM users: a new password for each, stored as a new version first, then
     * one alterUserScramCredentials call that replaces the old password, then a sign-in with each new password until
     * the brokers accept it (they apply the change shortly after the controller commits it).
     *
     * @param principals physical SCRAM user names, each existing on the cluster
     */
    public List<EntityResult> rotate(String stage, String team, List<String> principals, ClusterState current,
                                     CredentialStore store) {
        Map<String, EntityResult> results = new LinkedHashMap<>();
        Map<String, String> passwords = new LinkedHashMap<>();
        List<UserScramCredentialAlteration> alterations = new ArrayList<>();
        for (String user : principals) {
            String password = newPassword();
            try {
                store.store(new StoredCredential(stage, team, user, user, password, clientProperties()));
            } catch (CredentialStoreException e) {
                results.put(user, rotation(user, EntityResult.Status.FAILED, "could not store the new credential in "
                        + store.describe() + " (" + e.getMessage() + "); nothing was changed on the cluster and the"
                        + " old password still works"));
                continue;
            }
            passwords.put(user, password);
            alterations.add(upsert(user, password));
        }
        if (!passwords.isEmpty()) {
            Map<String, KafkaFuture<Void>> futures = Map.of();
            String callError = null;
            try {
                futures = admin.alterUserScramCredentials(alterations).values();
            } catch (RuntimeException e) {
                callError = KafkaErrors.message(e);
            }
            Map<String, String> set = new LinkedHashMap<>();
            for (Map.Entry<String, String> p : passwords.entrySet()) {
                String user = p.getKey();
                Failure failure = callError != null ? new Failure(callError, false) : failure(futures.get(user));
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
            Map<String, String> left = dropOtherMechanisms(set.keySet(), current);
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Map.Entry<String, String> p : set.entrySet()) {
                String user = p.getKey();
                if (left.containsKey(user)) {
                    results.put(user, rotation(user, EntityResult.Status.FAILED, "stored in " + store.describe()
                            + "; " + otherMechanismsLeft(left.get(user))));
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
        Map<String, Object> props = new HashMap<>(clientProperties());
        props.put("sasl.jaas.config", new StoredCredential(connection.stage(), null, user, user, password, Map.of())
                .jaasConfig());
        props.put("client.id", "kafkaops-rotation-check");
        props.put("request.timeout.ms", Long.toString(Math.min(timeout.toMillis(), 10_000)));
        props.put("default.api.timeout.ms", Long.toString(Math.min(timeout.toMillis(), 10_000)));
        long backoff = 50;
        String last = "no broker answered";
        while (true) {
            try (org.apache.kafka.clients.admin.Admin probe = org.apache.kafka.clients.admin.Admin.create(props)) {
                probe.describeCluster().clusterId().get(Math.min(timeout.toMillis(), 10_000), TimeUnit.MILLISECONDS);
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
                return "signing in with it did not succeed within " + timeout.toSeconds() + " s (" + last + ")";
            }
            backoff = pause(backoff);
        }
    }

    /**
     * What an application needs besides its user name and password: the cluster's non-secret client properties from the
     * platform definition (TLS trust settings, for example) with our SASL mechanism. The admin's own secrets, key
     * store and SASL settings stay out.
     */
    private Map<String, String> clientProperties() {
        Map<String, String> p = new TreeMap<>();
        connection.adminProperties().forEach((key, value) -> {
            if (!Secrets.isSecretKey(key) && !key.startsWith("sasl.") && !key.startsWith("ssl.keystore.")
                    && !key.startsWith("ssl.key.") && !key.equals("client.id")) {
                p.put(key, value);
            }
        });
        p.put("bootstrap.servers", connection.bootstrapServers());
        p.putIfAbsent("security.protocol", "SASL_SSL");
        p.put("sasl.mechanism", MECHANISM.mechanismName());
        return p;
    }

    private String newPassword() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void deleteCredentials(Plan plan, List<PlannedChange> changes, ClusterState current,
                                   CredentialStore store, Results results) {
        if (changes.isEmpty()) return;
        List<UserScramCredentialAlteration> deletions = new ArrayList<>();
        for (PlannedChange c : changes) {
            for (String m : current.scramUsers().getOrDefault(c.name(), Set.of())) {
                ScramMechanism mechanism = ScramMechanism.fromMechanismName(m);
                if (mechanism != ScramMechanism.UNKNOWN) deletions.add(new UserScramCredentialDeletion(c.name(), mechanism));
            }
        }
        Map<String, KafkaFuture<Void>> futures = Map.of();
        String callError = null;
        if (!deletions.isEmpty()) {
            try {
                futures = admin.alterUserScramCredentials(deletions).values();
            } catch (RuntimeException e) {
                callError = KafkaErrors.message(e);
            }
        }
        for (PlannedChange c : changes) {
            String error = callError != null ? callError : futures.containsKey(c.name()) ? error(futures.get(c.name()))
                    : null;
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

    // --------------------------------------------------------------------------------------------------- topics

    private void topics(List<PlannedChange> todo, ClusterState current, Results results) {
        Map<String, Integer> ready = new LinkedHashMap<>();
        Map<String, List<String>> errors = new LinkedHashMap<>();

        List<PlannedChange> creates = of(todo, EntityKind.TOPIC, ChangeAction.CREATE);
        for (List<PlannedChange> chunk : chunks(creates, c -> 1 + c.topic().partitions() + c.topic().config().size())) {
            List<NewTopic> topics = chunk.stream().map(c -> new NewTopic(c.name(), c.topic().partitions(),
                    (short) c.topic().replicationFactor()).configs(c.topic().config())).toList();
            Map<String, KafkaFuture<Void>> futures;
            try {
                futures = admin.createTopics(topics).values();
            } catch (RuntimeException e) {
                for (PlannedChange c : chunk) addError(errors, c.name(), KafkaErrors.message(e));
                continue;
            }
            for (PlannedChange c : chunk) {
                String error = error(futures.get(c.name()));
                if (error != null) addError(errors, c.name(), error);
                else ready.put(c.name(), c.topic().partitions());
            }
        }

        List<PlannedChange> updates = todo.stream().filter(c -> c.kind() == EntityKind.TOPIC
                && (c.action() == ChangeAction.UPDATE || c.action() == ChangeAction.ADOPT)).toList();
        for (PlannedChange c : updates) {
            CurrentTopic cur = current.topics().get(c.name());
            ready.put(c.name(), Math.max(cur == null ? 1 : cur.partitions(), partitionsAfter(c)));
        }

        Map<String, NewPartitions> grow = new LinkedHashMap<>();
        for (PlannedChange c : updates) {
            for (FieldChange f : c.changes()) {
                if (f.field().equals(FieldChange.PARTITIONS)
                        && Integer.parseInt(f.after()) > Integer.parseInt(f.before())) {
                    grow.put(c.name(), NewPartitions.increaseTo(Integer.parseInt(f.after())));
                }
            }
        }
        List<String> growNames = new ArrayList<>(grow.keySet());
        for (List<String> chunk : chunks(growNames, n -> grow.get(n).totalCount())) {
            Map<String, NewPartitions> batch = new LinkedHashMap<>();
            for (String n : chunk) batch.put(n, grow.get(n));
            try {
                Map<String, KafkaFuture<Void>> futures = admin.createPartitions(batch).values();
                for (String n : chunk) {
                    String error = error(futures.get(n));
                    if (error != null) addError(errors, n, "adding partitions: " + error);
                }
            } catch (RuntimeException e) {
                for (String n : chunk) addError(errors, n, "adding partitions: " + KafkaErrors.message(e));
            }
        }

        Map<ConfigResource, Collection<AlterConfigOp>> alter = new LinkedHashMap<>();
        for (PlannedChange c : updates) {
            List<AlterConfigOp> ops = new ArrayList<>();
            for (FieldChange f : c.changes()) {
                String key = f.configKey();
                if (key == null) continue;
                ops.add(f.after() == null
                        ? new AlterConfigOp(new ConfigEntry(key, null), AlterConfigOp.OpType.DELETE)
                        : new AlterConfigOp(new ConfigEntry(key, f.after()), AlterConfigOp.OpType.SET));
            }
            if (!ops.isEmpty()) alter.put(new ConfigResource(ConfigResource.Type.TOPIC, c.name()), ops);
        }
        List<ConfigResource> resources = new ArrayList<>(alter.keySet());
        for (List<ConfigResource> chunk : chunks(resources, r -> alter.get(r).size())) {
            Map<ConfigResource, Collection<AlterConfigOp>> batch = new LinkedHashMap<>();
            for (ConfigResource r : chunk) batch.put(r, alter.get(r));
            try {
                Map<ConfigResource, KafkaFuture<Void>> futures = admin.incrementalAlterConfigs(batch).values();
                for (ConfigResource r : chunk) {
                    String error = error(futures.get(r));
                    if (error != null) addError(errors, r.name(), "changing configs: " + error);
                }
            } catch (RuntimeException e) {
                for (ConfigResource r : chunk) addError(errors, r.name(), "changing configs: " + KafkaErrors.message(e));
            }
        }

        Map<String, Integer> replicated = reassign(updates, current, errors);

        Map<String, Integer> wait = new LinkedHashMap<>(ready);
        wait.keySet().removeAll(errors.keySet());
        Map<String, String> notReady = wait.isEmpty() ? Map.of() : waitForLeaders(wait, replicated);
        notReady.forEach((n, why) -> addError(errors, n, why));

        for (PlannedChange c : todo) {
            if (c.kind() != EntityKind.TOPIC || c.action() == ChangeAction.DELETE) continue;
            List<String> e = errors.get(c.name());
            if (e != null) {
                results.put(c, EntityResult.failed(c, String.join("; ", e)));
            } else if (replicated.containsKey(c.name())) {
                results.put(c, EntityResult.applied(c, "ready: all " + wait.getOrDefault(c.name(), 0)
                        + " partitions have a leader and " + replicated.get(c.name()) + " in-sync replicas"));
            } else {
                results.put(c, EntityResult.applied(c, "ready: all " + wait.getOrDefault(c.name(), 0)
                        + " partitions have a leader"));
            }
        }
    }

    private static int partitionsAfter(PlannedChange c) {
        for (FieldChange f : c.changes()) {
            if (f.field().equals(FieldChange.PARTITIONS)) return Integer.parseInt(f.after());
        }
        return 0;
    }

    /**
     * Replication-factor changes (planned only with allowDestructive): one alterPartitionReassignments call for every
     * partition of the changed topics, partitions added by this deploy included (Kafka creates those with the old
     * replication factor), then polls listPartitionReassignments until the controller reports them finished.
     *
     * @return the wanted replication factor of each topic whose reassignment finished, for the readiness wait
     */
    private Map<String, Integer> reassign(List<PlannedChange> updates, ClusterState current,
                                          Map<String, List<String>> errors) {
        Map<TopicPartition, Optional<NewPartitionReassignment>> moves = new LinkedHashMap<>();
        Map<String, Integer> wanted = new LinkedHashMap<>();
        for (PlannedChange c : updates) {
            for (FieldChange f : c.changes()) {
                if (!f.field().equals(FieldChange.REPLICATION_FACTOR) || errors.containsKey(c.name())) continue;
                CurrentTopic cur = current.topics().get(c.name());
                if (cur == null) continue;
                int rf = Integer.parseInt(f.after());
                try {
                    List<List<Integer>> target = ReplicaAssignments.target(cur.replicas(),
                            Math.max(cur.partitions(), partitionsAfter(c)), rf, current.brokerIds());
                    for (int p = 0; p < target.size(); p++) {
                        moves.put(new TopicPartition(c.name(), p), Optional.of(new NewPartitionReassignment(target.get(p))));
                    }
                    wanted.put(c.name(), rf);
                } catch (IllegalArgumentException e) {
                    addError(errors, c.name(), "changing the replication factor: " + e.getMessage());
                }
            }
        }
        if (moves.isEmpty()) return Map.of();
        try {
            Map<TopicPartition, KafkaFuture<Void>> futures = admin.alterPartitionReassignments(moves).values();
            for (TopicPartition tp : moves.keySet()) {
                String error = error(futures.get(tp));
                if (error != null) addError(errors, tp.topic(), "changing the replication factor of partition "
                        + tp.partition() + ": " + error);
            }
        } catch (RuntimeException e) {
            for (TopicPartition tp : moves.keySet()) {
                addError(errors, tp.topic(), "changing the replication factor: " + KafkaErrors.message(e));
            }
            return Map.of();
        }
        wanted.keySet().removeIf(errors::containsKey);
        Set<TopicPartition> pending = new java.util.HashSet<>(moves.keySet());
        pending.removeIf(tp -> errors.containsKey(tp.topic()));
        long deadline = System.nanoTime() + timeout.toNanos();
        long backoff = 100;
        String lastError = null;
        while (!pending.isEmpty()) {
            try {
                Map<TopicPartition, PartitionReassignment> running = admin.listPartitionReassignments(pending)
                        .reassignments().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                pending.retainAll(running.keySet());
                lastError = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                lastError = "interrupted";
                break;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                // a failed check is retried until the deadline
                lastError = e instanceof ExecutionException ? KafkaErrors.message(e)
                        : "no answer within " + timeout.toSeconds() + " s";
            }
            if (pending.isEmpty() || System.nanoTime() > deadline) break;
            backoff = pause(backoff);
        }
        Set<String> unfinished = new java.util.TreeSet<>();
        pending.forEach(tp -> unfinished.add(tp.topic()));
        for (String topic : unfinished) {
            addError(errors, topic, "the replica reassignment is still running after " + timeout.toSeconds() + " s"
                    + (lastError == null ? "" : " (last check: " + lastError + ")")
                    + "; it goes on in the cluster, and the next plan shows whether it finished");
        }
        wanted.keySet().removeAll(unfinished);
        return wanted;
    }

    /**
     * Polls until every partition of the topics has a leader (and the expected number of partitions exists); for the
     * topics whose replication factor changed, also until every partition shows exactly that many replicas, all in
     * sync, so that the next plan (which may ask another broker) sees the change done.
     *
     * @param replicationFactors the wanted replication factor of the topics whose replicas were reassigned
     * @return the topics that are not ready by the deadline, with the reason
     */
    private Map<String, String> waitForLeaders(Map<String, Integer> expected, Map<String, Integer> replicationFactors) {
        Map<String, String> pending = new TreeMap<>();
        expected.keySet().forEach(n -> pending.put(n, "not described yet"));
        long deadline = System.nanoTime() + timeout.toNanos();
        long backoff = 50;
        while (true) {
            Map<String, KafkaFuture<TopicDescription>> futures;
            try {
                futures = admin.describeTopics(pending.keySet()).topicNameValues();
            } catch (RuntimeException e) {
                futures = Map.of();
            }
            for (String name : new ArrayList<>(pending.keySet())) {
                KafkaFuture<TopicDescription> f = futures.get(name);
                if (f == null) continue;
                try {
                    TopicDescription d = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    long leaderless = d.partitions().stream().filter(p -> !hasLeader(p)).count();
                    int missing = expected.get(name) - d.partitions().size();
                    Integer rf = replicationFactors.get(name);
                    long unreplicated = rf == null ? 0 : d.partitions().stream()
                            .filter(p -> p.replicas().size() != rf || p.isr().size() != rf).count();
                    if (leaderless == 0 && missing <= 0 && unreplicated == 0) {
                        pending.remove(name);
                    } else if (leaderless == 0 && missing <= 0) {
                        pending.put(name, "reassigned, but " + unreplicated + " partitions do not show " + rf
                                + " in-sync replicas after " + timeout.toSeconds() + " s; the next plan shows"
                                + " whether they arrived");
                    } else {
                        pending.put(name, "created, but " + (leaderless + Math.max(0, missing))
                                + " partitions have no leader after " + timeout.toSeconds() + " s; the next deploy"
                                + " checks again");
                    }
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        pending.put(name, "cannot check readiness: " + KafkaErrors.message(e));
                    }
                } catch (java.util.concurrent.TimeoutException e) {
                    pending.put(name, "cannot check readiness within " + timeout.toSeconds() + " s");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return pending;
                }
            }
            if (pending.isEmpty() || System.nanoTime() > deadline) return pending;
            backoff = pause(backoff);
        }
    }

    private static boolean hasLeader(TopicPartitionInfo p) {
        return p.leader() != null && !p.leader().isEmpty();
    }

    private void deleteTopics(List<PlannedChange> changes, Results results) {
        if (changes.isEmpty()) return;
        try {
            Map<String, KafkaFuture<Void>> futures = admin.deleteTopics(changes.stream().map(PlannedChange::name)
                    .toList()).topicNameValues();
            for (PlannedChange c : changes) {
                KafkaFuture<Void> f = futures.get(c.name());
                String error = errorIgnoring(f, UnknownTopicOrPartitionException.class);
                results.put(c, error == null ? EntityResult.applied(c, null) : EntityResult.failed(c, error));
            }
        } catch (RuntimeException e) {
            for (PlannedChange c : changes) results.put(c, EntityResult.failed(c, KafkaErrors.message(e)));
        }
    }

    // ----------------------------------------------------------------------------------------------------- ACLs

    private void createAcls(List<PlannedChange> changes, Results results) {
        for (List<PlannedChange> chunk : chunks(changes, c -> 1)) {
            Map<AclBinding, PlannedChange> bindings = new LinkedHashMap<>();
            for (PlannedChange c : chunk) {
                try {
                    bindings.put(binding(c.acl()), c);
                } catch (IllegalArgumentException e) {
                    results.put(c, EntityResult.failed(c, "not a Kafka ACL binding: " + e.getMessage()));
                }
            }
            if (bindings.isEmpty()) continue;
            try {
                Map<AclBinding, KafkaFuture<Void>> futures = admin.createAcls(bindings.keySet()).values();
                bindings.forEach((b, c) -> {
                    String error = error(futures.get(b));
                    results.put(c, error == null ? EntityResult.applied(c, null) : EntityResult.failed(c, error));
                });
            } catch (RuntimeException e) {
                bindings.values().forEach(c -> results.put(c, EntityResult.failed(c, KafkaErrors.message(e))));
            }
        }
    }

    private void deleteAcls(List<PlannedChange> changes, Results results) {
        for (List<PlannedChange> chunk : chunks(changes, c -> 1)) {
            Map<AclBindingFilter, PlannedChange> filters = new LinkedHashMap<>();
            for (PlannedChange c : chunk) {
                try {
                    filters.put(binding(c.acl()).toFilter(), c);
                } catch (IllegalArgumentException e) {
                    results.put(c, EntityResult.failed(c, "not a Kafka ACL binding: " + e.getMessage()));
                }
            }
            if (filters.isEmpty()) continue;
            try {
                Map<AclBindingFilter, KafkaFuture<DeleteAclsResult.FilterResults>> futures =
                        admin.deleteAcls(filters.keySet()).values();
                filters.forEach((f, c) -> {
                    String error = error(futures.get(f));
                    if (error == null) {
                        try {
                            for (DeleteAclsResult.FilterResult r : futures.get(f).get().values()) {
                                if (r.exception() != null) error = KafkaErrors.message(r.exception());
                            }
                        } catch (Exception e) {
                            error = KafkaErrors.message(e);
                        }
                    }
                    results.put(c, error == null ? EntityResult.applied(c, null) : EntityResult.failed(c, error));
                });
            } catch (RuntimeException e) {
                filters.values().forEach(c -> results.put(c, EntityResult.failed(c, KafkaErrors.message(e))));
            }
        }
    }

    static AclBinding binding(AclSpec a) {
        return new AclBinding(
                new ResourcePattern(ResourceType.valueOf(a.resourceType()), a.resourceName(),
                        PatternType.valueOf(a.patternType())),
                new AccessControlEntry(a.principal(), a.host(), AclOperation.valueOf(a.operation()),
                        AclPermissionType.valueOf(a.permission())));
    }

    // -------------------------------------------------------------------------------------------------- helpers

    private static List<PlannedChange> of(List<PlannedChange> todo, EntityKind kind, ChangeAction... actions) {
        Set<ChangeAction> wanted = Set.of(actions);
        return todo.stream().filter(c -> c.kind() == kind && wanted.contains(c.action())).toList();
    }

    /** Splits items so that the cost of each chunk stays under {@link #MAX_RECORDS_PER_REQUEST}. */
    static <T> List<List<T>> chunks(List<T> items, ToIntFunction<T> cost) {
        List<List<T>> out = new ArrayList<>();
        List<T> current = new ArrayList<>();
        int total = 0;
        for (T item : items) {
            int c = Math.max(1, cost.applyAsInt(item));
            if (!current.isEmpty() && total + c > MAX_RECORDS_PER_REQUEST) {
                out.add(current);
                current = new ArrayList<>();
                total = 0;
            }
            current.add(item);
            total += c;
        }
        if (!current.isEmpty()) out.add(current);
        return out;
    }

    /** A failed Admin call; {@code unknownOutcome} when the answer got lost, so the change may have been made. */
    private record Failure(String message, boolean unknownOutcome) {
    }

    /** Null when the future succeeded, else the failure and whether the cluster may have made the change anyway. */
    private Failure failure(KafkaFuture<?> f) {
        if (f == null) return new Failure("no answer from the cluster", true);
        try {
            f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            Throwable cause = KafkaErrors.unwrap(e);
            boolean lost = cause instanceof org.apache.kafka.common.errors.TimeoutException
                    || cause instanceof org.apache.kafka.common.errors.DisconnectException;
            return new Failure(KafkaErrors.message(e), lost);
        } catch (java.util.concurrent.TimeoutException e) {
            return new Failure("no answer within " + timeout.toSeconds() + " s", true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failure("interrupted", true);
        }
    }

    private String error(KafkaFuture<?> f) {
        return errorIgnoring(f, null);
    }

    /** Null when the future succeeded (or failed with the ignored type), else the failure in one line. */
    private String errorIgnoring(KafkaFuture<?> f, Class<? extends Throwable> ignored) {
        if (f == null) return "no answer from the cluster";
        try {
            f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            if (ignored != null && ignored.isInstance(e.getCause())) return null;
            return KafkaErrors.message(e);
        } catch (java.util.concurrent.TimeoutException e) {
            return "no answer within " + timeout.toSeconds() + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static void addError(Map<String, List<String>> errors, String topic, String error) {
        errors.computeIfAbsent(topic, k -> new ArrayList<>()).add(error);
    }

    private static long pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Math.min(500, millis * 2);
    }

    /** Results by entity, reported in plan order. */
    private static final class Results {
        private final Map<String, EntityResult> byId = new HashMap<>();

        void put(PlannedChange c, EntityResult r) {
            byId.put(c.id(), r);
        }

        EntityResult get(EntityKind kind, String name) {
            return byId.get(kind + ":" + name);
        }

        List<EntityResult> inOrder(List<PlannedChange> todo) {
            List<EntityResult> out = new ArrayList<>();
            for (PlannedChange c : todo) {
                EntityResult r = byId.get(c.id());
                out.add(r != null ? r : EntityResult.skipped(c, "not attempted"));
            }
            return out;
        }
    }
}
