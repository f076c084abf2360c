package io.kafkaops.engine.cluster.admin;

import io.kafkaops.engine.EngineOptions;
import io.kafkaops.engine.apply.EntityResult;
import io.kafkaops.engine.cluster.ClusterConnection;
import io.kafkaops.engine.cluster.ClusterException;
import io.kafkaops.engine.cluster.ClusterSession;
import io.kafkaops.engine.cluster.ClusterSessions;
import io.kafkaops.engine.cluster.TopicsOfInterest;
import io.kafkaops.engine.cluster.confluent.ConfluentCloudAccess;
import io.kafkaops.engine.cluster.confluent.ConfluentCloudClient;
import io.kafkaops.engine.plan.Plan;
import io.kafkaops.engine.plan.PlannedChange;
import io.kafkaops.engine.state.ClusterState;
import io.kafkaops.engine.state.ReadScope;
import io.kafkaops.engine.store.CredentialStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;

/**
 * Sessions on Confluent Cloud clusters: topics, ACLs and ownership through the Admin client over SASL_SSL/PLAIN with
 * the cluster API key, exactly as on Apache Kafka; service accounts and their API keys through Confluent's IAM API
 * ({@link ConfluentAccounts}, {@link ApiKeyCredentialChanges}). ACL principals are translated between the plans'
 * physical names and Confluent's {@code User:sa-...} in {@link ConfluentAccounts} only.
 */
public final class ConfluentClusterSessions implements ClusterSessions {

    /** The least a new key is waited for: Confluent documents propagation of up to minutes. */
    static final Duration MIN_KEY_WAIT = Duration.ofMinutes(3);

    private final ConfluentCloudAccess access;
    private final KafkaClusterSessions kafka;
    private final Consumer<String> notices;
    private final Duration keyWait;

    public ConfluentClusterSessions(ConfluentCloudAccess access, Consumer<String> notices) {
        this(access, AdminCalls::new, notices, null);
    }

    /**
     * @param calls   a decorator around the Admin calls, for tests
     * @param keyWait the longest wait for a new key to work; null for the larger of the timeout and three minutes
     */
    public ConfluentClusterSessions(ConfluentCloudAccess access, BiFunction<Admin, Duration, AdminCalls> calls,
                                    Consumer<String> notices, Duration keyWait) {
        this.access = Objects.requireNonNull(access, "access");
        this.notices = notices == null ? line -> { } : notices;
        this.kafka = new KafkaClusterSessions(calls, this.notices);
        this.keyWait = keyWait;
    }

    @Override
    public ClusterSession open(ClusterConnection connection, EngineOptions options) throws ClusterException {
        ConfluentCloudClient client = new ConfluentCloudClient(access, notices);
        ConfluentAccounts accounts = new ConfluentAccounts(client);
        Duration wait = keyWait != null ? keyWait
                : options.timeout().compareTo(MIN_KEY_WAIT) > 0 ? options.timeout() : MIN_KEY_WAIT;
        ApiKeyCredentialChanges[] credentials = new ApiKeyCredentialChanges[1];
        KafkaClusterSessions.Parts parts = kafka.openParts(connection, options, accounts, false, (admin, futures) -> {
            credentials[0] = new ApiKeyCredentialChanges(client, accounts, admin, futures, connection,
                    new KeyReadiness(probeProperties(connection), wait, notices));
            return credentials[0];
        });
        ConfluentSessionKeys debug = new ConfluentSessionKeys(client, accounts, parts.log(), connection,
                new KeyReadiness(probeProperties(connection), wait, notices), java.time.Clock.systemUTC());
        return new Session(parts, client, accounts, credentials[0], debug, notices, connection.stage());
    }

    /**
     * How a new key is tried: the admin's connection settings (TLS trust included, which an application gets from its
     * own configuration) with the admin's SASL login left out; the key's own goes in per probe.
     */
    static Map<String, String> probeProperties(ClusterConnection connection) {
        Map<String, String> p = new java.util.TreeMap<>(connection.clientProperties());
        p.remove("sasl.jaas.config");
        p.remove("client.id");
        p.put("sasl.mechanism", ApiKeyCredentialChanges.MECHANISM);
        p.putIfAbsent("security.protocol", "SASL_SSL");
        return p;
    }

    private record Session(KafkaClusterSessions.Parts parts, ConfluentCloudClient client, ConfluentAccounts accounts,
                           ApiKeyCredentialChanges credentials, ConfluentSessionKeys debug,
                           Consumer<String> notices, String stage)
            implements ClusterSession {

        @Override
        public io.kafkaops.engine.debug.SessionCluster debugSessions() {
            return debug;
        }

        @Override
        public void scope(ReadScope scope) {
            parts.log().scope(scope);
        }

        @Override
        public io.kafkaops.engine.cluster.DeployLease acquireLease(String stage, String repository, Duration wait)
                throws ClusterException {
            return parts.leases().acquire(stage, repository, wait);
        }

        @Override
        public String clusterId() throws ClusterException {
            try {
                return parts.reader().clusterId();
            } catch (ClusterException e) {
                throw refusedKey(e);
            }
        }

        /** A refusal of the cluster API key, named with its source; any other failure as it is. */
        private ClusterException refusedKey(ClusterException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.AuthenticationException)) return e;
            String source = client.access().clusterApiKeySource();
            return new ClusterException(Character.toUpperCase(source.charAt(0)) + source.substring(1)
                    + " was refused by Kafka cluster " + client.access().kafkaClusterId() + " of stage " + stage
                    + " (" + KafkaErrors.message(e.getCause()) + "): check the key and its secret there; a deleted"
                    + " key, or one of another cluster, is refused too", e.getCause());
        }

        @Override
        public ClusterState read(ReadScope scope, TopicsOfInterest topicsOfInterest) throws ClusterException {
            // the accounts first: reading ACLs translates their principals with them
            accounts.refresh();
            ClusterState read;
            try {
                read = parts.reader().read(scope, topicsOfInterest);
            } catch (ClusterException e) {
                throw refusedKey(e);
            }
            List<String> keys = accounts.managedKeyLines(scope);
            if (!keys.isEmpty()) {
                int shown = Math.min(keys.size(), 20);
                notices.accept("API keys of this tool on stage " + scope.stage() + ": " + String.join(", ",
                        keys.subList(0, shown)) + (keys.size() > shown ? " and " + (keys.size() - shown) + " more"
                        : ""));
            }
            // an account renamed by hand was taken by the id its ownership record keeps (ConfluentAccounts.recorded)
            accounts.notes().forEach(notices);
            return new ClusterState(read.topics(), read.acls(), accounts.credentials(scope), read.ownership(),
                    read.ownershipTopicExists(), read.brokerIds());
        }

        @Override
        public List<EntityResult> apply(Plan plan, ClusterState current, CredentialStore store)
                throws ClusterException {
            // ACLs and keys name an account by its id: the accounts come first, and without them nothing is done
            Map<String, String> failed = accounts.ensure(plan);
            if (!failed.isEmpty()) {
                Map.Entry<String, String> first = failed.entrySet().iterator().next();
                String why = "the service account" + (failed.size() == 1 ? " " : "s " + String.join(", ",
                        failed.keySet()) + ", first ") + first.getKey() + " could not be created or updated in"
                        + " Confluent Cloud (" + first.getValue() + "); nothing else was changed";
                List<EntityResult> out = new ArrayList<>();
                for (PlannedChange c : plan.actionable()) {
                    out.add(failed.containsKey(c.name()) && c.kind() == io.kafkaops.engine.plan.EntityKind.SERVICE_ACCOUNT
                            ? EntityResult.failed(c, why) : EntityResult.skipped(c, why));
                }
                return out;
            }
            return parts.executor().apply(plan, current, store);
        }

        @Override
        public List<EntityResult> rotateCredentials(String stage, String team, List<String> principals,
                                                    ClusterState current, CredentialStore store) {
            return credentials.rotate(stage, team, principals, current, store);
        }

        @Override
        public int roundTrips() {
            return parts.admin().roundTrips();
        }

        @Override
        public Map<String, Integer> requestCounts() {
            ConfluentCloudClient.Counts c = client.counts();
            Map<String, Integer> out = new java.util.LinkedHashMap<>();
            out.put("adminCalls", parts.admin().roundTrips());
            out.put("confluentCloudRequests", c.requests());
            out.put("confluentCloudRetries", c.retries());
            out.put("confluentCloudRateLimited", c.rateLimited());
            return out;
        }

        @Override
        public void close() {
            notices.accept(client.counts() + " and " + parts.admin().roundTrips() + " Admin calls on stage "
                    + stage);
            parts.log().close();
            parts.admin().close();
        }
    }
}
