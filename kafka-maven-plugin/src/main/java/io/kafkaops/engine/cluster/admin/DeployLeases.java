package io.kafkaops.engine.cluster.admin;

import io.kafkaops.engine.cluster.ClusterConnection;
import io.kafkaops.engine.cluster.ClusterException;
import io.kafkaops.engine.cluster.DeployLease;
import io.kafkaops.engine.ownership.Lease;
import io.kafkaops.engine.ownership.LeaseArbitration;
import io.kafkaops.engine.ownership.LeaseArbitration.Held;
import io.kafkaops.engine.ownership.LogEntry;
import io.kafkaops.engine.ownership.Ownership;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;

/**
 * The leases of deploys in the ownership topic ({@link Lease}): one repository's deploys to one stage never overlap.
 * A deploy writes its lease record, reads the topic to its end and holds the stage when its lease is the earliest
 * unexpired one ({@link LeaseArbitration}); otherwise it removes its record and waits, saying what for. A background
 * thread renews the lease at a third of its period; the deploy removes it at the end, and a killed deploy's lease ends
 * by itself after the period.
 */
final class DeployLeases {

    /** How long a lease lasts without renewal: how long a killed deploy blocks the next one at most. */
    static final Duration DEFAULT_PERIOD = Duration.ofSeconds(60);

    private final OwnershipLog log;
    private final OwnershipWrites ownership;
    private final AdminCalls admin;
    private final ClusterConnection connection;
    private final Duration timeout;
    private final Duration period;
    private final Consumer<String> notices;
    private final Clock clock;
    private final Set<String> held = java.util.concurrent.ConcurrentHashMap.newKeySet();

    DeployLeases(OwnershipLog log, OwnershipWrites ownership, AdminCalls admin, ClusterConnection connection,
                 Duration timeout, Duration period, Consumer<String> notices, Clock clock) {
        this.log = log;
        this.ownership = ownership;
        this.admin = admin;
        this.connection = connection;
        this.timeout = timeout;
        this.period = period;
        this.notices = notices;
        this.clock = clock;
    }

    /** The keys of the leases this session holds now. */
    Set<String> held() {
        return Set.copyOf(held);
    }

    DeployLease acquire(String stage, String repository, Duration wait) throws ClusterException {
        // described by name: a listing of every topic of the cluster grows with the cluster
        Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(
                List.of(Ownership.TOPIC, Ownership.INDEX_TOPIC)).topicNameValues();
        // both before anything changes: created after the deploy's new topics, the index topic would wait until the
        // broker has created all their logs
        // a topic the principal may not describe counts as missing, as in a listing: creating it then says why
        boolean ownershipTopic = KafkaErrors.awaitShown(described.get(Ownership.TOPIC), timeout, stage,
                connection.bootstrapServers(), "describing the ownership topics") == null;
        boolean indexTopic = KafkaErrors.awaitShown(described.get(Ownership.INDEX_TOPIC), timeout, stage,
                connection.bootstrapServers(), "describing the ownership topics") == null;
        if (ownershipTopic || indexTopic) {
            int brokers = KafkaErrors.await(admin.describeCluster().nodes(), timeout, stage,
                    connection.bootstrapServers(), "describing the cluster").size();
            ownership.createTopics(brokers, ownershipTopic, indexTopic);
        }
        String holder = UUID.randomUUID().toString().substring(0, 13);
        String key = Ownership.leaseKey(stage, repository, holder);
        String prefix = Ownership.leasePrefix(stage, repository);
        String host = host();
        String started = clock.instant().toString();
        long deadline = System.nanoTime() + wait.toNanos();
        boolean announced = false;
        long backoff = 200;
        while (true) {
            Optional<Held> other = LeaseArbitration.holder(leases(prefix), clock.instant());
            if (other.isEmpty()) {
                Lease mine = new Lease(stage, repository, holder, host, started, clock.instant().plus(period)
                        .toString(), null);
                OwnershipLog.Written w = log.send(Collections.singletonMap(key, Ownership.toJson(mine)));
                if (!w.failed().isEmpty()) {
                    throw new ClusterException("Cannot write the deploy lease of " + repository + " on stage " + stage
                            + " to " + Ownership.TOPIC + " at " + connection.bootstrapServers() + ": "
                            + w.failed().values().iterator().next() + ". Nothing was deployed; the deploying principal"
                            + " needs WRITE on " + Ownership.TOPIC + ".");
                }
                long rank = w.offsets().get(key);
                Optional<Held> winner = LeaseArbitration.holder(leases(prefix), clock.instant());
                if (winner.isPresent() && winner.get().lease().holder().equals(holder)) {
                    held.add(key);
                    return new HeldLease(stage, repository, key, prefix, mine, rank);
                }
                // another deploy's lease came first in the log: withdraw ours (our own key only) and wait for it
                log.send(Collections.singletonMap(key, null));
                other = winner.filter(h -> !h.lease().holder().equals(holder));
                if (other.isEmpty()) continue;
            }
            Lease running = other.get().lease();
            if (System.nanoTime() >= deadline) {
                throw new ClusterException("Another deploy of " + repository + " to stage " + stage + " is running:"
                        + " holder " + running.holder() + " on host " + running.host() + ", since "
                        + running.startedAt() + " (its lease runs until " + running.expiresAt() + "). Waited "
                        + wait.toSeconds() + " s (kafka.leaseWait); nothing was deployed. Run this deploy again when"
                        + " that one has finished, or wait longer with -Dkafka.leaseWait=<seconds>; a deploy that was"
                        + " killed gives the stage up by itself within " + period.toSeconds() + " s.");
            }
            if (!announced) {
                notices.accept("Waiting up to " + wait.toSeconds() + " s (kafka.leaseWait) for the deploy of "
                        + repository + " to stage " + stage + " that is running: holder " + running.holder()
                        + " on host " + running.host() + ", since " + running.startedAt());
                announced = true;
            }
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            sleep(Math.min(backoff, left));
            backoff = Math.min(2000, backoff * 2);
        }
    }

    /** The current lease records of one repository's stage. */
    private List<Held> leases(String prefix) throws ClusterException {
        List<Held> out = new ArrayList<>();
        for (LogEntry e : log.current(prefix)) {
            Lease l = Ownership.leaseFromJson(e.value());
            if (l != null) out.add(new Held(l, e.offset()));
        }
        return out;
    }

    private static String host() {
        String h = System.getenv("HOSTNAME");
        if (h != null && !h.isBlank()) return h.strip();
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A lease held: renewed in the background until closed. */
    private final class HeldLease implements DeployLease {
        private final String stage;
        private final String repository;
        private final String key;
        private final String prefix;
        private final Lease lease;
        private final long rank;
        private final ScheduledExecutorService renewal;
        private volatile Instant expires;
        private volatile boolean ended;

        HeldLease(String stage, String repository, String key, String prefix, Lease lease, long rank) {
            this.stage = stage;
            this.repository = repository;
            this.key = key;
            this.prefix = prefix;
            this.lease = lease;
            this.rank = rank;
            this.expires = Instant.parse(lease.expiresAt());
            this.renewal = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "kafkaops-lease-" + stage);
                t.setDaemon(true);
                return t;
            });
            long every = Math.max(100, period.toMillis() / 3);
            renewal.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
        }

        private void renew() {
            Instant now = clock.instant();
            // a lease that ended may already be another deploy's: never take it back
            if (!now.isBefore(expires)) {
                ended = true;
                renewal.shutdown();
                return;
            }
            Instant next = now.plus(period);
            Lease renewed = new Lease(lease.stage(), lease.repository(), lease.holder(), lease.host(),
                    lease.startedAt(), next.toString(), rank);
            try {
                if (log.send(Collections.singletonMap(key, Ownership.toJson(renewed))).failed().isEmpty()) {
                    expires = next;
                }
            } catch (RuntimeException e) {
                // tried again at the next tick; an exception here would end the renewals silently
            }
        }

        @Override
        public void close() {
            renewal.shutdownNow();
            try {
                renewal.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Map<String, String> tombstones = new HashMap<>();
            tombstones.put(key, null);
            // leases of killed deploys of this repository's stage, ended a period ago or more (room for clocks that
            // differ a little): nobody renews them any more
            Instant longAgo = clock.instant().minus(period);
            try {
                for (LogEntry e : log.current(prefix)) {
                    Lease l = Ownership.leaseFromJson(e.value());
                    if (l != null && l.expired(longAgo)) tombstones.put(e.key(), null);
                }
            } catch (ClusterException e) {
                // only the clean-up of old leases is lost; they have ended anyway
            }
            log.send(tombstones);
            held.remove(key);
            if (ended) {
                notices.accept("The deploy lease of " + repository + " on stage " + stage + " ended before the"
                        + " deploy did (it could not be renewed in time); another deploy may have started meanwhile");
            }
        }
    }
}
