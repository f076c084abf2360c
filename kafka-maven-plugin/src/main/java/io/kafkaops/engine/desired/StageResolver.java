package io.kafkaops.engine.desired;

import io.kafkaops.model.AclEntry;
import io.kafkaops.model.AclResourceType;
import io.kafkaops.model.EntityModel;
import io.kafkaops.model.ExternalRef;
import io.kafkaops.model.GrantExpander;
import io.kafkaops.model.PatternType;
import io.kafkaops.model.ServiceAccount;
import io.kafkaops.model.Topic;
import io.kafkaops.model.TopicOverride;
import io.kafkaops.model.Units;
import io.kafkaops.model.platform.PlatformDefinition;
import io.kafkaops.model.platform.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a repo's logical entities into what must exist on one stage: entities not deployed to the stage are dropped,
 * the stage's overrides and the platform defaults are applied, and the stage prefix is put in front of every topic,
 * principal, consumer group and transactional id (prefixed ACLs stay prefixed, with the stage prefix added). A
 * development stage (embedded cluster) gets what the first promotion stage gets, on one replica.
 */
public final class StageResolver {

    private static final String USER = "User:";
    private static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";

    private StageResolver() {
    }

    /**
     * @throws IllegalArgumentException when the platform definition has no such stage
     */
    public static DesiredState resolve(EntityModel model, PlatformDefinition platform, String stageName,
                                       String repository, String team) {
        Stage stage = platform.stage(stageName).orElseThrow(() -> new IllegalArgumentException(
                "unknown stage '" + stageName + "': the platform definition has " + platform.stageNames()));
        return resolve(model, platform, stage, repository, team);
    }

    /** {@link #resolve(EntityModel, PlatformDefinition, String, String, String)} for a stage already looked up. */
    public static DesiredState resolve(EntityModel model, PlatformDefinition platform, Stage stage,
                                       String repository, String team) {
        String stageName = stage.name();

        List<DesiredTopic> topics = new ArrayList<>();
        for (Topic t : model.topics()) {
            if (platform.deploys(t.deployTo(), stageName)) topics.add(topic(t, stage, platform));
        }

        List<DesiredPrincipal> principals = new ArrayList<>();
        Set<String> deployedAccounts = model.serviceAccounts().stream()
                .filter(sa -> platform.deploys(sa.deployTo(), stageName)).map(ServiceAccount::name)
                .collect(Collectors.toSet());
        for (ServiceAccount sa : model.serviceAccounts()) {
            if (deployedAccounts.contains(sa.name())) {
                principals.add(new DesiredPrincipal(stage.physicalName(sa.name()), sa.name(), sa.description(),
                        sa.credentials(), sa.origin()));
            }
        }

        Set<String> externalAccounts = model.externalServiceAccounts().stream().map(ExternalRef::name)
                .collect(Collectors.toSet());
        Map<String, Topic> ownTopics = model.topics().stream()
                .collect(Collectors.toMap(Topic::name, t -> t, (a, b) -> a));
        Map<String, AclEntry> acls = new LinkedHashMap<>();
        for (AclEntry e : GrantExpander.expand(model)) {
            if (!keep(e, platform, stageName, deployedAccounts, externalAccounts, ownTopics)) continue;
            AclEntry physical = physical(e, stage);
            acls.putIfAbsent(physical.key(), physical);
        }
        return new DesiredState(stageName, stage.prefix(), repository, team, topics, principals,
                List.copyOf(acls.values()));
    }

    private static DesiredTopic topic(Topic t, Stage stage, PlatformDefinition platform) {
        TopicOverride o = t.overrides().get(stage.name());
        Integer partitions = o != null && o.partitions() != null ? o.partitions() : t.partitions();
        Integer rf = o != null && o.replicationFactor() != null ? o.replicationFactor() : t.replicationFactor();
        Map<String, String> config = new LinkedHashMap<>();
        t.config().forEach((k, v) -> config.put(k, Units.normalizeConfigValue(k, v)));
        if (o != null) o.config().forEach((k, v) -> config.put(k, Units.normalizeConfigValue(k, v)));
        int replicationFactor = rf != null ? rf : platform.defaultReplicationFactor();
        if (platform.isDevelopmentStage(stage.name())) {
            // one embedded broker holds one replica: more could never be placed, nor acknowledged by more ISRs
            replicationFactor = 1;
            config.computeIfPresent(MIN_INSYNC_REPLICAS, (k, v) -> "1");
        }
        return new DesiredTopic(stage.physicalName(t.name()), t.name(),
                partitions != null ? partitions : platform.defaultPartitions(), replicationFactor,
                config, t.protectedTopic(), t.visibility(), t.sharedWith(), t.origin());
    }

    /**
     * A binding is kept when its service account is deployed to the stage or external, and when it names one of the
     * repo's own topics literally, only if that topic is deployed to the stage too.
     */
    private static boolean keep(AclEntry e, PlatformDefinition platform, String stage, Set<String> deployedAccounts,
                                Set<String> externalAccounts, Map<String, Topic> ownTopics) {
        if (!e.principal().startsWith(USER)) return false;
        String account = e.principal().substring(USER.length());
        if (!deployedAccounts.contains(account) && !externalAccounts.contains(account)) return false;
        if (e.resourceType() == AclResourceType.TOPIC && e.patternType() == PatternType.LITERAL) {
            Topic own = ownTopics.get(e.resourceName());
            return own == null || platform.deploys(own.deployTo(), stage);
        }
        return true;
    }

    private static AclEntry physical(AclEntry e, Stage stage) {
        String account = e.principal().substring(USER.length());
        String principal = "*".equals(account) ? e.principal() : USER + stage.physicalName(account);
        String resource = e.resourceName();
        boolean stageScoped = e.resourceType() == AclResourceType.TOPIC || e.resourceType() == AclResourceType.GROUP
                || e.resourceType() == AclResourceType.TRANSACTIONAL_ID;
        // a literal "*" is Kafka's wildcard, not a name; prefixing it would change its meaning
        boolean wildcard = e.patternType() == PatternType.LITERAL && "*".equals(resource);
        if (stageScoped && !wildcard) resource = stage.physicalName(resource);
        return new AclEntry(principal, e.resourceType(), resource, e.patternType(), e.operation(), e.permission(),
                e.host(), e.origin());
    }
}
