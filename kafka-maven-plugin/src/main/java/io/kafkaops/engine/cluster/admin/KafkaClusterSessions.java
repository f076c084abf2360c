package io.kafkaops.engine.cluster.admin;

import io.kafkaops.engine.EngineOptions;
import io.kafkaops.engine.apply.CredentialChanges;
import io.kafkaops.engine.apply.EntityResult;
import io.kafkaops.engine.cluster.ClusterConnection;
import io.kafkaops.engine.cluster.ClusterException;
import io.kafkaops.engine.cluster.ClusterSession;
import io.kafkaops.engine.cluster.ClusterSessions;
import io.kafkaops.engine.cluster.DeployLease;
import io.kafkaops.engine.cluster.TopicsOfInterest;
import io.kafkaops.engine.debug.SessionCluster;
import io.kafkaops.engine.plan.Plan;
import io.kafkaops.engine.state.ClusterState;
import io.kafkaops.engine.state.ReadScope;
import io.kafkaops.engine.store.CredentialStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;

/** Sessions on Apache Kafka clusters through the Admin client, a consumer and a producer for ownership records. */
public final class KafkaClusterSessions implements ClusterSessions {

    private static final Consumer<String> NO_NOTICES = line -> { };

    private final BiFunction<Admin, Duration, AdminCalls> calls;
    private final Consumer<String> notices;
    private final Duration leasePeriod;

    public KafkaClusterSessions() {
        this(AdminCalls::new);
    }

    /**
     * @param notices gets a line to show the user while a session waits, such as for a cluster that does not answer
     *                yet
     */
    public KafkaClusterSessions(Consumer<String> notices) {
        this(AdminCalls::new, notices);
    }

    /** With a decorator around the Admin calls, for tests that make one call fail or watch the calls made. */
    public KafkaClusterSessions(BiFunction<Admin, Duration, AdminCalls> calls) {
        this(calls, NO_NOTICES);
    }

    public KafkaClusterSessions(BiFunction<Admin, Duration, AdminCalls> calls, Consumer<String> notices) {
        this(calls, notices, DeployLeases.DEFAULT_PERIOD);
    }

    private KafkaClusterSessions(BiFunction<Admin, Duration, AdminCalls> calls, Consumer<String> notices,
                                 Duration leasePeriod) {
        this.calls = Objects.requireNonNull(calls, "calls");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.leasePeriod = Objects.requireNonNull(leasePeriod, "leasePeriod");
    }

    /**
     * These sessions with another period for deploy leases (60 s by default: how long a killed deploy's lease blocks
     * the next deploy at most; renewed at a third of it), for tests.
     */
    public KafkaClusterSessions withLeasePeriod(Duration period) {
        return new KafkaClusterSessions(calls, notices, period);
    }

    @Override
    public ClusterSession open(ClusterConnection connection, EngineOptions options) throws ClusterException {
        Parts parts = openParts(connection, options, Principals.SAME, true,
                (admin, futures) -> new ScramCredentialChanges(admin, futures, connection));
        return new Session(parts.admin(), parts.log(), parts.reader(), parts.executor(), parts.leases(),
                new DebugTokens(parts.admin(), parts.log(), connection, options.timeout()));
    }

    /** The pieces of a session on a cluster reached with the Admin client, for the cluster types built on it. */
    record Parts(AdminCalls admin, OwnershipLog log, AdminClusterReader reader, AdminClusterExecutor executor,
                 DeployLeases leases) {
    }

    /**
     * Opens the Admin client and the ownership log and builds the reader and the executor: topics, ACLs and ownership
     * the one way for every cluster type, credentials and principal names the cluster type's.
     *
     * @param principals how the cluster names principals
     * @param scramUsers whether the cluster has SCRAM users to read
     */
    Parts openParts(ClusterConnection connection, EngineOptions options, Principals principals, boolean scramUsers,
                    BiFunction<AdminCalls, AdminFutures, CredentialChanges> credentials) throws ClusterException {
        Duration timeout = options.timeout();
        Map<String, String> client = connection.clientProperties();
        Properties p = new Properties();
        p.putAll(client);
        long requestTimeout = Math.min(timeout.toMillis(), 30_000);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(requestTimeout));
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        p.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Long.toString(Math.min(10_000, requestTimeout)));
        p.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, Long.toString(requestTimeout));
        p.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "kafkaops-" + connection.stage());
        ClientSettings.lean(p);
        // before the client exists: for servers nobody answers on, it would log a warning per reconnect attempt
        BootstrapProbe.await(connection.bootstrapServers(), timeout, connection.stage(), notices);
        Admin admin;
        try {
            admin = Admin.create(p);
        } catch (KafkaException e) {
            throw KafkaErrors.toClusterException(e, connection.stage(), connection.bootstrapServers(),
                    "connecting", timeout);
        }
        AdminCalls adminCalls = calls.apply(admin, timeout);
        OwnershipLog log = new OwnershipLog(client, timeout, connection.stage(), connection.bootstrapServers());
        AdminFutures futures = new AdminFutures(timeout);
        DeployLeases leases = new DeployLeases(log, new OwnershipWrites(adminCalls, log, connection, futures,
                new TopicReadiness(adminCalls, futures, notices), Clock.systemUTC()), adminCalls, connection, timeout,
                leasePeriod, notices, Clock.systemUTC());
        // topics, ACLs and ownership take the one Admin-client path; credentials are the cluster type's
        return new Parts(adminCalls, log, new AdminClusterReader(adminCalls, log, timeout, connection.stage(),
                connection.bootstrapServers(), principals, scramUsers),
                new AdminClusterExecutor(adminCalls, log, connection, futures, Clock.systemUTC(),
                        credentials.apply(adminCalls, futures), notices, principals), leases);
    }

    private record Session(AdminCalls admin, OwnershipLog log, AdminClusterReader reader,
                           AdminClusterExecutor executor, DeployLeases leases, DebugTokens debugTokens)
            implements ClusterSession {

        @Override
        public SessionCluster debugSessions() {
            return debugTokens;
        }

        @Override
        public DeployLease acquireLease(String stage, String repository, Duration wait) throws ClusterException {
            return leases.acquire(stage, repository, wait);
        }

        @Override
        public void scope(ReadScope scope) {
            log.scope(scope);
        }

        @Override
        public DeployLease acquireLease(ReadScope scope, String repository, Duration wait) throws ClusterException {
            log.scope(scope);
            return leases.acquire(scope.stage(), repository, wait);
        }

        @Override
        public String clusterId() throws ClusterException {
            return reader.clusterId();
        }

        @Override
        public ClusterState read(ReadScope scope, TopicsOfInterest topicsOfInterest) throws ClusterException {
            return reader.read(scope, topicsOfInterest);
        }

        @Override
        public List<EntityResult> apply(Plan plan, ClusterState current, CredentialStore store)
                throws ClusterException {
            return executor.apply(plan, current, store);
        }

        @Override
        public void refreshIndex() {
            executor.snapshotIfDue(leases.held());
        }

        @Override
        public List<EntityResult> rotateCredentials(String stage, String team, List<String> principals,
                                                    ClusterState current, CredentialStore store) {
            return executor.rotate(stage, team, principals, current, store);
        }

        @Override
        public int roundTrips() {
            return admin.roundTrips();
        }

        @Override
        public void close() {
            log.close();
            admin.close();
        }
    }
}
