package io.kafkaops.engine.cluster.admin;

import io.kafkaops.engine.cluster.ClusterException;
import io.kafkaops.engine.cluster.TopicsOfInterest;
import io.kafkaops.engine.desired.AclSpec;
import io.kafkaops.engine.ownership.Ownership;
import io.kafkaops.engine.ownership.OwnershipRecord;
import io.kafkaops.engine.plan.Planner;
import io.kafkaops.engine.state.ClusterState;
import io.kafkaops.engine.state.CurrentTopic;
import io.kafkaops.engine.state.ReadScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.UserScramCredentialsDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Reads a stage's current state with a constant number of Admin calls, whatever the number of entities:
 * describeCluster, one describeTopics of the ownership topic (a listTopics for a read by name pattern), one
 * describeTopics and one describeConfigs for all topics of interest, one
 * describeAcls for every binding, one describeUserScramCredentials for every user; plus one read of the ownership
 * topic to its end offsets, while the broker answers the describe calls: from the stage's latest snapshot when there is
 * one, otherwise from the beginning ({@link OwnershipLog}), keeping only the stage's records. Topics the repository
 * owns but no longer declares are only known from the ownership records: when there are some, one more
 * describeTopics and describeConfigs ask for them. Read rights are enough.
 */
public final class AdminClusterReader {

    private final AdminCalls admin;
    private final OwnershipLog ownership;
    private final Duration timeout;
    private final String stage;
    private final String servers;
    /** The answer of {@link #clusterId()}, until a read uses it. */
    private DescribeClusterResult identified;
    /** The id {@link #clusterId()} read. */
    private String clusterId;

    private final Principals principals;
    private final boolean scramUsers;

    AdminClusterReader(AdminCalls admin, OwnershipLog ownership, Duration timeout, String stage, String servers) {
        this(admin, ownership, timeout, stage, servers, Principals.SAME, true);
    }

    /**
     * @param principals how the cluster names the principals of ACLs
     * @param scramUsers whether the cluster has SCRAM users to read (Confluent Cloud keeps credentials elsewhere)
     */
    AdminClusterReader(AdminCalls admin, OwnershipLog ownership, Duration timeout, String stage, String servers,
                       Principals principals, boolean scramUsers) {
        this.admin = admin;
        this.ownership = ownership;
        this.timeout = timeout;
        this.stage = stage;
        this.servers = servers;
        this.principals = principals;
        this.scramUsers = scramUsers;
    }

    /**
     * The cluster's id, from one describeCluster call; the next {@link #read} takes the brokers from the same answer,
     * so checking the id costs no extra round trip.
     */
    public String clusterId() throws ClusterException {
        if (clusterId != null) return clusterId;
        DescribeClusterResult described = admin.describeCluster();
        identified = described;
        clusterId = await(described.clusterId(), "reading the cluster id");
        return clusterId;
    }

    public ClusterState read(ReadScope scope, TopicsOfInterest topicsOfInterest) throws ClusterException {
        ownership.scope(scope);
        DescribeClusterResult described = identified != null ? identified : admin.describeCluster();
        identified = null;
        // Asked at once with the cluster's description. A read by name pattern (an import) lists every topic; any
        // other read describes its topics by name, taking those the broker does not show for absent, and only asks
        // whether the ownership topic is there: what it reads grows with the repository, not with the cluster.
        boolean byName = topicsOfInterest.byName();
        KafkaFuture<Set<String>> listed = byName ? admin.listTopics().names() : null;
        KafkaFuture<TopicDescription> ownershipDescribed = byName ? null
                : admin.describeTopics(List.of(Ownership.TOPIC)).topicNameValues().get(Ownership.TOPIC);
        Collection<Node> nodes = await(described.nodes(), "describing the cluster");
        Set<String> names = byName ? await(listed, "listing topics") : null;
        Integer brokerId = nodes.stream().map(Node::id).sorted().findFirst().orElse(null);

        // Everything but the topics this repository owns and no longer declares is known before the ownership
        // records: ask for it first, so the broker answers while the ownership topic is read.
        Set<String> declared = inScope(topicsOfInterest.select(Map.of(), names == null ? Set.of() : names), names,
                scope);
        PendingTopics pending = describeTopics(declared, brokerId);
        KafkaFuture<Collection<AclBinding>> aclsFuture = admin.describeAcls(AclBindingFilter.ANY).values();
        KafkaFuture<Map<String, UserScramCredentialsDescription>> usersFuture = scramUsers
                ? admin.describeUserScramCredentials().all() : KafkaFuture.completedFuture(Map.of());

        boolean ownershipTopic = byName ? names.contains(Ownership.TOPIC)
                : awaitTopic(ownershipDescribed, "describing the ownership topic " + Ownership.TOPIC) != null;
        Map<String, OwnershipRecord> owners = new TreeMap<>();
        if (ownershipTopic) {
            ownership.readAll().forEach((k, v) -> {
                if (scope.containsKey(k)) owners.put(k, v);
            });
        }

        Map<String, String> brokerDefaults = pending.brokerConfig() == null ? null
                : brokerDefaults(pending.brokerConfig());
        Map<String, CurrentTopic> topics = collect(pending, brokerDefaults);
        Set<String> ownedOnly = inScope(topicsOfInterest.select(owners, names == null ? Set.of() : names), names,
                scope);
        ownedOnly.removeAll(declared);
        if (!ownedOnly.isEmpty()) {
            PendingTopics more = describeTopics(ownedOnly, brokerDefaults == null ? brokerId : null);
            if (more.brokerConfig() != null) brokerDefaults = brokerDefaults(more.brokerConfig());
            topics.putAll(collect(more, brokerDefaults));
        }

        // before the ACLs: a principal's record may keep the cluster's id of it (Confluent Cloud service accounts)
        principals.recorded(owners);
        List<AclSpec> acls = new ArrayList<>();
        for (AclBinding b : await(aclsFuture, "describing ACLs")) {
            AclSpec spec = spec(b, principals);
            if (scope.containsPrincipal(spec.principal())) acls.add(spec);
        }

        Map<String, Set<String>> scram = new TreeMap<>();
        Map<String, UserScramCredentialsDescription> users = await(usersFuture, "describing SCRAM users");
        for (UserScramCredentialsDescription u : users.values()) {
            if (!scope.contains(u.name())) continue;
            Set<String> mechanisms = new TreeSet<>();
            for (ScramCredentialInfo i : u.credentialInfos()) mechanisms.add(i.mechanism().mechanismName());
            scram.put(u.name(), mechanisms);
        }

        List<Integer> brokers = nodes.stream().map(Node::id).sorted().toList();
        return new ClusterState(topics, acls, scram, owners, ownershipTopic, brokers);
    }

    /** The wanted topics in the scope; with {@code existing} (a listing), only those it names. */
    private static Set<String> inScope(Set<String> wanted, Set<String> existing, ReadScope scope) {
        Set<String> out = new TreeSet<>();
        for (String t : wanted) {
            if ((existing == null || existing.contains(t)) && scope.containsTopic(t)) out.add(t);
        }
        return out;
    }

    static AclSpec spec(AclBinding b) {
        return spec(b, Principals.SAME);
    }

    /** The binding with its principal as plans name it. */
    static AclSpec spec(AclBinding b, Principals principals) {
        return new AclSpec(principals.fromCluster(b.entry().principal()), b.pattern().resourceType().name(), b.pattern().name(),
                b.pattern().patternType().name(), b.entry().operation().name(), b.entry().permissionType().name(),
                b.entry().host());
    }

    /** Descriptions and configs asked for and not yet awaited; {@code brokerConfig} is null when not asked. */
    private record PendingTopics(Set<String> names, Map<String, KafkaFuture<TopicDescription>> descriptions,
                                 Map<ConfigResource, KafkaFuture<Config>> configs, KafkaFuture<Config> brokerConfig) {
    }

    /**
     * Asks for the topics and their configs; a broker's config rides along in the same describeConfigs call, for the
     * defaults a topic falls back to when its own retention.ms is removed (Kafka lists no broker synonym for it).
     */
    private PendingTopics describeTopics(Set<String> names, Integer brokerId) {
        if (names.isEmpty()) return new PendingTopics(names, Map.of(), Map.of(), null);
        Map<String, KafkaFuture<TopicDescription>> descriptions = admin.describeTopics(names).topicNameValues();
        List<ConfigResource> resources = new ArrayList<>(names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList());
        ConfigResource broker = brokerId == null ? null
                : new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(brokerId));
        if (broker != null) resources.add(broker);
        // no synonyms: the broker's own config, asked for in the same call, gives what an override falls back to
        Map<ConfigResource, KafkaFuture<Config>> configs = admin.describeConfigs(resources, false).values();
        return new PendingTopics(names, descriptions, configs, broker == null ? null : configs.get(broker));
    }

    private Map<String, CurrentTopic> collect(PendingTopics pending, Map<String, String> brokerDefaults)
            throws ClusterException {
        Map<String, CurrentTopic> out = new HashMap<>();
        Map<String, String> defaults = brokerDefaults == null ? Map.of() : brokerDefaults;
        List<String> needSynonyms = new ArrayList<>();
        for (String name : pending.names()) {
            TopicDescription d = awaitTopic(pending.descriptions().get(name), "describing topic " + name);
            if (d == null) continue; // deleted since it was listed
            Config c = awaitTopic(pending.configs().get(new ConfigResource(ConfigResource.Type.TOPIC, name)),
                    "describing the configs of topic " + name);
            CurrentTopic t = topic(d, c, defaults);
            out.put(name, t);
            for (String key : Planner.SAFETY_KEYS) {
                if (t.dynamicConfigs().containsKey(key) && !t.defaults().containsKey(key)) {
                    needSynonyms.add(name);
                    break;
                }
            }
        }
        if (!needSynonyms.isEmpty()) {
            // the broker's config could not be read: what those overrides fall back to comes from their synonyms
            Map<ConfigResource, KafkaFuture<Config>> again = admin.describeConfigs(needSynonyms.stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList(), true).values();
            for (String name : needSynonyms) {
                TopicDescription d = awaitTopic(pending.descriptions().get(name), "describing topic " + name);
                Config c = awaitTopic(again.get(new ConfigResource(ConfigResource.Type.TOPIC, name)),
                        "describing the configs of topic " + name);
                if (d != null && c != null) out.put(name, topic(d, c, defaults));
            }
        }
        return out;
    }

    /**
     * The broker-level values the safety configs default to, in the topic configs' units. Empty when the broker's
     * config cannot be read (a planning principal without DESCRIBE_CONFIGS on the cluster): the planner then treats
     * removing a retention override as possibly destructive.
     */
    private Map<String, String> brokerDefaults(KafkaFuture<Config> future) {
        Config c;
        try {
            c = future.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        } catch (Exception e) {
            return Map.of();
        }
        Map<String, String> values = new HashMap<>();
        for (ConfigEntry e : c.entries()) {
            if (e.value() != null) values.put(e.name(), e.value());
        }
        Map<String, String> out = new HashMap<>();
        try {
            // Kafka's own precedence: log.retention.ms, then minutes, then hours
            if (values.containsKey("log.retention.ms")) {
                out.put("retention.ms", values.get("log.retention.ms"));
            } else if (values.containsKey("log.retention.minutes")) {
                out.put("retention.ms", Long.toString(Long.parseLong(values.get("log.retention.minutes")) * 60_000L));
            } else if (values.containsKey("log.retention.hours")) {
                out.put("retention.ms", Long.toString(Long.parseLong(values.get("log.retention.hours")) * 3_600_000L));
            }
        } catch (NumberFormatException e) {
            out.remove("retention.ms");
        }
        if (values.containsKey("log.retention.bytes")) out.put("retention.bytes", values.get("log.retention.bytes"));
        if (values.containsKey("log.cleanup.policy")) out.put("cleanup.policy", values.get("log.cleanup.policy"));
        return out;
    }

    static CurrentTopic topic(TopicDescription d, Config c, Map<String, String> brokerDefaults) {
        List<List<Integer>> replicas = new ArrayList<>();
        List<TopicPartitionInfo> partitions = d.partitions().stream()
                .sorted(java.util.Comparator.comparingInt(TopicPartitionInfo::partition)).toList();
        for (TopicPartitionInfo p : partitions) replicas.add(p.replicas().stream().map(Node::id).toList());
        int rf = replicas.isEmpty() ? 0 : replicas.get(0).size();
        Map<String, String> dynamic = new TreeMap<>();
        Map<String, String> effective = new HashMap<>();
        Map<String, String> defaults = new HashMap<>();
        if (c != null) {
            for (ConfigEntry e : c.entries()) {
                if (e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG && e.value() != null) {
                    dynamic.put(e.name(), e.value());
                }
                if (Planner.SAFETY_KEYS.contains(e.name())) {
                    if (e.value() != null) effective.put(e.name(), e.value());
                    String fallback = fallback(e);
                    if (fallback == null) fallback = brokerDefaults.get(e.name());
                    if (fallback != null) defaults.put(e.name(), fallback);
                }
            }
        }
        return new CurrentTopic(d.name(), partitions.size(), rf, dynamic, effective, defaults, replicas);
    }

    /** The value a config falls back to without the topic's own setting, in the topic config's unit. */
    private static String fallback(ConfigEntry e) {
        if (e.source() != ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) return e.value();
        for (ConfigEntry.ConfigSynonym s : e.synonyms()) {
            if (s.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG || s.value() == null) continue;
            // the broker-level synonyms of retention.ms come in hours and minutes too (log.retention.hours)
            try {
                if (s.name().endsWith(".hours")) return Long.toString(Long.parseLong(s.value()) * 3_600_000L);
                if (s.name().endsWith(".minutes")) return Long.toString(Long.parseLong(s.value()) * 60_000L);
            } catch (NumberFormatException ex) {
                return null;
            }
            return s.value();
        }
        return null;
    }

    private <T> T await(KafkaFuture<T> future, String doing) throws ClusterException {
        return KafkaErrors.await(future, timeout, stage, servers, doing);
    }

    /** A topic's value, or null when the broker does not show the topic ({@link KafkaErrors#awaitShown}). */
    private <T> T awaitTopic(KafkaFuture<T> future, String doing) throws ClusterException {
        return KafkaErrors.awaitShown(future, timeout, stage, servers, doing);
    }
}
