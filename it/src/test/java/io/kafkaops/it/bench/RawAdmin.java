package io.kafkaops.it.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.admin.UserScramCredentialsDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.ConfigResource;

/**
 * The baseline: the same stage written and read with plain batched Admin calls, as a hand-written tool at its best
 * would do it, and nothing else (no ownership records, no plan, no credential store). Each read and write connects
 * anew, as each run of a tool (and each plan and deploy of the engine) does. Counts its round trips like the engine
 * does: one per Admin call.
 */
final class RawAdmin implements AutoCloseable {

    /** Kafka refuses a request creating more than 10,000 metadata records; this stays just under. */
    static final int MAX_RECORDS_PER_REQUEST = 9_000;

    private final Map<String, Object> properties;
    private final Duration timeout;
    private final int aclBatch;
    private int calls;
    private long writesReturned;

    RawAdmin(Map<String, Object> clientProperties, Duration timeout, int aclBatch) {
        Map<String, Object> props = new java.util.HashMap<>(clientProperties);
        // the engine gives every call the step timeout; so does the baseline (the SCRAM hashing of a thousand users
        // alone takes longer than the default 60 s on a busy machine)
        props.put("default.api.timeout.ms", (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        this.properties = props;
        this.timeout = timeout;
        this.aclBatch = aclBatch;
    }

    int roundTrips() {
        return calls;
    }

    /** What a plan needs to know about one stage. */
    record State(int topics, int partitions, int configs, int acls, int users) {
        @Override
        public String toString() {
            return topics + " topics (" + partitions + " partitions, " + configs + " topic configs), " + acls
                    + " ACL bindings, " + users + " SCRAM users";
        }
    }

    /** listTopics, describeTopics and describeConfigs of the stage's topics, describeAcls, describeUserScram. */
    State read(String prefix) throws Exception {
        try (Admin admin = connect()) {
            return read(prefix, admin);
        }
    }

    private State read(String prefix, Admin admin) throws Exception {
        calls++;
        Set<String> names = new HashSet<>(admin.listTopics().names().get(ms(), TimeUnit.MILLISECONDS));
        names.removeIf(n -> !n.startsWith(prefix));
        int partitions = 0;
        int configs = 0;
        if (!names.isEmpty()) {
            calls++;
            Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames()
                    .get(ms(), TimeUnit.MILLISECONDS);
            for (TopicDescription d : descriptions.values()) partitions += d.partitions().size();
            calls++;
            List<ConfigResource> resources = names.stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
            Map<ConfigResource, Config> all = admin.describeConfigs(resources).all().get(ms(), TimeUnit.MILLISECONDS);
            for (Config c : all.values()) {
                configs += (int) c.entries().stream()
                        .filter(e -> e.source() == org.apache.kafka.clients.admin.ConfigEntry.ConfigSource
                                .DYNAMIC_TOPIC_CONFIG).count();
            }
        }
        calls++;
        Collection<AclBinding> acls = admin.describeAcls(AclBindingFilter.ANY).values()
                .get(ms(), TimeUnit.MILLISECONDS);
        String principalPrefix = "User:" + prefix;
        int aclCount = (int) acls.stream().filter(b -> b.entry().principal().startsWith(principalPrefix)).count();
        calls++;
        Map<String, UserScramCredentialsDescription> users = admin.describeUserScramCredentials().all()
                .get(ms(), TimeUnit.MILLISECONDS);
        int userCount = (int) users.keySet().stream().filter(u -> u.startsWith(prefix)).count();
        return new State(names.size(), partitions, configs, aclCount, userCount);
    }

    /**
     * SCRAM users in one call, topics in chunks, a wait until every partition has a leader, ACLs in batches, and a
     * wait until the broker shows the ACLs and users.
     */
    void deploy(Workload w, String prefix) throws Exception {
        try (Admin admin = connect()) {
            write(w, prefix, admin);
        }
    }

    private Admin connect() {
        return Admin.create(properties);
    }

    private void write(Workload w, String prefix, Admin admin) throws Exception {
        List<UserScramCredentialAlteration> upserts = new ArrayList<>();
        for (String user : w.users(prefix)) {
            upserts.add(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), "password-of-" + user));
        }
        calls++;
        admin.alterUserScramCredentials(upserts).all().get(ms(), TimeUnit.MILLISECONDS);

        List<NewTopic> topics = w.newTopics(prefix);
        List<NewTopic> chunk = new ArrayList<>();
        int records = 0;
        for (NewTopic t : topics) {
            int cost = 1 + t.numPartitions() + t.configs().size();
            if (!chunk.isEmpty() && records + cost > MAX_RECORDS_PER_REQUEST) {
                createTopics(admin, chunk);
                chunk = new ArrayList<>();
                records = 0;
            }
            chunk.add(t);
            records += cost;
        }
        if (!chunk.isEmpty()) createTopics(admin, chunk);
        waitForLeaders(admin, topics.stream().map(NewTopic::name).toList());

        List<AclBinding> bindings = w.aclBindings(prefix);
        for (int from = 0; from < bindings.size(); from += aclBatch) {
            calls++;
            admin.createAcls(bindings.subList(from, Math.min(bindings.size(), from + aclBatch))).all()
                    .get(ms(), TimeUnit.MILLISECONDS);
        }
        writesReturned = System.nanoTime();
        waitUntilVisible(admin, new HashSet<>(bindings), new HashSet<>(w.users(prefix)));
    }

    /** When the last write call of {@link #deploy} returned, before waiting for the broker to show the changes. */
    long writesReturned() {
        return writesReturned;
    }

    /**
     * The controller has committed when createAcls returns, but the broker applies metadata in order: after a few
     * thousand new partitions its ACLs show (and are enforced) seconds later. A deploy that says "done" before then
     * leaves applications denied, so the engine waits, and so does the baseline, polling with the same back-off.
     */
    private void waitUntilVisible(Admin admin, Set<AclBinding> acls, Set<String> users) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long backoff = 50;
        while (true) {
            calls++;
            acls.removeAll(admin.describeAcls(AclBindingFilter.ANY).values().get(ms(), TimeUnit.MILLISECONDS));
            if (!users.isEmpty()) {
                calls++;
                users.removeAll(admin.describeUserScramCredentials().all().get(ms(), TimeUnit.MILLISECONDS).keySet());
            }
            if (acls.isEmpty() && users.isEmpty()) return;
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(acls.size() + " ACLs and " + users.size() + " users not visible after "
                        + timeout);
            }
            Thread.sleep(backoff);
            backoff = Math.min(500, backoff * 2);
        }
    }

    private void createTopics(Admin admin, List<NewTopic> chunk) throws Exception {
        calls++;
        admin.createTopics(chunk).all().get(ms(), TimeUnit.MILLISECONDS);
    }

    /** Polls describeTopics for the topics not yet ready, with the same back-off as the engine (50 ms to 500 ms). */
    private void waitForLeaders(Admin admin, List<String> names) throws Exception {
        Set<String> pending = new HashSet<>(names);
        long deadline = System.nanoTime() + timeout.toNanos();
        long backoff = 50;
        while (!pending.isEmpty()) {
            calls++;
            Map<String, org.apache.kafka.common.KafkaFuture<TopicDescription>> futures =
                    admin.describeTopics(pending).topicNameValues();
            for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<TopicDescription>> e : futures.entrySet()) {
                try {
                    TopicDescription d = e.getValue().get(ms(), TimeUnit.MILLISECONDS);
                    if (d.partitions().stream().allMatch(RawAdmin::hasLeader)) pending.remove(e.getKey());
                } catch (java.util.concurrent.ExecutionException notYet) {
                    // not known to the broker yet: still pending
                }
            }
            if (pending.isEmpty()) break;
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(pending.size() + " topics have no leader after " + timeout);
            }
            Thread.sleep(backoff);
            backoff = Math.min(500, backoff * 2);
        }
    }

    private static boolean hasLeader(TopicPartitionInfo p) {
        return p.leader() != null && !p.leader().isEmpty();
    }

    private long ms() {
        return timeout.toMillis();
    }

    @Override
    public void close() {
        // every operation closes its own client
    }
}
