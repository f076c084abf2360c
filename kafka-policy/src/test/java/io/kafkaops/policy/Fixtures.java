package io.kafkaops.policy;

import io.kafkaops.model.AclOperation;
import io.kafkaops.model.AclPermission;
import io.kafkaops.model.AclResourceType;
import io.kafkaops.model.EntityModel;
import io.kafkaops.model.ExternalRef;
import io.kafkaops.model.Grant;
import io.kafkaops.model.Location;
import io.kafkaops.model.Origin;
import io.kafkaops.model.PatternType;
import io.kafkaops.model.RawAcl;
import io.kafkaops.model.ResourceRef;
import io.kafkaops.model.ServiceAccount;
import io.kafkaops.model.Topic;
import io.kafkaops.model.TopicOverride;
import io.kafkaops.model.Visibility;
import io.kafkaops.model.platform.Cluster;
import io.kafkaops.model.platform.PlatformDefinition;
import io.kafkaops.model.platform.PolicyConfig;
import io.kafkaops.model.platform.PolicyLevel;
import io.kafkaops.model.platform.Stage;
import io.kafkaops.model.platform.Team;
import io.kafkaops.model.platform.TeamPrefixes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builders for models and platform definitions as the loader would produce them, with a distinct location for every
 * entity and field so tests can tell which field a policy pointed at.
 */
public final class Fixtures {

    public static final String FILE = "src/main/kafka/billing.yaml";
    public static final String PLATFORM_FILE = "platform.yaml";
    public static final String REPOSITORY = "com.example.billing:billing-service";

    /** Each entity gets a block of 100 lines; its fields get the lines after its first. */
    private static final AtomicInteger BLOCKS = new AtomicInteger();
    private static final AtomicInteger PLATFORM_LINES = new AtomicInteger(10);

    private Fixtures() {
    }

    /** Locations of one entity: the entity at its first line, each field registered on a line of its own. */
    static final class Places {
        private final String file;
        private final int base;
        private int next = 1;
        private final Map<String, Location> fields = new LinkedHashMap<>();

        Places(String file) {
            this.file = file;
            this.base = BLOCKS.incrementAndGet() * 100;
        }

        Location field(String path) {
            return fields.computeIfAbsent(path, p -> new Location(file, base + next++, 7));
        }

        Origin origin() {
            return new Origin(new Location(file, base, 5), fields);
        }
    }

    public static TopicBuilder topic(String name) {
        return new TopicBuilder(name, FILE);
    }

    public static ServiceAccountBuilder serviceAccount(String name) {
        return new ServiceAccountBuilder(name, FILE);
    }

    public static GrantBuilder grant(String serviceAccount) {
        return new GrantBuilder(serviceAccount, FILE);
    }

    public static RawAclBuilder acl(String principal, AclResourceType type, String resourceName, AclOperation op) {
        return new RawAclBuilder(principal, type, resourceName, op);
    }

    public static ModelBuilder model() {
        return new ModelBuilder();
    }

    public static PlatformBuilder platform() {
        return new PlatformBuilder();
    }

    public static PolicyConfig policy(String rule, PolicyLevel level, Map<String, Object> params) {
        return new PolicyConfig(rule, level, params, new Location(PLATFORM_FILE, PLATFORM_LINES.incrementAndGet(), 5));
    }

    public static PolicyConfig policy(String rule, Map<String, Object> params) {
        return policy(rule, PolicyLevel.ERROR, params);
    }

    /** A context for the billing team's repository on the default platform, offline (no known topics). */
    public static PolicyContext context(EntityModel model) {
        return context(model, platform().build());
    }

    public static PolicyContext context(EntityModel model, PlatformDefinition platform) {
        return new PolicyContext(model, platform, platform.team("billing"), REPOSITORY, Map.of());
    }

    /** A context at plan time on stage test: {@code knownTopics} is every topic other repositories own there. */
    public static PolicyContext context(EntityModel model, PlatformDefinition platform, Optional<Team> team,
                                        Map<String, KnownTopic> knownTopics) {
        return new PolicyContext(model, platform, team, REPOSITORY, knownTopics, "test");
    }

    /** Runs one policy the way the engine does: parameters checked first, then evaluated. */
    public static List<Violation> run(Policy policy, PolicyContext context, Map<String, Object> params) {
        PolicyParams p = new PolicyParams(policy.id(), params);
        policy.checkParams(p);
        return policy.evaluate(context, p);
    }

    public static List<Violation> run(Policy policy, PolicyContext context) {
        return run(policy, context, Map.of());
    }

    public static final class TopicBuilder {
        private final String name;
        private final Places places;
        private Integer partitions;
        private Integer replicationFactor;
        private final Map<String, String> config = new LinkedHashMap<>();
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private Visibility visibility;
        private List<String> sharedWith;
        private boolean protectedTopic;
        private List<String> deployTo;
        private final Map<String, TopicOverride> overrides = new LinkedHashMap<>();

        TopicBuilder(String name, String file) {
            this.name = name;
            this.places = new Places(file);
            places.field("name");
        }

        public TopicBuilder partitions(int n) {
            places.field("partitions");
            partitions = n;
            return this;
        }

        public TopicBuilder replicationFactor(int n) {
            places.field("replicationFactor");
            replicationFactor = n;
            return this;
        }

        public TopicBuilder config(String key, String value) {
            places.field("config");
            places.field("config." + key);
            config.put(key, value);
            return this;
        }

        public TopicBuilder metadata(String key, String value) {
            places.field("metadata");
            places.field("metadata." + key);
            metadata.put(key, value);
            return this;
        }

        public TopicBuilder visibility(Visibility v, String... sharedWithTeams) {
            places.field("visibility");
            visibility = v;
            if (sharedWithTeams.length > 0) {
                places.field("sharedWith");
                for (int i = 0; i < sharedWithTeams.length; i++) places.field("sharedWith[" + i + "]");
                sharedWith = List.of(sharedWithTeams);
            }
            return this;
        }

        public TopicBuilder protectedTopic() {
            protectedTopic = true;
            return this;
        }

        public TopicBuilder deployTo(String... stages) {
            places.field("deployTo");
            for (int i = 0; i < stages.length; i++) places.field("deployTo[" + i + "]");
            deployTo = List.of(stages);
            return this;
        }

        public TopicBuilder override(String stage, Integer partitions, Integer replicationFactor,
                                     Map<String, String> config) {
            places.field("overrides");
            places.field("overrides." + stage);
            if (partitions != null) places.field("overrides." + stage + ".partitions");
            if (replicationFactor != null) places.field("overrides." + stage + ".replicationFactor");
            for (String k : config.keySet()) places.field("overrides." + stage + ".config." + k);
            overrides.put(stage, new TopicOverride(partitions, replicationFactor, config));
            return this;
        }

        public Topic build() {
            return new Topic(name, partitions, replicationFactor, config, metadata, visibility, sharedWith,
                    protectedTopic, deployTo, overrides, places.origin());
        }
    }

    public static final class ServiceAccountBuilder {
        private final String name;
        private final Places places;
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private List<String> deployTo;

        ServiceAccountBuilder(String name, String file) {
            this.name = name;
            this.places = new Places(file);
            places.field("name");
        }

        public ServiceAccountBuilder metadata(String key, String value) {
            places.field("metadata");
            places.field("metadata." + key);
            metadata.put(key, value);
            return this;
        }

        public ServiceAccountBuilder deployTo(String... stages) {
            places.field("deployTo");
            for (int i = 0; i < stages.length; i++) places.field("deployTo[" + i + "]");
            deployTo = List.of(stages);
            return this;
        }

        public ServiceAccount build() {
            return new ServiceAccount(name, null, true, metadata, deployTo, places.origin());
        }
    }

    public static final class GrantBuilder {
        private final String serviceAccount;
        private final Places places;
        private final Map<String, List<ResourceRef>> lists = new HashMap<>();

        GrantBuilder(String serviceAccount, String file) {
            this.serviceAccount = serviceAccount;
            this.places = new Places(file);
            places.field("serviceAccount");
        }

        private GrantBuilder add(String field, PatternType type, String... names) {
            places.field(field);
            List<ResourceRef> refs = lists.computeIfAbsent(field, f -> new ArrayList<>());
            for (String n : names) {
                Location l = places.field(field + "[" + refs.size() + "]");
                refs.add(new ResourceRef(n, type, l));
            }
            return this;
        }

        public GrantBuilder produce(String... topics) {
            return add("produce", PatternType.LITERAL, topics);
        }

        public GrantBuilder producePrefix(String prefix) {
            return add("produce", PatternType.PREFIXED, prefix);
        }

        public GrantBuilder consume(String... topics) {
            return add("consume", PatternType.LITERAL, topics);
        }

        public GrantBuilder consumePrefix(String prefix) {
            return add("consume", PatternType.PREFIXED, prefix);
        }

        public GrantBuilder groups(String... groups) {
            return add("groups", PatternType.LITERAL, groups);
        }

        public GrantBuilder groupPrefix(String prefix) {
            return add("groups", PatternType.PREFIXED, prefix);
        }

        public GrantBuilder transactionalIds(String... ids) {
            return add("transactionalIds", PatternType.LITERAL, ids);
        }

        public Grant build() {
            return new Grant(serviceAccount, lists.get("produce"), lists.get("consume"), lists.get("groups"),
                    lists.get("transactionalIds"), places.origin());
        }
    }

    public static final class RawAclBuilder {
        private final String principal;
        private final AclResourceType type;
        private final String resourceName;
        private final AclOperation operation;
        private PatternType patternType = PatternType.LITERAL;
        private AclPermission permission = AclPermission.ALLOW;
        private final Places places = new Places(FILE);

        RawAclBuilder(String principal, AclResourceType type, String resourceName, AclOperation operation) {
            this.principal = principal;
            this.type = type;
            this.resourceName = resourceName;
            this.operation = operation;
            for (String f : List.of("principal", "resourceType", "resourceName", "patternType", "operation")) {
                places.field(f);
            }
        }

        public RawAclBuilder prefixed() {
            patternType = PatternType.PREFIXED;
            return this;
        }

        public RawAclBuilder deny() {
            permission = AclPermission.DENY;
            return this;
        }

        public RawAcl build() {
            return new RawAcl(principal, type, resourceName, patternType, operation, permission, "*",
                    places.origin());
        }
    }

    public static final class ModelBuilder {
        private final List<Topic> topics = new ArrayList<>();
        private final List<ServiceAccount> serviceAccounts = new ArrayList<>();
        private final List<Grant> grants = new ArrayList<>();
        private final List<RawAcl> acls = new ArrayList<>();
        private final List<ExternalRef> externalTopics = new ArrayList<>();
        private final List<ExternalRef> externalServiceAccounts = new ArrayList<>();

        public ModelBuilder topics(Topic... t) {
            topics.addAll(Arrays.asList(t));
            return this;
        }

        public ModelBuilder topics(TopicBuilder... t) {
            for (TopicBuilder b : t) topics.add(b.build());
            return this;
        }

        public ModelBuilder serviceAccounts(ServiceAccount... s) {
            serviceAccounts.addAll(Arrays.asList(s));
            return this;
        }

        public ModelBuilder serviceAccounts(ServiceAccountBuilder... s) {
            for (ServiceAccountBuilder b : s) serviceAccounts.add(b.build());
            return this;
        }

        public ModelBuilder grants(Grant... g) {
            grants.addAll(Arrays.asList(g));
            return this;
        }

        public ModelBuilder grants(GrantBuilder... g) {
            for (GrantBuilder b : g) grants.add(b.build());
            return this;
        }

        public ModelBuilder acls(RawAcl... a) {
            acls.addAll(Arrays.asList(a));
            return this;
        }

        public ModelBuilder acls(RawAclBuilder... a) {
            for (RawAclBuilder b : a) acls.add(b.build());
            return this;
        }

        public ModelBuilder externalTopics(String... names) {
            Places places = new Places(FILE);
            for (int i = 0; i < names.length; i++) {
                externalTopics.add(new ExternalRef(names[i], places.field("external.topics[" + i + "]")));
            }
            return this;
        }

        public ModelBuilder externalServiceAccounts(String... names) {
            Places places = new Places(FILE);
            for (int i = 0; i < names.length; i++) {
                externalServiceAccounts.add(
                        new ExternalRef(names[i], places.field("external.serviceAccounts[" + i + "]")));
            }
            return this;
        }

        public EntityModel build() {
            return new EntityModel(topics, serviceAccounts, grants, acls, externalTopics, externalServiceAccounts,
                    List.of(FILE));
        }
    }

    public static final class PlatformBuilder {
        private List<Stage> stages = stageList("dev", "test", "preprod", "prod");
        private final Map<String, Cluster> clusters = new LinkedHashMap<>();
        private final List<Team> teams = new ArrayList<>(List.of(
                Fixtures.team("billing", "billing.", "billing-"),
                Fixtures.team("toll", "toll.", "toll-"),
                Fixtures.team("fleet", "fleet.", "fleet-")));
        private final List<PolicyConfig> policies = new ArrayList<>();
        private int defaultPartitions = 3;
        private int defaultReplicationFactor = 3;

        public PlatformBuilder stages(String... names) {
            stages = stageList(names);
            return this;
        }

        /** Adds a development stage on an embedded cluster of its own, after the other stages. */
        public PlatformBuilder developmentStage(String name) {
            stages = new ArrayList<>(stages);
            stages.add(new Stage(name, name + "-broker", "", true, new Location(PLATFORM_FILE, 2 + stages.size(), 5)));
            clusters.put(name + "-broker", new Cluster(name + "-broker", Cluster.TYPE_EMBEDDED, null, Map.of(), null,
                    Location.ofFile(PLATFORM_FILE)));
            return this;
        }

        public PlatformBuilder policies(PolicyConfig... p) {
            policies.addAll(Arrays.asList(p));
            return this;
        }

        public PlatformBuilder defaults(int partitions, int replicationFactor) {
            defaultPartitions = partitions;
            defaultReplicationFactor = replicationFactor;
            return this;
        }

        public PlatformBuilder team(Team t) {
            teams.add(t);
            return this;
        }

        public PlatformDefinition build() {
            return new PlatformDefinition(stages, clusters, teams, policies, defaultPartitions,
                    defaultReplicationFactor, PLATFORM_FILE);
        }

        private static List<Stage> stageList(String... names) {
            List<Stage> out = new ArrayList<>();
            for (int i = 0; i < names.length; i++) {
                out.add(new Stage(names[i], "nonprod", names[i] + ".", true, new Location(PLATFORM_FILE, 2 + i, 5)));
            }
            return out;
        }
    }

    /** A team owning {@code topicPrefix} for topics and {@code otherPrefix} for everything else. */
    public static Team team(String name, String topicPrefix, String otherPrefix) {
        return new Team(name, new TeamPrefixes(List.of(topicPrefix), List.of(otherPrefix), List.of(otherPrefix),
                List.of(otherPrefix)), List.of("com.example." + name + ":*"), Map.of(), Location.ofFile(PLATFORM_FILE));
    }
}
