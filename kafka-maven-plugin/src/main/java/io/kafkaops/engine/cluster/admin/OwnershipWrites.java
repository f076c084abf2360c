package io.kafkaops.engine.cluster.admin;

import io.kafkaops.engine.apply.ApplyResults;
import io.kafkaops.engine.apply.EntityResult;
import io.kafkaops.engine.cluster.ClusterConnection;
import io.kafkaops.engine.cluster.ClusterException;
import io.kafkaops.engine.desired.TopicSpec;
import io.kafkaops.engine.ownership.ClaimArbitration;
import io.kafkaops.engine.ownership.Ownership;
import io.kafkaops.engine.ownership.OwnershipRecord;
import io.kafkaops.engine.plan.ChangeAction;
import io.kafkaops.engine.plan.EntityKind;
import io.kafkaops.engine.plan.Plan;
import io.kafkaops.engine.plan.PlannedChange;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The ownership records of an apply: the ownership topic when it does not exist yet, claims for everything about to be
 * created or adopted, their arbitration against claims other deploys wrote at the same time (and the withdrawal of
 * those that lost), and at the end the records with the applied spec hash and tombstones for deleted entities.
 */
final class OwnershipWrites {

    private static final int WITHDRAW_ROUNDS = 5;

    private final AdminCalls admin;
    private final OwnershipLog log;
    private final ClusterConnection connection;
    private final AdminFutures futures;
    private final TopicReadiness readiness;
    private final Clock clock;
    private final Principals principals;

    OwnershipWrites(AdminCalls admin, OwnershipLog log, ClusterConnection connection, AdminFutures futures,
                    TopicReadiness readiness, Clock clock) {
        this(admin, log, connection, futures, readiness, clock, Principals.SAME);
    }

    /** @param principals gives the cluster's id of a principal for its record ({@link Principals#accountId}) */
    OwnershipWrites(AdminCalls admin, OwnershipLog log, ClusterConnection connection, AdminFutures futures,
                    TopicReadiness readiness, Clock clock, Principals principals) {
        this.principals = principals;
        this.admin = admin;
        this.log = log;
        this.connection = connection;
        this.futures = futures;
        this.readiness = readiness;
        this.clock = clock;
    }

    /**
     * Creates the compacted ownership topic and waits until it has a leader.
     *
     * @throws ClusterException when it cannot be created or has no leader in time; nothing was changed
     */
    void createTopic(int brokers) throws ClusterException {
        createTopics(brokers, true, false);
    }

    /**
     * Creates what is missing of the ownership topic and the index topic, in one createTopics call, before the deploy
     * changes anything: created later, after the deploy's own new topics, the index topic would wait until the broker
     * has created all their logs (a broker applies metadata in order), 10-20 s for 1,000 topics. Only the ownership
     * topic must exist afterwards; the index is optional (without the right to create it, reads start at 0).
     *
     * @throws ClusterException when the ownership topic cannot be created or has no leader in time
     */
    void createTopics(int brokers, boolean ownershipTopic, boolean indexTopic) throws ClusterException {
        if (indexTopic && !ownershipTopic) {
            createIndexTopic(brokers);
            return;
        }
        if (!ownershipTopic) return;
        long timeoutMillis = futures.timeout().toMillis();
        short rf = (short) Math.max(1, Math.min(3, brokers));
        NewTopic topic = new NewTopic(Ownership.TOPIC, 1, rf).configs(Map.of(
                "cleanup.policy", "compact",
                "min.insync.replicas", rf >= 3 ? "2" : "1"));
        List<NewTopic> topics = indexTopic ? List.of(topic, indexTopic(rf)) : List.of(topic);
        Map<String, org.apache.kafka.common.KafkaFuture<Void>> created = admin.createTopics(topics).values();
        try {
            created.get(Ownership.TOPIC).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw KafkaErrors.toClusterException(e, connection.stage(), connection.bootstrapServers(),
                        "creating the ownership topic " + Ownership.TOPIC + " (the deploying principal needs CREATE"
                                + " on the cluster or on that topic)", futures.timeout());
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw KafkaErrors.toClusterException(e, connection.stage(), connection.bootstrapServers(),
                    "creating the ownership topic " + Ownership.TOPIC, futures.timeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("Interrupted while creating the ownership topic on stage " + connection.stage());
        }
        boolean index = indexTopic && futures.error(created.get(Ownership.INDEX_TOPIC)) == null;
        Map<String, String> notReady = readiness.await(index ? Map.of(Ownership.TOPIC, 1, Ownership.INDEX_TOPIC, 1)
                : Map.of(Ownership.TOPIC, 1), Map.of());
        if (notReady.containsKey(Ownership.TOPIC)) {
            throw new ClusterException("The ownership topic " + Ownership.TOPIC + " on stage " + connection.stage()
                    + " (" + connection.bootstrapServers() + ") has no leader after " + futures.timeout().toSeconds()
                    + " s; nothing was changed. Check the cluster's health and run the deploy again.");
        }
    }

    /**
     * Writes a snapshot of the stage's records when one is due, creating the index topic when the read found none
     * ({@link OwnershipLog#snapshotIfDue}); a snapshot only speeds later reads up, so nothing here fails the deploy.
     */
    boolean snapshotIfDue(Set<String> leftOut) {
        return log.snapshotIfDue(brokers -> createIndexTopic(-1), leftOut, this::deleteRetention);
    }

    /**
     * The ownership topic's {@code delete.retention.ms}: how long a tombstone outlives compaction, which bounds how long
     * a snapshot may be used ({@link io.kafkaops.engine.ownership.StageSnapshot.Pointer#expiresAt}); -1 when it cannot
     * be read (no DESCRIBE_CONFIGS on the topic).
     */
    private long deleteRetention() {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Ownership.TOPIC);
        try {
            Config c = admin.describeConfigs(List.of(topic), false).values().get(topic)
                    .get(futures.timeout().toMillis(), TimeUnit.MILLISECONDS);
            ConfigEntry e = c.get(TopicConfig.DELETE_RETENTION_MS_CONFIG);
            return e == null || e.value() == null ? -1 : Long.parseLong(e.value());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private static NewTopic indexTopic(short rf) {
        return new NewTopic(Ownership.INDEX_TOPIC, 1, rf).configs(Map.of(
                "cleanup.policy", "compact",
                "min.insync.replicas", rf >= 3 ? "2" : "1"));
    }

    /**
     * Creates the compacted index topic; false when it cannot be created (no right to: reads then start at 0).
     *
     * @param brokers the number of brokers, or -1 to ask the cluster
     */
    private boolean createIndexTopic(int brokers) {
        try {
            int n = brokers >= 0 ? brokers : admin.describeCluster().nodes()
                    .get(futures.timeout().toMillis(), TimeUnit.MILLISECONDS).size();
            short rf = (short) Math.max(1, Math.min(3, n));
            admin.createTopics(List.of(indexTopic(rf))).all().get(futures.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
        return readiness.await(Map.of(Ownership.INDEX_TOPIC, 1), Map.of()).isEmpty();
    }

    /**
     * Claims everything about to be created or adopted (credentials aside: their service account carries the claim),
     * in one batch.
     *
     * @return where each claim went and the claims that could not be written, with the reason
     */
    OwnershipLog.Written claim(Plan plan, List<PlannedChange> todo) {
        Map<String, String> claims = new LinkedHashMap<>();
        for (PlannedChange c : todo) {
            if ((c.action() == ChangeAction.CREATE || c.action() == ChangeAction.ADOPT)
                    && c.kind() != EntityKind.CREDENTIAL) {
                claims.put(c.ownershipKey(), Ownership.toJson(record(plan, c, null)));
            }
        }
        return log.send(claims);
    }

    /**
     * Reads the ownership topic from where the plan's read ended to its end (past the claims just written) and
     * returns the claims another repository's claim came before ({@link ClaimArbitration#lost}): one read, whatever
     * the number of claims.
     *
     * @return by lost key, the winner's claim
     */
    Map<String, OwnershipRecord> arbitrate(Plan plan, Map<String, Long> claimed) throws ClusterException {
        if (claimed.isEmpty()) return Map.of();
        log.catchUp();
        return ClaimArbitration.lost(log.sinceRead(), plan.repository(), claimed);
    }

    /**
     * Withdraws claims: writes back, in one batch per round, what makes the last record of each key the winner's most
     * advanced record (or a tombstone where nobody else holds it), then reads again to see that no record of the
     * winner came in between; a few rounds at most, since a winner writes a key at most twice per deploy.
     *
     * @return the keys whose record could not be set right, with the reason; empty when all were
     */
    Map<String, String> withdraw(Plan plan, Set<String> keys) throws ClusterException {
        Map<String, String> failed = new LinkedHashMap<>();
        if (keys.isEmpty()) return failed;
        for (int round = 0; round < WITHDRAW_ROUNDS; round++) {
            Map<String, String> corrections = ClaimArbitration.corrections(log.sinceRead(), plan.repository(), keys);
            if (corrections.isEmpty()) return failed;
            failed.clear();
            failed.putAll(log.send(corrections).failed());
            log.catchUp();
        }
        Map<String, String> left = ClaimArbitration.corrections(log.sinceRead(), plan.repository(), keys);
        left.keySet().forEach(k -> failed.putIfAbsent(k, "the winner kept writing it"));
        return failed;
    }

    /**
     * The records of the applied changes: the spec hash for what exists now, a tombstone for what was deleted. A change
     * whose record cannot be written is reported failed, so the next deploy writes it.
     */
    void finish(Plan plan, List<PlannedChange> todo, ApplyResults results) {
        Map<String, OwnershipRecord> records = new LinkedHashMap<>();
        Map<String, PlannedChange> byKey = new HashMap<>();
        for (PlannedChange c : todo) {
            if (c.kind() == EntityKind.CREDENTIAL || !results.applied(c)) continue;
            records.put(c.ownershipKey(), c.action() == ChangeAction.DELETE ? null : record(plan, c, c.specHash()));
            byKey.put(c.ownershipKey(), c);
        }
        Map<String, String> failed = log.write(records);
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
                t != null && t.protectedTopic(),
                c.kind() == EntityKind.SERVICE_ACCOUNT ? principals.accountId(c.name()) : null);
    }
}
